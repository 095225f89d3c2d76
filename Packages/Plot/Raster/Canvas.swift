/// An RGBA8 raster (straight alpha, row-major, top row first) that paths are filled into.
///
/// Every drawing operation ends as a filled path: `fill` rasterizes with coverage-based antialiasing
/// and composites with the "over" operator, out = src·α·coverage + dst·(1 − α·coverage) per channel
/// (for an opaque destination; the general form also updates the destination alpha).
/// Drawing is limited to `clip` when it is set.
public final class Canvas {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int
    /// The pixels, 4 bytes (R, G, B, A) each, row after row from the top.
    public internal(set) var pixels: [UInt8]
    /// The rectangle drawing is limited to (snapped outwards to whole pixels), or nil for the whole canvas.
    public var clip: Rect?
    let rasterizer: Rasterizer

    /// A canvas filled with `background`.
    /// - Precondition: both sizes are positive.
    public init(width: Int, height: Int, background: Color = .white) {
        precondition(width > 0 && height > 0, "Canvas: size \(width)×\(height) must be positive")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 4)
        rasterizer = Rasterizer(width: width, height: height)
        clear(background)
    }

    /// Sets every pixel to `color` (ignoring the clip).
    public func clear(_ color: Color) {
        let (r, g, b, a) = color.bytes
        pixels.withUnsafeMutableBufferPointer { p in
            for i in Swift.stride(from: 0, to: p.count, by: 4) {
                p[i] = r
                p[i + 1] = g
                p[i + 2] = b
                p[i + 3] = a
            }
        }
    }

    /// The pixel at column `x`, row `y`, as bytes (r, g, b, a).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "Canvas.pixel: (\(x), \(y)) is outside")
        let i = (y * width + x) * 4
        return (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
    }

    /// The clip as whole-pixel bounds within the canvas.
    var clipBounds: (x0: Int, y0: Int, x1: Int, y1: Int) {
        guard let c = clip else { return (0, 0, width, height) }
        return (
            max(0, Int(c.minX.rounded(.down))), max(0, Int(c.minY.rounded(.down))),
            min(width, Int(c.maxX.rounded(.up))), min(height, Int(c.maxY.rounded(.up)))
        )
    }

    /// Fills `path` with `color`, antialiased.
    /// - Complexity: O(edges·rows crossed + pixels in the path's rows).
    public func fill(_ path: Path, color: Color, rule: FillRule = .nonZero) {
        guard color.alpha > 0, !path.isEmpty else { return }
        let (r, g, b, _) = color.bytes
        let alpha = Float(max(0, min(1, color.alpha)) * 255)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { pixels in
            rasterizer.fill(path, rule: rule, clip: clipBounds) { y, xStart, coverage in
                var p = pixels.baseAddress! + (y * width + xStart) * 4
                for c in coverage {
                    let a = Int(c * alpha + 0.5)
                    if a > 0 { Canvas.blend(p, r, g, b, a) }
                    p += 4
                }
            }
        }
    }

    /// Strokes `path` with `color`: the outline is turned into a filled path (see `StrokeStyle`).
    public func stroke(_ path: Path, color: Color, style: StrokeStyle) {
        guard color.alpha > 0, style.width > 0 else { return }
        fill(Stroker.outline(of: path, style: style), color: color, rule: .nonZero)
    }

    /// Composites one pixel: `a` is the source opacity in 0…255.
    @inline(__always)
    static func blend(_ p: UnsafeMutablePointer<UInt8>, _ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: Int) {
        if a >= 255 {
            p[0] = r
            p[1] = g
            p[2] = b
            p[3] = 255
            return
        }
        let da = Int(p[3])
        if da == 255 {
            let ia = 255 - a
            p[0] = UInt8(div255(Int(r) * a + Int(p[0]) * ia))
            p[1] = UInt8(div255(Int(g) * a + Int(p[1]) * ia))
            p[2] = UInt8(div255(Int(b) * a + Int(p[2]) * ia))
            return
        }
        // General "over" with straight alpha: αo = αs + αd(1 − αs); Co = (Cs·αs + Cd·αd(1 − αs)) / αo.
        let weight = da * (255 - a)  // αd(1 − αs), scaled by 255²
        let outA = a * 255 + weight  // αo scaled by 255²
        guard outA > 0 else { return }
        p[0] = UInt8((Int(r) * a * 255 + Int(p[0]) * weight + outA / 2) / outA)
        p[1] = UInt8((Int(g) * a * 255 + Int(p[1]) * weight + outA / 2) / outA)
        p[2] = UInt8((Int(b) * a * 255 + Int(p[2]) * weight + outA / 2) / outA)
        p[3] = UInt8(div255(outA))
    }

    /// x/255 rounded to nearest, for 0 ≤ x ≤ 255².
    @inline(__always) static func div255(_ x: Int) -> Int {
        let t = x + 128
        return (t + (t >> 8)) >> 8
    }
}
