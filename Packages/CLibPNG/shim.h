// libpng's simplified API (png_image_*), for the Plot library.
//
// Composite macros (PNG_FORMAT_RGBA = PNG_FORMAT_RGB | PNG_FORMAT_FLAG_ALPHA, …) do not import into
// Swift; they are re-exported here as constants with the same values.
#ifndef CLIBPNG_SHIM_H
#define CLIBPNG_SHIM_H

#include <png.h>

/// 8-bit RGB pixels, 3 bytes each.
static const png_uint_32 CLibPNGFormatRGB = PNG_FORMAT_RGB;
/// 8-bit RGBA pixels (straight, not premultiplied, alpha), 4 bytes each.
static const png_uint_32 CLibPNGFormatRGBA = PNG_FORMAT_RGBA;
/// The version a png_image must carry.
static const png_uint_32 CLibPNGImageVersion = PNG_IMAGE_VERSION;
/// Favour speed over compression when writing.
static const png_uint_32 CLibPNGImageFlagFast = PNG_IMAGE_FLAG_FAST;

/// An upper bound on the size of the PNG stream of `image` (PNG_IMAGE_PNG_SIZE_MAX), so that one
/// png_image_write_to_memory call into a buffer of this size always succeeds.
static inline png_alloc_size_t CLibPNGImageSizeMax(const png_image *image) {
    return PNG_IMAGE_PNG_SIZE_MAX(*image);
}

#endif
