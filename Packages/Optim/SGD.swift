import Tensor

/// Stochastic gradient descent with PyTorch's momentum, dampening, Nesterov, weight decay and maximize
/// options (`torch.optim.SGD`, float64, same update order).
///
/// With gradient g, weight decay λ, momentum μ, dampening τ and learning rate α, one step is
///
///     g ← −g                          if maximize
///     g ← g + λ·θ                     if λ ≠ 0
///     b ← g (first step),  b ← μ·b + (1 − τ)·g (later steps)      if μ ≠ 0
///     g ← g + μ·b (Nesterov)  or  g ← b                            if μ ≠ 0
///     θ ← θ − α·g
///
/// Without momentum this is the plain gradient step of UDL eq. 6.3 (and, with a minibatch objective, the
/// SGD of eq. 6.10). Note that torch's momentum buffer starts as the gradient itself (no dampening on the
/// first step) and accumulates α-free velocity; the book's exponentially weighted form is
/// ``MomentumUDL``.
public struct SGD: FirstOrderOptimizer, Sendable {
    /// α, torch's `lr` (default 1e-3).
    public var learningRate: Double
    /// μ, torch's `momentum` (default 0).
    public var momentum: Double
    /// τ, torch's `dampening` (default 0).
    public var dampening: Double
    /// λ, torch's `weight_decay`: L2 penalty added to the gradient (default 0).
    public var weightDecay: Double
    /// Nesterov momentum (torch's `nesterov`; needs μ > 0 and τ = 0).
    public var nesterov: Bool
    /// Ascend instead of descend (torch's `maximize`).
    public var maximize: Bool

    /// The gradient written by the last objective call (owned and reused by the optimizer).
    public internal(set) var gradient = Tensor.zeros([0])
    /// The momentum buffer b (empty until the first step with μ ≠ 0).
    public private(set) var momentumBuffer = Tensor.zeros([0])
    private var hasMomentumBuffer = false

    /// Creates an SGD optimizer with torch's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0.
    ///   - momentum: μ ≥ 0.
    ///   - dampening: τ, finite.
    ///   - weightDecay: λ ≥ 0.
    ///   - nesterov: Nesterov momentum (needs μ > 0 and τ = 0).
    ///   - maximize: maximise the objective.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(
        learningRate: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0,
        nesterov: Bool = false, maximize: Bool = false
    ) throws(ConfigurationError) {
        let check = HyperParameterChecks("sgd")
        try check.nonNegative(momentum, "momentum")
        try check.finite(dampening, "dampening")
        try check.require(
            !nesterov || (momentum > 0 && dampening == 0), "nesterov", .flag(nesterov),
            "momentum > 0 and dampening = 0 with nesterov=True")
        try check.nonNegative(learningRate, "lr")
        try check.nonNegative(weightDecay, "weight_decay")
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        self.maximize = maximize
    }

    mutating func prepareState(count: Int) {
        if momentum != 0 { momentumBuffer.prepareBuffer(count: count) }
    }

    /// The update of the type's discussion.
    mutating func update(_ parameters: inout Tensor) {
        let first = !hasMomentumBuffer
        let h = (lr: learningRate, mu: momentum, tau: dampening, lambda: weightDecay)
        let (maximize, nesterov) = (self.maximize, self.nesterov)
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                momentumBuffer.withUnsafeMutableBufferPointer { b in
                    // The common settings get their own copy of the loop with constant flags, so that it
                    // has no branches and vectorises; the results are the same.
                    switch (maximize, h.lambda != 0, h.mu != 0, first) {
                    case (false, false, false, _):
                        SGD.update(
                            theta, g, b, h, maximize: false, decay: false, momentum: false, first: false,
                            nesterov: false)
                    case (false, false, true, false):
                        if nesterov {
                            SGD.update(
                                theta, g, b, h, maximize: false, decay: false, momentum: true, first: false,
                                nesterov: true)
                        } else {
                            SGD.update(
                                theta, g, b, h, maximize: false, decay: false, momentum: true, first: false,
                                nesterov: false)
                        }
                    case let (maximize, decay, momentum, first):
                        SGD.update(
                            theta, g, b, h, maximize: maximize, decay: decay, momentum: momentum, first: first,
                            nesterov: nesterov)
                    }
                }
            }
        }
        if momentum != 0 { hasMomentumBuffer = true }
    }

    /// The update loop; the flags are constants at the call sites of the common settings.
    @inline(__always)
    private static func update(
        _ theta: UnsafeMutableBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
        _ b: UnsafeMutableBufferPointer<Double>,
        _ h: (lr: Double, mu: Double, tau: Double, lambda: Double),
        maximize: Bool, decay: Bool, momentum useMomentum: Bool, first: Bool, nesterov: Bool
    ) {
        let (lr, mu, tau, lambda) = h
        for i in theta.indices {
            var d = maximize ? -g[i] : g[i]
            if decay { d = d + lambda * theta[i] }
            if useMomentum {
                b[i] = first ? d : b[i] * mu + (1 - tau) * d
                d = nesterov ? d + mu * b[i] : b[i]
            }
            theta[i] = theta[i] + -lr * d
        }
    }

    /// Forgets the momentum buffer; the next step starts it again from the gradient.
    public mutating func reset() {
        hasMomentumBuffer = false
        gradient = .zeros([0])
        momentumBuffer = .zeros([0])
    }
}

extension SGD: CatalogedOptimizer {
    /// `sgd`, with torch's keyword names.
    static var catalogEntry: OptimizerEntry {
        let d = try! SGD()
        return OptimizerEntry(
            "sgd", summary: "SGD with momentum, dampening, Nesterov, weight decay (torch.optim.SGD)",
            defaults: [
                "lr": d.learningRate, "momentum": d.momentum,
                "dampening": d.dampening, "weight_decay": d.weightDecay,
                "nesterov": d.nesterov, "maximize": d.maximize,
            ]
        ) { r throws(ConfigurationError) in
            try SGD(
                learningRate: r.number("lr"), momentum: r.number("momentum"), dampening: r.number("dampening"),
                weightDecay: r.number("weight_decay"), nesterov: r.flag("nesterov"), maximize: r.flag("maximize"))
        }
    }
}
