import Foundation
import Testing

/// The kernel's host, `swift-kernel`, driven through its request protocol as the Jupyter wrapper drives it:
/// cells in, the cells' output on standard output with the events among it (JSON lines after U+001E).
@Suite struct SwiftKernelToolTests {
    /// `EXEC <count>\n<cell>` for each cell, then `QUIT`.
    static func requests(_ cells: [String]) -> Data {
        var data = Data()
        for cell in cells { data += Data("EXEC \(cell.utf8.count)\n\(cell)".utf8) }
        return data + Data("QUIT\n".utf8)
    }

    /// The events of a run's standard output, and the output without them.
    static func split(_ output: String) throws -> (events: [[String: Any]], printed: String) {
        var events: [[String: Any]] = []
        var printed = ""
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("\u{1E}") {
                events.append(
                    try #require(JSONSerialization.jsonObject(with: Data(line.dropFirst().utf8)) as? [String: Any]))
            } else {
                printed += line + "\n"
            }
        }
        return (events, printed)
    }

    @Test func cellsKeepStateAcrossFailuresAndAnswerEachRequest() throws {
        let cells = [
            "var n = 1", "n += 1\nprint(n)", "let a = [1]\nprint(a[3])", "print(n)", "let m = 1\nnope(m)",
            "func double(_ x: Int) -> Int { 2 * x }\ndouble(n)",
        ]
        let result = try ToolRunner.run("swift-kernel", input: Self.requests(cells))
        #expect(result.status == 0, "\(result.standardError)")
        let (events, printed) = try Self.split(result.standardOutput)
        #expect(printed == "2\n2\n")
        let replies = events.filter { $0["event"] as? String == "reply" }
        #expect(replies.map { $0["status"] as? String } == ["ok", "ok", "error", "ok", "error", "ok"])
        #expect(replies.map { $0["ename"] as? String } == [nil, nil, "Trampa", nil, "ErrorDeCompilación", nil])
        let compileError = (replies[4]["traceback"] as? [String])?.joined(separator: "\n") ?? ""
        #expect(compileError.contains("línea 2, columna 1: cannot find 'nope' in scope"), "\(compileError)")
        #expect(result.standardError.contains("Fatal error: Index out of range"))
        let shown = events.filter { $0["event"] as? String == "result" }.compactMap { $0["data"] as? [String: String] }
        #expect(shown == [["text/plain": "4"]])
        #expect(events.first?["event"] as? String == "ready")
    }

    @Test func aMissingBuildIsNamed() throws {
        let result = try ToolRunner.run("swift-kernel", ["--build-directory", "/nonexistent-build"])
        #expect(result.status == 69)
        #expect(result.standardError.contains("libUDLNotebookCells.so not found; run 'make build'"))
    }
}
