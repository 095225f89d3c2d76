import Tensor

/// The start every gradient step shares: check that the parameter count has not changed, size the
/// gradient and state buffers (allocating on the first step only), and call the objective once, writing
/// the gradient into ``gradient``.
///
/// An optimizer supplies its buffers through ``prepareState(count:)`` and, if it evaluates somewhere other
/// than at the parameters (Nesterov's look-ahead), ``evaluationPoint(_:)``.
protocol StepPrologue: Optimizer {
    /// The buffer the objective writes the gradient into, owned and reused by the optimizer.
    var gradient: Tensor { get set }

    /// Sizes the state buffers (moments, momentum, scratch) for `count` parameters; a buffer that already
    /// has `count` elements is left alone (see `Tensor.prepareBuffer(count:value:)`).
    mutating func prepareState(count: Int)

    /// The point at which this step evaluates the objective; the parameters themselves by default.
    mutating func evaluationPoint(_ parameters: Tensor) -> Tensor
}

extension StepPrologue {
    func prepareState(count: Int) {}

    func evaluationPoint(_ parameters: Tensor) -> Tensor { parameters }

    /// The start of a step: checks the parameter count, prepares the buffers, and returns the loss at
    /// ``evaluationPoint(_:)`` with its gradient in ``gradient``.
    mutating func beginStep(_ parameters: Tensor, _ objective: Objective) rethrows -> Double {
        let n = parameters.count
        checkParameterCount(n, state: gradient.count, optimizer: "\(Self.self)")
        gradient.prepareBuffer(count: n)
        prepareState(count: n)
        return try evaluate(objective, at: evaluationPoint(parameters), into: &gradient)
    }
}

/// An optimizer that takes one gradient per step and then applies its update rule: each such optimizer
/// writes only ``update(_:)`` (and its buffers), and ``step(_:_:)`` comes from here.
///
/// To add one: a struct with its hyper-parameters, a throwing initializer that checks them with
/// `HyperParameterChecks`, its state buffers, ``StepPrologue/prepareState(count:)``, ``update(_:)`` and
/// ``Optimizer/reset()``; and its ``CatalogedOptimizer`` entry, to be built by name.
protocol FirstOrderOptimizer: StepPrologue {
    /// Moves `parameters` by the update rule, reading the gradient from ``StepPrologue/gradient``.
    mutating func update(_ parameters: inout Tensor)
}

extension FirstOrderOptimizer {
    /// Performs one step: the objective at ``StepPrologue/evaluationPoint(_:)``, then the update rule (see
    /// the optimizer's discussion).
    ///
    /// - Complexity: O(n), one objective call, no allocation after the first step.
    @discardableResult
    public mutating func step(_ parameters: inout Tensor, _ objective: Objective) rethrows -> StepResult {
        let loss = try beginStep(parameters, objective)
        update(&parameters)
        return StepResult(loss: loss)
    }
}
