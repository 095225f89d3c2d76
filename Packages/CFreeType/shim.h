// FreeType, for the Plot library's text.
//
// Composite macros (FT_LOAD_TARGET_LIGHT = FT_LOAD_TARGET_(FT_RENDER_MODE_LIGHT), …) do not import
// into Swift; they are re-exported here as constants with the same values.
#ifndef CFREETYPE_SHIM_H
#define CFREETYPE_SHIM_H

#include <ft2build.h>
#include FT_FREETYPE_H

/// Light (vertical-only) hinting, as the auto-hinter's "light" target.
static const FT_Int32 CFreeTypeLoadTargetLight = FT_LOAD_TARGET_LIGHT;
/// Load flags for unhinted outlines (used for rotated text).
static const FT_Int32 CFreeTypeLoadNoHinting = FT_LOAD_NO_HINTING;
/// Force the auto-hinter.
static const FT_Int32 CFreeTypeLoadForceAutohint = FT_LOAD_FORCE_AUTOHINT;

#endif
