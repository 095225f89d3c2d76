import Notebooks
import Testing

/// The parts of a run and `--part` printing.
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
