import Tensor

/// Gradient descent with the bracketing line search of notebooks 6.2 and 6.3 (UDL eq. 6.3 with α chosen by
/// ``BracketingLineSearch``).
///
///     g = ∇L(θ)
///     α = argmin over t ∈ [0, D] of L(θ − t·g)      (bracketing search)
///     θ ← θ − α·g
///
/// The step is measured in units of the raw gradient, as in the notebooks. ``learningRate`` is the search
/// range D (`max_dist`), so a schedule shrinks the range. Each line-search evaluation calls the objective
/// (its gradient goes to a scratch buffer).
public struct LineSearchGradientDescent: StepPrologue, Sendable {
    /// The line search (threshold, range, pass limit).
    public var search: BracketingLineSearch

    /// The search range D (`max_dist`), which plays the role of the learning rate.
    public var learningRate: Double {
        get { search.maximumDistance }
        set { search.maximumDistance = newValue }
    }

    /// The gradient at the start of the last step.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The last line search's trace (`nil` before the first step).
    public private(set) var lastSearch: BracketingLineSearch.Result?
    private var trial = Tensor.zeros([0])
    private var scratchGradient = Tensor.zeros([0])

    /// Creates line-search gradient descent.
    ///
    /// - Parameter search: the bracketing search (default: notebook 6.2's, D = 0.1; notebook 6.3 uses D = 2),
    ///   with threshold ≥ 0, D > 0 and a pass limit ≥ 0.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` naming `thresh`,
    ///   `max_dist` or `max_iter` for a value out of range.
    public init(search: BracketingLineSearch = BracketingLineSearch()) throws(ConfigurationError) {
        let check = HyperParameterChecks("gd-line-search")
        try check.nonNegative(search.threshold, "thresh")
        try check.positive(search.maximumDistance, "max_dist")
        try check.integer(search.maximumIterations, "max_iter", minimum: 0)
        self.search = search
    }

    mutating func prepareState(count: Int) {
        trial.prepareBuffer(count: count)
        scratchGradient.prepareBuffer(count: count)
    }

    /// Performs one step: the gradient, a line search along −g, and the move.
    ///
    /// - Returns: the loss at the start, the evaluation count (1 + the search's), and α as the step length.
    /// - Complexity: one objective call plus at most 4·`maximumIterations` for the search.
    @discardableResult
    public mutating func step(_ parameters: inout Tensor, _ objective: Objective) rethrows -> StepResult {
        let loss = try beginStep(parameters, objective)
        let start = parameters, direction = gradient
        let result = try search.minimize { t in
            setSum(&trial, start, -t, direction)
            return try evaluate(objective, at: trial, into: &scratchGradient)
        }
        lastSearch = result
        let alpha = result.step
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                for i in theta.indices { theta[i] = theta[i] - alpha * g[i] }
            }
        }
        return StepResult(
            loss: loss, evaluations: 1 + result.evaluations, stepLength: alpha, isZeroStep: alpha == 0)
    }

    /// Forgets the last search; the method has no other state.
    public mutating func reset() {
        lastSearch = nil
        gradient = .zeros([0])
        trial = .zeros([0])
        scratchGradient = .zeros([0])
    }
}

extension LineSearchGradientDescent: CatalogedOptimizer {
    /// `gd-line-search`, with the notebooks' names of the search's settings.
    static var catalogEntry: OptimizerEntry {
        let d = try! LineSearchGradientDescent().search
        return OptimizerEntry(
            "gd-line-search", summary: "gradient descent with the bracketing line search of notebooks 6.1-6.3",
            defaults: [
                "max_dist": d.maximumDistance, "thresh": d.threshold,
                "max_iter": d.maximumIterations,
            ]
        ) { r throws(ConfigurationError) in
            try LineSearchGradientDescent(
                search: BracketingLineSearch(
                    threshold: r.number("thresh"), maximumDistance: r.number("max_dist"),
                    maximumIterations: r.integer("max_iter")))
        }
    }
}
