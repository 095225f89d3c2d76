import NN
import NNReports
import Plot
import RealModule
import Tensor

/// Notebook 7.3, "Initialization": how the spread of activations (forward) and of ∂L/∂f_k (backward) changes
/// with depth at initialisation (UDL §7.5), for ReLU networks with zero biases and N(0, σ²_Ω) weights drawn
/// exactly as the notebook draws them; then the assignment's evaluation question: the same study for
/// sigmoid and tanh networks next to ReLU, and what He initialisation (σ²_Ω = 2/D) does there
/// (see `InitializationNotebook+Activations.swift`).
///
/// Every run is an `InitializationStudy` in NumPy-compatible mode: `init_params` reseeds the generator
/// with 0 and draws Ω_0, Ω_K, Ω_1 … Ω_{K−1}; the data continue the same stream.
public struct InitializationNotebook: Notebook {
    /// The notebook's number.
    public let id = "7.3"
    /// The notebook's title.
    public let title = "Initialization"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap07/7_3_Initialization.ipynb"

    /// Creates the notebook.
    public init() {}

    /// The notebook's ReLU, whose backward pass uses 𝕀[f ≥ 0].
    static let relu = Activation.relu(derivativeAtZero: 1)

    /// The spreads of a K × D network with weight variance σ² and the given activation.
    static func spreads(depth: Int, width: Int, variance: Double, activation: Activation = relu) -> [InitializationStudy
        .LayerSpread]
    {
        var study = InitializationStudy(
            depth: depth, width: width, activation: activation, initializer: .normal(variance: variance))
        study.numpyCompatible = true
        return study.run()
    }

    /// The geometric mean of the per-layer factor by which `values` changes from index `from` to `to`.
    static func factor(_ values: [Double], from: Int, to: Int) -> Double {
        Double.pow(values[to] / values[from], 1 / Double(to - from))
    }

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        session.section(
            "Experiment 1: forward pass, K = 5 layers, D = 8 units, σ²_Ω = 1, 1000 inputs", part: "experiment1")
        let small = Self.spreads(depth: 5, width: 8, variance: 1)
        let forward = [0.810840828685945, 1.472262339198876, 4.546916412160579, 8.896092020950714, 10.105919198452590]
        for spread in small {
            session.say("Layer \(spread.layer), std of hidden units = \(fixed(spread.forward, 3))")
            session.check("std of h_\(spread.layer)", spread.forward, forward[spread.layer - 1], tolerance: 1e-12)
        }

        session.section(
            "Experiment 2: backward pass, the same network, 100 inputs one at a time, y = 0", part: "experiment2")
        session.say(
            "(the notebook labels these 'std of dl_dh' but stores and prints all_dl_df[layer]: they are std of ∂L/∂f_k)"
        )
        let backward = [446.654208321153192, 340.657347160579775, 109.131694559336779, 56.471977475824438]
        for spread in small.prefix(4).reversed() {
            session.say("Layer \(spread.layer), std of dl_dh = \(fixed(spread.backward, 3))")
            session.check("std of ∂L/∂f_\(spread.layer)", spread.backward, backward[spread.layer - 1], tolerance: 1e-12)
        }
        session.answer(
            "Why do both columns grow with depth?",
            "With zero biases a ReLU layer multiplies the variance by D·σ²_Ω/2 = 8·1/2 = 4 on the way forward (half of the symmetric pre-activations are zeroed), and the backward pass multiplies by the same factor (Ω_kᵀ and the 0/1 mask): the std doubles per layer, up to the noise of 8 units."
        )

        let he5 = Self.spreads(depth: 5, width: 8, variance: 0.25)
        session.say(
            "He, σ²_Ω = 2/D = 0.25: forward \(he5.map { fixed($0.forward, 3) }.joined(separator: ", ")); backward (layers 4 … 1) \(he5.prefix(4).reversed().map { fixed($0.backward, 3) }.joined(separator: ", "))"
        )
        ChapterSeven.check(
            session, "He, K = 5: std of h_1 … h_5", he5.map(\.forward),
            [0.4054204143, 0.3680655848, 0.5683645515, 0.5560057513, 0.315809975], tolerance: 1e-10)
        ChapterSeven.check(
            session, "He, K = 5: std of ∂L/∂f_4 … ∂L/∂f_1", he5.prefix(4).reversed().map(\.backward),
            [0.441187324, 0.4262956819, 0.6653463812, 0.4361857503], tolerance: 1e-9)

        let (depth, width) = (50, 80)
        let he = 2 / Double(width)
        session.section(
            "TODO: 50 layers of 80 units, σ²_Ω = 1, then σ²_Ω = 2/D = \(fixed(he, 4)) (He) and 1/D",
            part: "fifty-layers")
        let unit = Self.spreads(depth: depth, width: width, variance: 1)
        let heSpreads = Self.spreads(depth: depth, width: width, variance: he)
        let half = Self.spreads(depth: depth, width: width, variance: 1 / Double(width))
        session.say("layer  fwd σ²=1     fwd He       fwd 1/D      bwd σ²=1     bwd He       bwd 1/D")
        for k in 0..<depth {
            let row = [
                unit[k].forward, heSpreads[k].forward, half[k].forward, unit[k].backward, heSpreads[k].backward,
                half[k].backward,
            ]
            session.say(
                (k + 1 < 10 ? " " : "") + "\(k + 1)     "
                    + row.map { ChapterSeven.scientific($0, 3) }.joined(separator: "    "))
        }
        session.say(
            "(layer 50's backward column is ∂L/∂f_50, the output gradient's back-projection through the last ReLU)")
        // Layers 10 … 40 keep away from the input and output layers; the backward spreads shrink toward the input.
        let growth = Self.factor(unit.map(\.forward), from: 9, to: 39)
        let backGrowth = 1 / Self.factor(unit.map(\.backward), from: 9, to: 39)
        let predicted = (Double(width) * 1 / 2).squareRoot()
        session.check(
            "σ² = 1: forward std grows by √(Dσ²/2) = √40 per layer", growth, predicted, tolerance: 0.1 * predicted,
            source: "closed form")
        session.check(
            "σ² = 1: backward std grows by √40 per layer toward the input", backGrowth, predicted,
            tolerance: 0.1 * predicted, source: "closed form")
        let shrink = Self.factor(half.map(\.forward), from: 9, to: 39)
        let backShrink = 1 / Self.factor(half.map(\.backward), from: 9, to: 39)
        session.check(
            "σ² = 1/D: forward std shrinks by √(1/2) per layer", shrink, 0.5.squareRoot(),
            tolerance: 0.1 * 0.5.squareRoot(), source: "closed form")
        session.check(
            "σ² = 1/D: backward std shrinks by √(1/2) per layer", backShrink, 0.5.squareRoot(),
            tolerance: 0.1 * 0.5.squareRoot(), source: "closed form")
        let heForward = heSpreads.map(\.forward), heBackward = heSpreads.dropLast().map(\.backward)
        session.check(
            "He: forward std stays level", heForward.allSatisfy { $0 > 0.05 && $0 < 0.13 },
            "range \(fixed(heForward.min()!, 4)) … \(fixed(heForward.max()!, 4)) (reference: about 0.06–0.12)")
        session.check(
            "He: backward std stays level", heBackward.allSatisfy { $0 > 0.02 && $0 < 0.06 },
            "range \(fixed(heBackward.min()!, 4)) … \(fixed(heBackward.max()!, 4)) over layers 1 … 49 (reference: about 0.03–0.05)"
        )
        let reluStd = (0.5 - 1 / (2 * Double.pi)).squareRoot()
        session.answer(
            "What happens with 50 layers of 80 units, and which σ²_Ω stops it?",
            "With σ²_Ω = 1 each layer multiplies the variance by D·σ²_Ω/2 = 40: the std grows ×\(fixed(growth, 2)) per layer forward and ×\(fixed(backGrowth, 2)) per layer backward (√40 = \(fixed(predicted, 2))), reaching \(ChapterSeven.scientific(unit[depth - 1].forward)) at layer 50 and \(ChapterSeven.scientific(unit[0].backward)) at layer 1. σ²_Ω = 1/D halves the variance per layer (×\(fixed(shrink, 3)) forward): activations and gradients vanish. He's σ²_Ω = 2/D = \(fixed(he, 4)) makes the factor 1: the forward std stays between \(fixed(heForward.min()!, 3)) and \(fixed(heForward.max()!, 3)), the backward between \(fixed(heBackward.min()!, 3)) and \(fixed(heBackward.max()!, 3)). The level is about 0.1, not 1, because Ω_0 (fan-in 1) is scaled by √(2/D) = \(fixed(he.squareRoot(), 3)) too: f_0 has std ≈ \(fixed(he.squareRoot(), 3))·std(x) and a ReLU keeps √(½ − 1/(2π)) = \(fixed(reluStd, 3)) of a centred normal's std, ≈ \(fixed(reluStd * he.squareRoot(), 3)) (measured at layer 1: \(fixed(heForward[0], 3))); from there on it stays level."
        )

        try drawDepth(session, small: small, he5: he5, unit: unit, he: heSpreads, half: half)

        let comparison = try compareActivations(session, depth: depth, width: width)
        try drawActivations(session, comparison)

        try suitedInitializations(session, depth: depth, width: width)
    }
}
