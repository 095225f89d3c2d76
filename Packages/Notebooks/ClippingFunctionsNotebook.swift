import NN
import Plot
import Tensor

/// Notebook 4.2, "Clipping functions": a network with two hidden layers of three ReLU units (UDL eqs.
/// 4.7–4.9), whose second layer clips and recombines the first layer's piecewise-linear functions.
public struct ClippingFunctionsNotebook: Notebook {
    /// The notebook's number.
    public let id = "4.2"
    /// The notebook's title.
    public let title = "Clipping functions"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap04/4_2_Clipping_functions.ipynb"

    /// Creates the notebook.
    public init() {}

    /// θ_d0, θ_d1 of the first layer (eq. 4.7).
    static let theta = [(0.3, -1.0), (-1.0, 2.0), (-0.5, 0.65)]
    /// Rows ψ_d0 … ψ_d3 of the second layer (eq. 4.8).
    static let psi = [[0.3, 2.0, -1.0, 7.0], [-0.2, 2.0, 1.2, -8.0], [0.3, -2.3, -0.8, 2.0]]
    /// φ_0 … φ_3 of the output (eq. 4.9).
    static let phi = [0.0, 0.5, -1.5, 2.2]

    /// The notebook's `shallow_1_1_3_3` as a deep network 1 → 3 → 3 → 1: Ω_0 = [θ_d1], β_0 = [θ_d0],
    /// Ω_1 = [ψ_dj] (j ≥ 1), β_1 = [ψ_d0], Ω_2 = [φ_1 φ_2 φ_3], β_2 = [φ_0].
    static func network(psi: [[Double]] = psi, phi: [Double] = phi) -> Network {
        Network(
            inputs: 1,
            layers: [
                (Tensor(shape: [3, 1], scalars: theta.map(\.1)), Tensor(theta.map(\.0)), .relu),
                (Tensor(shape: [3, 3], scalars: psi.flatMap { $0.dropFirst() }), Tensor(psi.map { $0[0] }), .relu),
                (Tensor(shape: [1, 3], scalars: Array(phi.dropFirst())), Tensor([phi[0]]), .identity),
            ])
    }

    /// Everything `shallow_1_1_3_3` returns: y and, per second-layer unit d, the pre-activation
    /// ψ_d0 + Σ_j ψ_dj h_j, the clipped h′_d and the weighted φ_d h′_d.
    struct Trace {
        var y: [Double]
        var preActivations: [[Double]], clipped: [[Double]], weighted: [[Double]]

        init(_ network: Network, _ x: Tensor) {
            let workspace = NetworkWorkspace(network.architecture, capacity: x.count)
            workspace.forward(parameters: network.parameters, inputs: x.reshaped([x.count, 1]))
            let pre = workspace.preActivations(1), h = workspace.activations(2)
            let w = h * network.weights(ofLayer: 2)
            y = workspace.output.scalars
            preActivations = (0..<3).map { pre.column($0).scalars }
            clipped = (0..<3).map { h.column($0).scalars }
            weighted = (0..<3).map { w.column($0).scalars }
        }
    }

    /// One of the notebook's three "what would happen if" changes.
    struct Variation {
        var question: String
        var network: Network
        /// The reference's y at x = 0, 0.25, 0.5, 0.75, 0.99, and Σy.
        var expected: [Double], expectedSum: Double
        /// The change of y predicted from the original run's intermediates, at grid point i.
        var predictedChange: (Trace, Int) -> Double
        var reasoning: String
    }

    /// Indices of the reference's table rows: x = 0, 0.1, 0.2, 0.25, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.99.
    static let table = [0, 10, 20, 25, 30, 50, 60, 70, 75, 80, 90, 99]
    static let probes = [0, 25, 50, 75, 99]

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let x = Tensor.arange(0, 1, step: 0.01)
        let network = Self.network()
        let base = Trace(network, x)

        session.section(
            "TODO: shallow_1_1_3_3, two hidden layers (eqs. 4.7–4.9) on x = arange(0, 1, 0.01)", part: "network")
        session.say(
            "θ = " + Self.theta.map { "(\($0.0), \($0.1))" }.joined(separator: ", ") + "; ψ rows = "
                + Self.psi.map { "(" + $0.map { "\($0)" }.joined(separator: ", ") + ")" }.joined(separator: ", ")
                + "; φ = \(Self.phi)")
        session.say("x      y          layer-2 pre-activations (ψ_d0 + ψ_d1 h1 + ψ_d2 h2 + ψ_d3 h3)")
        for i in Self.table {
            session.say(
                ChapterFour.column(fixed(x.scalars[i], 2), 7) + ChapterFour.column(fixed(base.y[i], 5), 11)
                    + ChapterFour.row((0..<3).map { fixed(base.preActivations[$0][i], 4) }, width: 9))
        }
        let sum = pairwiseSum(base.y)
        session.say("Σy = \(fixed(sum, 5)), min \(fixed(base.y.min()!, 4)), max \(fixed(base.y.max()!, 4))")
        session.checkSeries(
            "y at the 12 tabled x", Self.table.map { base.y[$0] },
            [-0.15, 0.05, 0.404, 0.607, 0.81, 0.81, 0.298, -0.42, -0.6, -0.54, -0.0725, 0.16225], tolerance: 1e-12)
        session.checkSeries(
            "layer-2 pre-activations at the 12 tabled x",
            Self.table.flatMap { i in (0..<3).map { base.preActivations[$0][i] } },
            [
                0.9, 0.4, -0.39, 0.7, 0.2, -0.16, 0.5, 0, 0.07, 0.4, -0.1, 0.185, 0.3, -0.2, 0.3, 0.3, -0.2, 0.3,
                0.1, 0.04, 0.14, -0.1, 0.28, -0.02, -0.2, 0.4, -0.1, -0.16, 0.36, -0.14, 0.095, 0.08, -0.17, 0.3245,
                -0.172, -0.197,
            ],
            tolerance: 1e-12)
        session.check("Σy", sum, 20.30495, tolerance: 1e-10)
        session.checkSeries("min y, max y", [base.y.min()!, base.y.max()!], [-0.666, 0.81], tolerance: 1e-12)
        let regions = network.linearRegions(from: 0, to: 1)
        session.say(
            "linear regions of y on [0, 1]: \(regions.count - 1), boundaries "
                + regions.map { fixed($0, 4) }.joined(separator: ", "))

        var raised = Self.psi
        raised[0][0] = 0.5
        var negated = Self.psi
        negated[1] = negated[1].map { -$0 }
        var phi = Self.phi
        phi[3] = -1
        let variations = [
            Variation(
                question: "What would happen if we increase ψ1,0 (to 0.5)?", network: Self.network(psi: raised),
                expected: [-0.05, 0.707, 0.91, -0.6, 0.26225], expectedSum: 29.06995,
                predictedChange: { t, i in Self.phi[1] * (max(t.preActivations[0][i] + 0.2, 0) - t.clipped[0][i]) },
                reasoning:
                    "the first layer-2 pre-activation moves up by 0.2 everywhere, so the clip at 0 cuts less of it: h′1 grows by 0.2 where it was already on and switches on where it was within 0.2 below 0, and y gains φ1·Δh′1 = 0.5·0.2 = 0.1 wherever the unit is on (at x = 0.75 its pre-activation is −0.2, so it stays off and y stays −0.6)"
            ),
            Variation(
                question: "What would happen if we multiplied ψ2,0 … ψ2,3 by −1?", network: Self.network(psi: negated),
                expected: [0.45, 0.457, 0.51, 0.0, -0.09575], expectedSum: 28.48295,
                predictedChange: { t, i in -Self.phi[2] * t.preActivations[1][i] },
                reasoning:
                    "the second layer-2 pre-activation p2 changes sign, so the clip keeps the part that used to be cut off: h′2 = ReLU(−p2) instead of ReLU(p2); since ReLU(−p) − ReLU(p) = −p, y changes by −φ2·p2 = 1.5·p2, and the pieces where unit 2 was off now carry its (negated) slope"
            ),
            Variation(
                question: "What would happen if we set φ3 to −1?", network: Self.network(phi: phi),
                expected: [-0.15, 0.015, -0.15, -0.6, 0.16225], expectedSum: -14.16225,
                predictedChange: { t, i in (-1 - Self.phi[3]) * t.clipped[2][i] },
                reasoning:
                    "the third clipped function h′3 enters the sum with −1 instead of 2.2, so y changes by (−1 − 2.2)·h′3 = −3.2·h′3: its bumps become dips, and y is unchanged wherever h′3 is clipped to 0"
            ),
        ]
        var traces: [Trace] = []
        for (index, variation) in variations.enumerated() {
            session.section("Question \(index + 1)", part: index == 0 ? "questions" : nil)
            let trace = Trace(variation.network, x)
            traces.append(trace)
            let variationSum = pairwiseSum(trace.y)
            let variationRegions = variation.network.linearRegions(from: 0, to: 1).count - 1
            session.say(
                "y at x = 0, 0.25, 0.5, 0.75, 0.99: "
                    + Self.probes.map { fixed(trace.y[$0], 5) }.joined(separator: ", ")
                    + "  (was " + Self.probes.map { fixed(base.y[$0], 5) }.joined(separator: ", ") + ")")
            session.say(
                "Σy = \(fixed(variationSum, 5)) (was \(fixed(sum, 5))); linear regions on [0, 1]: \(variationRegions) (was \(regions.count - 1))"
            )
            session.checkSeries(
                "question \(index + 1): y at x = 0, 0.25, 0.5, 0.75, 0.99", Self.probes.map { trace.y[$0] },
                variation.expected, tolerance: 1e-12)
            session.check("question \(index + 1): Σy", variationSum, variation.expectedSum, tolerance: 1e-10)
            session.checkSeries(
                "question \(index + 1): y = original y + the change predicted on paper", trace.y,
                x.scalars.indices.map { base.y[$0] + variation.predictedChange(base, $0) }, tolerance: 1e-12,
                source: "prediction")
            session.answer(variation.question, variation.reasoning + ".")
        }

        session.part("figures")
        try session.figure("4.2-layers") {
            ChapterFour.unitPanels(
                x: x.scalars,
                stages: [
                    .init(
                        labels: (1...3).map { "$ψ_{\($0)0}+ψ_{\($0)1}h_1+ψ_{\($0)2}h_2+ψ_{\($0)3}h_3$" },
                        units: base.preActivations),
                    .init(labels: (1...3).map { "$h′_{\($0)}$" }, units: base.clipped),
                    .init(labels: (1...3).map { "$\\phi_{\($0)} h′_{\($0)}$" }, units: base.weighted),
                ], output: base.y,
                title: "Dos capas ocultas: preactivaciones de la capa 2, recortadas, ponderadas, y la salida")
        }
        try session.figure("4.2-variations") {
            let figure = Figure(width: 1200, height: 450, columns: 3, dpi: 100)
            for (index, (trace, name)) in zip(traces, ["ψ$_{10}$ = 0,5", "ψ$_{2\\cdot}$ × (−1)", "φ$_3$ = −1"])
                .enumerated()
            {
                let axes = figure.axes(row: 0, column: index)
                axes.line(x.scalars, base.y, label: "original", color: Color(gray: 0.55), style: .dashed)
                axes.line(x.scalars, trace.y, label: name, color: ChapterFour.unitColors[index])
                axes.title = "Pregunta \(index + 1): " + name
                axes.xLabel = "Entrada, $x$"
                axes.yLabel = "Salida, $y$"
                axes.legendLocation = .lowerLeft
                ChapterFour.limits(axes, x: (0, 1), y: (-1, 1))
            }
            figure.title = "Los tres cambios del cuaderno 4.2"
            return figure
        }
    }
}
