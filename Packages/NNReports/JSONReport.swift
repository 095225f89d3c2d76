import JSON
import NN
import Tensor

/// The report as JSON, every number in shortest round-trip form (non-finite numbers as `null`).
///
/// The shape is stable: `loss`, `formula`, `point_scale`, `learning_rate`, `loss_before`, `loss_after`,
/// `decreased`, `gradient` (`{"layers": [{"weights": [[…]], "biases": […]}, …]}`), `gradient_check`,
/// `kinks`, `kink_derivative` (`computed`, `left` or `right`: the side a′ took at the kinks),
/// `learning_rate_scan`, `largest_decreasing_rate`, `best_rate` (both on the scan's grid),
/// `decreasing_intervals` (`[[low, high], …]`: every rate of (0, α] for which one step lowers the loss, from a
/// fine grid with each crossing bisected), `threshold_rate` (the end of the first of those intervals when it
/// starts at 0: one step lowers the loss for every rate below it), `optimal_rate`
/// (golden-section: the rate of the lowest loss after one step, with that loss), `updated_model` (the model
/// file's object) and `points`. Indices count from 0.
public struct JSONReport {
    let report: BackpropagationReport
    /// The loss's command-line name (`mse`, `sse`, `half-sse`).
    let lossName: String

    static func number(_ x: Double) -> String { JSONOutput.number(x) }
    static func array(_ xs: [Double]) -> String { "[" + xs.map(number).joined(separator: ", ") + "]" }
    static func arrays(_ xss: [[Double]]) -> String { "[" + xss.map(array).joined(separator: ", ") + "]" }

    static func string(_ s: String) -> String { JSONOutput.quoted(s) }

    /// A flat parameter-shaped vector as `{"layers": [{"weights": [[…]], "biases": […]}, …]}`.
    func layers(_ flat: Tensor, indent: String) -> String {
        let network = Network(report.network.architecture, parameters: flat)
        let layers = network.layers.indices.map { k in
            let omega = network.weights(ofLayer: k)
            let rows = (0..<omega.shape[0]).map { omega.row($0).scalars }
            return indent
                + "  {\"weights\": \(Self.arrays(rows)), \"biases\": \(Self.array(network.biases(ofLayer: k).scalars))}"
        }
        return "{\"layers\": [\n" + layers.joined(separator: ",\n") + "]}"
    }

    /// A renderer of `report` under the loss named `lossName`.
    public init(report: BackpropagationReport, lossName: String) {
        self.report = report
        self.lossName = lossName
    }

    /// The whole document; `updatedModel` is the model file's text of the updated network.
    public func render(updatedModel: String) -> String {
        let check = report.gradientCheck
        let width = report.network.inputs
        func rows(_ t: Tensor) -> [[Double]] {
            stride(from: 0, to: t.count, by: width).map { Array(t.scalars[$0..<($0 + width)]) }
        }
        let kinks = report.kinks.map {
            "{\"point\": \($0.point), \"layer\": \($0.layer), \"unit\": \($0.unit), \"value\": \(Self.number($0.value))}"
        }
        func rateAndLoss(_ entry: (rate: Double, loss: Double)) -> String {
            "{\"learning_rate\": \(Self.number(entry.rate)), \"loss\": \(Self.number(entry.loss))}"
        }
        let scan = report.learningRateScan.map(rateAndLoss)
        let intervals = report.decreasingIntervals.map { "[\(Self.number($0.low)), \(Self.number($0.high))]" }
        let points = report.points.map { p in
            """
                {"x": \(Self.array(p.input)), "y": \(Self.array(p.target)), "prediction": \(Self.array(p.prediction)), \
            "loss": \(Self.number(p.loss)),
                 "f": \(Self.arrays(p.preActivations)), "h": \(Self.arrays(p.activations)),
                 "dl_df": \(Self.arrays(p.preActivationGradients)), "dl_dh": \(Self.arrays(p.activationGradients)),
                 "a_prime": \(Self.arrays(p.activationDerivatives)),
                 "gradient": \(layers(p.gradient, indent: "     "))}
            """
        }
        return """
            {"loss": \(Self.string(lossName)),
             "formula": \(Self.string(report.loss.formula)),
             "point_scale": \(Self.number(report.pointScale)),
             "learning_rate": \(Self.number(report.learningRate)),
             "loss_before": \(Self.number(report.lossBefore)),
             "loss_after": \(Self.number(report.lossAfter)),
             "decreased": \(report.decreased),
             "gradient": \(layers(report.gradient, indent: " ")),
             "gradient_check": {"step": \(Self.number(check.step)), "max_abs_error": \(Self.number(check.maxAbsoluteError)), \
            "max_abs_error_away_from_kinks": \(Self.number(report.maxAbsoluteErrorAwayFromKinks)), \
            "max_relative_error": \(Self.number(check.maxRelativeError)),
               "numeric": \(layers(check.numeric, indent: "   ")),
               "inputs": {"analytic": \(Self.arrays(rows(check.analyticInput))), "numeric": \(Self.arrays(rows(check.numericInput)))}},
             "kinks": [\(kinks.joined(separator: ", "))],
             "kink_derivative": \(Self.string(report.kinkDerivative.rawValue)),
             "learning_rate_scan": [\(scan.joined(separator: ",\n   "))],
             "largest_decreasing_rate": \(report.largestDecreasingRate.map(Self.number) ?? "null"),
             "best_rate": \(report.bestScannedRate.map(rateAndLoss) ?? "null"),
             "decreasing_intervals": [\(intervals.joined(separator: ", "))],
             "threshold_rate": \(report.thresholdRate.map(Self.number) ?? "null"),
             "optimal_rate": \(report.optimalRate.map(rateAndLoss) ?? "null"),
             "updated_model": \(updatedModel.dropLast()),
             "points": [
            \(points.joined(separator: ",\n"))]}

            """
    }
}
