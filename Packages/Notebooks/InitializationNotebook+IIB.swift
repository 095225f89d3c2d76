import NN
import NNReports
import Plot
import RealModule
import Tensor

/// The assignment's II-B folded into notebook 7.3: eq. 7.25's third line for TanH, SELU and LeakyReLU, each
/// backward pass checked against that line written out and against finite differences, and the experiment
/// of the notebook (forward and backward spread per layer, K = 50, D = 80) with the initialisation that
/// suits each activation next to the notebook's N(0, 1) weights.
extension InitializationNotebook {
    /// One activation of II-B with its suited initialisation.
    struct SuitedActivation {
        /// The activation's name in tables and legends.
        let name: String
        /// The hidden activation.
        let activation: Activation
        /// Eq. 7.25's third line for it, as printed.
        let line3: String
        /// a′[f_{k−1}] written through h_k = a[f_{k−1}] only (the form of line 3 used by hand).
        let derivativeFromOutput: (Double) -> Double
        /// The initialisation that suits it, and its name.
        let suited: Initializer, suitedName: String
        /// The per-layer factor of the std with the suited initialisation, forward and backward (closed forms).
        let suitedFactors: (forward: Double, backward: Double)
        /// The per-layer factor of the std with N(0, 1) weights (closed form), and where it comes from.
        let unitFactor: Double, unitRule: String
    }

    /// LeakyReLU's slope for f < 0 (PyTorch's default, as in `backprop-check --activation leaky-relu`).
    static let leakySlope = 0.01

    /// E[g(f)] for f ~ N(0, q), by the trapezoidal rule on ±12 standard deviations (exponentially accurate for
    /// the smooth or piecewise-smooth g used here).
    static func gaussianMean(variance q: Double, _ g: (Double) -> Double) -> Double {
        let n = 4800, width = 24.0 / Double(n), sd = q.squareRoot()
        var sum = 0.0
        for i in 0...n {
            let z = -12 + Double(i) * width
            let weight = (i == 0 || i == n ? 0.5 : 1) * Double.exp(-z * z / 2)
            sum += weight * g(sd * z)
        }
        return sum * width / (2 * Double.pi).squareRoot()
    }

    /// The three activations of II-B with their suited initialisations and closed-form factors for D units.
    static func suitedActivations(width: Int) -> [SuitedActivation] {
        let d = Double(width), lambda = Activation.seluLambda, alpha = Activation.seluAlpha, slope = leakySlope
        // tanh with N(0, 1): the variance settles where q = D·E[tanh(f)²], f ~ N(0, q) (mean field), and each
        // layer multiplies the gradient's variance by D·E[tanh′(f)²] there.
        var q = d
        for _ in 0..<200 { q = d * gaussianMean(variance: q) { Double.tanh($0) * Double.tanh($0) } }
        let tanhUnit = (d * gaussianMean(variance: q) { Double.pow(1 - Double.tanh($0) * Double.tanh($0), 2) })
            .squareRoot()
        // SELU with LeCun: f ~ N(0, 1) at the fixed point (E[selu(z)] = 0, E[selu(z)²] = 1), where the backward
        // factor is D·(1/D)·E[selu′(z)²].
        let seluPrime = gaussianMean(variance: 1) { Double.pow(Activation.selu.derivative($0), 2) }
        return [
            SuitedActivation(
                name: "tanh", activation: .tanh, line3: "∂ℓ/∂f_{k−1} = (1 − h_k²) ⊙ (Ω_kᵀ ∂ℓ/∂f_k)",
                derivativeFromOutput: { 1 - $0 * $0 }, suited: .xavierNormal, suitedName: "Xavier 2/(D_in + D_out)",
                suitedFactors: (1, 1), unitFactor: tanhUnit,
                unitRule:
                    "saturation: q = D·E[tanh(f)²] settles at \(fixed(q, 2)), and √(D·E[tanh′(f)²]) there (mean field)"),
            SuitedActivation(
                name: "SELU", activation: .selu,
                line3: "∂ℓ/∂f_{k−1} = (λ·𝕀[f_{k−1} > 0] + (h_k + λα)·𝕀[f_{k−1} ≤ 0]) ⊙ (Ω_kᵀ ∂ℓ/∂f_k)",
                derivativeFromOutput: { $0 > 0 ? lambda : $0 + lambda * alpha }, suited: .lecunNormal,
                suitedName: "LeCun 1/D_in", suitedFactors: (1, seluPrime.squareRoot()),
                unitFactor: lambda * (d / 2).squareRoot(),
                unitRule: "large f: E[selu(f)²] → λ²·Var f/2, so λ·√(D/2)"),
            SuitedActivation(
                name: "LeakyReLU", activation: .leakyReLU(alpha: slope),
                line3: "∂ℓ/∂f_{k−1} = (𝕀[f_{k−1} > 0] + 0.01·𝕀[f_{k−1} ≤ 0]) ⊙ (Ω_kᵀ ∂ℓ/∂f_k)",
                derivativeFromOutput: { $0 > 0 ? 1 : slope }, suited: .heNormal, suitedName: "He 2/D_in",
                suitedFactors: ((1 + slope * slope).squareRoot(), (1 + slope * slope).squareRoot()),
                unitFactor: (d * (1 + slope * slope) / 2).squareRoot(), unitRule: "√(D·(1 + 0.01²)/2)"),
        ]
    }

    /// ∂ℓ/∂f_k of one input through eq. 7.25 written out with `derivative` (a′ from h_k), against the
    /// library's backward pass and central differences on β_k (∂ℓ/∂β_k = ∂ℓ/∂f_k for one point).
    func checkLine3(_ session: NotebookSession, _ run: SuitedActivation, architecture: Architecture) {
        let network = Network(architecture, initializer: run.suited, seed: 0)
        let (x, y) = (ChapterSeven.scalar(0.7), ChapterSeven.scalar(0))
        let workspace = NetworkWorkspace(architecture, capacity: 1)
        var gradient = Tensor.zeros([architecture.parameterCount])
        _ = workspace.lossAndGradient(
            parameters: network.parameters, inputs: x, targets: y, loss: .sse, gradient: &gradient)
        let depth = architecture.layerCount - 1
        // Eq. 7.25 from the top: ∂ℓ/∂f_K = 2(f_K − y), then line 3 down to f_0.
        var byHand: [[Double]] = Array(repeating: [], count: depth + 1)
        byHand[depth] = [2 * (workspace.output.scalar - y.scalar)]
        for k in stride(from: depth, through: 1, by: -1) {
            let omega = network.weights(ofLayer: k), h = workspace.activations(k).scalars
            byHand[k - 1] = (0..<omega.shape[1]).map { j in
                let back = (0..<omega.shape[0]).reduce(0.0) { $0 + omega[$1, j] * byHand[k][$1] }
                return run.derivativeFromOutput(h[j]) * back
            }
        }
        let library = (0...depth).map { workspace.preActivationGradients($0).scalars }
        var worst = 0.0
        for k in 0...depth {
            let scale = library[k].map { Swift.abs($0) }.max() ?? 1
            for (a, b) in zip(byHand[k], library[k]) { worst = Swift.max(worst, (a - b).magnitude / scale) }
        }
        session.check(
            "\(run.name): line 3 written out reproduces the backward pass at every layer", worst <= 1e-12,
            "largest deviation \(ChapterSeven.scientific(worst)) relative to each layer's largest ∂ℓ/∂f_k")

        var fdWorst = 0.0
        let step = 1e-6
        for k in [0, depth / 2, depth - 1] {
            let layer = network.layers[k]
            var theta = network.parameters
            var numeric: [Double] = []
            for unit in 0..<layer.outputs {
                let i = layer.biasOffset + unit, original = theta.scalars[i]
                theta[i] = original + step
                let up = workspace.loss(parameters: theta, inputs: x, targets: y, loss: .sse)
                theta[i] = original - step
                let down = workspace.loss(parameters: theta, inputs: x, targets: y, loss: .sse)
                theta[i] = original
                numeric.append((up - down) / (2 * step))
            }
            let scale = library[k].map { Swift.abs($0) }.max() ?? 1
            for (a, b) in zip(numeric, library[k]) { fdWorst = Swift.max(fdWorst, (a - b).magnitude / scale) }
        }
        session.check(
            "\(run.name): ∂ℓ/∂f_k against central differences on β_k (δ = 1e-6), k = 0, \(depth / 2), \(depth - 1)",
            fdWorst <= 1e-6, "largest deviation \(ChapterSeven.scientific(fdWorst)) relative to the layer's largest")
    }

    /// II-B: eq. 7.25's third line for TanH, SELU and LeakyReLU, checked, and the spreads over 50 layers with
    /// the suited initialisation and with N(0, 1) weights.
    func suitedInitializations(_ session: NotebookSession, depth: Int, width: Int) throws {
        session.section(
            "Evaluation question II-B: TanH, SELU and LeakyReLU (K = \(depth), D = \(width)), each with the initialisation that suits it",
            part: "tanh-selu-leaky")
        let runs = Self.suitedActivations(width: width)
        var results: [(run: SuitedActivation, suited: Spreads, unit: Spreads)] = []
        for run in runs {
            session.say("\(run.name): \(run.line3)")
            var study = InitializationStudy(
                depth: depth, width: width, activation: run.activation, initializer: run.suited)
            checkLine3(session, run, architecture: study.architecture)
            let suited = study.run()
            study.initializer = .normal(variance: 1)
            results.append((run, suited, study.run()))
        }

        session.say()
        session.say("std by layer (forward: h_k; backward: ∂L/∂f_k), and the per-layer factor from layer 10 to 40")
        let layers = [1, 10, 25, 40, 50]
        session.say(
            "activation  Ω drawn from             "
                + layers.map { ChapterSeven.padded("fwd \($0)", 10) }.joined()
                + [49, 25, 1].map { ChapterSeven.padded("bwd \($0)", 10) }.joined() + "fwd ×/layer  bwd ×/layer")
        var factors: [(suited: (Double, Double), unit: (Double, Double))] = []
        for (run, suited, unit) in results {
            var pair: [(Double, Double)] = []
            for (label, spreads) in [(run.suitedName, suited), ("N(0, 1)", unit)] {
                let forward = Self.factor(spreads.map(\.forward), from: 9, to: 39)
                let backward = 1 / Self.factor(spreads.map(\.backward), from: 9, to: 39)
                pair.append((forward, backward))
                let columns =
                    layers.map { spreads[$0 - 1].forward } + [49, 25, 1].map { spreads[$0 - 1].backward }
                session.say(
                    ChapterSeven.padded(run.name, 12) + ChapterSeven.padded(label, 25)
                        + columns.map { ChapterSeven.padded(ChapterSeven.scientific($0, 2), 10) }.joined()
                        + ChapterSeven.padded(fixed(forward, 4), 13) + fixed(backward, 4))
            }
            factors.append((pair[0], pair[1]))
        }

        let (tanh, selu, leaky) = (factors[0], factors[1], factors[2])
        session.check(
            "tanh with Xavier: the gradient's std stays level, factor 1 per layer (D·σ²·tanh′(0)² = 1) ±5%",
            Swift.abs(tanh.suited.1 - 1) <= 0.05, "backward factor \(fixed(tanh.suited.1, 4)) per layer")
        session.check(
            "tanh with N(0, 1): the gradients explode by the mean-field factor", tanh.unit.1, runs[0].unitFactor,
            tolerance: 0.1 * runs[0].unitFactor, source: "closed form")
        let seluForward = results[1].suited.map(\.forward)
        session.check(
            "SELU with LeCun: std of h_k within 20% of 1 at all 50 layers (the fixed point E[selu(z)²] = 1)",
            seluForward.allSatisfy { Swift.abs($0 - 1) <= 0.2 },
            "range \(fixed(seluForward.min()!, 4)) … \(fixed(seluForward.max()!, 4))")
        session.check(
            "SELU fixed point: E[selu(z)] = 0 and E[selu(z)²] = 1 for z ~ N(0, 1) (quadrature)",
            Swift.abs(Self.gaussianMean(variance: 1, Activation.selu.value)) < 1e-6
                && Swift.abs(Self.gaussianMean(variance: 1) { Double.pow(Activation.selu.value($0), 2) } - 1) < 1e-6,
            "λ = \(Activation.seluLambda), α = \(Activation.seluAlpha)")
        session.check(
            "SELU with LeCun: the gradient's std grows by √E[selu′(z)²] per layer", selu.suited.1,
            runs[1].suitedFactors.backward, tolerance: 0.03, source: "closed form")
        session.check(
            "SELU with N(0, 1): the activations explode by λ·√(D/2) per layer", selu.unit.0, runs[1].unitFactor,
            tolerance: 0.1 * runs[1].unitFactor, source: "closed form")
        session.check(
            "LeakyReLU with He: forward std factor √(1 + 0.01²) per layer ±5%", leaky.suited.0,
            runs[2].suitedFactors.forward, tolerance: 0.05, source: "closed form")
        session.check(
            "LeakyReLU with He: backward std factor √(1 + 0.01²) per layer ±5%", leaky.suited.1,
            runs[2].suitedFactors.backward, tolerance: 0.05, source: "closed form")
        session.check(
            "LeakyReLU with N(0, 1): the activations explode by √(D·(1 + 0.01²)/2) per layer", leaky.unit.0,
            runs[2].unitFactor, tolerance: 0.1 * runs[2].unitFactor, source: "closed form")
        session.answer(
            "Which initialisation suits TanH, SELU and LeakyReLU, and what does each show?",
            "Each solves D·σ²·E[a′(f)²] ≈ 1 for its own a′. TanH is linear near 0 with slope 1, so Xavier's σ² = 2/(D_in + D_out) = 1/D keeps the gradient level (×\(fixed(tanh.suited.1, 3)) per layer); with N(0, 1) the units saturate (std of h_50 \(fixed(results[0].unit[depth - 1].forward, 3))) and, though tanh′ is tiny almost everywhere, the large weights make the gradients explode ×\(fixed(tanh.unit.1, 2)) per layer (mean field: \(fixed(runs[0].unitFactor, 2))). SELU's λ and α make N(0, 1) a fixed point of its layer: with LeCun's 1/D_in the std of h_k stays between \(fixed(seluForward.min()!, 3)) and \(fixed(seluForward.max()!, 3)) over 50 layers without any normalisation (the self-normalising property), while its gradients grow slowly, ×\(fixed(selu.suited.1, 3)) per layer (√E[selu′(z)²] = \(fixed(runs[1].suitedFactors.backward, 3))), and with N(0, 1) the activations explode ×\(fixed(selu.unit.0, 2)). LeakyReLU is ReLU with a slope 0.01 below 0: He's 2/D_in keeps both passes level (×\(fixed(leaky.suited.0, 3)) and ×\(fixed(leaky.suited.1, 3))), and N(0, 1) explodes ×\(fixed(leaky.unit.0, 2)) as ReLU does."
        )
        try drawSuited(session, results.map { ($0.run.name, $0.run.suitedName, $0.suited, $0.unit) })
    }
}
