import Tensor

/// Gradient descent with the book's momentum, UDL eq. 6.11 (notebook 6.4).
///
///     m ← β·m + (1 − β)·g(θ)
///     θ ← θ − α·m
///
/// with m = 0 before the first step. Unlike ``SGD`` with momentum, the gradient enters with weight
/// (1 − β), so m is an exponentially weighted average of past gradients and α keeps its meaning.
public struct MomentumUDL: FirstOrderOptimizer, Sendable {
    /// α, the step size.
    public var learningRate: Double
    /// β, the momentum decay in [0, 1).
    public var beta: Double

    /// The gradient written by the last objective call.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The momentum m.
    public private(set) var momentum = Tensor.zeros([0])

    /// Creates the book's momentum method.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0 (default 1e-3, torch's SGD default; notebook 6.4 uses 0.6).
    ///   - beta: β in [0, 1) (default 0.9; notebook 6.4 uses 0.6).
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(learningRate: Double = 1e-3, beta: Double = 0.9) throws(ConfigurationError) {
        try Self.check("momentum-udl", learningRate: learningRate, beta: beta)
        self.learningRate = learningRate
        self.beta = beta
    }

    mutating func prepareState(count: Int) {
        momentum.prepareBuffer(count: count)
    }

    /// Eq. 6.11.
    mutating func update(_ parameters: inout Tensor) {
        Self.update(&parameters, gradient: gradient, momentum: &momentum, learningRate: learningRate, beta: beta)
    }

    /// Sets the momentum back to zero.
    public mutating func reset() {
        gradient = .zeros([0])
        momentum = .zeros([0])
    }

    /// The checks of α and β, shared with ``NesterovMomentumUDL``.
    static func check(_ name: String, learningRate: Double, beta: Double) throws(ConfigurationError) {
        let check = HyperParameterChecks(name)
        try check.nonNegative(learningRate, "lr")
        try check.unitInterval(beta, "beta")
    }

    /// m ← β·m + (1 − β)·g, θ ← θ − α·m: the update of eqs. 6.11 and 6.12, which differ only in where g is
    /// taken.
    static func update(
        _ parameters: inout Tensor, gradient: Tensor, momentum: inout Tensor, learningRate alpha: Double, beta: Double
    ) {
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                momentum.withUnsafeMutableBufferPointer { m in
                    for i in theta.indices {
                        m[i] = beta * m[i] + (1 - beta) * g[i]
                        theta[i] = theta[i] - alpha * m[i]
                    }
                }
            }
        }
    }
}

extension MomentumUDL: CatalogedOptimizer {
    /// `momentum-udl`.
    static var catalogEntry: OptimizerEntry {
        let d = try! MomentumUDL()
        return OptimizerEntry(
            "momentum-udl", summary: "momentum m = beta m + (1 - beta) g, UDL eq. 6.11",
            defaults: ["lr": d.learningRate, "beta": d.beta]
        ) { r throws(ConfigurationError) in try MomentumUDL(learningRate: r.number("lr"), beta: r.number("beta")) }
    }
}
