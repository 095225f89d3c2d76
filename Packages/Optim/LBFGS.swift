import Tensor

/// Limited-memory BFGS exactly as `torch.optim.LBFGS` runs it (float64), including its state carried from
/// one `step` to the next, its stopping rules and the optional strong-Wolfe line search.
///
/// One ``step(_:_:)`` evaluates the objective, returns at once if max|g| ≤ `gradientTolerance`, and
/// otherwise runs up to `maximumIterations` quasi-Newton iterations:
///
/// 1. **Direction.** On the very first iteration since the last reset, d = −g. Afterwards the curvature
///    pair s = t·d (last move), y = g − g_prev is stored when yᵀs > 1e-10 (dropping the oldest pair beyond
///    `historySize`), the initial inverse-Hessian scale becomes H₀ = yᵀs / yᵀy, and the two-loop recursion
///    gives d = −H·g.
/// 2. **Step length.** t = min(1, 1/‖g‖₁)·α on the very first iteration, t = α afterwards. If gᵀd >
///    −`changeTolerance` the step ends here.
/// 3. **Move.** Without a line search θ ← θ + t·d and, unless this is the last iteration, the objective is
///    re-evaluated. With ``LineSearch/strongWolfe`` a ``StrongWolfeLineSearch`` with a budget of
///    `maximumEvaluations − evaluations so far` chooses t, then θ ← θ + t·d.
/// 4. **Stop** when the iteration limit is reached, when evaluations ≥ `maximumEvaluations`, when
///    max|g| ≤ `gradientTolerance`, when max|t·d| ≤ `changeTolerance`, or when the loss changed by less than
///    `changeTolerance`.
///
/// **The max_iter = 1 trap.** torch's default `max_eval` is `max_iter·5/4` (integer division), which is 1
/// when `max_iter = 1`. The strong-Wolfe search then has a budget of 0: it evaluates its first trial
/// t = α and, if that does not lower the loss, returns t = 0. The parameters do not move, the next step
/// recomputes the same direction and the same failing trial, and training stalls for good — silently in
/// PyTorch. This type reproduces that behaviour when given the same settings (so results compare with
/// torch) and surfaces it: ``StepResult/isZeroStep`` is `true` on such a step, ``zeroStepCount`` counts
/// them, and ``isLineSearchStarved`` tells before training that the configuration is exposed.
///
/// A struct like the other optimizers: copying it copies the history. Unlike the first-order methods it
/// allocates during a step (trial gradients and curvature pairs).
public struct LBFGS: Optimizer, Sendable {
    /// The line search used to choose the step length.
    public enum LineSearch: String, Sendable, CaseIterable {
        /// A fixed step t (torch's `line_search_fn=None`).
        case none
        /// torch's `"strong_wolfe"` (see ``StrongWolfeLineSearch``).
        case strongWolfe = "strong_wolfe"
    }

    /// Why the last step ended.
    public enum Termination: String, Sendable {
        /// max|g| ≤ `gradientTolerance` (with 0 iterations: already optimal at the start).
        case gradientTolerance
        /// gᵀd > −`changeTolerance`: the direction is no longer a descent direction.
        case directionalDerivative
        /// `maximumIterations` iterations ran.
        case iterationLimit
        /// The step used `maximumEvaluations` objective calls or more.
        case evaluationLimit
        /// max|t·d| ≤ `changeTolerance` (this includes a zero step from the line search).
        case stepTolerance
        /// The loss changed by less than `changeTolerance`.
        case lossChange
    }

    /// α, torch's `lr` (default 1).
    public var learningRate: Double
    /// Iterations per step, torch's `max_iter` (default 20).
    public var maximumIterations: Int
    /// Objective calls per step, torch's `max_eval` (default `maximumIterations·5/4`, integer division).
    public var maximumEvaluations: Int
    /// First-order optimality tolerance on max|g|, torch's `tolerance_grad` (default 1e-7).
    public var gradientTolerance: Double
    /// Tolerance on loss and parameter changes, torch's `tolerance_change` (default 1e-9).
    public var changeTolerance: Double
    /// The number of curvature pairs kept, torch's `history_size` (default 100).
    public var historySize: Int
    /// The line search (default none).
    public var lineSearch: LineSearch
    /// Ascend instead of descend (torch's `maximize`).
    public var maximize: Bool

    /// Iterations since the last reset (torch's `state["n_iter"]`).
    public private(set) var iterationCount = 0
    /// Objective calls since the last reset (torch's `state["func_evals"]`).
    public private(set) var evaluationCount = 0
    /// Steps since the last reset whose line search returned a zero step.
    public private(set) var zeroStepCount = 0
    /// Why the last step ended (`nil` before the first step).
    public private(set) var lastTermination: Termination?

    private var direction = Tensor.zeros([0])
    /// The last step length t (torch's `state["t"]`): set at every iteration, also when the step ends before
    /// moving.
    public private(set) var stepLength = 0.0
    private var history = CurvatureHistory()
    private var hessianScale = 1.0
    private var previousGradient: Tensor?
    private var previousLoss = 0.0

    /// Creates L-BFGS with torch's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0.
    ///   - maximumIterations: iterations per step (≥ 1).
    ///   - maximumEvaluations: objective calls per step (≥ 0); `nil` gives `maximumIterations·5/4`.
    ///   - gradientTolerance: tolerance on max|g|, finite.
    ///   - changeTolerance: tolerance on loss and parameter changes, finite.
    ///   - historySize: curvature pairs kept (≥ 1).
    ///   - lineSearch: none or strong Wolfe.
    ///   - maximize: maximise the objective.
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(
        learningRate: Double = 1, maximumIterations: Int = 20, maximumEvaluations: Int? = nil,
        gradientTolerance: Double = 1e-7, changeTolerance: Double = 1e-9, historySize: Int = 100,
        lineSearch: LineSearch = .none, maximize: Bool = false
    ) throws(ConfigurationError) {
        let check = HyperParameterChecks("lbfgs")
        try check.nonNegative(learningRate, "lr")
        // max_iter = 0 would make every step a no-op: torch runs it silently, a run of nothing.
        try check.integer(maximumIterations, "max_iter", minimum: 1)
        if let maximumEvaluations { try check.integer(maximumEvaluations, "max_eval", minimum: 0) }
        try check.finite(gradientTolerance, "tolerance_grad")
        try check.finite(changeTolerance, "tolerance_change")
        try check.integer(historySize, "history_size", minimum: 1)
        self.learningRate = learningRate
        self.maximumIterations = maximumIterations
        self.maximumEvaluations = maximumEvaluations ?? maximumIterations * 5 / 4
        self.gradientTolerance = gradientTolerance
        self.changeTolerance = changeTolerance
        self.historySize = historySize
        self.lineSearch = lineSearch
        self.maximize = maximize
    }

    /// `true` when the strong-Wolfe search gets no evaluation of its own on a step's first iteration
    /// (`maximumEvaluations ≤ 1`, e.g. torch's default with `max_iter = 1`), so training can stall at the
    /// first trial that fails to lower the loss. Training tools should warn about it.
    public var isLineSearchStarved: Bool {
        lineSearch == .strongWolfe && maximumEvaluations <= 1
    }

    /// Explains the stall when ``isLineSearchStarved``; empty otherwise.
    public var warnings: [String] {
        guard isLineSearchStarved else { return [] }
        return [
            "lbfgs: max_eval=\(maximumEvaluations) leaves the strong-Wolfe line search no evaluation of its own: "
                + "when the trial step t=lr does not lower the loss it returns t=0 and training stalls for good "
                + "(torch.optim.LBFGS does the same, silently); pass max_eval>=2 or max_iter>=2"
        ]
    }

    /// Performs one L-BFGS step (up to `maximumIterations` iterations; see the type's discussion).
    ///
    /// - Returns: the loss at the start, the objective calls and iterations of this step, the last step
    ///   length t, and whether the line search returned a zero step.
    /// - Complexity: O(n·h) per iteration for a history of h pairs, plus the objective calls.
    @discardableResult
    public mutating func step(_ parameters: inout Tensor, _ objective: Objective) rethrows -> StepResult {
        let n = parameters.count
        checkParameterCount(n, state: direction.count, optimizer: "LBFGS")
        let maximize = self.maximize
        // The objective in torch's sign convention: maximising negates the loss and the gradient.
        func evaluateSigned(_ point: Tensor) throws -> (loss: Double, gradient: Tensor) {
            var g = Tensor.zeros([n])
            let f = try evaluate(objective, at: point, into: &g)
            if maximize {
                g.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] = -g[i] } }
                return (-f, g)
            }
            return (f, g)
        }

        var (loss, g) = try evaluateSigned(parameters)
        let originalLoss = maximize ? -loss : loss
        var evaluations = 1
        evaluationCount += 1
        if maximumMagnitude(g) <= gradientTolerance {
            lastTermination = .gradientTolerance
            return StepResult(loss: originalLoss, evaluations: 1, iterations: 0)
        }

        var iterations = 0
        var isZeroStep = false
        var termination = Termination.iterationLimit
        while iterations < maximumIterations {
            iterations += 1
            iterationCount += 1

            // Direction.
            if iterationCount == 1 {
                direction = g
                direction.withUnsafeMutableBufferPointer { d in for i in d.indices { d[i] = -d[i] } }
                history.removeAll()
                hessianScale = 1
            } else if let previous = previousGradient {
                updateHistory(gradient: g, previousGradient: previous)
                direction = history.inverseHessianTimesNegative(g, scale: hessianScale)
            }
            previousGradient = g
            previousLoss = loss

            // Step length.
            stepLength = iterationCount == 1 ? Swift.min(1, 1 / sumOfMagnitudes(g)) * learningRate : learningRate
            let slope = dotProduct(g, direction)
            if slope > -changeTolerance {
                termination = .directionalDerivative
                break
            }

            var stepEvaluations = 0
            var optimal = false
            switch lineSearch {
            case .strongWolfe:
                let x = parameters
                var trial = parameters
                let search = StrongWolfeLineSearch(maximumIterations: maximumEvaluations - evaluations)
                let result = try search.search(
                    initialStep: stepLength, direction: direction, loss: loss, gradient: g, slope: slope
                ) { t in
                    setSum(&trial, x, t, direction)
                    return try evaluateSigned(trial)
                }
                (loss, g, stepLength, stepEvaluations) = (
                    result.loss, result.gradient, result.stepLength, result.evaluations
                )
                isZeroStep = stepLength == 0
                parameters.addScaled(direction, by: stepLength)
                optimal = maximumMagnitude(g) <= gradientTolerance
            case .none:
                parameters.addScaled(direction, by: stepLength)
                if iterations != maximumIterations {
                    (loss, g) = try evaluateSigned(parameters)
                    optimal = maximumMagnitude(g) <= gradientTolerance
                    stepEvaluations = 1
                }
            }
            evaluations += stepEvaluations
            evaluationCount += stepEvaluations

            // Stopping rules, in torch's order.
            if iterations == maximumIterations {
                termination = .iterationLimit
                break
            }
            if evaluations >= maximumEvaluations {
                termination = .evaluationLimit
                break
            }
            if optimal {
                termination = .gradientTolerance
                break
            }
            if maximumMagnitude(direction) * Swift.abs(stepLength) <= changeTolerance {
                termination = .stepTolerance
                break
            }
            if Swift.abs(loss - previousLoss) < changeTolerance {
                termination = .lossChange
                break
            }
        }
        lastTermination = termination
        if isZeroStep { zeroStepCount += 1 }
        return StepResult(
            loss: originalLoss, evaluations: evaluations, iterations: iterations, stepLength: stepLength,
            isZeroStep: isZeroStep)
    }

    /// Stores the curvature pair of the last move when yᵀs > 1e-10 and updates H₀ = yᵀs / yᵀy.
    private mutating func updateHistory(gradient g: Tensor, previousGradient: Tensor) {
        var y = g
        y.addScaled(previousGradient, by: -1)
        var s = direction
        let t = stepLength
        s.withUnsafeMutableBufferPointer { s in for i in s.indices { s[i] = s[i] * t } }
        let ys = dotProduct(y, s)
        guard ys > 1e-10 else { return }
        if history.count == historySize { history.removeOldest() }
        history.append(step: s, gradientChange: y, inverseCurvature: 1 / ys)
        hessianScale = ys / dotProduct(y, y)
    }

    /// Forgets the history, the direction and all counters.
    public mutating func reset() {
        iterationCount = 0
        evaluationCount = 0
        zeroStepCount = 0
        lastTermination = nil
        direction = .zeros([0])
        stepLength = 0
        history.removeAll()
        hessianScale = 1
        previousGradient = nil
        previousLoss = 0
    }
}

extension LBFGS: CatalogedOptimizer {
    /// `lbfgs`, with torch's keyword names; `max_eval=None` (the default) is `max_iter·5/4`.
    static var catalogEntry: OptimizerEntry {
        let d = try! LBFGS()
        return OptimizerEntry(
            "lbfgs", summary: "L-BFGS, fixed step or strong-Wolfe line search (torch.optim.LBFGS)",
            defaults: [
                "lr": d.learningRate, "max_iter": d.maximumIterations,
                "max_eval": OptionValue.none, "tolerance_grad": d.gradientTolerance,
                "tolerance_change": d.changeTolerance, "history_size": d.historySize,
                "line_search_fn": d.lineSearch == .none ? OptionValue.none : OptionValue.text(d.lineSearch.rawValue),
                "maximize": d.maximize,
            ]
        ) { r throws(ConfigurationError) in
            try LBFGS(
                learningRate: r.number("lr"), maximumIterations: r.integer("max_iter"),
                maximumEvaluations: r.optionalInteger("max_eval"), gradientTolerance: r.number("tolerance_grad"),
                changeTolerance: r.number("tolerance_change"), historySize: r.integer("history_size"),
                lineSearch: r.choice("line_search_fn"), maximize: r.flag("maximize"))
        }
    }
}
