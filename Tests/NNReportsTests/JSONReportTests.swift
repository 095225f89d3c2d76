import Foundation
import NN
import NNReports
import TestSupport
import Testing

/// The JSON report of the assignment's Figure 1 exercise against the independent NumPy computation of
/// `scripts/reference/backprop_figure1.py` (`Tests/Fixtures/nn/figure1.json`): every loss convention and
/// hidden activation, every field.
@Suite struct JSONReportTests {
    @Test(arguments: Figure1Fixture.cases)
    func matchesNumPy(activation: String, loss: String) throws {
        let expected = Figure1Fixture.expected(activation, loss)
        let label = "\(activation) \(loss)"
        let report = BackpropagationReportTests.report(activation: activation, loss: loss)
        let text = JSONReport(report: report, lossName: loss).render(updatedModel: ModelFile.json(report.updated))
        let json = try JSONFixture(data: Data(text.utf8))
        #expect(json["loss"].string == loss && json["learning_rate"].double == 1)
        expectClose(json["loss_before"].double, expected["loss_before"].double, absolute: 1e-13, relative: 1e-13, label)
        expectClose(json["loss_after"].double, expected["loss_after"].double, absolute: 1e-12, relative: 1e-12, label)
        #expect(json["decreased"].bool == (expected["loss_after"].double < expected["loss_before"].double))
        expectClose(
            Figure1Fixture.flat(json["gradient"]["layers"]),
            Figure1Fixture.flat(weights: expected["gradient"]["weights"], biases: expected["gradient"]["biases"]),
            absolute: 1e-13, relative: 1e-13, label)
        let updated = json["updated_model"]
        #expect(updated["inputs"].int == 2)
        #expect(updated["layers"].array.map { $0["activation"].string } == [activation, activation, "identity"])
        expectClose(
            Figure1Fixture.flat(updated["layers"]),
            Figure1Fixture.flat(weights: expected["updated"]["weights"], biases: expected["updated"]["biases"]),
            absolute: 1e-13, relative: 1e-13, label)

        #expect(json["points"].array.count == 3)
        for (point, p) in zip(json["points"].array, expected["points"].array) {
            expectClose(
                point["f"].array.flatMap(\.doubles), p["f"].array.flatMap(\.doubles), absolute: 1e-14, relative: 1e-14,
                label)
            expectClose(
                point["h"].array.flatMap(\.doubles), p["h"].array.flatMap(\.doubles), absolute: 1e-14, relative: 1e-14,
                label)
            expectClose(point["prediction"].doubles, [p["prediction"].double], absolute: 1e-14, relative: 1e-14, label)
            expectClose(point["loss"].double, p["loss"].double, absolute: 1e-14, relative: 1e-14, label)
            expectClose(
                point["dl_df"].array.flatMap(\.doubles), p["df"].array.flatMap(\.doubles), absolute: 1e-13,
                relative: 1e-13, label)
            expectClose(
                point["dl_dh"].array.flatMap(\.doubles), p["dh"].array.flatMap(\.doubles), absolute: 1e-13,
                relative: 1e-13, label)
            expectClose(
                point["a_prime"].array.flatMap(\.doubles), p["derivatives"].array.flatMap(\.doubles), absolute: 1e-14,
                relative: 1e-14, label)
            expectClose(
                Figure1Fixture.flat(point["gradient"]["layers"]),
                Figure1Fixture.flat(weights: p["gradient"]["weights"], biases: p["gradient"]["biases"]),
                absolute: 1e-13, relative: 1e-13, label)
        }

        // The tool's central differences against NumPy's, and against NumPy's backpropagation away from kinks.
        let check = json["gradient_check"], differences = expected["central_differences"]
        let numeric = Figure1Fixture.flat(check["numeric"]["layers"])
        expectClose(
            numeric, Figure1Fixture.flat(weights: differences["weights"], biases: differences["biases"]),
            absolute: 1e-7, relative: 1e-7, label)
        expectClose(
            check["inputs"]["numeric"].array.flatMap(\.doubles), differences["inputs"].array.flatMap(\.doubles),
            absolute: 1e-7, relative: 1e-7, label)
        #expect(check["max_abs_error_away_from_kinks"].double < 1e-7, "\(label)")
        if ["sigmoid", "tanh"].contains(activation) {
            #expect(json["kinks"].array.isEmpty)
            #expect(check["max_abs_error"].double < 1e-7, "\(label)")
        } else {
            // Figure 1's data put f_0[3] of point 1 and f_0[1] of point 3 at 0 (0.1 − 1.3 + 1.2, 0.3 − 0.2 − 0.1).
            #expect(
                json["kinks"].array.map { [$0["point"].int, $0["layer"].int, $0["unit"].int] } == [
                    [0, 0, 2], [2, 0, 0],
                ])
            #expect(check["max_abs_error"].double > 0.1, "\(label)")
        }

        // The scan, with its largest decreasing and best rates, as NumPy finds them.
        let scan = expected["scan"].array
        let toolScan = json["learning_rate_scan"].array
        #expect(toolScan.count == scan.count, "\(label)")
        guard toolScan.count == scan.count, !scan.isEmpty else {
            #expect(json["largest_decreasing_rate"].isNull && json["best_rate"].isNull)
            return
        }
        expectClose(
            toolScan.map { $0["learning_rate"].double }, scan.map { $0[0].double }, absolute: 1e-15, relative: 1e-15,
            label)
        expectClose(
            toolScan.map { $0["loss"].double }, scan.map { $0[1].double }, absolute: 1e-11, relative: 1e-11, label)
        let before = expected["loss_before"].double
        let largest = scan.filter { $0[1].double < before }.map { $0[0].double }.max()!
        let best = scan.min { $0[1].double < $1[1].double }!
        expectClose(json["largest_decreasing_rate"].double, largest, absolute: 1e-15, relative: 1e-15, label)
        expectClose(json["best_rate"]["learning_rate"].double, best[0].double, absolute: 1e-15, relative: 1e-15, label)
        expectClose(json["best_rate"]["loss"].double, best[1].double, absolute: 1e-11, relative: 1e-11, label)
    }
}
