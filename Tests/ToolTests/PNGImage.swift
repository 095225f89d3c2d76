import CLibPNG
import Foundation
import Plot
import Testing

/// A PNG decoded with libpng's simplified read API into 8-bit RGBA, to check what the plotting tools drew.
struct PNGImage {
    struct DecodeError: Error, CustomStringConvertible {
        var description: String
    }

    let width: Int
    let height: Int
    /// RGBA bytes, row by row from the top.
    let pixels: [UInt8]

    /// Decodes PNG bytes (the whole file).
    init(_ data: Data) throws {
        var image = png_image()
        image.version = CLibPNGImageVersion
        let begun = data.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw DecodeError(description: "not a PNG (\(data.count) bytes)") }
        image.format = CLibPNGFormatRGBA
        var pixels = [UInt8](repeating: 0, count: Int(image.width) * Int(image.height) * 4)
        let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard finished != 0 else { throw DecodeError(description: "PNG decoding failed") }
        (width, height, self.pixels) = (Int(image.width), Int(image.height), pixels)
    }

    /// Decodes a PNG file.
    init(contentsOf path: String) throws {
        try self.init(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Whether pixel (x, y) has colour `color`, each channel within `tolerance` of 255.
    func pixel(_ x: Int, _ y: Int, is color: Color, tolerance: Int = 2) -> Bool {
        let (r, g, b, _) = color.bytes
        let i = (y * width + x) * 4
        return abs(Int(pixels[i]) - Int(r)) <= tolerance && abs(Int(pixels[i + 1]) - Int(g)) <= tolerance
            && abs(Int(pixels[i + 2]) - Int(b)) <= tolerance
    }

    /// The pixels (x, y) of colour `color`, optionally only in `columns`.
    func points(of color: Color, tolerance: Int = 2, columns: Range<Int>? = nil) -> [(x: Int, y: Int)] {
        var found: [(x: Int, y: Int)] = []
        for y in 0..<height {
            for x in columns ?? 0..<width where pixel(x, y, is: color, tolerance: tolerance) { found.append((x, y)) }
        }
        return found
    }

    /// The 256 colours of a colormap, packed 0xRRGGBB.
    static func colors(of colormap: Colormap) -> Set<Int> {
        Set(
            (0..<256).map { k in
                let (r, g, b, _) = colormap.color(at: (Double(k) + 0.5) / 256).bytes
                return Int(r) << 16 | Int(g) << 8 | Int(b)
            })
    }

    /// The bounding box of the widest block of columns in which at least `minimum` pixels are colours of
    /// `colormap`: a heatmap's image, rather than its narrower colorbar.
    func colormapBlock(_ colormap: Colormap, minimum: Int = 50) -> (x: ClosedRange<Int>, y: ClosedRange<Int>)? {
        let palette = PNGImage.colors(of: colormap)
        func inPalette(_ x: Int, _ y: Int) -> Bool {
            let i = (y * width + x) * 4
            return palette.contains(Int(pixels[i]) << 16 | Int(pixels[i + 1]) << 8 | Int(pixels[i + 2]))
        }
        let full = (0..<width).map { x in (0..<height).filter { inPalette(x, $0) }.count >= minimum }
        var best: ClosedRange<Int>?
        var start: Int?
        for x in 0...width {
            if x < width && full[x] {
                start = start ?? x
            } else if let s = start {
                if best == nil || x - 1 - s > best!.count - 1 { best = s...(x - 1) }
                start = nil
            }
        }
        guard let columns = best else { return nil }
        let rows = (0..<height).filter { y in columns.filter { inPalette($0, y) }.count >= columns.count / 2 }
        guard let top = rows.first, let bottom = rows.last else { return nil }
        return (columns, top...bottom)
    }
}

extension PNGImage: CustomTestStringConvertible {
    /// The size only: a failed expectation should not print every pixel.
    var testDescription: String { "PNGImage(\(width)×\(height))" }
}
