import NN
import Plot
import Tensor

/// Notebook 3.4, "Activation functions": the shallow network 1 → 3 → 1 of eq. 3.1 with ReLU, the factor-10
/// sigmoid, Heaviside and linear activations.
public struct ActivationFunctionsNotebook: Notebook {
    public let id = "3.4"
    public let title = "Activation functions"
    public let source = "Notebooks/Chap03/3_4_Activation_Functions.ipynb"

    /// θ_d0, θ_d1 of the notebook's three hidden units.
    static let theta = [(0.3, -1.0), (-1.0, 2.0), (-0.5, 0.65)]

    /// Creates the notebook.
    public init() {}

    public func run(_ session: NotebookSession) throws {
        let x = Tensor.arange(0, 1, step: 0.01)
        let sigmoid = Activation.sigmoid(scale: 10)

        session.section("TODO 1: sigmoid(z) = 1/(1 + exp(−10 z))")
        let z = Tensor.arange(-1, 1, step: 0.01)
        session.check("sigmoid(0.1)", sigmoid.value(0.1), 0.731058578630, tolerance: 1e-12)
        session.check("sigmoid(−0.2)", sigmoid.value(-0.2), 0.119202922022, tolerance: 1e-12)
        session.check("Σ sigmoid over arange(−1, 1, 0.01)", z.map(sigmoid.value).sum(), 99.500045397869, tolerance: 1e-11)
        try session.figure("3.4-sigmoid") {
            let figure = Figure()
            let axes = figure.axes()
            axes.line(z.scalars, z.map(sigmoid.value).scalars, label: "σ(10z)")
            axes.xLabel = "z"
            axes.yLabel = "sig[z]"
            axes.grid = .both
            figure.title = "Sigmoid with input scale 10"
            return figure
        }

        let relu = ShallowNetwork(theta: Self.theta, phi: [-0.3, 2.0, -1.0, 7.0], activation: .relu)
        let yRelu = relu(x)
        session.section("The ReLU network (φ = −0.3, 2.0, −1.0, 7.0)")
        session.say("y(0.99) = \(fixed(yRelu.scalars[99], 4)),  Σ y = \(fixed(yRelu.sum(), 3))")
        session.check("ReLU network y(0.99)", yRelu.scalars[99], -0.2755, tolerance: 1e-12)
        session.check("ReLU network Σ y", yRelu.sum(), -33.608, tolerance: 1e-10)

        let phi = [0.3, 0.5, -1.0, 0.9]
        let sigmoidNet = ShallowNetwork(theta: Self.theta, phi: phi, activation: sigmoid)
        let trace = sigmoidNet.trace(x)
        session.section("The sigmoid network (φ = 0.3, 0.5, −1.0, 0.9)")
        session.check("sigmoid network y(0)", trace.output.scalars[0], 0.782265231374, tolerance: 1e-12)
        session.check("sigmoid network y(0.5)", trace.output.scalars[50], -0.007156060760, tolerance: 1e-12)
        session.check("sigmoid network Σ y", trace.output.sum(), 19.077280417529, tolerance: 1e-11)

        session.section("TODO 2: heaviside(z) = 1 for z ≥ 0, else 0")
        let heaviside = ShallowNetwork(theta: Self.theta, phi: phi, activation: .heaviside)(x)
        session.check("heaviside(0)", Activation.heaviside.value(0), 1, tolerance: 0)
        session.check("Heaviside network y(0.5), where pre-activation 2 is exactly 0", heaviside.scalars[50], -0.7, tolerance: 1e-15)
        session.answer(
            "What does the Heaviside network compute?",
            "A piecewise-constant function: each unit switches its weight φ_d on at the kink x = −θ_d0/θ_d1, so the output jumps there and is flat in between; its derivative is 0 almost everywhere, which is why gradient descent cannot train it.")

        session.section("TODO 3: linear activation a + b z, with a = 0.5, b = −0.4")
        let linear = ShallowNetwork(theta: Self.theta, phi: phi, activation: .affine(intercept: 0.5, slope: -0.4))(x)
        session.check("linear network y(0)", linear.scalars[0], 0.22, tolerance: 1e-12)
        let slope = (linear.scalars[99] - linear.scalars[0]) / (x.scalars[99] - x.scalars[0])
        session.answer(
            "What happens with a linear activation?",
            "The output is still a straight line in x (slope \(fixed(slope, 3))): a sum of affine functions of an affine function is affine, so the network cannot bend however many units it has.")

        try session.figure("3.4-networks") {
            let figure = Figure(width: 900, height: 700, rows: 2, columns: 2)
            for (index, (name, y)) in [("ReLU", yRelu), ("sigmoid σ(10z)", trace.output), ("Heaviside", heaviside), ("linear 0.5 − 0.4z", linear)].enumerated() {
                let axes = figure.axes(row: index / 2, column: index % 2)
                axes.line(x.scalars, y.scalars)
                axes.title = name
                axes.xLabel = "input x"
                axes.yLabel = "output y"
                axes.grid = .both
            }
            figure.title = "The 1 → 3 → 1 network with four activations"
            return figure
        }
    }
}
