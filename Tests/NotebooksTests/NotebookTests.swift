import Notebooks
import Testing

/// Every notebook runs, and every one of its checks (stated values and the reference's solved values,
/// with the reference's tolerances) passes.
@Suite struct NotebookTests {
    @Test(arguments: NotebookCatalog.all.map(\.id))
    func allChecksPass(id: String) throws {
        let notebook = try #require(NotebookCatalog.notebook(id))
        let session = NotebookSession()
        try notebook.run(session)
        #expect(!session.checks.isEmpty, "notebook \(id) checks nothing")
        for check in session.checks where !check.passed {
            Issue.record("notebook \(id): \(check.label): \(check.detail)")
        }
    }

    /// Python's "%.3f" rounding, which the stated checks compare against.
    @Test func printsLikePython() {
        #expect(fixed(0.118846861853267, 3) == "0.119")
        #expect(fixed(0.0005, 3) == "0.001" || fixed(0.0005, 3) == "0.000")
        #expect(fixed(2.675, 2) == "2.67", "2.675 is stored as 2.67499999…")
        #expect(fixed(-0.0001, 3) == "-0.000")
        #expect(fixed(12.3669, 3) == "12.367")
    }
}
