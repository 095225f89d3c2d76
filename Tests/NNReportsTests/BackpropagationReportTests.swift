import Foundation
import NN
import NNReports
import Tensor
import TestSupport
import Testing

/// The assignment's exercise (Figure 1 network, three points) against the independent NumPy computation
/// of `scripts/reference/backprop_figure1.py`, for every loss convention and hidden activation.
@Suite struct BackpropagationReportTests {
    static let fixture = Figure1Fixture.fixture

    /// The assignment's Figure 1 network, as `examples/figure1/model.json` writes it.
    static let figure1JSON = try! String(contentsOfFile: Figure1Fixture.model, encoding: .utf8)

    static func figure1(activation: Activation) -> Network {
        var network = try! ModelFile.network(fromJSON: figure1JSON)
        network.architecture.setActivation(activation, ofLayer: 0)
        network.architecture.setActivation(activation, ofLayer: 1)
        return network
    }

    static let inputs = try! Tensor([[1, 1], [0, 2], [-1, 1]])
    static let targets = try! Tensor([[1], [1], [0]])

    /// The report of Figure 1's exercise with the hidden `activation` under `loss`, at learning rate 1.
    static func report(
        activation: String, loss: String, kinkDerivative: BackpropagationReport.KinkDerivative = .computed
    ) -> BackpropagationReport {
        BackpropagationReport(
            network: figure1(activation: Activation(name: activation)!), inputs: inputs, targets: targets,
            loss: Loss(name: loss)!, learningRate: 1, kinkDerivative: kinkDerivative)
    }

    /// Every layer's Ω_k and β_k of `network` against a fixture's `{"weights": [[rows]…], "biases": […]}`, to
    /// `tolerance` both absolute and relative.
    static func expectLayers(_ network: Network, _ fixture: JSONFixture, tolerance: Double, _ label: String) {
        for k in 0..<network.layers.count {
            expectClose(
                network.weights(ofLayer: k).scalars, fixture["weights"][k].array.flatMap(\.doubles),
                absolute: tolerance, relative: tolerance, label)
            expectClose(
                network.biases(ofLayer: k).scalars, fixture["biases"][k].doubles, absolute: tolerance,
                relative: tolerance, label)
        }
    }

    @Test(arguments: fixture["cases"].array.indices)
    func matchesNumPy(case index: Int) {
        let expected = Self.fixture["cases"][index]
        let activation = Activation(name: expected["activation"].string)!
        let side = BackpropagationReport.KinkDerivative(rawValue: expected["kink_derivative"].string)!
        let report = Self.report(
            activation: expected["activation"].string, loss: expected["loss"].string, kinkDerivative: side)
        let label = "\(expected["activation"].string) \(expected["loss"].string) \(side)"
        #expect(report.kinkDerivative == side)
        expectClose(report.lossBefore, expected["loss_before"].double, absolute: 1e-13, relative: 1e-13, label)
        expectClose(report.lossAfter / expected["loss_after"].double, 1, absolute: 1e-12, relative: 1e-12, label)
        #expect(report.decreased == (expected["loss_after"].double < expected["loss_before"].double))
        for (i, point) in report.points.enumerated() {
            let p = expected["points"][i]
            expectClose(
                point.preActivations.flatMap { $0 }, p["f"].array.flatMap(\.doubles), absolute: 1e-14, relative: 1e-14,
                label)
            expectClose(
                point.activations.flatMap { $0 }, p["h"].array.flatMap(\.doubles), absolute: 1e-14, relative: 1e-14,
                label)
            expectClose(
                point.preActivationGradients.flatMap { $0 }, p["df"].array.flatMap(\.doubles), absolute: 1e-13,
                relative: 1e-13, label)
            expectClose(
                point.activationGradients.flatMap { $0 }, p["dh"].array.flatMap(\.doubles), absolute: 1e-13,
                relative: 1e-13, label)
            expectClose(
                point.activationDerivatives.flatMap { $0 }, p["derivatives"].array.flatMap(\.doubles), absolute: 1e-14,
                relative: 1e-14, label)
            expectClose(point.loss, p["loss"].double, absolute: 1e-14, relative: 1e-14, label)
            Self.expectLayers(
                Network(report.network.architecture, parameters: point.gradient), p["gradient"], tolerance: 1e-13,
                label)
        }
        // The central differences, kinks included, against NumPy's (same step, same side of each kink).
        let differences = expected["central_differences"]
        #expect(report.gradientCheck.step == differences["step"].double)
        Self.expectLayers(
            Network(report.network.architecture, parameters: report.gradientCheck.numeric), differences,
            tolerance: 1e-7, label)
        expectClose(
            report.gradientCheck.numericInput.scalars, differences["inputs"].array.flatMap(\.doubles), absolute: 1e-7,
            relative: 1e-7, label)
        // The learning-rate scan, present exactly when the step did not lower the loss.
        let scan = expected["scan"].array
        #expect(report.learningRateScan.count == scan.count, "\(label)")
        if report.learningRateScan.count == scan.count {
            expectClose(
                report.learningRateScan.map(\.rate), scan.map { $0[0].double }, absolute: 1e-15, relative: 1e-15, label)
            expectClose(
                report.learningRateScan.map(\.loss), scan.map { $0[1].double }, absolute: 1e-11, relative: 1e-11, label)
        }
        // The refined rates against SciPy's brentq and bounded minimize_scalar: every crossing of L(0) to
        // 1e-11, the minimiser to 1e-6 (a smooth minimum pins its loss far better than its place) and its loss
        // to 1e-12.
        let intervals = expected["decreasing_intervals"].array.map(\.doubles)
        #expect(report.decreasingIntervals.count == intervals.count, "\(label): \(report.decreasingIntervals)")
        for (found, interval) in zip(report.decreasingIntervals, intervals) {
            expectClose([found.low, found.high], interval, absolute: 0, relative: 1e-11, label)
        }
        if expected["threshold_rate"].isNull {
            #expect(report.thresholdRate == nil, "\(label)")
        }
        if expected["optimal_rate"].isNull {
            #expect(report.optimalRate == nil, "\(label)")
        } else if let optimum = report.optimalRate {
            if let threshold = report.thresholdRate {
                expectClose(threshold, expected["threshold_rate"].double, absolute: 0, relative: 1e-11, label)
            } else {
                Issue.record("\(label): no threshold, NumPy has \(expected["threshold_rate"].double)")
            }
            expectClose(optimum.rate, expected["optimal_rate"][0].double, absolute: 0, relative: 1e-6, label)
            expectClose(optimum.loss, expected["optimal_rate"][1].double, absolute: 0, relative: 1e-12, label)
            #expect(optimum.loss <= report.bestScannedRate!.loss, "\(label)")
        } else {
            Issue.record("\(label): no refined rates, NumPy has them")
        }
        Self.expectLayers(
            Network(report.network.architecture, parameters: report.gradient), expected["gradient"], tolerance: 1e-13,
            label)
        Self.expectLayers(report.updated, expected["updated"], tolerance: 1e-13, label)
        // Point 1 has f_0[2] = 0.1 − 1.3 + 1.2 ≈ −8e-17 and point 3 has f_0[0] = 0.3 − 0.2 − 0.1 ≈ 0: at the kink
        // of LeakyReLU and SELU, where the derivative is a convention and central differences straddle it.
        if activation.isDifferentiable {
            #expect(report.gradientCheck.maxAbsoluteError < 1e-7, "\(label)")
            #expect(report.kinks.isEmpty)
        } else {
            #expect(report.kinks.map { [$0.point, $0.layer, $0.unit] } == [[0, 0, 2], [2, 0, 0]], "\(label)")
            expectClose(
                report.kinks.map(\.value),
                [expected["points"][0]["f"][0][2].double, expected["points"][2]["f"][0][0].double], absolute: 1e-30,
                relative: 1e-30)
            // Units 3 and 1 of f_0 sit at the kinks: rows 3 and 1 of Ω_0 (flat 4, 5 and 0, 1), β_0[3] and
            // β_0[1] (flat 8 and 6), and the inputs of points 1 and 3 cross them; nothing else does.
            #expect(report.parametersCrossingKinks == [0, 1, 4, 5, 6, 8], "\(label)")
            #expect(report.pointsCrossingKinks == [0, 2], "\(label)")
            #expect(report.gradientCheck.maxAbsoluteError > 0.1, "\(label)")
            #expect(report.maxAbsoluteErrorAwayFromKinks < 1e-7, "\(label)")
        }
    }

    /// Learning rate 1 overshoots on Figure 1 (the loss grows from 0.4087 to 2.1498); the scan finds rates
    /// that lower it, and its best rate really does.
    @Test func scanFindsDecreasingRates() {
        let report = BackpropagationReport(
            network: Self.figure1(activation: .sigmoid), inputs: Self.inputs, targets: Self.targets, loss: .mse)
        #expect(!report.decreased)
        #expect(report.learningRateScan.count == 41)
        let largest = report.largestDecreasingRate!
        #expect(largest < 1 && largest > 0.1)
        let best = report.bestScannedRate!
        #expect(best.loss < report.lossBefore)
        var stepped = report.network
        stepped.parameters.addScaled(report.gradient, by: -best.rate)
        let workspace = NetworkWorkspace(stepped.architecture, capacity: 3)
        expectClose(
            workspace.loss(parameters: stepped.parameters, inputs: Self.inputs, targets: Self.targets, loss: .mse),
            best.loss, absolute: 1e-12, relative: 1e-12)
        // The sum of the points' gradients, scaled by 1/N, is the batch gradient.
        let sum = report.points.map(\.gradient).reduce(Tensor.zeros([report.gradient.count]), +) * report.pointScale
        expectClose(sum.scalars, report.gradient.scalars, absolute: 1e-15, relative: 1e-15)
    }

    /// The report's own eq. 7.25 (used for a chosen side at the kinks) against the network's backward pass:
    /// on Figure 1 both kinks round to the left, so `.left` must reproduce `.computed` for every point, and
    /// the batch gradient from the points' gradients.
    @Test(arguments: ["selu", "leaky-relu"])
    func leftDerivativeAtTheKinksIsTheNetworksBackwardPass(activation: String) {
        let computed = Self.report(activation: activation, loss: "half-sse")
        let left = Self.report(activation: activation, loss: "half-sse", kinkDerivative: .left)
        #expect(computed.kinks.allSatisfy { $0.value < 0 } && computed.kinks.count == 2)
        for (a, b) in zip(computed.points, left.points) {
            expectClose(
                a.preActivationGradients.flatMap { $0 }, b.preActivationGradients.flatMap { $0 }, absolute: 1e-15,
                relative: 1e-15, activation)
            expectClose(
                a.activationGradients.flatMap { $0 }, b.activationGradients.flatMap { $0 }, absolute: 1e-15,
                relative: 1e-15, activation)
            expectClose(a.gradient.scalars, b.gradient.scalars, absolute: 1e-15, relative: 1e-15, activation)
        }
        expectClose(computed.gradient.scalars, left.gradient.scalars, absolute: 1e-15, relative: 1e-15, activation)
        expectClose(
            computed.decreasingIntervals.flatMap { [$0.low, $0.high] },
            left.decreasingIntervals.flatMap { [$0.low, $0.high] }, absolute: 0, relative: 1e-12, activation)
    }

    /// With two outputs the mean runs over N·D_o terms, as `Loss.mse` does: the points' gradients, scaled
    /// by ``BackpropagationReport/pointScale``, add up to the batch gradient, which central differences
    /// confirm.
    @Test func meanOverSeveralOutputs() throws {
        var network = Self.figure1(activation: .tanh)
        let last = try ModelFile.network(
            fromJSON: """
                {"inputs": 2, "layers": [{"weights": [[-0.9, 2.1], [0.4, -0.3]], "biases": [0.2, -0.1], "activation": "identity"}]}
                """)
        network = Network(
            inputs: 2,
            layers: [
                (network.weights(ofLayer: 0), network.biases(ofLayer: 0), .tanh),
                (network.weights(ofLayer: 1), network.biases(ofLayer: 1), .tanh),
                (last.weights(ofLayer: 0), last.biases(ofLayer: 0), .identity),
            ])
        let targets = try Tensor([[1, 0.5], [1, -1], [0, 2]])
        let report = BackpropagationReport(network: network, inputs: Self.inputs, targets: targets, loss: .mse)
        expectClose(report.pointScale, 1.0 / 6, absolute: 1e-16, relative: 1e-16)
        expectClose(report.lossBefore, report.points.map(\.loss).reduce(0, +) / 6, absolute: 1e-15, relative: 1e-15)
        let sum = report.points.map(\.gradient).reduce(Tensor.zeros([report.gradient.count]), +) * report.pointScale
        expectClose(sum.scalars, report.gradient.scalars, absolute: 1e-15, relative: 1e-15)
        expectClose(report.gradient.scalars, report.gradientCheck.numeric.scalars, absolute: 1e-8, relative: 1e-8)
    }
}

/// Notebook 7.3 through `InitializationStudy`.
@Suite struct InitializationStudyTests {
    @Test func notebook73DefaultAndHe() {
        var study = InitializationStudy(depth: 5, width: 8, initializer: .normal(variance: 1))
        study.numpyCompatible = true
        let spreads = study.run()
        expectClose(
            spreads.map(\.forward),
            [0.810840828685945, 1.472262339198876, 4.546916412160579, 8.896092020950714, 10.105919198452590],
            absolute: 1e-12, relative: 1e-12)
        expectClose(
            spreads.prefix(4).reversed().map(\.backward),
            [56.471977475824438, 109.131694559336779, 340.657347160579775, 446.654208321153192], absolute: 1e-12,
            relative: 1e-12)
        study.initializer = .normal(variance: 0.25)
        let he = study.run()
        expectClose(
            he.map(\.forward), [0.4054204143, 0.3680655848, 0.5683645515, 0.5560057513, 0.315809975], absolute: 1e-10,
            relative: 1e-10)
        expectClose(
            he.prefix(4).reversed().map(\.backward), [0.441187324, 0.4262956819, 0.6653463812, 0.4361857503],
            absolute: 1e-9, relative: 1e-9)
    }

    /// 50 layers of 80 units: σ² = 1 explodes by about √40 per layer, σ² = 2/D stays level (UDL eq. 7.32).
    @Test func heKeepsDeepNetworksLevel() {
        var study = InitializationStudy(depth: 50, width: 80, initializer: .normal(variance: 2.0 / 80))
        study.numpyCompatible = true
        let he = study.run()
        // The reference's ranges: forward about 0.06–0.12, backward (hidden layers) about 0.03–0.05.
        #expect(he.allSatisfy { $0.forward > 0.05 && $0.forward < 0.13 })
        #expect(he.dropLast().allSatisfy { $0.backward > 0.02 && $0.backward < 0.06 })
        study.initializer = .normal(variance: 1)
        let exploding = study.run()
        let growth = exploding[20].forward / exploding[10].forward
        #expect(growth > 1e6 && growth < 1e10, "about √40¹⁰ ≈ 1e8: \(growth)")
        study.initializer = .normal(variance: 1.0 / 80)
        let vanishing = study.run()
        #expect(vanishing[49].forward < 1e-5 * vanishing[0].forward)
    }
}
