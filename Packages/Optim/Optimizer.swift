import Tensor

/// The function an optimizer minimises: it evaluates the loss at `parameters` and writes ∂loss/∂parameters
/// into `gradient`.
///
/// This is `torch.optim`'s `closure` with the gradient made explicit. The contract:
/// - `gradient` arrives with `parameters.count` elements (the optimizer owns and reuses the buffer); the
///   objective **overwrites** it, it never accumulates into it.
/// - The objective must not keep `parameters` or `gradient` beyond the call.
/// - Write into the buffer in place (`gradient.withUnsafeMutableBufferPointer`, `assign`, `fill`) rather than
///   assigning a fresh tensor, or the step is no longer allocation-free.
///
/// First-order methods call the objective once per step; L-BFGS and the line searches call it as often as
/// they need, at trial points they choose, so the objective must be a pure function of `parameters` within a
/// step (a fixed minibatch, no hidden state).
///
/// - Parameters:
///   - parameters: the flat parameter vector at which to evaluate.
///   - gradient: receives ∂loss/∂parameters, with the same number of elements.
/// - Returns: the loss at `parameters`.
public typealias Objective = (_ parameters: Tensor, _ gradient: inout Tensor) throws -> Double

/// An optimizer over one flat, rank-1 parameter vector, driven by an ``Objective`` closure.
///
/// `step(_:_:)` performs one optimisation step in place, as `torch.optim.Optimizer.step(closure)` does. The
/// optimizer keeps its state (moments, momentum buffers, L-BFGS history) from one step to the next;
/// ``reset()`` forgets it and keeps the hyper-parameters.
///
/// Initializers check the hyper-parameters as `torch.optim` does and throw a ``ConfigurationError`` naming
/// the one out of range (`adam: lr=-1: expected a number >= 0`), the same error as building the optimizer
/// by name (``OptimizerConfiguration``). Like torch's `param_groups`, the hyper-parameters
/// stay settable afterwards and are not checked again.
///
/// All optimizers of this library are **structs**: copying one copies its hyper-parameters and its state
/// (copy-on-write), which is what a training loop wants when it tracks the best model or runs the same
/// configuration several times. State buffers are allocated on the first step and updated in place
/// afterwards, so first-order steps allocate nothing once the first step has run, as long as the optimizer
/// value itself is not copied between steps (a copy shares the buffers until the next write).
///
/// ```swift
/// let problem = GaussianWellProblem()            // notebook 6.5's loss
/// var parameters = Tensor([-0.7, -0.9])
/// var optimizer = try Adam(learningRate: 0.05)  // throws ConfigurationError for an invalid setting
/// for _ in 0..<60 {
///     let result = optimizer.step(&parameters, problem.objective)
///     print(result.loss)
/// }
/// ```
public protocol Optimizer {
    /// The step size the next step uses (torch's `lr`); learning-rate schedules set it between steps.
    var learningRate: Double { get set }

    /// Performs one optimisation step, updating `parameters` in place.
    ///
    /// - Parameters:
    ///   - parameters: the flat rank-1 parameter vector; its count must not change between steps
    ///     (call ``reset()`` first when it does).
    ///   - objective: evaluates the loss and writes the gradient (see ``Objective``).
    /// - Returns: the loss at the parameters the step started from (what torch's `step(closure)`
    ///   returns) and what the step did.
    /// - Throws: whatever `objective` throws; the parameters are then left at the last accepted point.
    @discardableResult
    mutating func step(_ parameters: inout Tensor, _ objective: Objective) rethrows -> StepResult

    /// Forgets all state (moments, buffers, history, step counters); the hyper-parameters stay.
    mutating func reset()

    /// Warnings about settings that are valid but known to misbehave, for a training tool to print; empty
    /// when there is none (the default).
    var warnings: [String] { get }
}

extension Optimizer {
    /// No warnings.
    public var warnings: [String] { [] }
}

/// What one call of ``Optimizer/step(_:_:)`` did.
public struct StepResult: Sendable, Equatable {
    /// The loss the objective returned at the parameters the step started from (torch's return value of
    /// `step(closure)`). For ``NesterovMomentumUDL`` that is the loss at the look-ahead point, where the
    /// gradient is taken.
    public var loss: Double

    /// How many times the step called the objective.
    public var evaluations: Int

    /// Inner iterations of the step: L-BFGS counts its quasi-Newton iterations (0 when the gradient was
    /// already below tolerance); every other method does one.
    public var iterations: Int

    /// The step length the last line search returned (L-BFGS's `t`, the bracketing search's α), or `nil`
    /// for methods without a line search.
    public var stepLength: Double?

    /// `true` when the step's line search returned a zero step length, so the parameters did not move.
    ///
    /// With a deterministic objective this repeats on every later step: the optimizer has stalled. This is
    /// the trap of `LBFGS(max_iter=1, line_search_fn="strong_wolfe")` (see ``LBFGS``); training code should
    /// warn when it sees it.
    public var isZeroStep: Bool

    /// Creates a step result.
    ///
    /// - Parameters:
    ///   - loss: the loss at the start of the step.
    ///   - evaluations: the number of objective calls.
    ///   - iterations: inner iterations (1 for single-update methods).
    ///   - stepLength: the line-search step length, if any.
    ///   - isZeroStep: whether a line search returned a zero step.
    public init(
        loss: Double, evaluations: Int = 1, iterations: Int = 1, stepLength: Double? = nil,
        isZeroStep: Bool = false
    ) {
        self.loss = loss
        self.evaluations = evaluations
        self.iterations = iterations
        self.stepLength = stepLength
        self.isZeroStep = isZeroStep
    }
}
