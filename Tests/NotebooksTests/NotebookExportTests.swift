import Notebooks
import Testing

/// The parts of a run, `--part` printing, the `.ipynb` writer and the checks `notebook export` makes on a page.
@Suite struct NotebookPartTests {
    /// A run with a selected part prints exactly that part's slice of the full run, and draws only its figures.
    @Test func aSelectedPartPrintsItsSliceOfTheFullRun() throws {
        let notebook = try #require(NotebookCatalog.notebook("4.3"))
        let full = NotebookSession()
        try notebook.runReporting(full)
        for part in full.parts {
            var printed: [String] = []
            let session = NotebookSession(selectedPart: part.name) { printed.append($0) }
            try notebook.runReporting(session)
            #expect(printed == Array(full.transcript[part.lines]), "part \(part.name)")
            #expect(session.figures.isEmpty, "no figure directory, no figures")
        }
    }
}

@Suite struct JupyterNotebookTests {
    /// Strings are escaped as Python's `json.dumps(ensure_ascii=False)` escapes them, and PNG bytes are stored in
    /// Base64: the expected texts are Python's output and RFC 4648's test vector ("foobar" → "Zm9vYmFy").
    @Test func writesTheJSONJupyterWrites() {
        let notebook = JupyterNotebook(cells: [
            .markdown("a\"b\\\n\t\u{01}é→\r\u{0C}\u{08}"),
            .code("print(1)", outputs: [.standardOutput("1\n"), .png(Array("foobar".utf8))]),
        ])
        let json = notebook.json()
        // json.dumps(['a"b\\\n', '\t\x01é→\r\x0c\x08'], ensure_ascii=False) in the source list, one line each.
        #expect(json.contains("\"source\": [\n    \"a\\\"b\\\\\\n\",\n    \"\\t\\u0001é→\\r\\f\\b\"\n   ]"))
        #expect(json.contains("\"image/png\": \"Zm9vYmFy\""))
        #expect(json.contains("\"execution_count\": 1"))
        #expect(json.contains("\"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"))
        #expect(json.hasPrefix("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\": \"celda-01\","))
    }

    /// The other RFC 4648 vectors, through the stored PNG.
    @Test(arguments: [("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")])
    func storesImagesInBase64(bytes: String, base64: String) {
        let json = JupyterNotebook(cells: [.code("", outputs: [.png(Array(bytes.utf8))])]).json()
        #expect(json.contains("\"image/png\": \"\(base64)\""))
    }
}

@Suite struct NotebookExportPageTests {
    static func session() throws -> (any Notebook, NotebookSession) {
        let notebook = try #require(NotebookCatalog.notebook("4.3"))
        let session = NotebookSession(figureDirectory: nil)
        try notebook.runReporting(session)
        return (notebook, session)
    }

    static func page(_ parts: [String]) -> String {
        "# Cuaderno 4.3\n\nTexto con un [enlace](output/4.3.txt) y otro al [6.4](6.4.md).\n\n## Resultados\n"
            + parts.map { "\n```sh\nnotebook run 4.3 --part \($0)\n```\n" }.joined()
    }

    @Test func aPageThatRunsEveryPartBecomesCells() throws {
        let (notebook, session) = try Self.session()
        let result = try NotebookExport.notebook(
            page: Self.page(session.parts.map(\.name)), pageName: "4.3.md", notebook: notebook, session: session
        ) { _ in [] }
        // Title, setup, "Resultados", then one code cell per part.
        #expect(result.cells.count == 3 + session.parts.count)
        guard case let .markdown(title) = result.cells[0], case let .code(setup, outputs) = result.cells[1] else {
            Issue.record("cells: \(result.cells)")
            return
        }
        #expect(title.contains("[enlace](../output/4.3.txt)") && title.contains("[6.4](6.4.ipynb)"))
        #expect(setup.contains("from IPython.display import Image, display") && outputs.isEmpty)
        guard case let .code(source, printed) = result.cells[3] else {
            Issue.record("\(result.cells[3])")
            return
        }
        #expect(source == "%%bash\n../../../.build/release/notebook run 4.3 --part \(session.parts[0].name)")
        #expect(printed == [.standardOutput(session.transcript[session.parts[0].lines].map { $0 + "\n" }.joined())])
    }

    @Test func aPartLeftOutIsAnErrorOfThePage() throws {
        let (notebook, session) = try Self.session()
        #expect(throws: NotebookExport.PageError.self) {
            try NotebookExport.notebook(
                page: Self.page(Array(session.parts.map(\.name).dropLast())), pageName: "4.3.md", notebook: notebook,
                session: session
            ) { _ in [] }
        }
    }

    @Test func anUnknownPartIsReportedWithItsLine() throws {
        let (notebook, session) = try Self.session()
        do {
            _ = try NotebookExport.notebook(
                page: Self.page(["nothing"]), pageName: "4.3.md", notebook: notebook, session: session
            ) { _ in [] }
            Issue.record("an unknown part was accepted")
        } catch let error as NotebookExport.PageError {
            #expect(error.line == 8, "the command's line: \(error)")
            #expect(error.description.hasPrefix("4.3.md:8: 'notebook run 4.3 --part nothing'"))
        }
    }

    @Test func aFigureShownBeforeItIsDrawnIsAnError() throws {
        let (notebook, session) = try Self.session()
        let page = "# 4.3\n\n![figura](figures/4.3-matrix-form.png)\n" + Self.page(session.parts.map(\.name))
        #expect(throws: NotebookExport.PageError.self) {
            try NotebookExport.notebook(page: page, pageName: "4.3.md", notebook: notebook, session: session) { _ in
                []
            }
        }
    }
}
