import NN
import Tensor
import TestSupport
import Testing

/// Backpropagation against central finite differences for every activation and every loss, on small
/// random networks (the independent check of eq. 7.25 with each a′[f]).
@Suite struct GradientCheckTests {
    static let activations: [Activation] = [
        .identity, .affine(intercept: 0.5, slope: -0.4), .relu, .relu(derivativeAtZero: 1), .sigmoid,
        .sigmoid(scale: 10), .tanh, .leakyReLU(alpha: 0.1), .elu(alpha: 0.7), .selu, .softplus, .gelu,
        .gelu(approximate: true), .silu, .sine, .exponential, .cosine,
    ]
    static let losses: [Loss] = [
        .squaredError(.mean), .squaredError(.sum), .squaredError(.halfSum), .binaryCrossEntropy(.mean),
        .binaryCrossEntropy(.sum), .crossEntropy(.mean), .crossEntropy(.sum), .gaussianNegativeLogLikelihood(sigma: 0.7),
    ]

    /// Targets suited to the loss: class indices, probabilities, or real values.
    static func targets(_ loss: Loss, points: Int, outputs: Int, random: inout RandomState) -> Tensor {
        switch loss {
        case .crossEntropy: return Tensor(shape: [points, 1], scalars: (0..<points).map { _ in Double(random.interval(outputs - 1)) })
        case .binaryCrossEntropy: return random.uniform(shape: [points, outputs])
        default: return random.normal(shape: [points, outputs])
        }
    }

    @Test(arguments: activations)
    func backpropagationMatchesFiniteDifferences(activation: Activation) {
        var random = RandomState(seed: 17)
        for (index, loss) in Self.losses.enumerated() {
            let architecture = Architecture(inputs: 3, layers: [(4, activation), (5, activation), (3, .identity)])
            var network = Network(architecture)
            // Scaled so that pre-activations stay moderate (stacked exponentials compound quickly).
            let variance = activation == .exponential ? 0.02 : 0.3
            Initializer.normal(variance: variance).initialize(&network, random: &random)
            network.parameters += random.normal(shape: [architecture.parameterCount], standardDeviation: variance / 3)
            let inputs = random.normal(shape: [7, 3])
            let targets = Self.targets(loss, points: 7, outputs: 3, random: &random)
            let check = network.gradientCheck(inputs: inputs, targets: targets, loss: loss, step: 1e-6)
            // Central differences carry O(δ²) truncation and O(ε·L/δ) rounding error: |a − n| ≤ 1e-7 + 1e-5·|n|.
            for (analytic, numeric) in [(check.analytic, check.numeric), (check.analyticInput, check.numericInput)] {
                let worst = zip(analytic.scalars, numeric.scalars).map { a, n in abs(a - n) / (1e-7 + 1e-5 * abs(n)) }.max()!
                #expect(worst <= 1, "\(activation) with loss \(index): error \(worst)× the tolerance")
            }
            #expect(check.analytic.norm() > 0)
        }
    }

    @Test func activationDerivativesMatchFiniteDifferences() {
        for activation in Self.activations {
            for z in stride(from: -3.0, through: 3.0, by: 0.37) {
                let h = 1e-6
                let numeric = (activation.value(z + h) - activation.value(z - h)) / (2 * h)
                expectClose(activation.derivative(z), numeric, tolerance: 1e-7, "\(activation) at \(z)")
            }
        }
        #expect(Activation.relu.derivative(0) == 0)
        #expect(Activation.relu(derivativeAtZero: 1).derivative(0) == 1)
    }

    /// Closed forms of the activations the assignment's eq. 7.25 exercise rewrites.
    @Test func closedFormDerivatives() {
        let z = 0.8
        expectClose(Activation.tanh.derivative(z), 1 - tanh(z) * tanh(z), tolerance: 1e-15)
        let s = 1 / (1 + exp(-z))
        expectClose(Activation.sigmoid.derivative(z), s * (1 - s), tolerance: 1e-15)
        expectClose(Activation.selu.derivative(-z), 1.0507009873554804934 * 1.6732632423543772848 * exp(-z), tolerance: 1e-15)
        expectClose(Activation.selu.derivative(z), 1.0507009873554804934, tolerance: 1e-15)
        #expect(Activation.leakyReLU(alpha: 0.2).derivative(-z) == 0.2)
        #expect(Activation.leakyReLU(alpha: 0.2).derivative(z) == 1)
        expectClose(Activation.selu.value(-1), 1.0507009873554804934 * 1.6732632423543772848 * (exp(-1) - 1), tolerance: 1e-15)
        expectClose(Activation.gelu.value(1), 0.8413447460685429, tolerance: 1e-15)
        expectClose(Activation.softplus.value(-800), 0, tolerance: 1e-300)
        expectClose(Activation.softplus.value(800), 800, tolerance: 1e-15)
    }
}

import Foundation

extension GradientCheckTests {
    /// The summary figures of a check on a smooth network are small, and a deliberately wrong gradient is
    /// caught: the check can fail.
    @Test func summaryFiguresAndADetectedError() throws {
        var random = RandomState(seed: 2)
        let architecture = Architecture(inputs: 2, hidden: [3], activation: .tanh, outputs: 1)
        let network = Network(architecture, parameters: random.normal(shape: [architecture.parameterCount]))
        let inputs = random.normal(shape: [4, 2]), targets = random.normal(shape: [4, 1])
        let check = network.gradientCheck(inputs: inputs, targets: targets, loss: .mse)
        #expect(check.maxRelativeError < 1e-7)
        #expect(check.maxAbsoluteError < 1e-8)
        // A derivative that omits tanh′ (the ReLU indicator's place in eq. 7.25) is far off.
        let wrong = GradientCheck(
            analytic: check.analytic * 1.01, numeric: check.numeric, analyticInput: check.analyticInput,
            numericInput: check.numericInput, step: check.step)
        #expect(wrong.maxRelativeError > 5e-3)
    }
}
