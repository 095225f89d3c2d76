import Datasets
import Foundation
import Tensor
import Testing

/// The writer: shortest round-trip numbers (checked against Python's `repr`) that read back exactly.
@Suite struct CSVWriterTests {
    /// Random doubles over the whole range (subnormals, huge exponents, both signs) and edge values.
    func randomValues() throws -> (values: [Double], repr: [String]) {
        let fixture = try Fixture.load("numbers.json", as: Fixture.Numbers.self)
        return (fixture.randomBits.map(Fixture.double(bits:)), fixture.randomRepr)
    }

    /// The significant digits and the decimal exponent of a number's text: "-0.0125" → ("125", -2),
    /// "1.25e+3" → ("125", 3), "1250" → ("125", 3), so that spellings of one number compare equal.
    func digits(_ text: String) -> (String, Int) {
        let parts = text.lowercased().split(separator: "e")
        let mantissa = parts[0].filter { $0 != "-" && $0 != "+" }
        var exponent = parts.count > 1 ? Int(parts[1])! : 0
        let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        exponent += mantissa.distance(from: mantissa.startIndex, to: point) - 1
        var all = mantissa.filter { $0 != "." }
        while all.first == "0" && all.count > 1 {
            all.removeFirst()
            exponent -= 1
        }
        while all.last == "0" && all.count > 1 { all.removeLast() }
        return (all, all == "0" ? 0 : exponent)
    }

    /// Python's `repr` is the shortest string that reads back as the same double (and the closest of
    /// them); the writer must print the same digits. The spelling may differ: Python writes
    /// `9007199254740994.0` where Swift writes `9.007199254740994e+15`.
    @Test func formatHasTheShortestDigitsAsPythonsRepr() throws {
        let (values, repr) = try randomValues()
        #expect(values.count > 3000)
        for (value, python) in zip(values, repr) {
            let text = CSVWriter.format(value)
            #expect(digits(text) == digits(python), "\(text) vs Python \(python)")
            #expect(!text.hasSuffix(".0"))
        }
        #expect(CSVWriter.format(1) == "1")
        #expect(CSVWriter.format(-0.0) == "-0")
        #expect(CSVWriter.format(0.5) == "0.5")
        #expect(CSVWriter.format(1e-7) == "1e-07")
        #expect(CSVWriter.format(.nan) == "")
    }

    @Test func randomDoublesRoundTripBitForBit() throws {
        let (values, _) = try randomValues()
        let columns = 3
        let rows = values.count / columns
        let matrix = Tensor(shape: [rows, columns], scalars: Array(values[..<(rows * columns)]))
        let text = try CSVWriter.text(columns: ["a", "b", "c"], rows: matrix)
        let back = try CSVTable(text: text).values
        #expect(back.shape == matrix.shape)
        #expect(zip(back.scalars, matrix.scalars).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    @Test func writesHeaderAndRowsToASink() throws {
        var chunks: [[UInt8]] = []
        var writer = try CSVWriter(columns: ["x", "y"]) { chunks.append(Array($0)) }
        try writer.write(row: [1, 0.25])
        try writer.write(rows: try Tensor([[-2, 1e300], [3.5, Double.leastNonzeroMagnitude]]))
        #expect(chunks.isEmpty)  // buffered until flushed
        try writer.flush()
        #expect(String(decoding: chunks.joined(), as: UTF8.self) == "x,y\n1,0.25\n-2,1e+300\n3.5,5e-324\n")
    }

    @Test func nanIsAnEmptyFieldThatReadsBackAsMissing() throws {
        let text = try CSVWriter.text(columns: ["epoch", "loss"], rows: try Tensor([[0, .nan], [1, 0.5]]))
        #expect(text == "epoch,loss\n0,\n1,0.5\n")
        let back = try CSVTable(text: text, options: .init(allowsMissing: true)).values.scalars
        #expect(back[0] == 0 && back[1].isNaN && back[3] == 0.5)
    }

    /// #15 "after a divergence the infinite loss cannot be written": infinities are `inf`/`-inf`, a NaN
    /// of a `Double?` row is `nan` (nil is an empty field), and they read back with `allowsNonFinite`.
    @Test func divergedLossesAreWrittenAsInfAndNanAndReadBack() throws {
        var bytes: [UInt8] = []
        var writer = try CSVWriter(columns: ["epoch", "loss", "validation"]) { bytes.append(contentsOf: $0) }
        try writer.write(row: [1, .infinity, -.infinity])
        try writer.write(row: [2, Double.nan, nil] as [Double?])
        try writer.flush()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "epoch,loss,validation\n1,inf,-inf\n2,nan,\n")
        let back = try CSVTable(text: text, options: .init(allowsMissing: true, allowsNonFinite: true))
        let values = back.values.scalars
        #expect(values[1] == .infinity && values[2] == -.infinity && values[4].isNaN && values[5].isNaN)
        // Strict reading still refuses them, with their place.
        let e = try #require(throws: CSVError.self) { _ = try CSVTable(text: text, name: "m.csv") }
        #expect(e == CSVError(.notFinite(token: "inf"), file: "m.csv", line: 2, column: 2))
    }

    @Test func columnNamesAreQuotedWhenNeededAndReadBack() throws {
        let names = ["x, in m", "say \"hi\"", "#z", " padded ", "1.5", "plain", "ü"]
        let text = try CSVWriter.text(columns: names, rows: Tensor(shape: [1, 7], scalars: [1, 2, 3, 4, 5, 6, 7]))
        #expect(text.hasPrefix(##""x, in m","say ""hi""","#z"," padded ","1.5",plain,ü"## + "\n"))
        #expect(try CSVTable(text: text).columnNames == names)
        // A header of numbers alone reads back, since the writer quotes them.
        #expect(
            try CSVTable(text: try CSVWriter.text(columns: ["1", "2"], rows: .zeros([0, 2]))).columnNames == ["1", "2"])
    }

    /// #15 "a header with a quote followed by a combining mark is written unescaped", "header names
    /// with VT, FF, NEL, U+2028 or a bare CR are refused when written", "a name starting with U+FEFF
    /// after blanks is stripped as a byte-order mark when read back": each header, as the reader reads
    /// it, is written so that it reads back the same bytes.
    @Test(arguments: [
        ("quoteThenCombiningMark", "a\"\u{301}b,c"), ("verticalTab", "a\u{0B}b,c"), ("formFeed", "a\u{0C}b,c"),
        ("nextLine", "a\u{85}b,c"), ("lineSeparator", "a\u{2028}b,c"), ("bareCarriageReturn", "a\rb,c\r"),
        ("byteOrderMarkAfterBlanks", "  \u{FEFF}a,b"), ("quotedCarriageReturnAtEnd", "a,\"b\r\""),
    ])
    func headerNamesReadBackAsWritten(case name: String, header: String) throws {
        let table = try CSVTable(text: header + "\n1,2\n")
        let text = try CSVWriter.text(columns: table.columnNames, rows: table.values)
        let again = try CSVTable(text: text)
        #expect(
            again.columnNames.map { Array($0.utf8) } == table.columnNames.map { Array($0.utf8) },
            "\(name): \(table.columnNames) written as \(text.debugDescription)")
    }

    /// Found by fuzzing (Tests/Fuzz/crashes/csv/crash-b8d20d…): a one-column table with a missing value
    /// was written as a blank line, which the reader skips, so the row was lost.
    @Test func loneMissingValueIsWrittenAsNanAndReadBack() throws {
        let text = try CSVWriter.text(columns: ["a"], rows: try Tensor([[1], [.nan], [2]]))
        #expect(text == "a\n1\nnan\n2\n")
        let back = try CSVTable(text: text, options: .init(allowsMissing: true)).values.scalars
        #expect(back.count == 3 && back[1].isNaN)
    }

    @Test(arguments: [["a", ""], ["a", "b\nc"], ["a", "b", "a"]])
    func unwritableColumnNames(names: [String]) throws {
        let e = try #require(throws: CSVError.self) { _ = try CSVWriter(columns: names) { _ in } }
        #expect(e.line == 1 && e.column == names.count)
        #expect(e.kind == .unwritableColumnName(names.last!))
    }

    @Test func sinkErrorsArePassedOn() throws {
        struct Full: Error {}
        var writer = try CSVWriter(columns: ["a"]) { _ in throw Full() }
        try writer.write(row: [1])
        #expect(throws: Full.self) { try writer.flush() }
    }
}
