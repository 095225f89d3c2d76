import Tensor

/// Nesterov accelerated momentum as the book writes it, UDL eq. 6.12 (notebook 6.4): the gradient is
/// taken at the look-ahead point θ − α·β·m.
///
///     g = ∇L(θ − α·β·m)
///     m ← β·m + (1 − β)·g
///     θ ← θ − α·m
///
/// with m = 0 before the first step (so the first step equals ``MomentumUDL``'s). The objective is called
/// at the look-ahead point, so ``StepResult/loss`` is the loss there. torch's Nesterov (``SGD`` with
/// `nesterov: true`) is a different, reparametrised form that evaluates at θ itself.
public struct NesterovMomentumUDL: FirstOrderOptimizer, Sendable {
    /// α, the step size.
    public var learningRate: Double
    /// β, the momentum decay in [0, 1).
    public var beta: Double

    /// The gradient at the last look-ahead point.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The momentum m.
    public private(set) var momentum = Tensor.zeros([0])
    /// The last look-ahead point θ − α·β·m (reused buffer).
    public private(set) var lookAhead = Tensor.zeros([0])

    /// Creates the book's Nesterov momentum.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0 (default 1e-3; notebook 6.4 uses 0.6).
    ///   - beta: β in [0, 1) (default 0.9; notebook 6.4 uses 0.6).
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(learningRate: Double = 1e-3, beta: Double = 0.9) throws(ConfigurationError) {
        try MomentumUDL.check("nesterov-udl", learningRate: learningRate, beta: beta)
        self.learningRate = learningRate
        self.beta = beta
    }

    mutating func prepareState(count: Int) {
        momentum.prepareBuffer(count: count)
        lookAhead.prepareBuffer(count: count)
    }

    /// The look-ahead point θ − α·β·m, where eq. 6.12 takes the gradient.
    mutating func evaluationPoint(_ parameters: Tensor) -> Tensor {
        setSum(&lookAhead, parameters, -(learningRate * beta), momentum)
        return lookAhead
    }

    /// Eq. 6.12 with the look-ahead gradient.
    mutating func update(_ parameters: inout Tensor) {
        MomentumUDL.update(&parameters, gradient: gradient, momentum: &momentum, learningRate: learningRate, beta: beta)
    }

    /// Sets the momentum back to zero.
    public mutating func reset() {
        gradient = .zeros([0])
        momentum = .zeros([0])
        lookAhead = .zeros([0])
    }
}

extension NesterovMomentumUDL: CatalogedOptimizer {
    /// `nesterov-udl`.
    static var catalogEntry: OptimizerEntry {
        let d = try! NesterovMomentumUDL()
        return OptimizerEntry(
            "nesterov-udl", summary: "Nesterov momentum with the gradient at the look-ahead point, UDL eq. 6.12",
            defaults: ["lr": d.learningRate, "beta": d.beta]
        ) { r throws(ConfigurationError) in
            try NesterovMomentumUDL(learningRate: r.number("lr"), beta: r.number("beta"))
        }
    }
}
