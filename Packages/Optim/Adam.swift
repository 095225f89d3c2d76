import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Adam and AdamW with PyTorch's exact update (`torch.optim.Adam` / `torch.optim.AdamW`, float64).
///
/// With gradient g, step count t (1 on the first step), moments m and v, and β₁, β₂, ε, λ, α:
///
///     g ← −g                                      if maximize
///     θ ← θ·(1 − α·λ)                             decoupled decay (AdamW), before the update
///     g ← g + λ·θ                                 coupled decay (Adam with λ ≠ 0)
///     m ← m + (1 − β₁)·(g − m)                    torch's lerp
///     v ← β₂·v + (1 − β₂)·g²
///     v̂ ← max(v̂, v)                              amsgrad (then v̂ replaces v below)
///     θ ← θ − (α / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// This is UDL eqs. 6.15–6.17 with the bias corrections folded in the way torch does: ε is added after
/// dividing √v by √(1 − β₂ᵗ), not to √ṽ as in the book, which matters when ε is not negligible. The book's
/// form (and the notebook's ε = 1e-20) is ``AdamUDL``.
public struct Adam: FirstOrderOptimizer, Sendable {
    /// α, torch's `lr` (default 1e-3).
    public var learningRate: Double
    /// β₁, the first-moment decay (default 0.9).
    public var beta1: Double
    /// β₂, the second-moment decay (default 0.999).
    public var beta2: Double
    /// ε, added to the denominator (default 1e-8).
    public var epsilon: Double
    /// λ, torch's `weight_decay` (default 0 for Adam, 0.01 for AdamW).
    public var weightDecay: Double
    /// Keep the running maximum of v (torch's `amsgrad`).
    public var amsgrad: Bool
    /// Ascend instead of descend (torch's `maximize`).
    public var maximize: Bool
    /// Decoupled weight decay θ ← θ·(1 − αλ) (AdamW) instead of the L2 term g + λθ.
    public var decoupledWeightDecay: Bool

    /// The gradient written by the last objective call.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The first moment m (torch's `exp_avg`).
    public private(set) var firstMoment = Tensor.zeros([0])
    /// The second moment v (torch's `exp_avg_sq`).
    public private(set) var secondMoment = Tensor.zeros([0])
    /// The running maximum of v (torch's `max_exp_avg_sq`; empty unless `amsgrad`).
    public private(set) var maximumSecondMoment = Tensor.zeros([0])
    /// The number of steps taken since the last reset (torch's `step`).
    public private(set) var stepCount = 0

    /// Creates Adam with torch's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0.
    ///   - beta1: β₁ in [0, 1).
    ///   - beta2: β₂ in [0, 1).
    ///   - epsilon: ε ≥ 0.
    ///   - weightDecay: λ ≥ 0.
    ///   - amsgrad: use the running maximum of v.
    ///   - maximize: maximise the objective.
    ///   - decoupledWeightDecay: AdamW's decay instead of the L2 term.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range,
    ///   named `adamw` when `decoupledWeightDecay` is set.
    public init(
        learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false, decoupledWeightDecay: Bool = false
    ) throws(ConfigurationError) {
        let check = HyperParameterChecks(decoupledWeightDecay ? "adamw" : "adam")
        try check.require(
            [beta1, beta2].allSatisfy { $0 >= 0 && $0 < 1 }, "betas", .numbers([beta1, beta2]), "two numbers in [0, 1)")
        try check.nonNegative(learningRate, "lr")
        try check.nonNegative(epsilon, "eps")
        try check.nonNegative(weightDecay, "weight_decay")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.maximize = maximize
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// AdamW (`torch.optim.AdamW`): Adam with decoupled weight decay, λ = 0.01 by default.
    ///
    /// - Parameters: as ``init(learningRate:beta1:beta2:epsilon:weightDecay:amsgrad:maximize:decoupledWeightDecay:)``.
    /// - Returns: an ``Adam`` with `decoupledWeightDecay == true`.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public static func adamW(
        learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false
    ) throws(ConfigurationError) -> Adam {
        try Adam(
            learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
            amsgrad: amsgrad, maximize: maximize, decoupledWeightDecay: true)
    }

    mutating func prepareState(count: Int) {
        firstMoment.prepareBuffer(count: count)
        secondMoment.prepareBuffer(count: count)
        if amsgrad { maximumSecondMoment.prepareBuffer(count: count) }
    }

    /// The update of the type's discussion.
    mutating func update(_ parameters: inout Tensor) {
        stepCount += 1
        let t = Double(stepCount)
        let lr = learningRate
        let h = Hyper(
            stepSize: lr / (1 - pow(beta1, t)), correction2: pow(1 - pow(beta2, t), 0.5), epsilon: epsilon,
            lambda: weightDecay, decay: 1 - lr * weightDecay, beta1: beta1, beta2: beta2)
        let (maximize, amsgrad) = (self.maximize, self.amsgrad)
        let coupled = weightDecay != 0 && !decoupledWeightDecay, decoupled = weightDecay != 0 && decoupledWeightDecay
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        maximumSecondMoment.withUnsafeMutableBufferPointer { vMax in
                            // Default settings get a copy of the loop with constant flags (branch-free, so it
                            // vectorises); the arithmetic is the same.
                            if !maximize && !coupled && !decoupled && !amsgrad {
                                Adam.update(
                                    theta, g, m, v, vMax, h, maximize: false, coupled: false, decoupled: false,
                                    amsgrad: false)
                            } else {
                                Adam.update(
                                    theta, g, m, v, vMax, h, maximize: maximize, coupled: coupled, decoupled: decoupled,
                                    amsgrad: amsgrad)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The per-step constants of the update.
    private struct Hyper {
        let stepSize, correction2, epsilon, lambda, decay, beta1, beta2: Double
    }

    /// The update loop, on four lanes at a time; the flags are constants at the call site of the default
    /// settings.
    @inline(__always)
    private static func update(
        _ theta: UnsafeMutableBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
        _ m: UnsafeMutableBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>,
        _ vMax: UnsafeMutableBufferPointer<Double>, _ h: Hyper,
        maximize: Bool, coupled: Bool, decoupled: Bool, amsgrad: Bool
    ) {
        let n = theta.count
        guard n > 0, let pTheta = theta.baseAddress, let pG = g.baseAddress, let pM = m.baseAddress,
            let pV = v.baseAddress
        else { return }
        var i = 0
        while i < n {
            var t = loadLanes(pTheta, i, n)
            var d = loadLanes(pG, i, n)
            if maximize { d = -d }
            if decoupled { t = t * h.decay }
            if coupled { d = d + h.lambda * t }
            let m1 = lerp(loadLanes(pM, i, n), d, 1 - h.beta1)
            let v1 = loadLanes(pV, i, n) * h.beta2 + (1 - h.beta2) * d * d
            var second = v1
            if amsgrad, let pMax = vMax.baseAddress {
                second = pointwiseMax(loadLanes(pMax, i, n), v1)
                storeLanes(second, pMax, i, n)
            }
            let denominator = second.squareRoot() / h.correction2 + h.epsilon
            t = t + -h.stepSize * m1 / denominator
            storeLanes(m1, pM, i, n)
            storeLanes(v1, pV, i, n)
            storeLanes(t, pTheta, i, n)
            i += 4
        }
    }

    /// Forgets the moments and the step count.
    public mutating func reset() {
        stepCount = 0
        gradient = .zeros([0])
        firstMoment = .zeros([0])
        secondMoment = .zeros([0])
        maximumSecondMoment = .zeros([0])
    }
}

extension Adam: CatalogedOptimizer {
    /// `adam` and `adamw` (the same update, decoupled decay fixed on), with torch's keyword names.
    static var catalogEntries: [OptimizerEntry] {
        [
            entry("adam", summary: "Adam with bias correction, amsgrad, weight decay (torch.optim.Adam)", try! Adam()),
            entry("adamw", summary: "Adam with decoupled weight decay (torch.optim.AdamW)", try! Adam.adamW()),
        ]
    }

    /// The entry whose defaults are those of `d`; AdamW's has no `decoupled_weight_decay` (it is always on).
    private static func entry(_ name: String, summary: String, _ d: Adam) -> OptimizerEntry {
        let adamW = d.decoupledWeightDecay
        return OptimizerEntry(
            name, summary: summary,
            defaults: adamW
                ? [
                    "lr": d.learningRate, "betas": [d.beta1, d.beta2], "eps": d.epsilon, "weight_decay": d.weightDecay,
                    "amsgrad": d.amsgrad, "maximize": d.maximize,
                ]
                : [
                    "lr": d.learningRate, "betas": [d.beta1, d.beta2], "eps": d.epsilon, "weight_decay": d.weightDecay,
                    "amsgrad": d.amsgrad, "maximize": d.maximize, "decoupled_weight_decay": d.decoupledWeightDecay,
                ]
        ) { r throws(ConfigurationError) in
            let betas = try r.pair("betas")
            let decoupled = adamW ? true : try r.flag("decoupled_weight_decay")
            return try Adam(
                learningRate: r.number("lr"), beta1: betas.0, beta2: betas.1, epsilon: r.number("eps"),
                weightDecay: r.number("weight_decay"), amsgrad: r.flag("amsgrad"), maximize: r.flag("maximize"),
                decoupledWeightDecay: decoupled)
        }
    }
}
