import Tensor

/// Adagrad with PyTorch's update (`torch.optim.Adagrad`, float64, dense gradients).
///
/// With step count t (1 on the first step), accumulated squares s (initially
/// `initialAccumulatorValue`), learning-rate decay δ and weight decay λ:
///
///     g ← −g                              if maximize
///     g ← g + λ·θ                         if λ ≠ 0
///     α_t = α / (1 + (t − 1)·δ)
///     s ← s + g²
///     θ ← θ − α_t · g / (√s + ε)
public struct Adagrad: FirstOrderOptimizer, Sendable {
    /// α, torch's `lr` (default 1e-2).
    public var learningRate: Double
    /// δ, torch's `lr_decay` (default 0).
    public var learningRateDecay: Double
    /// λ, torch's `weight_decay` (default 0).
    public var weightDecay: Double
    /// The starting value of every accumulator (torch's `initial_accumulator_value`, default 0).
    public var initialAccumulatorValue: Double
    /// ε, added to √s (default 1e-10).
    public var epsilon: Double
    /// Ascend instead of descend (torch's `maximize`).
    public var maximize: Bool

    /// The gradient written by the last objective call.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The accumulated squared gradients s (torch's `sum`).
    public private(set) var accumulator = Tensor.zeros([0])
    /// The number of steps taken since the last reset.
    public private(set) var stepCount = 0

    /// Creates Adagrad with torch's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0.
    ///   - learningRateDecay: δ ≥ 0.
    ///   - weightDecay: λ ≥ 0.
    ///   - initialAccumulatorValue: the initial s ≥ 0.
    ///   - epsilon: ε ≥ 0.
    ///   - maximize: maximise the objective.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(
        learningRate: Double = 1e-2, learningRateDecay: Double = 0, weightDecay: Double = 0,
        initialAccumulatorValue: Double = 0, epsilon: Double = 1e-10, maximize: Bool = false
    ) throws(ConfigurationError) {
        let check = HyperParameterChecks("adagrad")
        try check.nonNegative(learningRate, "lr")
        try check.nonNegative(learningRateDecay, "lr_decay")
        try check.nonNegative(weightDecay, "weight_decay")
        try check.nonNegative(initialAccumulatorValue, "initial_accumulator_value")
        try check.nonNegative(epsilon, "eps")
        self.learningRate = learningRate
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
        self.maximize = maximize
    }

    mutating func prepareState(count: Int) {
        accumulator.prepareBuffer(count: count, value: initialAccumulatorValue)
    }

    /// The update of the type's discussion.
    mutating func update(_ parameters: inout Tensor) {
        stepCount += 1
        let clr = learningRate / (1 + Double(stepCount - 1) * learningRateDecay)
        let h = (clr: clr, lambda: weightDecay, eps: epsilon)
        let maximize = self.maximize
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                accumulator.withUnsafeMutableBufferPointer { s in
                    // Default settings get a branch-free copy of the loop (same arithmetic).
                    if !maximize && h.lambda == 0 {
                        Adagrad.update(theta, g, s, h, maximize: false, decay: false)
                    } else {
                        Adagrad.update(theta, g, s, h, maximize: maximize, decay: h.lambda != 0)
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
        _ s: UnsafeMutableBufferPointer<Double>, _ h: (clr: Double, lambda: Double, eps: Double),
        maximize: Bool, decay: Bool
    ) {
        let n = theta.count
        guard n > 0, let pTheta = theta.baseAddress, let pG = g.baseAddress, let pS = s.baseAddress else { return }
        var i = 0
        while i < n {
            let t = loadLanes(pTheta, i, n)
            var d = loadLanes(pG, i, n)
            if maximize { d = -d }
            if decay { d = d + h.lambda * t }
            let s1 = loadLanes(pS, i, n) + d * d
            storeLanes(s1, pS, i, n)
            storeLanes(t + -h.clr * d / (s1.squareRoot() + h.eps), pTheta, i, n)
            i += 4
        }
    }

    /// Forgets the accumulators (they restart at `initialAccumulatorValue`) and the step count.
    public mutating func reset() {
        stepCount = 0
        gradient = .zeros([0])
        accumulator = .zeros([0])
    }
}

extension Adagrad: CatalogedOptimizer {
    /// `adagrad`, with torch's keyword names.
    static var catalogEntry: OptimizerEntry {
        let d = try! Adagrad()
        return OptimizerEntry(
            "adagrad", summary: "Adagrad with lr decay and initial accumulator (torch.optim.Adagrad)",
            defaults: [
                "lr": d.learningRate, "lr_decay": d.learningRateDecay,
                "weight_decay": d.weightDecay,
                "initial_accumulator_value": d.initialAccumulatorValue, "eps": d.epsilon,
                "maximize": d.maximize,
            ]
        ) { r throws(ConfigurationError) in
            try Adagrad(
                learningRate: r.number("lr"), learningRateDecay: r.number("lr_decay"),
                weightDecay: r.number("weight_decay"),
                initialAccumulatorValue: r.number("initial_accumulator_value"), epsilon: r.number("eps"),
                maximize: r.flag("maximize"))
        }
    }
}
