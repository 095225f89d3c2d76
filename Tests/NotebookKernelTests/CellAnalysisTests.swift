import NotebookKernel
import Testing

@Suite struct CellAnalysisTests {
    @Test func placeholder() { #expect(CellAnalysis("let x = 1").items.count == 1) }
}
