import ArgumentParser
import Foundation
import Notebooks
import ToolSupport

/// `notebook`: the UDL notebooks of the assignment, solved, checked and drawn.
@main
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run the UDL notebooks 3.4 … 7.3: their outputs, checks of every stated value, answers and figures.",
        discussion: """
            Each notebook rebuilds the original's setup (the same data, and the same seeds through the \
            NumPy-compatible generator), prints what it prints, checks every value it states and the solved \
            values of the reference ([PASS]/[FAIL] lines), answers its pen-and-paper questions and draws its \
            figures. The exit status is 1 when a check fails.

            Examples:
              notebook list
              notebook run 6.4 --figures figures
              notebook run all --figures docs/notebooks/figures --transcripts docs/notebooks/output
            """,
        version: toolkitVersion,
        subcommands: [List.self, Run.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the notebooks.")

        func run() {
            for notebook in NotebookCatalog.all {
                print(
                    "\(notebook.id.padding(toLength: 5, withPad: " ", startingAt: 0)) \(notebook.title)  (\(notebook.source))"
                )
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run one notebook, or all of them.")

        @Argument(help: ArgumentHelp("A notebook number such as 6.4, or 'all'.", valueName: "id"))
        var id: String

        @Option(help: ArgumentHelp("Write the figures (PNG) into this directory.", valueName: "dir"))
        var figures: String?

        @Option(help: ArgumentHelp("Also write each notebook's printed output to <dir>/<id>.txt.", valueName: "dir"))
        var transcripts: String?

        func validate() throws {
            guard id == "all" || NotebookCatalog.notebook(id) != nil else {
                throw ValidationError(
                    "no notebook '\(id)'; choose one of \(NotebookCatalog.all.map(\.id).joined(separator: ", ")) or all"
                )
            }
        }

        func run() throws {
            try runReportingErrors(tool: "notebook") {
                for directory in [figures, transcripts].compactMap({ $0 }) {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
                let notebooks = id == "all" ? NotebookCatalog.all : [NotebookCatalog.notebook(id)!]
                var failures: [String] = []
                for notebook in notebooks {
                    let session = NotebookSession(figureDirectory: figures) { StandardOutput.print($0) }
                    session.say("# Notebook \(notebook.id): \(notebook.title)")
                    try notebook.run(session)
                    let failed = session.checks.filter { !$0.passed }.count
                    session.say()
                    session.say("\(session.checks.count - failed) of \(session.checks.count) checks passed")
                    if failed > 0 { failures.append(notebook.id) }
                    if let transcripts {
                        try OutputFile.write(
                            transcripts + "/\(notebook.id).txt",
                            bytes: Array((session.transcript.joined(separator: "\n") + "\n").utf8))
                    }
                    StandardOutput.print()
                }
                try StandardOutput.check()
                if !failures.isEmpty {
                    throw ToolError(.software, "checks failed in notebook(s) \(failures.joined(separator: ", "))")
                }
            }
        }
    }
}
