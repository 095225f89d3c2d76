import NN
import NNReports
import TestSupport
import Testing

/// The text and Markdown reports of the assignment's Figure 1 exercise: the formulas in the book's notation
/// and the numbers of the independent NumPy computation (`Tests/Fixtures/nn/figure1.json`).
@Suite struct WrittenReportTests {
    /// The report of Figure 1 with the hidden `activation` under `loss`, written with 9 digits.
    static func written(activation: String, loss: String) -> WrittenReport {
        WrittenReport(
            report: BackpropagationReportTests.report(activation: activation, loss: loss), lossName: loss,
            source: "model examples/figure1/model.json, data examples/figure1/data.csv", digits: 9)
    }

    /// The initial loss of Figure 1 under the mean and the sum of squares, 0.408673 and 1.226018 (the sum
    /// is N = 3 times the mean), written with NumPy's digits.
    @Test func initialLossesAreTheExercises() {
        let mean = BackpropagationReportTests.report(activation: "sigmoid", loss: "mse").lossBefore
        let sum = BackpropagationReportTests.report(activation: "sigmoid", loss: "sse").lossBefore
        expectClose(mean, 0.408673, absolute: 5e-7)
        expectClose(sum, 1.226018, absolute: 5e-7)
        let numpyMean = Figure1Fixture.expected("sigmoid", "mse")["loss_before"].double
        let numpySum = Figure1Fixture.expected("sigmoid", "sse")["loss_before"].double
        #expect(
            Self.written(activation: "sigmoid", loss: "mse").text().contains(
                "Loss before the step: \(Figure1Fixture.g(numpyMean))"))
        #expect(
            Self.written(activation: "sigmoid", loss: "sse").markdown().contains(
                "| before the step | \(Figure1Fixture.g(numpySum)) |"))
    }

    /// The default report says, in the book's notation, what Figure 1's exercise finds: the loss goes up at
    /// learning rate 1, and the scan's rates that lower it.
    @Test func textStatesTheExercise() throws {
        let expected = Figure1Fixture.expected("sigmoid", "mse")
        let text = Self.written(activation: "sigmoid", loss: "mse").text()
        let scan = expected["scan"].array
        let largest = scan.filter { $0[1].double < expected["loss_before"].double }.map { $0[0].double }.max()!
        let best = scan.min { $0[1].double < $1[1].double }!
        for fragment in [
            "L = (1/N) Σ_i (f(x_i) − y_i)²", "a′[f] = σ(f)(1 − σ(f))", "f_0 = β_0 + Ω_0 x_i", "h_1 = a[f_0]",
            "∂ℓ_i/∂f_2 = 2(f_2 − y_i)", "∂ℓ_i/∂Ω_0 = ∂ℓ_i/∂f_0 x_iᵀ", "∂ℓ_i/∂f_0 = a′[f_0] ⊙ ∂ℓ_i/∂h_1",
            "Loss before the step: \(Figure1Fixture.g(expected["loss_before"].double))",
            "Loss after the step:  \(Figure1Fixture.g(expected["loss_after"].double))",
            "The loss did NOT decrease", "lowers the loss: α = \(Figure1Fixture.g(largest))",
            "Best rate on the scan: α = \(Figure1Fixture.g(best[0].double)) (L = \(Figure1Fixture.g(best[1].double)))",
            Figure1Fixture.g(expected["points"][2]["dh"][1][1].double),
            Figure1Fixture.g(expected["updated"]["weights"][1][0][2].double),
        ] {
            #expect(text.contains(fragment), "missing \(fragment)")
        }
    }

    @Test func markdownStatesTheExerciseWithLaTeX() throws {
        let expected = Figure1Fixture.expected("leaky-relu", "half-sse")
        let markdown = Self.written(activation: "leaky-relu", loss: "half-sse").markdown()
        for fragment in [
            "L = \\frac12 \\sum_{i=1}^{N}",
            "\\mathbf f_{0} = \\boldsymbol\\beta_{0} + \\boldsymbol\\Omega_{0}\\mathbf x_i",
            "a'[f] = \\begin{cases} 1 & f > 0 \\\\ \\alpha & f \\le 0 \\end{cases}", "\\alpha = 0.01", "**Kinks.**",
            "| before the step | \(Figure1Fixture.g(expected["loss_before"].double)) |",
            "| after the step | \(Figure1Fixture.g(expected["loss_after"].double)) |",
            "**The loss did not decrease:**", Figure1Fixture.g(expected["gradient"]["weights"][0][2][1].double),
        ] {
            #expect(markdown.contains(fragment), "missing \(fragment)")
        }
    }
}
