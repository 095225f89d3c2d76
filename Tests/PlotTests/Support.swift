import CLibPNG
import Foundation
import Plot
import TestSupport

/// The fixture directory of the Plot tests.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/plot")

/// A fixture of `Tests/Fixtures/plot`, parsed exactly.
func fixture(_ name: String) throws -> JSONFixture {
    try JSONFixture(named: "plot/" + name)
}

/// The coverage painted into a white canvas by black fills: Σ (255 − red)/255 over `region` (or everything).
func inkArea(_ canvas: Canvas, in region: (x: Range<Int>, y: Range<Int>)? = nil) -> Double {
    let xs = region?.x ?? 0..<canvas.width, ys = region?.y ?? 0..<canvas.height
    var total = 0.0
    for y in ys { for x in xs { total += Double(255 - Int(canvas.pixel(x: x, y: y).r)) / 255 } }
    return total
}

/// The bounding box (columns, rows) of pixels darker than `threshold` in the red channel, or nil.
func inkBounds(_ canvas: Canvas, threshold: UInt8 = 200) -> (x: ClosedRange<Int>, y: ClosedRange<Int>)? {
    var x0 = Int.max, x1 = -1, y0 = Int.max, y1 = -1
    for y in 0..<canvas.height {
        for x in 0..<canvas.width where canvas.pixel(x: x, y: y).r < threshold {
            (x0, x1, y0, y1) = (min(x0, x), max(x1, x), min(y0, y), max(y1, y))
        }
    }
    return x1 < 0 ? nil : (x0...x1, y0...y1)
}

/// A PNG decoded with libpng's simplified read API into 8-bit RGBA: (width, height, pixels).
func decodePNG(_ bytes: [UInt8]) throws -> (width: Int, height: Int, pixels: [UInt8]) {
    var image = png_image()
    image.version = CLibPNGImageVersion
    let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
    guard begun != 0 else { throw DecodeError(message: "begin_read failed") }
    image.format = CLibPNGFormatRGBA
    var pixels = [UInt8](repeating: 0, count: Int(image.width * image.height * 4))
    let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
    guard finished != 0 else { throw DecodeError(message: "finish_read failed") }
    return (Int(image.width), Int(image.height), pixels)
}

struct DecodeError: Error {
    var message: String
}

/// A fresh empty directory under the system's temporary directory.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "plot-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
