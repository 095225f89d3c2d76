import Tensor

/// RMSprop with PyTorch's update (`torch.optim.RMSprop`, float64), including the centered and momentum
/// variants.
///
/// With smoothing constant ρ (torch's `alpha`), square average s, gradient average ḡ, momentum buffer b:
///
///     g ← −g                               if maximize
///     g ← g + λ·θ                          if λ ≠ 0
///     s ← ρ·s + (1 − ρ)·g²
///     ḡ ← ḡ + (1 − ρ)·(g − ḡ),  r = √(s − ḡ²) + ε      centered
///     r = √s + ε                                         otherwise
///     b ← μ·b + g / r,  θ ← θ − α·b                      if μ > 0
///     θ ← θ − α·g / r                                    otherwise
///
/// RMSprop is Adam without the first moment and without bias correction (UDL §6.4 discusses the family).
public struct RMSprop: FirstOrderOptimizer, Sendable {
    /// α, torch's `lr` (default 1e-2).
    public var learningRate: Double
    /// ρ, torch's `alpha`: the decay of the square average (default 0.99).
    public var alpha: Double
    /// ε, added to the root (default 1e-8).
    public var epsilon: Double
    /// λ, torch's `weight_decay` (default 0).
    public var weightDecay: Double
    /// μ, torch's `momentum` (default 0).
    public var momentum: Double
    /// Normalise by the variance estimate s − ḡ² instead of s (torch's `centered`).
    public var centered: Bool
    /// Ascend instead of descend (torch's `maximize`).
    public var maximize: Bool

    /// The gradient written by the last objective call.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The square average s (torch's `square_avg`).
    public private(set) var squareAverage = Tensor.zeros([0])
    /// The gradient average ḡ (torch's `grad_avg`; empty unless `centered`).
    public private(set) var gradientAverage = Tensor.zeros([0])
    /// The momentum buffer b (empty unless μ > 0).
    public private(set) var momentumBuffer = Tensor.zeros([0])

    /// Creates RMSprop with torch's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0.
    ///   - alpha: ρ ≥ 0.
    ///   - epsilon: ε ≥ 0.
    ///   - weightDecay: λ ≥ 0.
    ///   - momentum: μ ≥ 0.
    ///   - centered: the centered variant.
    ///   - maximize: maximise the objective.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(
        learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8, weightDecay: Double = 0,
        momentum: Double = 0, centered: Bool = false, maximize: Bool = false
    ) throws(ConfigurationError) {
        let check = HyperParameterChecks("rmsprop")
        try check.nonNegative(learningRate, "lr")
        try check.nonNegative(alpha, "alpha")
        try check.nonNegative(epsilon, "eps")
        try check.nonNegative(weightDecay, "weight_decay")
        try check.nonNegative(momentum, "momentum")
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        self.maximize = maximize
    }

    mutating func prepareState(count: Int) {
        squareAverage.prepareBuffer(count: count)
        if centered { gradientAverage.prepareBuffer(count: count) }
        if momentum > 0 { momentumBuffer.prepareBuffer(count: count) }
    }

    /// The update of the type's discussion.
    mutating func update(_ parameters: inout Tensor) {
        let h = (lr: learningRate, rho: alpha, eps: epsilon, lambda: weightDecay, mu: momentum)
        let (centered, maximize) = (self.centered, self.maximize)
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                squareAverage.withUnsafeMutableBufferPointer { s in
                    gradientAverage.withUnsafeMutableBufferPointer { mean in
                        momentumBuffer.withUnsafeMutableBufferPointer { b in
                            // Default settings get a branch-free copy of the loop (same arithmetic).
                            if !maximize && h.lambda == 0 && !centered && h.mu <= 0 {
                                RMSprop.update(
                                    theta, g, s, mean, b, h, maximize: false, decay: false, centered: false,
                                    momentum: false)
                            } else {
                                RMSprop.update(
                                    theta, g, s, mean, b, h, maximize: maximize, decay: h.lambda != 0,
                                    centered: centered,
                                    momentum: h.mu > 0)
                            }
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
        _ s: UnsafeMutableBufferPointer<Double>, _ mean: UnsafeMutableBufferPointer<Double>,
        _ b: UnsafeMutableBufferPointer<Double>,
        _ h: (lr: Double, rho: Double, eps: Double, lambda: Double, mu: Double),
        maximize: Bool, decay: Bool, centered: Bool, momentum: Bool
    ) {
        let n = theta.count
        guard n > 0, let pTheta = theta.baseAddress, let pG = g.baseAddress, let pS = s.baseAddress else { return }
        var i = 0
        while i < n {
            var t = loadLanes(pTheta, i, n)
            var d = loadLanes(pG, i, n)
            if maximize { d = -d }
            if decay { d = d + h.lambda * t }
            let s1 = loadLanes(pS, i, n) * h.rho + (1 - h.rho) * d * d
            var root: SIMD4<Double>
            if centered, let pMean = mean.baseAddress {
                let mean1 = lerp(loadLanes(pMean, i, n), d, 1 - h.rho)
                storeLanes(mean1, pMean, i, n)
                root = (s1 + -1 * mean1 * mean1).squareRoot()
            } else {
                root = s1.squareRoot()
            }
            root = root + h.eps
            if momentum, let pB = b.baseAddress {
                let b1 = loadLanes(pB, i, n) * h.mu + 1 * d / root
                storeLanes(b1, pB, i, n)
                t = t + -h.lr * b1
            } else {
                t = t + -h.lr * d / root
            }
            storeLanes(s1, pS, i, n)
            storeLanes(t, pTheta, i, n)
            i += 4
        }
    }

    /// Forgets the averages and the momentum buffer.
    public mutating func reset() {
        gradient = .zeros([0])
        squareAverage = .zeros([0])
        gradientAverage = .zeros([0])
        momentumBuffer = .zeros([0])
    }
}

extension RMSprop: CatalogedOptimizer {
    /// `rmsprop`, with torch's keyword names.
    static var catalogEntry: OptimizerEntry {
        let d = try! RMSprop()
        return OptimizerEntry(
            "rmsprop", summary: "RMSprop, optionally centered and with momentum (torch.optim.RMSprop)",
            defaults: [
                "lr": d.learningRate, "alpha": d.alpha, "eps": d.epsilon,
                "weight_decay": d.weightDecay, "momentum": d.momentum,
                "centered": d.centered, "maximize": d.maximize,
            ]
        ) { r throws(ConfigurationError) in
            try RMSprop(
                learningRate: r.number("lr"), alpha: r.number("alpha"), epsilon: r.number("eps"),
                weightDecay: r.number("weight_decay"), momentum: r.number("momentum"),
                centered: r.flag("centered"), maximize: r.flag("maximize"))
        }
    }
}
