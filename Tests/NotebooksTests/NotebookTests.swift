import Notebooks
import Testing

/// Every notebook runs, and every one of its checks (stated values and the reference's solved values,
/// with the reference's tolerances) passes; its parts (one Jupyter cell each) tile its transcript.
@Suite struct NotebookTests {
    @Test(arguments: NotebookCatalog.all.map(\.id))
    func allChecksPass(id: String) throws {
        let notebook = try #require(NotebookCatalog.notebook(id))
        let session = NotebookSession()
        try notebook.runReporting(session)
        #expect(!session.checks.isEmpty, "notebook \(id) checks nothing")
        for check in session.checks where !check.passed {
            Issue.record("notebook \(id): \(check.label): \(check.detail)")
        }
        expectPartsTile(session, id)
    }

    /// The parts start at line 0, follow one another without gaps or overlaps, end at the last line, have
    /// distinct names, and none is empty.
    func expectPartsTile(_ session: NotebookSession, _ id: String) {
        let parts = session.parts
        #expect(parts.count >= 2, "notebook \(id) has \(parts.count) part(s)")
        #expect(parts.first?.lines.lowerBound == 0)
        #expect(parts.last?.lines.upperBound == session.transcript.count)
        for (a, b) in zip(parts, parts.dropFirst()) { #expect(a.lines.upperBound == b.lines.lowerBound) }
        #expect(Set(parts.map(\.name)).count == parts.count, "duplicate part names in \(id)")
        #expect(parts.allSatisfy { !$0.lines.isEmpty })
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
