import Foundation
import Testing

/// The course's Swift notebooks (`docs/notebooks/swift/*.md` → `docs/notebooks/ipynb/*.ipynb`) executed by
/// Jupyter's nbconvert on the project's `swift` kernel, and the kernel driven by Jupyter's client.
///
/// They run the project's Python (`make setup` creates `.venv/` with nbconvert and registers the kernel); a
/// missing environment fails the tests rather than skipping them. The kernel compiles cells against the
/// release build (`make build`, which `make test` runs first).
@Suite(.serialized) struct SwiftNotebookTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs a script of `scripts/` with the project's Python.
    static func python(_ script: String, _ arguments: [String]) throws -> ToolRunner.Result {
        let python = root.appendingPathComponent(".venv/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "\(python.path) is missing: run 'make setup', which creates the environment and registers the kernel")
        return try ToolRunner.run(
            executable: python, [root.appendingPathComponent("scripts/\(script)").path] + arguments)
    }

    /// Every notebook, fresh: no unexpected failing cell, its stated number of `[PASA]` checks and no
    /// `[FALLA]`, and the committed `.ipynb` holds the source's cells with the same outputs.
    @Test func everyNotebookRunsAndChecksItsValues() throws {
        let sources = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("docs/notebooks/swift").path
        ).filter { $0.hasSuffix(".md") }
        #expect(sources.count == 15, "the 14 UDL notebooks and recorrido: \(sources.sorted())")
        let result = try Self.python("notebooks.py", ["check"])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError.suffix(3000))")
        #expect(result.standardOutput.components(separatedBy: "[PASS]").count - 1 == sources.count)
    }

    /// State, redefinition, compile errors, traps, interrupt, streaming, images and tables, through Jupyter.
    @Test func theKernelBehavesAsAJupyterKernel() throws {
        let result = try Self.python("test-kernel.py", [])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError.suffix(3000))")
        #expect(!result.standardOutput.contains("[FAIL]"))
        #expect(result.standardOutput.components(separatedBy: "[PASS]").count - 1 >= 14)
    }

    /// A student changes a parameter and re-runs: the notebook still runs, and prints something else.
    @Test(arguments: [
        ("6.3", "let learningRate = 0.2", "let learningRate = 0.05"), ("7.3", "let K = 5", "let K = 50"),
    ])
    func aChangedParameterChangesTheResult(notebook: String, old: String, new: String) throws {
        let original = try Self.python("notebooks.py", ["variant", notebook, old, old])
        let changed = try Self.python("notebooks.py", ["variant", notebook, old, new])
        #expect(original.status == 0 && changed.status == 0, "\(original.standardError)\(changed.standardError)")
        #expect(!changed.standardOutput.isEmpty && changed.standardOutput != original.standardOutput)
    }
}
