import Foundation
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
        .binaryCrossEntropy(.sum), .crossEntropy(.mean), .crossEntropy(.sum),
        .gaussianNegativeLogLikelihood(sigma: 0.7),
    ]

    /// Targets suited to the loss: class indices, probabilities, or real values.
    static func targets(_ loss: Loss, points: Int, outputs: Int, random: inout RandomState) -> Tensor {
        switch loss {
        case .crossEntropy:
            return Tensor(shape: [points, 1], scalars: (0..<points).map { _ in Double(random.interval(outputs - 1)) })
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
                let worst = zip(analytic.scalars, numeric.scalars).map { a, n in abs(a - n) / (1e-7 + 1e-5 * abs(n)) }
                    .max()!
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
                expectClose(activation.derivative(z), numeric, absolute: 1e-7, relative: 1e-7, "\(activation) at \(z)")
            }
        }
        #expect(Activation.relu.derivative(0) == 0)
        #expect(Activation.relu(derivativeAtZero: 1).derivative(0) == 1)
    }

    /// Closed forms of the activations the assignment's eq. 7.25 exercise rewrites.
    @Test func closedFormDerivatives() {
        let z = 0.8
        expectClose(Activation.tanh.derivative(z), 1 - tanh(z) * tanh(z), absolute: 1e-15, relative: 1e-15)
        let s = 1 / (1 + exp(-z))
        expectClose(Activation.sigmoid.derivative(z), s * (1 - s), absolute: 1e-15, relative: 1e-15)
        expectClose(
            Activation.selu.derivative(-z), 1.0507009873554804934 * 1.6732632423543772848 * exp(-z), absolute: 1e-15,
            relative: 1e-15)
        expectClose(Activation.selu.derivative(z), 1.0507009873554804934, absolute: 1e-15, relative: 1e-15)
        #expect(Activation.leakyReLU(alpha: 0.2).derivative(-z) == 0.2)
        #expect(Activation.leakyReLU(alpha: 0.2).derivative(z) == 1)
        expectClose(
            Activation.selu.value(-1), 1.0507009873554804934 * 1.6732632423543772848 * (exp(-1) - 1), absolute: 1e-15,
            relative: 1e-15)
        expectClose(Activation.gelu.value(1), 0.8413447460685429, absolute: 1e-15, relative: 1e-15)
        expectClose(Activation.softplus.value(-800), 0, absolute: 1e-300, relative: 1e-300)
        expectClose(Activation.softplus.value(800), 800, absolute: 1e-15, relative: 1e-15)
    }
}

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

/// The forward-difference scheme of notebooks 7.1 and 7.2, and NumPy's `allclose` test per layer.
@Suite struct ForwardDifferenceTests {
    /// On f = β + ω·x with L = Σ(f − y)², L is quadratic in each parameter, so the forward difference is
    /// exactly ∂L/∂θ + δ/2·∂²L/∂θ², with ∂²L/∂ω² = 2Σx² and ∂²L/∂β² = 2N (closed forms); central differences
    /// have no such term.
    @Test func forwardDifferenceOfAQuadraticLoss() {
        let network = Network(inputs: 1, layers: [(Tensor(shape: [1, 1], scalars: [0.7]), Tensor([-0.2]), .identity)])
        let x = Tensor(shape: [3, 1], scalars: [1.5, -0.5, 2.0]), y = Tensor(shape: [3, 1], scalars: [0.3, 1.0, -1.0])
        let step = 1e-4
        let forward = network.gradientCheck(inputs: x, targets: y, loss: .sse, step: step, difference: .forward)
        let central = network.gradientCheck(inputs: x, targets: y, loss: .sse, step: step)
        #expect(forward.difference == .forward && central.difference == .central)
        let sumOfSquares = x.scalars.map { $0 * $0 }.reduce(0, +)
        expectClose(forward.numeric[0] - forward.analytic[0], step * sumOfSquares, absolute: 1e-9, relative: 1e-9)
        expectClose(forward.numeric[1] - forward.analytic[1], step * 3, absolute: 1e-9, relative: 1e-9)
        expectClose(central.numeric.scalars, central.analytic.scalars, absolute: 1e-9, relative: 1e-9)
        // ∂²L/∂x_n² = 2ω² for every point.
        expectClose(
            (forward.numericInput - forward.analyticInput).scalars, [Double](repeating: step * 0.49, count: 3),
            absolute: 1e-9, relative: 1e-9)
    }

    /// NumPy's allclose(n, a, rtol, atol): |n − a| ≤ atol + rtol·|a|, relative to the analytic value only.
    @Test func allCloseIsNumPysTest() {
        let check = GradientCheck(
            analytic: Tensor([100, 0, 1]), numeric: Tensor([100.0009, 1e-8, 1.00002]),
            analyticInput: Tensor([0]), numericInput: Tensor([0]), step: 1e-6, difference: .forward)
        #expect(check.allClose(0..<2))
        #expect(!check.allClose(0..<3), "2e-5 exceeds 1e-8 + 1e-5·1")
        #expect(check.allClose(2..<3, relativeTolerance: 3e-5))
        #expect(!check.allClose(0..<1, relativeTolerance: 8e-6), "9e-4 exceeds 1e-8 + 8e-4")
        expectClose(check.maxAbsoluteError(0..<3), 9e-4, absolute: 1e-12, relative: 1e-12)
        #expect(check.maxAbsoluteError(1..<1) == 0)
    }
}
