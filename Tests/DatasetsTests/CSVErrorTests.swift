import Datasets
import Foundation
import Testing

/// Every reader error, with its exact place (file:line:field) and message.
@Suite struct CSVErrorTests {
    /// The error reading `text` as `data.csv` throws.
    func error(_ text: String, options: CSVReader.Options = .init()) throws -> CSVError {
        try #require(throws: CSVError.self) { _ = try CSVTable(text: text, name: "data.csv", options: options) }
    }

    @Test func notANumberNamesLineFieldAndToken() throws {
        let e = try error("x,y,z\n1,2,3\n# comment\n\n4,abc,6\n")
        #expect(e == CSVError(.notANumber(token: "abc"), file: "data.csv", line: 5, column: 2))
        #expect(e.description == #"data.csv:5:2: expected a number, found "abc""#)
    }

    @Test(arguments: [
        ("1.5abc", "1.5abc"), ("1 2", "1 2"), ("\"1\"", "\"1\""), ("0x10", "0x10"), ("1e", "1e"), ("--1", "--1"),
        ("1,5", nil), ("  7.2.3  ", "7.2.3"), (".", "."), ("e5", "e5"),
    ])
    func malformedNumbers(field: String, token: String?) throws {
        let e = try error("a,b\n0,\(field)\n")
        if let token {
            #expect(e == CSVError(.notANumber(token: token), file: "data.csv", line: 2, column: 2))
        } else {  // "1,5" is two fields: one too many
            #expect(e == CSVError(.wrongFieldCount(expected: 2, found: 3), file: "data.csv", line: 2, column: 3))
        }
    }

    @Test func quotesInTokensAreEscapedAndLongTokensShortened() throws {
        #expect(try error("a\n\"1\"\n").description == #"data.csv:2:1: expected a number, found "\"1\"""#)
        let long = String(repeating: "x", count: 50)
        #expect(try error("a\n\(long)\n").kind == .notANumber(token: String(repeating: "x", count: 37) + "..."))
    }

    @Test(arguments: ["nan", "NaN", "-inf", "+Infinity", "INF", "1e999", "-2e308"])
    func nonFiniteValuesAreRejected(token: String) throws {
        let e = try error("a,b\n1,2\n3,\(token)\n")
        #expect(e == CSVError(.notFinite(token: token), file: "data.csv", line: 3, column: 2))
        #expect(e.description == "data.csv:3:2: expected a finite number, found \"\(token)\"")
    }

    @Test func emptyFieldIsAnErrorUnlessMissingValuesAreAllowed() throws {
        let e = try error("a,b,c\n1,,3\n")
        #expect(e == CSVError(.emptyField, file: "data.csv", line: 2, column: 2))
        #expect(e.description == "data.csv:2:2: expected a number, found an empty field")
        // Allowing missing values does not allow non-numbers.
        #expect(try error("a,b\n,x\n", options: .init(allowsMissing: true)).kind == .notANumber(token: "x"))
    }

    @Test func raggedRowsNameTheFirstMissingOrExtraField() throws {
        let tooMany = try error("x,y\n1,2\n1,2,3,4\n")
        #expect(tooMany == CSVError(.wrongFieldCount(expected: 2, found: 4), file: "data.csv", line: 3, column: 3))
        #expect(tooMany.description == "data.csv:3:3: expected 2 fields as in the header, found 4")
        let tooFew = try error("x,y,z\r\n1,2\r\n")
        #expect(tooFew == CSVError(.wrongFieldCount(expected: 3, found: 2), file: "data.csv", line: 2, column: 3))
        let trailingComma = try error("x\n1,\n")
        #expect(trailingComma.description == "data.csv:2:2: expected 1 field as in the header, found 2")
    }

    @Test func headerErrors() throws {
        #expect(try error("# c\nx,,z\n").description == "data.csv:2:2: empty column name in the header")
        #expect(try error("x,\"\"\n").kind == .emptyColumnName)
        let duplicate = try error("x,y,x\n1,2,3\n")
        #expect(duplicate == CSVError(.duplicateColumnName("x", firstColumn: 1), file: "data.csv", line: 1, column: 3))
        #expect(duplicate.description == #"data.csv:1:3: duplicate column name "x" (also column 1)"#)
        #expect(
            try error("a,\"x,y\n").description
                == "data.csv:1:2: unterminated quoted column name, or text after its closing quote")
        #expect(try error("\"x\"y,z\n") == CSVError(.badQuotes, file: "data.csv", line: 1, column: 1))
        let numeric = try error("\n1,2.5\n3,4\n")
        #expect(numeric == CSVError(.missingHeader, file: "data.csv", line: 2))
        #expect(numeric.description == "data.csv:2: expected a header row of column names, found only numbers")
    }

    @Test(arguments: ["", "\n\n", "# only a comment\r\n  \r\n"])
    func emptyFile(text: String) throws {
        let e = try error(text)
        #expect(e == CSVError(.emptyFile, file: "data.csv"))
        #expect(e.description == "data.csv: empty file: expected a header row of column names")
    }

    @Test func filesThatCannotBeOpened() throws {
        let missing = try #require(throws: CSVError.self) { _ = try CSVReader(path: "/nonexistent/data.csv") }
        #expect(missing.description == "/nonexistent/data.csv: cannot open: No such file or directory")
        let directory = try #require(throws: CSVError.self) { _ = try CSVReader(path: NSTemporaryDirectory()) }
        #expect(directory.kind == .cannotOpen(reason: "is a directory"))
    }

    /// #15 "a header-only CSV says empty file": the table has a header and no rows.
    @Test func headerOnlyFileSaysNoDataRows() throws {
        let table = try CSVTable(text: "x,y,z\n", name: "h.csv")
        let e = try #require(throws: CSVError.self) { _ = try table.labeled() }
        #expect(e.description == "h.csv: no data rows, only the header (\"x\", \"y\", \"z\")")
    }

    /// #15 "a 1 MB column name is echoed whole in the error": names in messages are cut to 50 characters.
    @Test func megabyteColumnNameIsNotEchoedWhole() throws {
        let long = String(repeating: "n", count: 1 << 20)
        let table = try CSVTable(text: "\(long),y\n1,2\n", name: "long.csv")
        let e = try #require(throws: CSVError.self) { _ = try table.columns(["w"]) }
        #expect(e.description.count < 300)
        #expect(e.description.contains("(1048576 characters)"))
    }

    /// Rows remember their physical lines, so later checks can name `file:line`.
    @Test func rowsKnowTheirLines() throws {
        let table = try CSVTable(text: "# c\nx\n1\n\n# d\n2\n3\n", name: "l.csv")
        #expect((0..<3).map(table.location(ofRow:)) == ["l.csv:3", "l.csv:6", "l.csv:7"])
    }
}
