import CFreeType
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text through FreeType with DejaVu Sans: layout (with the `$…$` markup of `MathText`), measured extents,
/// and antialiased drawing at any angle.
///
/// The fonts are DejaVu Sans and DejaVu Sans Bold, found as ``FontFiles`` says: in the `fontDirectory`
/// argument or the `PLOT_FONT_DIR` environment variable when given, else through fontconfig (`fc-match`),
/// else in the directories where distributions install them (looked up once per process).
/// Advances are FreeType's unhinted ("linear") advances plus the font's kerning, so measured widths do not
/// depend on hinting; upright glyphs are rendered with light (vertical-only) auto-hinting and cached.
/// Not thread-safe: use one renderer per thread.
public final class TextRenderer {
    /// The directory of the regular face's file.
    public let fontDirectory: String
    /// The faces' files and how they were found.
    public let fonts: FontFiles
    private var library: FT_Library?
    private var faces: [FontWeight: FT_Face] = [:]
    private var currentSize: [FontWeight: Int] = [:]
    private var currentTransform: [FontWeight: Int] = [:]
    private var glyphs: [GlyphKey: Glyph] = [:]
    /// Line ascent ("l") and descent ("p") per em, per weight.
    private var lineMetrics: [FontWeight: (ascent: Double, descent: Double)] = [:]

    /// The Debian location of DejaVu Sans, the first of ``FontFiles/fallbackDirectories``.
    public static let defaultFontDirectory = FontFiles.fallbackDirectories[0]
    /// The environment variable that overrides the font directory.
    public static let fontDirectoryVariable = "PLOT_FONT_DIR"

    /// Loads the regular and bold faces.
    /// - Parameter fontDirectory: where DejaVuSans.ttf and DejaVuSans-Bold.ttf are; nil to find them
    ///   (``FontFiles/locate(directory:fcMatch:fallbackDirectories:)``).
    /// - Throws: `PlotError.fontUnavailable` naming the file, or what was tried when no font was found.
    public init(fontDirectory: String? = nil) throws {
        let variable = getenv(TextRenderer.fontDirectoryVariable).map { String(cString: $0) } ?? ""
        fonts =
            try fontDirectory != nil || !variable.isEmpty
            ? FontFiles.locate(directory: fontDirectory) : FontFiles.standard.get()
        let regular = fonts.regular
        self.fontDirectory = regular.lastIndex(of: "/").map { String(regular[..<$0]) } ?? "."
        guard FT_Init_FreeType(&library) == 0 else {
            throw PlotError.fontUnavailable(path: regular, reason: "FreeType failed to initialise")
        }
        for (weight, path) in [(FontWeight.regular, fonts.regular), (.bold, fonts.bold)] {
            var face: FT_Face?
            let status = FT_New_Face(library, path, 0, &face)
            guard status == 0, let face else {
                throw PlotError.fontUnavailable(
                    path: path, reason: access(path, R_OK) == 0 ? "FreeType error \(status)" : "no such readable file")
            }
            faces[weight] = face
            lineMetrics[weight] = (inkTop("l", face), -inkBottom("p", face))
        }
    }

    deinit {
        for face in faces.values { FT_Done_Face(face) }
        FT_Done_FreeType(library)
    }

    /// The extents of `text` in `font`.
    public func measure(_ text: String, font: Font) -> TextExtents {
        layout(text, font: font).extents
    }

    /// Draws `text` so that its `anchor` point lands on `position`, rotated by `angle` degrees
    /// counter-clockwise about that point.
    public func draw(
        _ text: String, font: Font, color: Color, at position: Point, anchor: TextAnchor = .topLeft,
        angle: Double = 0, on canvas: Canvas
    ) {
        let laid = layout(text, font: font)
        let (dx, dy) = TextRenderer.offset(of: anchor, laid.extents)
        let radians = angle * Double.pi / 180
        let angleKey = Int((angle * 100).rounded())
        let (cx0, cy0, cx1, cy1) = canvas.clipBounds
        let (r, g, b, _) = color.bytes
        let alpha = max(0, min(1, color.alpha))
        for item in laid.glyphs {
            // Pen position in text space (y down), then rotated about the anchor.
            let origin = position + Point(item.x + dx, item.y + dy).rotated(by: radians)
            let glyph = self.glyph(item.index, weight: font.weight, size: item.size, angle: angleKey, radians: radians)
            let left = Int(origin.x.rounded()) + glyph.left, top = Int(origin.y.rounded()) - glyph.top
            canvas.pixels.withUnsafeMutableBufferPointer { pixels in
                for row in 0..<glyph.rows {
                    let y = top + row
                    guard y >= cy0 && y < cy1 else { continue }
                    for column in 0..<glyph.width {
                        let x = left + column
                        guard x >= cx0 && x < cx1 else { continue }
                        let coverage = glyph.bitmap[row * glyph.width + column]
                        if coverage == 0 { continue }
                        let a = Int((Double(coverage) * alpha).rounded())
                        Canvas.blend(pixels.baseAddress! + (y * canvas.width + x) * 4, r, g, b, a)
                    }
                }
            }
        }
    }

    /// The axis-aligned bounding box of `text` as `draw` would place it.
    public func box(
        of text: String, font: Font, at position: Point, anchor: TextAnchor = .topLeft, angle: Double = 0
    ) -> Rect {
        let e = measure(text, font: font)
        let (dx, dy) = TextRenderer.offset(of: anchor, e)
        let radians = angle * Double.pi / 180
        let corners = [
            Point(dx, dy - e.ascent), Point(dx + e.width, dy - e.ascent), Point(dx, dy + e.descent),
            Point(dx + e.width, dy + e.descent),
        ]
        return Rect(bounding: corners.map { position + $0.rotated(by: radians) })
    }

    /// Where the baseline origin lies relative to the anchor point, in unrotated text space (y down).
    static func offset(of anchor: TextAnchor, _ e: TextExtents) -> (Double, Double) {
        let dx: Double
        switch anchor.horizontal {
        case .left: dx = 0
        case .center: dx = -e.width / 2
        case .right: dx = -e.width
        }
        let dy: Double
        switch anchor.vertical {
        case .top: dy = e.ascent
        case .center: dy = (e.ascent - e.descent) / 2
        case .centerBaseline: dy = e.ascent / 2
        case .baseline: dy = 0
        case .bottom: dy = -e.descent
        }
        return (dx, dy)
    }

    // MARK: Layout

    struct PlacedGlyph {
        var index: UInt32
        var size: Double
        var x: Double
        var y: Double
    }

    struct Layout {
        var glyphs: [PlacedGlyph]
        var extents: TextExtents
    }

    func layout(_ text: String, font: Font) -> Layout {
        guard let face = faces[font.weight], let metrics = lineMetrics[font.weight] else {
            return Layout(glyphs: [], extents: TextExtents(width: 0, ascent: 0, descent: 0))
        }
        var placed: [PlacedGlyph] = []
        var x = 0.0
        var ascent = metrics.ascent * font.size, descent = metrics.descent * font.size
        let kerning = (face.pointee.face_flags & FT_Long(FT_FACE_FLAG_KERNING)) != 0
        for run in MathText.runs(text) {
            let size = font.size * run.scale
            let rise = run.rise * font.size
            ascent = max(ascent, metrics.ascent * size + rise)
            descent = max(descent, metrics.descent * size - rise)
            setSize(size, weight: font.weight)
            var previous: UInt32 = 0
            for scalar in run.text.unicodeScalars {
                let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
                if kerning && previous != 0 {
                    var delta = FT_Vector()
                    if FT_Get_Kerning(face, previous, index, FT_UInt(FT_KERNING_UNFITTED.rawValue), &delta) == 0 {
                        x += Double(delta.x) / 64
                    }
                }
                placed.append(PlacedGlyph(index: index, size: size, x: x, y: -rise))
                x += advance(index, weight: font.weight, size: size)
                previous = index
            }
        }
        return Layout(glyphs: placed, extents: TextExtents(width: x, ascent: ascent, descent: descent))
    }

    // MARK: Glyphs

    private struct GlyphKey: Hashable {
        var index: UInt32, weight: FontWeight, size: Int, angle: Int
    }

    private struct Glyph {
        var width: Int, rows: Int, left: Int, top: Int
        var bitmap: [UInt8]
    }

    private struct AdvanceKey: Hashable {
        var index: UInt32, weight: FontWeight, size: Int
    }

    private var advances: [AdvanceKey: Double] = [:]

    /// The unhinted advance width of a glyph, in pixels (the size must be set).
    private func advance(_ index: UInt32, weight: FontWeight, size: Double) -> Double {
        let key = AdvanceKey(index: index, weight: weight, size: Int((size * 64).rounded()))
        if let cached = advances[key] { return cached }
        var width = 0.0
        if FT_Load_Glyph(faces[weight]!, index, CFreeTypeLoadNoHinting) == 0 {
            width = Double(faces[weight]!.pointee.glyph.pointee.linearHoriAdvance) / 65536
        }
        advances[key] = width
        return width
    }

    private func setSize(_ size: Double, weight: FontWeight) {
        let key = Int((size * 64).rounded())
        guard currentSize[weight] != key, let face = faces[weight] else { return }
        FT_Set_Char_Size(face, 0, FT_F26Dot6(key), 72, 72)
        currentSize[weight] = key
    }

    private func glyph(_ index: UInt32, weight: FontWeight, size: Double, angle: Int, radians: Double) -> Glyph {
        let key = GlyphKey(index: index, weight: weight, size: Int((size * 64).rounded()), angle: angle)
        if let cached = glyphs[key] { return cached }
        let face = faces[weight]!
        setSize(size, weight: weight)
        if currentTransform[weight] != angle {
            var matrix = FT_Matrix(
                xx: FT_Fixed((cos(radians) * 65536).rounded()), xy: FT_Fixed((-sin(radians) * 65536).rounded()),
                yx: FT_Fixed((sin(radians) * 65536).rounded()), yy: FT_Fixed((cos(radians) * 65536).rounded()))
            if angle == 0 { FT_Set_Transform(face, nil, nil) } else { FT_Set_Transform(face, &matrix, nil) }
            currentTransform[weight] = angle
        }
        let flags = angle == 0 ? CFreeTypeLoadTargetLight | CFreeTypeLoadForceAutohint : CFreeTypeLoadNoHinting
        var glyph = Glyph(width: 0, rows: 0, left: 0, top: 0, bitmap: [])
        if FT_Load_Glyph(face, index, flags) == 0, FT_Render_Glyph(face.pointee.glyph, FT_RENDER_MODE_NORMAL) == 0 {
            let slot = face.pointee.glyph.pointee
            let bitmap = slot.bitmap
            glyph.width = Int(bitmap.width)
            glyph.rows = Int(bitmap.rows)
            glyph.left = Int(slot.bitmap_left)
            glyph.top = Int(slot.bitmap_top)
            glyph.bitmap = [UInt8](repeating: 0, count: glyph.width * glyph.rows)
            if let buffer = bitmap.buffer {
                for row in 0..<glyph.rows {
                    for column in 0..<glyph.width {
                        glyph.bitmap[row * glyph.width + column] = buffer[row * Int(bitmap.pitch) + column]
                    }
                }
            }
        }
        glyphs[key] = glyph
        return glyph
    }

    /// The top of a character's outline, per em.
    private func inkTop(_ c: Character, _ face: FT_Face) -> Double { inkBox(c, face).top }
    /// The bottom of a character's outline, per em (negative below the baseline).
    private func inkBottom(_ c: Character, _ face: FT_Face) -> Double { inkBox(c, face).bottom }

    private func inkBox(_ c: Character, _ face: FT_Face) -> (top: Double, bottom: Double) {
        FT_Set_Char_Size(face, 0, 1000 * 64, 72, 72)
        defer { currentSize = [:] }
        let index = FT_Get_Char_Index(face, FT_ULong(c.unicodeScalars.first!.value))
        guard FT_Load_Glyph(face, index, CFreeTypeLoadNoHinting) == 0 else { return (0.76, -0.24) }
        let m = face.pointee.glyph.pointee.metrics
        return (Double(m.horiBearingY) / 64 / 1000, Double(m.horiBearingY - m.height) / 64 / 1000)
    }
}
