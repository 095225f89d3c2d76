import NotebookSupport
import Testing

/// The helpers every cell imports: Spanish numbers, tables, images.
@Suite struct NotebookSupportTests {
    @Test func numbersAreWrittenTheSpanishWay() {
        #expect(es(0.5) == "0,5")
        #expect(es(-2.5) == "−2,5")
        #expect(es(0.123456789) == "0,123457")
        #expect(es(1.0 / 3.0, digits: 3) == "0,333")
        #expect(es(1e-5) == "1e-05")
        #expect(es(-1e-300 * 1e-300) == "0")
        #expect(es(.infinity) == "∞" && es(-.infinity) == "−∞" && es(.nan) == "NaN")
        #expect(es(0.5, decimals: 3) == "0,500")
        #expect(es(-0.0001, decimals: 2) == "0,00")
        #expect(es([0.5, -1]) == "[0,5; −1]")
    }

    @Test func shownValuesUseTheSameStyle() {
        #expect(shownText(0.25) == "0,25")
        #expect(shownText([1.5, 2.0]) == "[1,5; 2]")
        #expect(shownText("hola") == "\"hola\"")
        #expect(shownText(3) == "3")
    }

    @Test func aTableIsHTMLWithEscapedCellsAndAlignedText() throws {
        let table = Table(["α", "a<b"], rows: [["0,1", "x & y"], ["10"]])
        #expect(table.html.contains("<th>a&lt;b</th>") && table.html.contains("<td>x &amp; y</td>"))
        #expect(table.html.contains("<tr><td>10</td><td></td></tr>"))
        #expect(table.text == "α    a<b\n───  ─────\n0,1  x & y\n10")
        #expect(try table.mimeBundle().items.map(\.0) == ["text/plain", "text/html"])
    }

    /// RFC 4648's test vectors, §10.
    @Test func imagesTravelAsBase64() throws {
        let vectors = [
            "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
            "foobar": "Zm9vYmFy",
        ]
        for (plain, encoded) in vectors {
            let bundle = try PNGImage(bytes: Array(plain.utf8)).mimeBundle()
            #expect(bundle.items.first { $0.0 == "image/png" }?.1 == encoded, "\(plain)")
        }
    }

    @Test func anImageNamesItsPixelSize() throws {
        // A PNG signature and IHDR chunk for 320 × 240.
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        bytes += [0, 0, 1, 64, 0, 0, 0, 240]
        #expect(try PNGImage(bytes: bytes).mimeBundle().text == "<imagen PNG de 320 × 240 píxeles>")
    }
}
