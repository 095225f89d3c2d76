import CLibPNG
import Platform

/// PNG encoding through libpng's simplified API (`png_image_write_to_memory`).
extension Canvas {
    /// The channels a PNG is written with.
    public enum PNGFormat: Sendable {
        /// Red, green, blue; the alpha channel is dropped (for opaque figures).
        case rgb
        /// Red, green, blue and straight alpha.
        case rgba
    }

    /// The canvas encoded as a PNG file's bytes.
    ///
    /// Uses libpng's fast compression setting (`PNG_IMAGE_FLAG_FAST`): figures are mostly flat colour,
    /// which compresses well either way.
    /// - Throws: `PlotError.encodingFailed` with libpng's message.
    public func pngData(format: PNGFormat = .rgba) throws -> [UInt8] {
        var image = png_image()
        image.version = CLibPNGImageVersion
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = format == .rgba ? CLibPNGFormatRGBA : CLibPNGFormatRGB
        image.flags = CLibPNGImageFlagFast
        let channels = format == .rgba ? 4 : 3
        var source = pixels
        if format == .rgb {
            source = [UInt8](unsafeUninitializedCapacity: width * height * 3) { out, count in
                pixels.withUnsafeBufferPointer { p in
                    for i in 0..<(width * height) {
                        out[3 * i] = p[4 * i]
                        out[3 * i + 1] = p[4 * i + 1]
                        out[3 * i + 2] = p[4 * i + 2]
                    }
                }
                count = width * height * 3
            }
        }
        let stride = Int32(width * channels)
        return try source.withUnsafeBufferPointer { buffer -> [UInt8] in
            // One pass into a buffer of the largest possible size, rather than a sizing pass and a writing pass.
            var size = Int(CLibPNGImageSizeMax(&image))
            var bytes = [UInt8](repeating: 0, count: size)
            let ok = bytes.withUnsafeMutableBytes { out in
                png_image_write_to_memory(&image, out.baseAddress, &size, 0, buffer.baseAddress, stride, nil)
            }
            guard ok != 0 else { throw PlotError.encodingFailed(Canvas.message(of: &image)) }
            return Array(bytes.prefix(size))
        }
    }

    /// Encodes the canvas as PNG and writes it to `path` atomically (temporary file + rename).
    /// - Throws: `PlotError.encodingFailed`, or `PlotError.cannotWrite` naming the path; on failure no file
    ///   (neither `path` nor a temporary) is left behind.
    public func writePNG(to path: String, format: PNGFormat = .rgba) throws {
        try Canvas.writeFile(try pngData(format: format), to: path)
    }

    /// Writes encoded bytes to `path` with `AtomicFile`; a failure becomes `PlotError.cannotWrite`.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch let error as AtomicFileError {
            throw PlotError.cannotWrite(path: path, reason: error.error.message)
        }
    }

    static func message(of image: inout png_image) -> String {
        defer { png_image_free(&image) }
        return withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
