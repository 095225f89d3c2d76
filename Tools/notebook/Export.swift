import ArgumentParser
import Foundation
import Notebooks
import ToolSupport

extension NotebookCommand {
    /// `notebook export`: the Jupyter notebooks, composed from the Spanish pages and a run of each notebook.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the notebooks as Jupyter notebooks (nbformat 4), from their pages and a run of each.",
            discussion: """
                Each notebook's page (<pages>/<id>.md) gives the Markdown cells; its 'notebook run <id> --part \
                NAME' blocks become cells that run that part, stored with what it printed, and its figures \
                become cells that display them, stored with the PNG. 'recorrido' is the walkthrough, from \
                <pages>/README.md, with the key figure of each notebook; 'all' writes the fourteen notebooks \
                and the walkthrough.
                """)

        @Argument(help: ArgumentHelp("A notebook number such as 6.4, 'recorrido' or 'all'.", valueName: "id"))
        var id: String

        @Option(help: ArgumentHelp("The output format; only ipynb.", valueName: "format"))
        var format = "ipynb"

        @Option(
            name: [.short, .customLong("output")],
            help: ArgumentHelp("The directory the .ipynb files are written to.", valueName: "dir"))
        var output: String

        @Option(help: ArgumentHelp("The directory of the pages (<id>.md and README.md).", valueName: "dir"))
        var pages = "docs/notebooks"

        @Option(
            help: ArgumentHelp(
                "The notebook tool as the cells call it, relative to the output directory.", valueName: "path"))
        var tool = NotebookExport.defaultTool

        func validate() throws {
            guard format == "ipynb" else { throw ValidationError("unknown format '\(format)'; only ipynb") }
            if id != "all" && id != NotebookExport.walkthrough { try validateNotebook(id) }
        }

        func run() throws {
            try runReportingErrors(tool: "notebook") {
                try OutputFile.createDirectory(output, option: "--output")
                let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "notebook-export-\(UUID().uuidString)"
                ).path
                try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(atPath: scratch) }
                let png = { (file: String) in try InputFile.contents(scratch + "/" + file) }

                // The walkthrough shows every notebook's summary, so it needs every run.
                let wanted = id == "all" || id == NotebookExport.walkthrough ? NotebookCatalog.all.map(\.id) : [id]
                var sessions: [NotebookSession] = []
                for notebook in NotebookCatalog.all where wanted.contains(notebook.id) {
                    let session = NotebookSession(
                        figureDirectory: scratch, shownFigureDirectory: NotebookExport.figureFolder)
                    try notebook.runReporting(session)
                    guard session.passed else { throw ToolError(.software, "checks failed in notebook \(notebook.id)") }
                    sessions.append(session)
                    if id == "all" || id == notebook.id {
                        let page = try read("\(notebook.id).md")
                        let result = try pageErrorsAsData {
                            try NotebookExport.notebook(
                                page: page, pageName: pages + "/\(notebook.id).md", notebook: notebook,
                                session: session, tool: tool, png: png)
                        }
                        try write(result, "\(notebook.id).ipynb")
                    }
                }
                if id == "all" || id == NotebookExport.walkthrough {
                    let summary =
                        zip(NotebookCatalog.all, sessions).map { NotebookCatalog.summary($0, $1) }
                        + [NotebookCatalog.summaryTotal(sessions)]
                    let page = try read("README.md")
                    let result = try pageErrorsAsData {
                        try NotebookExport.walkthrough(
                            page: page, pageName: pages + "/README.md", listing: NotebookCatalog.listing,
                            summary: summary, tool: tool, png: png)
                    }
                    try write(result, NotebookExport.walkthrough + ".ipynb")
                }
            }
        }

        /// `body`'s result, a mistake in a page becoming a data error (65).
        func pageErrorsAsData(_ body: () throws -> JupyterNotebook) throws -> JupyterNotebook {
            do {
                return try body()
            } catch let error as NotebookExport.PageError {
                throw ToolError(.dataError, error.description)
            }
        }

        /// A page's text.
        func read(_ name: String) throws -> String {
            let bytes = try InputFile.contents(pages + "/" + name)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ToolError(.dataError, "\(pages)/\(name): not UTF-8 text")
            }
            return text
        }

        func write(_ notebook: JupyterNotebook, _ name: String) throws {
            try OutputFile.write(output + "/" + name, bytes: Array(notebook.json().utf8))
            StandardOutput.print("wrote \(output)/\(name)")
        }
    }
}
