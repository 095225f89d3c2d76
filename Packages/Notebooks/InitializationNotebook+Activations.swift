import NN
import NNReports
import Plot
import RealModule
import Tensor

/// The evaluation question folded into notebook 7.3: the initialisation study for sigmoid and tanh networks
/// next to ReLU, each activation's own stable σ²_Ω from a sweep, and what He's σ²_Ω = 2/D does to each.
extension InitializationNotebook {
    /// One activation's part of the comparison.
    struct ActivationRun {
        /// The activation's name in tables and legends.
        let name: String
        /// The hidden activation.
        let activation: Activation
        /// The σ²_Ω at which the per-layer variance factor is 1 by the closed-form estimate.
        let predicted: Double
        /// How `predicted` follows from a[·].
        let rule: String
        /// The spreads for every σ²_Ω of the sweep, in increasing σ².
        let sweep: [(variance: Double, spreads: [InitializationStudy.LayerSpread])]
        /// Where the forward and the backward spread neither grow nor shrink over the 50 layers (nil: never
        /// within the sweep).
        let stableForward: Double?, stableBackward: Double?
        /// The spreads with He's σ²_Ω = 2/D.
        let he: [InitializationStudy.LayerSpread]
        /// The spreads with the activation's own stable σ²_Ω (the backward one).
        let stable: [InitializationStudy.LayerSpread]
    }

    /// The per-layer factor of the backward std from layer K−1 to layer 1 (∂L/∂f_1 over ∂L/∂f_{K−1}).
    static func backwardFactor(_ spreads: [InitializationStudy.LayerSpread]) -> Double {
        let k = spreads.count - 1
        return 1 / factor(spreads.map(\.backward), from: 0, to: k - 1)
    }

    func compareActivations(_ session: NotebookSession, depth: Int, width: Int) throws -> [ActivationRun] {
        let d = Double(width), he = 2 / d
        let grid = InitializationStudy.logGrid(from: 1e-3, to: 10, count: 25)
        session.section(
            "Evaluation question: sigmoid and tanh next to ReLU (K = 50, D = 80), and what He initialisation does there",
            part: "sigmoid-tanh")
        session.say(
            "σ²_Ω swept over \(grid.count) values log-spaced from 1e-3 to 10; a stable σ² is where std(h_50)/std(h_1) (forward) or std(∂L/∂f_1)/std(∂L/∂f_49) (backward) crosses 1, interpolated in log σ²"
        )
        let cases: [(String, Activation, Double, String)] = [
            ("ReLU", Self.relu, 2 / d, "D·σ²/2 = 1 (half the units are off): σ² = 2/D"),
            ("tanh", .tanh, 1 / d, "D·σ²·tanh′(0)² = 1 in the linear regime: σ² = 1/D"),
            (
                "sigmoid", .sigmoid, 36 * Double.pi / d,
                "saturated regime: h ≈ 0 or 1, so f has variance q ≈ D·σ²/2 and E[σ′(f)²] ≈ (∫σ′²)/√(2πq) = 1/(6√(2πq)); D·σ²·E[σ′(f)²] = 1 at σ² = 36π/D"
            ),
        ]
        var runs: [ActivationRun] = []
        for (name, activation, predicted, rule) in cases {
            var study = InitializationStudy(
                depth: depth, width: width, activation: activation, initializer: .normal(variance: he))
            study.numpyCompatible = true
            let sweep = study.sweep(variances: grid)
            let stableForward = InitializationStudy.stableVariance(sweep)
            let stableBackward = InitializationStudy.stableVariance(sweep, backward: true)
            let heSpreads = study.run()
            study.initializer = .normal(variance: stableBackward ?? predicted)
            runs.append(
                ActivationRun(
                    name: name, activation: activation, predicted: predicted, rule: rule, sweep: sweep,
                    stableForward: stableForward, stableBackward: stableBackward, he: heSpreads, stable: study.run()))
        }

        func show(_ value: Double?) -> String {
            value.map { fixed($0, 5) + " (= \(fixed($0 * d, 2))/D)" } ?? "none in the sweep"
        }
        for run in runs {
            session.say(
                "\(run.name): stable σ² forward \(show(run.stableForward)), backward \(show(run.stableBackward)); closed form \(show(run.predicted)) from \(run.rule)"
            )
        }
        for run in runs where run.name != "sigmoid" {
            for (direction, value) in [("forward", run.stableForward), ("backward", run.stableBackward)] {
                session.check(
                    "\(run.name): stable σ² (\(direction)) within 15% of the closed form",
                    value.map { Swift.abs($0 / run.predicted - 1) <= 0.15 } ?? false,
                    "\(show(value)) vs \(show(run.predicted))")
            }
        }
        let sigmoid = runs[2]
        session.check(
            "sigmoid: stable σ² (backward) within 15% of 36π/D",
            sigmoid.stableBackward.map { Swift.abs($0 / sigmoid.predicted - 1) <= 0.15 } ?? false,
            "\(show(sigmoid.stableBackward)) vs \(show(sigmoid.predicted))")

        session.say()
        session.say("std by layer, K = 50, D = 80 (forward: h_k; backward: ∂L/∂f_k)")
        session.say(
            "activation  σ²_Ω            fwd h_1    fwd h_25   fwd h_50   bwd f_49   bwd f_25   bwd f_1    bwd factor/layer"
        )
        for run in runs {
            for (label, spreads, variance) in [
                ("He 2/D", run.he, he), ("own", run.stable, run.stableBackward ?? run.predicted),
            ] {
                let values = [
                    spreads[0].forward, spreads[24].forward, spreads[49].forward, spreads[48].backward,
                    spreads[24].backward, spreads[0].backward,
                ]
                let columns = values.map { ChapterSeven.padded(ChapterSeven.scientific($0, 2), 11) }.joined()
                let setting = ChapterSeven.padded(label + " " + fixed(variance, 4), 16)
                session.say(
                    ChapterSeven.padded(run.name, 12) + setting + columns + fixed(Self.backwardFactor(spreads), 3))
            }
        }
        // Backward, each layer multiplies the std by √(D·σ²·E[a′(f)²]) ≤ √(D·σ²)·max|a′|: with He (D·σ² = 2)
        // that is exactly 1 for ReLU, at most √2 for tanh (tanh′ ≤ 1) and at most √2/4 for the sigmoid (σ′ ≤ ¼).
        let factors = runs.map { Self.backwardFactor($0.he) }
        session.check(
            "He with ReLU: the backward std is level (factor 1 per layer, ±5%)", Swift.abs(factors[0] - 1) <= 0.05,
            "factor \(fixed(factors[0], 4)) per layer")
        session.check(
            "He with tanh: the gradients grow, by at most √2 per layer",
            factors[1] > 1 && factors[1] <= 2.0.squareRoot(), "factor \(fixed(factors[1], 4)) per layer")
        session.check(
            "He with the sigmoid: the gradients vanish, by at least 4/√2 per layer", factors[2] <= 2.0.squareRoot() / 4,
            "factor \(fixed(factors[2], 4)) per layer")
        let tanh = runs[1]
        session.answer(
            "What does He initialisation do to sigmoid and tanh networks?",
            "He's σ²_Ω = 2/D is built for ReLU's factor D·σ²/2. With tanh the backward factor is D·σ²·E[tanh′(f)²] ≈ 2·E[tanh′²]: the activations saturate (std \(fixed(tanh.he[49].forward, 3)) at layer 50, bounded by 1) and the gradients grow ×\(fixed(factors[1], 3)) per layer, \(ChapterSeven.scientific(tanh.he[0].backward / tanh.he[48].backward)) from layer 49 to layer 1. With the sigmoid σ′ ≤ ¼ gives D·σ²/16 = 1/8 near 0: the gradients shrink ×\(fixed(factors[2], 3)) per layer, \(ChapterSeven.scientific(sigmoid.he[0].backward / sigmoid.he[48].backward)) from layer 49 to layer 1, so the first layers would not learn. Each activation has its own stable σ²: tanh ≈ 1/D (Xavier/LeCun, measured \(show(tanh.stableBackward))), the sigmoid ≈ 36π/D (measured \(show(sigmoid.stableBackward))), deep in saturation, where the backward factor is 1 only because large weights make up for σ′ ≪ ¼. The sigmoid's forward spread has no stable σ² at all: its activations are bounded and their mean ½ feeds every layer, so they neither explode nor vanish."
        )

        try drawSweep(session, runs: runs, he: he)
        return runs
    }

    /// The activation's name in the figures' Spanish text.
    static func spanish(_ name: String) -> String { name == "sigmoid" ? "sigmoide" : name }

    /// log₁₀ of the spread at each layer relative to where the pass starts, over (layer, σ²) for each activation.
    private func drawSweep(_ session: NotebookSession, runs: [ActivationRun], he: Double) throws {
        try session.figure("7.3-sweep") {
            let figure = Figure(width: 1500, height: 880, rows: 2, columns: 3, dpi: 100)
            for (column, run) in runs.enumerated() {
                let y = run.sweep.map { Double.log10($0.variance) }
                for (row, backward) in [false, true].enumerated() {
                    let layers = backward ? run.sweep[0].spreads.count - 1 : run.sweep[0].spreads.count
                    let x = (1...layers).map(Double.init)
                    var values: [Double] = []
                    for entry in run.sweep {
                        let spreads = entry.spreads.prefix(layers).map { backward ? $0.backward : $0.forward }
                        let reference = backward ? spreads[layers - 1] : spreads[0]
                        values += spreads.map { Double.log10($0 / reference) }
                    }
                    let axes = figure.axes(row: row, column: column)
                    let limit = backward ? 10.0 : 3.0
                    axes.heatmap(ScalarField(x: x, y: y, values: values), colormap: .rdbu, range: (-limit, limit))
                    axes.colorbar(
                        label: backward
                            ? "log$_{10}$ desv(∂L/∂$f_k$)/desv(∂L/∂$f_{49}$)" : "log$_{10}$ desv($h_k$)/desv($h_1$)")
                    axes.horizontalLine(
                        at: Double.log10(he), label: "He 2/D", color: .black, width: 1.2, style: .dashed)
                    if let stable = backward ? run.stableBackward : run.stableForward {
                        axes.horizontalLine(
                            at: Double.log10(stable), label: "σ² estable = \(fixedComma(stable, 4))", color: .black,
                            width: 1.2, style: .solid)
                    }
                    axes.title = "\(Self.spanish(run.name)), \(backward ? "hacia atrás" : "hacia adelante")"
                    axes.xLabel = "capa k"
                    axes.yLabel = "log$_{10}$ $\\sigma_\\Omega^2$"
                    axes.legendLocation = .lowerRight
                }
            }
            figure.title =
                "La dispersión según la profundidad y la varianza de los pesos (K = 50, D = 80; azul: se desvanece, rojo: explota; recorte en ±3 y ±10)"
            return figure
        }
    }
}
