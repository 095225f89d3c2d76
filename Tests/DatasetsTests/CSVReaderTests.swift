import Datasets
import Foundation
import Tensor
import Testing

/// The reader's format: what it accepts and the exact values it reads (the values written in the text).
@Suite struct CSVReaderTests {
    @Test func readsHeaderAndRows() throws {
        let table = try CSVTable(text: "x,y\n1,2\n-3.5,4e-1\n")
        #expect(table.columnNames == ["x", "y"])
        #expect(table.values == (try Tensor([[1, 2], [-3.5, 0.4]])))
        #expect(table.rowCount == 2)
    }

    @Test func skipsCommentsAndBlankLinesAndAcceptsCRLF() throws {
        let text =
            "\u{FEFF}# a comment before the header\r\n\r\n  x , \"y\" \r\n1,2\r\n   \r\n\t# indented comment\r\n3 ,\t4\r\n5,6"
        let table = try CSVTable(text: text)
        #expect(table.columnNames == ["x", "y"])
        #expect(table.values == (try Tensor([[1, 2], [3, 4], [5, 6]])))
    }

    @Test func quotedHeaderNames() throws {
        let table = try CSVTable(text: "\"x, in m\",\"say \"\"hi\"\"\",\"#z\",\" 1 \", plain \n1,2,3,4,5\n")
        #expect(table.columnNames == ["x, in m", "say \"hi\"", "#z", " 1 ", "plain"])
        #expect(table.values.scalars == [1, 2, 3, 4, 5])
    }

    @Test func headerWithoutRowsIsAnEmptyTable() throws {
        let table = try CSVTable(text: "a,b,c\n# nothing else\n")
        #expect(table.values.shape == [0, 3])
    }

    @Test func emptyFieldsReadAsNaNWhenMissingValuesAreAllowed() throws {
        let table = try CSVTable(text: "epoch,loss,validation\n0,0.5,\n1,,0.25\n", options: .init(allowsMissing: true))
        let v = table.values.scalars
        #expect(v[0] == 0 && v[1] == 0.5 && v[2].isNaN && v[3] == 1 && v[4].isNaN && v[5] == 0.25)
    }

    /// Every token of the fixture reads as the double Python's correctly rounded `float()` gives it,
    /// bit for bit (fast path, `strtod` path, subnormals, halfway cases, huge digit strings).
    @Test func numbersMatchPythonFloatBitForBit() throws {
        let fixture = try Fixture.load("numbers.json", as: Fixture.Numbers.self)
        let tokens = fixture.tokens
        let expected = fixture.bits.map(Fixture.double(bits:))
        let text = "value\n" + tokens.joined(separator: "\n") + "\n"
        let values = try CSVTable(text: text).values.scalars
        #expect(values.count == tokens.count)
        for (i, token) in tokens.enumerated() {
            #expect(values[i].bitPattern == expected[i].bitPattern, "token \(token)")
        }
    }

    @Test func streamsFromAPipeAcrossManyBlocks() throws {
        // 30,000 rows (about 0.9 MB) through a pipe: many 64 KiB reads, rows split across reads.
        let rows = 30_000
        var lines = "# generated\nindex,half,square\n"
        for i in 0..<rows { lines += "\(i),\(Double(i) / 2),\(i * i)\n" }
        let text = lines
        let pipe = Pipe()
        let writer = Thread {
            pipe.fileHandleForWriting.write(text.data(using: .utf8)!)
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let reader = try CSVReader(fileDescriptor: pipe.fileHandleForReading.fileDescriptor, name: "<stdin>")
        #expect(reader.columns == ["index", "half", "square"])
        var row: [Double] = []
        var count = 0
        while try reader.readRow(into: &row) {
            #expect(row == [Double(count), Double(count) / 2, Double(count * count)])
            count += 1
        }
        #expect(count == rows)
        #expect(reader.lineNumber == rows + 2)
    }

    @Test func readsALineLongerThanTheBuffer() throws {
        // One row of 20,000 columns (about 150 KB), longer than a 64 KiB block.
        let names = (0..<20_000).map { "c\($0)" }
        let values = (0..<20_000).map { Double($0) * 0.25 }
        let text = names.joined(separator: ",") + "\n" + values.map { "\($0)" }.joined(separator: ",") + "\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wide-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try CSVTable(path: url.path)
        #expect(table.columnNames.count == 20_000)
        #expect(table.values.scalars == values)
    }

    @Test func selectsColumnsByName() throws {
        let table = try CSVTable(text: "x,y,z\n1,2,3\n4,5,6\n", name: "data.csv")
        #expect(try table.columns(["z", "x"]) == (try Tensor([[3, 1], [6, 4]])))
        #expect(try table.columns(["y"]).shape == [2, 1])
        #expect(try table.index(ofColumn: "z") == 2)
        #expect(throws: CSVError(.unknownColumn("w", available: ["x", "y", "z"]), file: "data.csv")) {
            try table.columns(["x", "w"])
        }
        let error = try #require(throws: CSVError.self) { try table.columns(["w"]) }
        #expect(error.description == #"data.csv: no column named "w"; available: "x", "y", "z""#)
    }

    /// #28 case 10: a header of 300,000 columns (quadratic name checks took minutes for it, and hung on
    /// 1.5 million) reads, finds a duplicate of the first name in the last column, and a selection of every
    /// column but the target gives each value in its place.
    @Test func wideHeadersReadAndSelectEveryColumn() throws {
        let n = 300_000
        let names = (0..<n).map { "c\($0)" }
        let header = names.joined(separator: ",")
        let row = (0..<n).map { String($0 % 97) }.joined(separator: ",")
        let table = try CSVTable(text: header + "\n" + row + "\n", name: "wide.csv")
        #expect(table.columnNames.count == n)
        let data = try table.labeled()
        #expect(data.inputNames.count == n - 1 && data.targetNames == ["c\(n - 1)"])
        #expect(data.inputs.scalars == (0..<(n - 1)).map { Double($0 % 97) })
        let duplicate = try #require(throws: CSVError.self) {
            _ = try CSVTable(text: header + ",c0\n" + row + ",1\n", name: "wide.csv")
        }
        #expect(
            duplicate == CSVError(.duplicateColumnName("c0", firstColumn: 1), file: "wide.csv", line: 1, column: n + 1))
    }
}
