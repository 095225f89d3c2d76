import Foundation
import Plot
import Testing

/// PNG output through libpng, decoded back through libpng's read API; atomic writes.
@Suite struct PNGTests {
    /// A canvas with distinct, partly transparent pixels.
    func sample() -> Canvas {
        let canvas = Canvas(width: 7, height: 5, background: Color(red: 0.2, green: 0.4, blue: 0.6, alpha: 0.5))
        canvas.fill(.rectangle(Rect(x: 1, y: 1, width: 3, height: 2)), color: Color(hex: 0xd62728))
        canvas.fill(.circle(center: Point(5, 3), radius: 1.6), color: Color(hex: 0x2ca02c, alpha: 0.7))
        return canvas
    }

    @Test func rgbaRoundTripsExactly() throws {
        let canvas = sample()
        let decoded = try decodePNG(try canvas.pngData(format: .rgba))
        #expect(decoded.width == 7 && decoded.height == 5)
        #expect(decoded.pixels == canvas.pixels)
    }

    @Test func rgbDropsAlpha() throws {
        let canvas = Canvas(width: 3, height: 2)
        canvas.fill(.rectangle(Rect(x: 1, y: 0, width: 1, height: 2)), color: Color(hex: 0x1f77b4))
        let decoded = try decodePNG(try canvas.pngData(format: .rgb))
        #expect(decoded.pixels == canvas.pixels)
        #expect(Array(decoded.pixels[4..<8]) == [0x1f, 0x77, 0xb4, 255])
    }

    @Test func writesAtomicallyAndLeavesNothingBehindOnFailure() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/figure.png"
        try sample().writePNG(to: path)
        let written = try decodePNG(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(written.pixels == sample().pixels)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["figure.png"])

        // A missing directory, and a destination that is a directory: errors naming the path, no leftovers.
        for bad in [directory + "/missing/figure.png", directory + "/subdirectory"] {
            if bad.hasSuffix("subdirectory") {
                try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: false)
            }
            do {
                try sample().writePNG(to: bad)
                Issue.record("writing to \(bad) succeeded")
            } catch let error as PlotError {
                guard case .cannotWrite(let named, _) = error else { throw error }
                #expect(named == bad)
            }
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["figure.png", "subdirectory"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/subdirectory").isEmpty)
    }
}
