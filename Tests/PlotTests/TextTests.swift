import Foundation
import Plot
import TestSupport
import Testing

/// FreeType text: extents against the font's own tables (read with fontTools), rotation, Unicode, markup.
@Suite struct TextTests {
    @Test func widthsMatchTheFontsAdvancesAndKerning() throws {
        let data = try fixture("text.json")
        let size = data["size"].double
        let text = try TextRenderer()
        for (key, weight) in [("regular", FontWeight.regular), ("bold", .bold)] {
            let font = data[key]
            for (string, width) in font["widths"].members.mapValues(\.double) {
                let e = text.measure(string, font: Font(size: size, weight: weight))
                #expect(abs(e.width - width) < 0.05, "\(key) \"\(string)\": \(e.width) vs \(width)")
            }
            let e = text.measure("x", font: Font(size: size, weight: weight))
            #expect(abs(e.ascent - font["ascent"].double * size) < 0.01)
            #expect(abs(e.descent - font["descent"].double * size) < 0.01)
        }
    }

    @Test func superscriptsAreSmallerAndRaised() throws {
        // "10$^{-3}$": the exponent is set at 0.7 of the size (U+2212 for the minus) and raised 0.45 em.
        let text = try TextRenderer()
        let font = Font(size: 20)
        let whole = text.measure("10$^{-3}$", font: font)
        let base = text.measure("10", font: font), exponent = text.measure("−3", font: Font(size: 14))
        #expect(abs(whole.width - (base.width + exponent.width)) < 1e-9)
        #expect(abs(whole.ascent - (exponent.ascent + 0.45 * 20)) < 1e-9)
        // Outside $…$, carets and underscores are literal.
        #expect(text.measure("train_loss", font: font).width > text.measure("trainloss", font: font).width)
    }

    @Test func rotatedTextRunsUpwards() throws {
        let text = try TextRenderer()
        let font = Font(size: 16)
        let extents = text.measure("validation loss", font: font)
        let canvas = Canvas(width: 60, height: 200)
        text.draw(
            "validation loss", font: font, color: .black, at: Point(30, 100), anchor: .center, angle: 90, on: canvas)
        let ink = try #require(inkBounds(canvas))
        // The ink is a tall strip as long as the text is wide, centred on the anchor.
        #expect(abs(Double(ink.y.count) - extents.width) < 3)
        #expect(Double(ink.x.count) < extents.height + 1)
        #expect(abs(Double(ink.y.lowerBound + ink.y.upperBound) / 2 - 100) < 2)
        let box = text.box(of: "validation loss", font: font, at: Point(30, 100), anchor: .center, angle: 90)
        #expect(abs(box.height - extents.width) < 1e-9 && abs(box.width - extents.height) < 1e-9)
        // Read upwards: in "W....", the heavy first letter is at the bottom.
        let arrow = Canvas(width: 60, height: 200)
        text.draw("W....", font: font, color: .black, at: Point(30, 100), anchor: .center, angle: 90, on: arrow)
        let top = inkArea(arrow, in: (0..<60, 0..<100)), bottom = inkArea(arrow, in: (0..<60, 100..<200))
        #expect(bottom > 2 * top)
    }

    @Test func greekLettersSymbolsAndScriptsHaveGlyphs() throws {
        let text = try TextRenderer()
        for symbol in ["β", "Ω", "σ", "∂", "²", "₁", "−"] {
            let canvas = Canvas(width: 40, height: 40)
            text.draw(symbol, font: Font(size: 24), color: .black, at: Point(8, 6), on: canvas)
            #expect(inkArea(canvas) > 10, "\(symbol) drew no ink")
        }
    }

    @Test func fontDirectoryIsOverridable() throws {
        #expect(throws: PlotError.self) { try TextRenderer(fontDirectory: "/nonexistent/fonts") }
        do {
            _ = try TextRenderer(fontDirectory: "/nonexistent/fonts")
        } catch let error as PlotError {
            #expect(error.description.contains("/nonexistent/fonts/DejaVuSans.ttf"))
        }
        let renderer = try TextRenderer(fontDirectory: TextRenderer.defaultFontDirectory)
        #expect(renderer.fontDirectory == "/usr/share/fonts/truetype/dejavu")
    }
}
