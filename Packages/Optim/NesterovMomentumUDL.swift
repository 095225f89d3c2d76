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
public struct NesterovMomentumUDL: Optimizer, Sendable {
    /// α, the step size.
    public var learningRate: Double
    /// β, the momentum decay in [0, 1).
    public var beta: Double

    /// The gradient at the last look-ahead point.
    public private(set) var gradient = Tensor.zeros([0])
    /// The momentum m.
    public private(set) var momentum = Tensor.zeros([0])
    /// The last look-ahead point θ − α·β·m (reused buffer).
    public private(set) var lookAhead = Tensor.zeros([0])

    /// Creates the book's Nesterov momentum.
    ///
    /// - Parameters:
    ///   - learningRate: α (default 1e-3; notebook 6.4 uses 0.6).
    ///   - beta: β (default 0.9; notebook 6.4 uses 0.6).
    public init(learningRate: Double = 1e-3, beta: Double = 0.9) {
        self.learningRate = learningRate
        self.beta = beta
    }

    /// Performs one Nesterov step, eq. 6.12.
    ///
    /// - Complexity: O(n), one objective call, no allocation after the first step.
    @discardableResult
    public mutating func step(_ parameters: inout Tensor, _ objective: Objective) rethrows -> StepResult {
        let n = parameters.count
        checkParameterCount(n, state: gradient.count, optimizer: "NesterovMomentumUDL")
        gradient.prepareBuffer(count: n)
        momentum.prepareBuffer(count: n)
        lookAhead.prepareBuffer(count: n)
        let (alpha, beta) = (learningRate, self.beta)
        setSum(&lookAhead, parameters, -(alpha * beta), momentum)
        let loss = try evaluate(objective, at: lookAhead, into: &gradient)
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                momentum.withUnsafeMutableBufferPointer { m in
                    for i in 0..<n {
                        m[i] = beta * m[i] + (1 - beta) * g[i]
                        theta[i] = theta[i] - alpha * m[i]
                    }
                }
            }
        }
        return StepResult(loss: loss)
    }

    /// Sets the momentum back to zero.
    public mutating func reset() {
        gradient = .zeros([0])
        momentum = .zeros([0])
        lookAhead = .zeros([0])
    }
}
