import Foundation
import TestSupport
import Testing

/// `scripts/lint-imports.py` (part of `make lint`): the repository passes it, and a copy of the repository's
/// table and package with one wrong import of each kind fails it with a line that names the file and the
/// import.
@Suite struct LintImportsTests {
    /// Runs the script over `root`, returning its exit status and standard error.
    func lint(_ root: URL) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryURL("scripts/lint-imports.py").path, "--root", root.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A git repository holding the real docs/ARCHITECTURE.md and Package.swift and the given Swift files.
    func repository(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files.merging(
            [
                "docs/ARCHITECTURE.md": try String(contentsOf: repositoryURL("docs/ARCHITECTURE.md"), encoding: .utf8),
                "Package.swift": try String(contentsOf: repositoryURL("Package.swift"), encoding: .utf8),
            ], uniquingKeysWith: { a, _ in a })
        {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", root.path, "init", "--quiet"]
        try git.run()
        git.waitUntilExit()
        try body(root)
    }

    @Test func theRepositoryPasses() throws {
        let result = try lint(repositoryURL(""))
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test(arguments: [
        (
            "Packages/NN/Up.swift", "import Tensor\nimport Notebooks\n",
            "Packages/NN/Up.swift:2: NN imports Notebooks, which its row in docs/ARCHITECTURE.md"
        ),
        (
            "Packages/Tensor/Sideways.swift", "import Optim\n",
            "Packages/Tensor/Sideways.swift:1: Tensor imports Optim, which its row"
        ),
        (
            "Tests/NNTests/Up.swift", "import NN\nimport Notebooks\n",
            "Tests/NNTests/Up.swift:2: NNTests imports Notebooks, which the <Library>Tests rule (NN and what it may import) does not allow"
        ),
        (
            "Packages/Platform/Export.swift", "@_exported import Glibc\n",
            "Packages/Platform/Export.swift:1: @_exported import Glibc: import it where it is used"
        ),
        (
            "Tools/ToolSupport/Draw.swift", "import Plot\n",
            "Tools/ToolSupport/Draw.swift:1: ToolSupport imports Plot"
        ),
        (
            "Packages/Extra/Extra.swift", "import Tensor\n",
            "Packages/Extra: no row of docs/ARCHITECTURE.md's table covers this target"
        ),
    ])
    func failsOnAWrongImport(path: String, text: String, message: String) throws {
        try repository([path: text, "Packages/NN/Fine.swift": "import Tensor\nimport JSON\n"]) { root in
            let result = try lint(root)
            #expect(result.status == 1)
            #expect(result.errors.contains("lint-imports: " + message), "\(result.errors)")
        }
    }

    /// A row that may import a target of a later row points up, whatever the sources do.
    @Test func failsOnATableThatPointsUp() throws {
        var table = try String(contentsOf: repositoryURL("docs/ARCHITECTURE.md"), encoding: .utf8)
        table = table.replacing(
            "| `Tensor` | CTensorKernels, Platform,", with: "| `Tensor` | CTensorKernels, Training, Platform,")
        try repository(["docs/ARCHITECTURE.md": table, "Packages/Tensor/T.swift": "import Platform\n"]) { root in
            let result = try lint(root)
            #expect(result.status == 1)
            #expect(result.errors.contains("Tensor may import Training, which is not below it"), "\(result.errors)")
        }
    }
}
