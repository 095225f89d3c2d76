import Tensor

/// Adadelta with PyTorch's update (`torch.optim.Adadelta`, float64).
///
/// With decay ρ, square averages s (gradients) and u (updates):
///
///     g ← −g                               if maximize
///     g ← g + λ·θ                          if λ ≠ 0
///     s ← ρ·s + (1 − ρ)·g²
///     Δ = √(u + ε) / √(s + ε) · g
///     u ← ρ·u + (1 − ρ)·Δ²
///     θ ← θ − α·Δ
///
/// The learning rate α multiplies the unit-correct step Δ; torch's default α = 1 gives Zeiler's method.
public struct Adadelta: FirstOrderOptimizer, Sendable {
    /// α, torch's `lr`, scaling Δ (default 1.0).
    public var learningRate: Double
    /// ρ, the decay of both averages (default 0.9).
    public var rho: Double
    /// ε, inside both roots (default 1e-6).
    public var epsilon: Double
    /// λ, torch's `weight_decay` (default 0).
    public var weightDecay: Double
    /// Ascend instead of descend (torch's `maximize`).
    public var maximize: Bool

    /// The gradient written by the last objective call.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The square average of gradients s (torch's `square_avg`).
    public private(set) var squareAverage = Tensor.zeros([0])
    /// The square average of updates u (torch's `acc_delta`).
    public private(set) var updateAverage = Tensor.zeros([0])

    /// Creates Adadelta with torch's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0.
    ///   - rho: ρ in [0, 1].
    ///   - epsilon: ε ≥ 0.
    ///   - weightDecay: λ ≥ 0.
    ///   - maximize: maximise the objective.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(
        learningRate: Double = 1.0, rho: Double = 0.9, epsilon: Double = 1e-6, weightDecay: Double = 0,
        maximize: Bool = false
    ) throws(ConfigurationError) {
        let check = HyperParameterChecks("adadelta")
        try check.nonNegative(learningRate, "lr")
        try check.closedUnitInterval(rho, "rho")
        try check.nonNegative(epsilon, "eps")
        try check.nonNegative(weightDecay, "weight_decay")
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.maximize = maximize
    }

    mutating func prepareState(count: Int) {
        squareAverage.prepareBuffer(count: count)
        updateAverage.prepareBuffer(count: count)
    }

    /// The update of the type's discussion.
    mutating func update(_ parameters: inout Tensor) {
        let h = (lr: learningRate, rho: rho, eps: epsilon, lambda: weightDecay)
        let maximize = self.maximize
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                squareAverage.withUnsafeMutableBufferPointer { s in
                    updateAverage.withUnsafeMutableBufferPointer { u in
                        // Default settings get a branch-free copy of the loop (same arithmetic).
                        if !maximize && h.lambda == 0 {
                            Adadelta.update(theta, g, s, u, h, maximize: false, decay: false)
                        } else {
                            Adadelta.update(theta, g, s, u, h, maximize: maximize, decay: h.lambda != 0)
                        }
                    }
                }
            }
        }
    }

    /// The update loop, on four lanes at a time; the flags are constants at the call site of the default
    /// settings.
    @inline(__always)
    private static func update(
        _ theta: UnsafeMutableBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
        _ s: UnsafeMutableBufferPointer<Double>, _ u: UnsafeMutableBufferPointer<Double>,
        _ h: (lr: Double, rho: Double, eps: Double, lambda: Double), maximize: Bool, decay: Bool
    ) {
        let n = theta.count
        guard n > 0, let pTheta = theta.baseAddress, let pG = g.baseAddress, let pS = s.baseAddress,
            let pU = u.baseAddress
        else { return }
        var i = 0
        while i < n {
            let t = loadLanes(pTheta, i, n)
            var d = loadLanes(pG, i, n)
            if maximize { d = -d }
            if decay { d = d + h.lambda * t }
            let s1 = loadLanes(pS, i, n) * h.rho + (1 - h.rho) * d * d
            let u0 = loadLanes(pU, i, n)
            let delta = (u0 + h.eps).squareRoot() / (s1 + h.eps).squareRoot() * d
            storeLanes(s1, pS, i, n)
            storeLanes(u0 * h.rho + (1 - h.rho) * delta * delta, pU, i, n)
            storeLanes(t + -h.lr * delta, pTheta, i, n)
            i += 4
        }
    }

    /// Forgets both square averages.
    public mutating func reset() {
        gradient = .zeros([0])
        squareAverage = .zeros([0])
        updateAverage = .zeros([0])
    }
}

extension Adadelta: CatalogedOptimizer {
    /// `adadelta`, with torch's keyword names.
    static var catalogEntry: OptimizerEntry {
        let d = try! Adadelta()
        return OptimizerEntry(
            "adadelta", summary: "Adadelta (torch.optim.Adadelta)",
            defaults: [
                "lr": d.learningRate, "rho": d.rho, "eps": d.epsilon,
                "weight_decay": d.weightDecay, "maximize": d.maximize,
            ]
        ) { r throws(ConfigurationError) in
            try Adadelta(
                learningRate: r.number("lr"), rho: r.number("rho"), epsilon: r.number("eps"),
                weightDecay: r.number("weight_decay"), maximize: r.flag("maximize"))
        }
    }
}
