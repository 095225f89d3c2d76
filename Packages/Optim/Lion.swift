import Tensor

/// Lion, "EvoLved Sign Momentum" (Chen et al. 2023, *Symbolic Discovery of Optimization Algorithms*,
/// Algorithm 2): every coordinate moves by the learning rate in the direction of the sign of an
/// interpolation between the momentum and the gradient.
///
///     c ← β₁·m + (1 − β₁)·g
///     θ ← θ − α·(sign(c) + λ·θ)
///     m ← β₂·m + (1 − β₂)·g
///
/// with m = 0 before the first step and sign(0) = 0. Like ``NormalizedGradientDescent`` (UDL eqs.
/// 6.13–6.14) each coordinate moves by α whatever the gradient's size, but the sign is taken of a momentum,
/// so it does not flip at every step near a minimum; the paper uses a learning rate 3–10× smaller than
/// AdamW's and a weight decay λ correspondingly larger. By name: `lion(lr=1e-4, betas=(0.9, 0.99),
/// weight_decay=0)`.
public struct Lion: FirstOrderOptimizer, CatalogedOptimizer, Sendable {
    /// α, the step of every coordinate (default 1e-4).
    public var learningRate: Double
    /// β₁, the weight of the momentum in the update's sign (default 0.9).
    public var beta1: Double
    /// β₂, the decay of the momentum (default 0.99).
    public var beta2: Double
    /// λ, the decoupled weight decay (default 0).
    public var weightDecay: Double

    /// The gradient written by the last objective call.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The momentum m.
    public private(set) var momentum = Tensor.zeros([0])

    /// Creates Lion with the paper's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0.
    ///   - beta1: β₁ in [0, 1].
    ///   - beta2: β₂ in [0, 1].
    ///   - weightDecay: λ ≥ 0.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(learningRate: Double = 1e-4, beta1: Double = 0.9, beta2: Double = 0.99, weightDecay: Double = 0)
        throws(ConfigurationError)
    {
        let check = HyperParameterChecks("lion")
        try check.require(
            [beta1, beta2].allSatisfy { $0 >= 0 && $0 <= 1 }, "betas", .numbers([beta1, beta2]),
            "two numbers in [0, 1]")
        try check.nonNegative(learningRate, "lr")
        try check.nonNegative(weightDecay, "weight_decay")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.weightDecay = weightDecay
    }

    /// `lion`, with the settings' names of the paper's PyTorch code.
    static var catalogEntry: OptimizerEntry {
        let d = try! Lion()
        return OptimizerEntry(
            "lion", summary: "Lion, the sign of an interpolated momentum (Chen et al. 2023)",
            defaults: ["lr": d.learningRate, "betas": [d.beta1, d.beta2], "weight_decay": d.weightDecay]
        ) { r throws(ConfigurationError) in
            let betas = try r.pair("betas")
            return try Lion(
                learningRate: r.number("lr"), beta1: betas.0, beta2: betas.1, weightDecay: r.number("weight_decay"))
        }
    }

    mutating func prepareState(count: Int) {
        momentum.prepareBuffer(count: count)
    }

    /// The update of the type's discussion.
    mutating func update(_ parameters: inout Tensor) {
        let (alpha, beta1, beta2, lambda) = (learningRate, self.beta1, self.beta2, weightDecay)
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                momentum.withUnsafeMutableBufferPointer { m in
                    for i in theta.indices {
                        let c = beta1 * m[i] + (1 - beta1) * g[i]
                        let sign: Double = c > 0 ? 1 : c < 0 ? -1 : c  // 0 for 0, NaN for NaN
                        theta[i] = theta[i] - alpha * (sign + lambda * theta[i])
                        m[i] = beta2 * m[i] + (1 - beta2) * g[i]
                    }
                }
            }
        }
    }

    /// Sets the momentum back to zero.
    public mutating func reset() {
        gradient = .zeros([0])
        momentum = .zeros([0])
    }
}
