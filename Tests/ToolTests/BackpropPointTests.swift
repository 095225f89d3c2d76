import Foundation
import TestSupport
import Testing

/// `backprop-check`'s hand derivation of one point (`--point`, `--language`, `--decimals`) and its refined
/// learning rates in the JSON, on `examples/figure1` against the NumPy and SciPy fixture of
/// `scripts/reference/backprop_figure1.py`. What the derivation says is NNReportsTests' business.
@Suite struct BackpropPointTests {
    static let figure1 = ["--model", Figure1Fixture.model, "--data", Figure1Fixture.data]

    @Test func derivationOfAPoint() throws {
        let result = try ToolRunner.run(
            "backprop-check",
            Self.figure1 + ["--format", "markdown", "--point", "2", "--language", "es", "--decimals", "4"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let prediction = Figure1Fixture.expected("sigmoid", "mse")["points"][1]["prediction"].double
        #expect(result.standardOutput.contains("**Punto $i=2$**"))
        #expect(
            result.standardOutput.contains(
                String(format: "%.4f", prediction).replacingOccurrences(of: ".", with: "{,}")))
        #expect(result.standardOutput.contains("$i=1$") && result.standardOutput.contains("$i=3$"))
    }

    @Test func refinedRatesInTheJSON() throws {
        for activation in ["sigmoid", "tanh", "selu", "leaky-relu"] {
            let result = try ToolRunner.run(
                "backprop-check", Self.figure1 + ["--format", "json", "--activation", activation])
            #expect(result.status == 0, "stderr: \(result.standardError)")
            let json = try JSONFixture(data: result.output)
            let expected = Figure1Fixture.expected(activation, "mse")
            expectClose(json["threshold_rate"].double, expected["threshold_rate"].double, absolute: 0, relative: 1e-11)
            expectClose(
                json["optimal_rate"]["loss"].double, expected["optimal_rate"][1].double, absolute: 0, relative: 1e-12)
        }
    }

    @Test(arguments: [
        (["--point", "1"], "--point writes a Markdown derivation"),
        (["--format", "json", "--point", "1"], "--point writes a Markdown derivation"),
        (["--format", "markdown", "--point", "4"], "has 3 data points"),
        (["--format", "markdown", "--point", "0"], "counts the data points from 1"),
        (["--format", "markdown", "--language", "es"], "apply to --point's derivation"),
        (["--format", "markdown", "--point", "1", "--decimals", "20"], "--decimals must be from 0 to 17"),
        (["--format", "markdown", "--point", "1", "--language", "fr"], "language"),
    ])
    func misuseIsAUsageError(arguments: [String], message: String) throws {
        let result = try ToolRunner.run("backprop-check", Self.figure1 + arguments)
        #expect(result.status == 64, "\(arguments): status \(result.status)")
        #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        #expect(result.output.isEmpty)
    }
}
