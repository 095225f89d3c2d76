import Tensor

/// Gradient descent with normalised gradients, UDL eqs. 6.13–6.14 (notebook 6.5).
///
///     m = g,  v = g²            (6.13)
///     θ ← θ − α·m / (√v + ε)    (6.14)
///
/// Every coordinate moves by α in the downhill direction of its own gradient (exactly α·sign(g) for a
/// negligible ε), whatever the gradient's size; the method therefore bounces between two points near a
/// minimum, which motivates Adam's moments.
public struct NormalizedGradientDescent: FirstOrderOptimizer, Sendable {
    /// α, the distance each coordinate moves.
    public var learningRate: Double
    /// ε, added to √v (default 1e-20, as the notebook).
    public var epsilon: Double

    /// The gradient written by the last objective call.
    public internal(set) var gradient = Tensor.zeros([0])

    /// Creates normalised gradient descent.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0 (default 1e-3; notebook 6.5 uses 0.08).
    ///   - epsilon: ε ≥ 0 (default 1e-20).
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(learningRate: Double = 1e-3, epsilon: Double = 1e-20) throws(ConfigurationError) {
        let check = HyperParameterChecks("normalized-gd")
        try check.nonNegative(learningRate, "lr")
        try check.nonNegative(epsilon, "eps")
        self.learningRate = learningRate
        self.epsilon = epsilon
    }

    /// Eqs. 6.13–6.14.
    mutating func update(_ parameters: inout Tensor) {
        let (alpha, eps) = (learningRate, epsilon)
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                for i in theta.indices {
                    let v = g[i] * g[i]
                    theta[i] = theta[i] - alpha * g[i] / (v.squareRoot() + eps)
                }
            }
        }
    }

    /// Nothing to forget but the gradient buffer (the method has no state).
    public mutating func reset() {
        gradient = .zeros([0])
    }
}

extension NormalizedGradientDescent: CatalogedOptimizer {
    /// `normalized-gd`.
    static var catalogEntry: OptimizerEntry {
        let d = try! NormalizedGradientDescent()
        return OptimizerEntry(
            "normalized-gd", summary: "normalized gradients, UDL eqs. 6.13-6.14",
            defaults: ["lr": d.learningRate, "eps": d.epsilon]
        ) { r throws(ConfigurationError) in
            try NormalizedGradientDescent(learningRate: r.number("lr"), epsilon: r.number("eps"))
        }
    }
}
