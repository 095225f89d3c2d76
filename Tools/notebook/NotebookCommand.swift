import ArgumentParser
import Foundation
import Notebooks
import PlotToolSupport
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
              notebook list --parts 6.4
              notebook run 6.4 --part momentum
              notebook run all | grep -c '\\[PASS\\]'                  # every stated value checked
            """,
        version: toolkitVersion,
        subcommands: [List.self, Run.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the notebooks, or the parts of one notebook (what 'run --part' accepts).")

        @Option(help: ArgumentHelp("List the parts of this notebook (e.g. 6.4) instead.", valueName: "id"))
        var parts: String?

        func validate() throws {
            if let parts { try validateNotebook(parts) }
        }

        func run() throws {
            try runReportingErrors(tool: "notebook") {
                if let id = parts {
                    let session = NotebookSession()
                    try NotebookCatalog.notebook(id)!.runReporting(session)
                    session.parts.forEach { StandardOutput.print($0.name) }
                } else {
                    NotebookCatalog.listing.forEach { StandardOutput.print($0) }
                }
                try StandardOutput.check()
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

        @Option(
            help: ArgumentHelp(
                "Print only this part of the notebook (the whole notebook still runs); 'notebook list --parts <id>' lists them.",
                valueName: "name"))
        var part: String?

        @Flag(help: "Print only each notebook's count of passed checks.")
        var summary = false

        func validate() throws {
            if id != "all" { try validateNotebook(id) }
            if part != nil {
                guard id != "all" else { throw ValidationError("--part needs one notebook, not all") }
                guard transcripts == nil, !summary else {
                    throw ValidationError("--part cannot be combined with --transcripts or --summary")
                }
            }
        }

        func run() throws {
            try runReportingErrors(tool: "notebook") {
                for (option, directory) in [("--figures", figures), ("--transcripts", transcripts)] {
                    if let directory { try OutputFile.createDirectory(directory, option: option) }
                }
                let notebooks = id == "all" ? NotebookCatalog.all : [NotebookCatalog.notebook(id)!]
                var failures: [String] = []
                var sessions: [NotebookSession] = []
                for notebook in notebooks {
                    let session = NotebookSession(figureDirectory: figures, selectedPart: part) {
                        if !summary { StandardOutput.print($0) }
                    }
                    try notebook.runReporting(session)
                    sessions.append(session)
                    if !session.passed { failures.append(notebook.id) }
                    if let transcripts {
                        try OutputFile.write(
                            transcripts + "/\(notebook.id).txt",
                            bytes: Array((session.transcript.joined(separator: "\n") + "\n").utf8))
                    }
                    if let part, !session.parts.contains(where: { $0.name == part }) {
                        let names = session.parts.map(\.name).joined(separator: ", ")
                        throw ToolError(.usage, "notebook \(notebook.id) has no part '\(part)'; its parts: \(names)")
                    }
                    if summary {
                        StandardOutput.print(NotebookCatalog.summary(notebook, session))
                    } else if part == nil {
                        StandardOutput.print()
                    }
                }
                if summary, notebooks.count > 1 { StandardOutput.print(NotebookCatalog.summaryTotal(sessions)) }
                try StandardOutput.check()
                if !failures.isEmpty {
                    throw ToolError(.software, "checks failed in notebook(s) \(failures.joined(separator: ", "))")
                }
            }
        }
    }
}

/// Throws a usage error unless `id` is a notebook's number.
func validateNotebook(_ id: String) throws {
    guard NotebookCatalog.notebook(id) != nil else {
        throw ValidationError(
            "no notebook '\(id)'; choose one of \(NotebookCatalog.all.map(\.id).joined(separator: ", ")) or all")
    }
}
