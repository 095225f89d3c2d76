import Foundation
import Notebooks
import Testing

/// What the chapter 7 notebooks hold beyond their checks.
@Suite struct ChapterSevenTests {
    /// Notebook 7.2 carries copies of the assignment's Figure 1 model and data; they are the files in
    /// `examples/figure1/`, byte for byte.
    @Test func figure1CopiesAreTheExampleFiles() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/figure1")
        let model = try String(contentsOf: examples.appendingPathComponent("model.json"), encoding: .utf8)
        let data = try String(contentsOf: examples.appendingPathComponent("data.csv"), encoding: .utf8)
        #expect(model == BackpropagationNotebook.figure1Model)
        #expect(data == BackpropagationNotebook.figure1Data)
    }
}
