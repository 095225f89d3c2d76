import Foundation
import Testing

/// The Jupyter notebooks of `docs/notebooks/ipynb`: the committed files are what `notebook export` writes
/// today, Jupyter's nbformat validates them, and Jupyter's nbconvert, executing two of them through the
/// standard IPython kernel, reproduces their stored outputs.
///
/// nbformat and nbconvert come from the project's virtual environment (`make setup` creates `.venv/`); a
/// missing environment fails the tests rather than skipping them.
@Suite(.serialized) struct NotebookExportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let committed = root.appendingPathComponent("docs/notebooks/ipynb")

    /// The committed notebooks' file names.
    static func notebooks() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: committed.path).filter { $0.hasSuffix(".ipynb") }.sorted()
    }

    /// Runs `scripts/check-notebooks.py` with the project's Python.
    static func checkNotebooks(_ arguments: [String]) throws -> ToolRunner.Result {
        let python = root.appendingPathComponent(".venv/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "\(python.path) is missing: run 'make setup', which creates the virtual environment with nbformat and nbconvert"
        )
        return try ToolRunner.run(
            executable: python, [root.appendingPathComponent("scripts/check-notebooks.py").path] + arguments)
    }

    @Test func committedNotebooksAreWhatExportWritesToday() throws {
        try withScratchFiles([:]) { directory in
            let result = try ToolRunner.run(
                "notebook",
                [
                    "export", "all", "--format", "ipynb", "--output", directory.path, "--pages",
                    Self.root.appendingPathComponent("docs/notebooks").path,
                ])
            #expect(result.status == 0, "\(result.standardError)")
            let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            let committed = try Self.notebooks()
            #expect(written == committed, "export writes \(written), the repository holds \(committed)")
            #expect(committed.count == 15, "the 14 notebooks and recorrido.ipynb")
            for name in written where committed.contains(name) {
                let fresh = try Data(contentsOf: directory.appendingPathComponent(name))
                let stored = try Data(contentsOf: Self.committed.appendingPathComponent(name))
                #expect(
                    fresh == stored, "docs/notebooks/ipynb/\(name) differs from what export writes: run make notebooks")
            }
        }
    }

    @Test func everyNotebookValidatesAgainstTheNbformatSchema() throws {
        let files = try Self.notebooks().map { Self.committed.appendingPathComponent($0).path }
        try #require(!files.isEmpty)
        let result = try Self.checkNotebooks(["validate"] + files)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.components(separatedBy: "[PASS]").count - 1 == files.count)
    }

    /// 4.3 (one figure, four parts) and 6.4 (two figures, six parts, the whole Gabor runs in each part).
    @Test func nbconvertReproducesTheStoredOutputs() throws {
        let tool = try ToolRunner.executable("notebook")
        let files = ["4.3.ipynb", "6.4.ipynb"].map { Self.committed.appendingPathComponent($0).path }
        let result = try Self.checkNotebooks(["execute", "--tool", tool.path] + files)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.components(separatedBy: "outputs reproduced").count - 1 == files.count)
    }
}
