import NN
import Plot
import Tensor

/// Notebook 3.4, "Activation functions": the shallow network 1 → 3 → 1 of eq. 3.1 with ReLU, the factor-10
/// sigmoid, Heaviside and linear activations.
public struct ActivationFunctionsNotebook: Notebook {
    /// The notebook's number.
    public let id = "3.4"
    /// The notebook's title.
    public let title = "Activation functions"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap03/3_4_Activation_Functions.ipynb"

    /// θ_d0, θ_d1 of the notebook's three hidden units.
    static let theta = [(0.3, -1.0), (-1.0, 2.0), (-0.5, 0.65)]
    /// x = 0, 0.1, 0.25, 0.5, 0.75, 0.99: the reference's indices into arange(0, 1, 0.01).
    static let probes = [0, 10, 25, 50, 75, 99]

    /// Creates the notebook.
    public init() {}

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let x = Tensor.arange(0, 1, step: 0.01)
        let z = Tensor.arange(-1, 1, step: 0.01)
        let sigmoid = Activation.sigmoid(scale: 10)
        let phi = [0.3, 0.5, -1.0, 0.9]
        session.say(
            "Networks y = φ0 + Σ_d φ_d a[θ_d0 + θ_d1 x] on x = arange(0, 1, 0.01), θ = (0.3, −1), (−1, 2), (−0.5, 0.65)"
        )

        let relu = ShallowNetwork(theta: Self.theta, phi: [-0.3, 2.0, -1.0, 7.0], activation: .relu).trace(x)
        session.section("The ReLU network (φ = −0.3, 2.0, −1.0, 7.0)", part: "relu")
        report(
            session, relu.output, expected: [0.3, 0.1, -0.2, -0.3, -0.8, -0.2755], sum: -33.608,
            extremes: [-0.8365, 0.3])

        session.section("TODO 1: sigmoid(z) = 1/(1 + exp(−10 z))", part: "sigmoid")
        session.check("sigmoid(0.1)", sigmoid.value(0.1), 0.731058578630, tolerance: 1e-12)
        session.check("sigmoid(−0.2)", sigmoid.value(-0.2), 0.119202922022, tolerance: 1e-12)
        session.check("sigmoid(z[0] = −1)", sigmoid.value(z.scalars[0]), 0.000045397869, tolerance: 1e-12)
        session.check(
            "Σ sigmoid over arange(−1, 1, 0.01)", z.map(sigmoid.value).sum(), 99.500045397869, tolerance: 1e-11)
        let sigmoidNet = ShallowNetwork(theta: Self.theta, phi: phi, activation: sigmoid).trace(x)
        session.section("The sigmoid network (φ = 0.3, 0.5, −1.0, 0.9)")
        report(
            session, sigmoidNet.output,
            expected: [
                0.782265231374, 0.751531303376, 0.634314195226, -0.007156060760, -0.265902113797, 0.027470094515,
            ],
            sum: 19.077280417529, extremes: [-0.355146786154, 0.782265231374])
        session.checkSeries(
            "activations at x = 0", sigmoidNet.activations.column(0).scalars,
            [0.952574126822, 0.000045397869, 0.006692850924], tolerance: 1e-12)
        let slopes = [0, 0.5, 1].map { sigmoid.derivative($0) }
        session.answer(
            "Smooth curves: so why don't we use the sigmoid?",
            "Its slope vanishes once a unit saturates: d/dz σ(10z) = 10σ(1 − σ) is \(fixed(slopes[0], 2)) at z = 0 but \(fixed(slopes[1], 4)) at z = 0.5 and \(String(format4(slopes[2]))) at z = 1, so gradients through saturated units all but vanish when we fit the model (chapters 6–7); the ReLU's slope is 1 on its whole active half."
        )

        session.section("TODO 2: heaviside(z) = 1 for z ≥ 0, else 0", part: "heaviside")
        let steps = z.map(Activation.heaviside.value)
        session.check("heaviside(0)", Activation.heaviside.value(0), 1, tolerance: 0)
        session.check("Σ heaviside over arange(−1, 1, 0.01)", steps.sum(), 100, tolerance: 0)
        session.checkCount(
            "index of the first 1 (z = 8.9e−16, not 0)", steps.scalars.firstIndex(of: 1) ?? -1, 100, source: "reference"
        )
        let heaviside = ShallowNetwork(theta: Self.theta, phi: phi, activation: .heaviside).trace(x)
        report(
            session, heaviside.output, expected: [0.8, 0.8, 0.8, -0.7, -0.7, 0.2], sum: 16.2, extremes: [-0.7, 0.8])
        session.answer(
            "What does the Heaviside network compute, and why not use it?",
            "A piecewise-constant function: each unit switches its weight φ_d on or off at x = −θ_d0/θ_d1 (\(Self.theta.map { fixed(-$0.0 / $0.1, 3) }.joined(separator: ", ")) here), so the output jumps there and is flat in between. At x = 0.5 pre-activation 2 is exactly 0 and heaviside(0) = 1, so y = −0.7 (it would be 0.3 with heaviside(0) = 0). Its derivative is 0 almost everywhere, so gradient descent gets no signal from it."
        )

        session.section("TODO 3: linear activation lin(z) = a + b z", part: "linear")
        var linear: [ShallowNetwork.Trace] = []
        var lines: [String] = []
        for (a, b) in [(0.0, 1.0), (0.5, -0.4)] {
            let trace = ShallowNetwork(theta: Self.theta, phi: phi, activation: .affine(intercept: a, slope: b)).trace(
                x)
            linear.append(trace)
            // On paper: y = φ0 + Σ φ_d (a + b(θ_d0 + θ_d1 x)) = c0 + c1 x.
            let c1 = b * zip(phi.dropFirst(), Self.theta).map { $0 * $1.1 }.reduce(0, +)
            let c0 = phi[0] + zip(phi.dropFirst(), Self.theta).map { $0 * (a + b * $1.0) }.reduce(0, +)
            lines.append("y = \(fixed(c0, 4)) \(c1 < 0 ? "−" : "+") \(fixed(abs(c1), 4)) x")
            session.say(
                "a = \(a), b = \(b): y(0) = \(fixed(trace.output.scalars[0], 5)), y(0.5) = \(fixed(trace.output.scalars[50], 5)), y(0.99) = \(fixed(trace.output.scalars[99], 5)); on paper "
                    + lines[lines.count - 1])
            session.checkSeries(
                "a = \(a), b = \(b): y = c0 + c1 x at all 100 points", trace.output.scalars,
                x.scalars.map { c0 + c1 * $0 },
                tolerance: 1e-12, source: "closed form")
        }
        session.checkSeries(
            "a = 0, b = 1: y at the six probes", Self.probes.map { linear[0].output.scalars[$0] },
            [1.0, 0.8085, 0.52125, 0.0425, -0.43625, -0.89585], tolerance: 1e-12)
        session.check("a = 0, b = 1: Σy", linear[0].output.sum(), 5.2075, tolerance: 1e-10)
        session.checkSeries(
            "a = 0.5, b = −0.4: y(0), y(0.5), y(0.99)", [0, 50, 99].map { linear[1].output.scalars[$0] },
            [0.22, 0.603, 0.97834], tolerance: 1e-12)
        session.answer(
            "Predict the ten panels with lin(z) = z; what family of functions can this represent?",
            "Every panel is a straight line: the pre-activations are lines, lin leaves them lines, the weighted activations are lines and so is their sum. The network can only represent lines y = c0 + c1 x (here \(lines[0])), however many units it has."
        )
        session.answer(
            "What happens with a = 0.5, b = −0.4?",
            "Still a straight line, only a different one (\(lines[1])): a and b just rescale and shift each unit's line, and composing affine maps gives an affine map. Without a nonlinearity there are no kinks to combine."
        )

        session.part("figures")
        try drawFigures(
            session, x: x, z: z,
            traces: [
                ("ReLU", "3.4-relu-units", relu), ("sigmoide σ(10z)", "3.4-sigmoid-units", sigmoidNet),
                ("Heaviside", "3.4-heaviside-units", heaviside),
                ("activación lineal (a = 0, b = 1)", "3.4-linear-units", linear[0]),
            ], shifted: linear[1])
    }

    /// Prints the network's output at the probes, its sum and extremes, and checks them.
    private func report(_ session: NotebookSession, _ y: Tensor, expected: [Double], sum: Double, extremes: [Double]) {
        session.say(
            "y at x = 0, 0.1, 0.25, 0.5, 0.75, 0.99: "
                + Self.probes.map { fixed(y.scalars[$0], 6) }.joined(separator: ", "))
        session.say("Σy = \(fixed(y.sum(), 6)), min \(fixed(y.min(), 6)), max \(fixed(y.max(), 6))")
        session.checkSeries("y at the six probes", Self.probes.map { y.scalars[$0] }, expected, tolerance: 1e-12)
        session.check("Σy", y.sum(), sum, tolerance: 1e-10)
        session.checkSeries("min y, max y", [y.min(), y.max()], extremes, tolerance: 1e-12)
    }

    private func format4(_ value: Double) -> String { value < 1e-3 ? "\(fixed(value * 1e4, 1))·10⁻⁴" : fixed(value, 4) }

    private func drawFigures(
        _ session: NotebookSession, x: Tensor, z: Tensor, traces: [(String, String, ShallowNetwork.Trace)],
        shifted: ShallowNetwork.Trace
    ) throws {
        for (name, activation) in [("sigmoid", Activation.sigmoid(scale: 10)), ("heaviside", .heaviside)] {
            try session.figure("3.4-" + name) {
                let figure = Figure(width: 640, height: 440, dpi: 100)
                let axes = figure.axes()
                axes.line(z.scalars, z.map(activation.value).scalars, color: ChapterFour.unitColors[0])
                axes.xLabel = "z"
                axes.yLabel = name == "sigmoid" ? "sig[z]" : "heaviside[z]"
                ChapterFour.limits(axes, x: (-1, 1), y: name == "sigmoid" ? (0, 1) : (-2, 2))
                figure.title =
                    name == "sigmoid"
                    ? "La sigmoide logística con escala 10 en la entrada, 1/(1 + exp(−10z))"
                    : "El escalón de Heaviside, 1 para z ≥ 0"
                return figure
            }
        }
        for (name, file, trace) in traces {
            try session.figure(file) {
                let rows = { (t: Tensor) in (0..<3).map { t.row($0).scalars } }
                return ChapterFour.unitPanels(
                    x: x.scalars,
                    stages: [
                        .init(labels: Array(repeating: "Preactivación", count: 3), units: rows(trace.preActivations)),
                        .init(labels: Array(repeating: "Activación", count: 3), units: rows(trace.activations)),
                        .init(
                            labels: Array(repeating: "Act. ponderada", count: 3), units: rows(trace.weightedActivations)
                        ),
                    ], output: trace.output.scalars, title: "Los diez paneles de la red con \(name)")
            }
        }
        try session.figure("3.4-networks") {
            let figure = Figure(width: 900, height: 760, rows: 2, columns: 2, dpi: 100)
            for (index, (name, _, trace)) in traces.enumerated() {
                let axes = figure.axes(row: index / 2, column: index % 2)
                axes.line(
                    x.scalars, trace.output.scalars, label: index == 3 ? "a = 0, b = 1" : nil, color: Color.cycle[0])
                if index == 3 {
                    axes.line(x.scalars, shifted.output.scalars, label: "a = 0,5, b = −0,4", color: Color.cycle[1])
                }
                axes.title = index == 3 ? "lineal" : name
                axes.xLabel = "Entrada, $x$"
                axes.yLabel = "Salida, $y$"
                ChapterFour.limits(axes, x: (0, 1), y: (-1, 1))
            }
            figure.title = "La red 1 → 3 → 1 con cuatro activaciones"
            return figure
        }
    }
}
