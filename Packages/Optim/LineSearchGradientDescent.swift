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
public struct LineSearchGradientDescent: Optimizer, Sendable {
    /// The line search (threshold, range, pass limit).
    public var search: BracketingLineSearch

    /// The search range D (`max_dist`), which plays the role of the learning rate.
    public var learningRate: Double {
        get { search.maximumDistance }
        set { search.maximumDistance = newValue }
    }

    /// The gradient at the start of the last step.
    public private(set) var gradient = Tensor.zeros([0])
    /// The last line search's trace (`nil` before the first step).
    public private(set) var lastSearch: BracketingLineSearch.Result?
    private var trial = Tensor.zeros([0])
    private var scratchGradient = Tensor.zeros([0])

    /// Creates line-search gradient descent.
    ///
    /// - Parameter search: the bracketing search (default: notebook 6.2's, D = 0.1; notebook 6.3 uses D = 2).
    public init(search: BracketingLineSearch = BracketingLineSearch()) {
        self.search = search
    }

    /// Performs one step: the gradient, a line search along −g, and the move.
    ///
    /// - Returns: the loss at the start, the evaluation count (1 + the search's), and α as the step length.
    /// - Complexity: one objective call plus at most 4·`maximumIterations` for the search.
    @discardableResult
    public mutating func step(_ parameters: inout Tensor, _ objective: Objective) rethrows -> StepResult {
        let n = parameters.count
        checkParameterCount(n, state: gradient.count, optimizer: "LineSearchGradientDescent")
        gradient.prepareBuffer(count: n)
        trial.prepareBuffer(count: n)
        scratchGradient.prepareBuffer(count: n)
        let loss = try evaluate(objective, at: parameters, into: &gradient)
        let start = parameters, direction = gradient
        let result = try search.minimize { t in
            setSum(&trial, start, -t, direction)
            return try evaluate(objective, at: trial, into: &scratchGradient)
        }
        lastSearch = result
        let alpha = result.step
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                for i in 0..<n { theta[i] = theta[i] - alpha * g[i] }
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
