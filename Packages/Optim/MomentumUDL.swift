import Tensor

/// Gradient descent with the book's momentum, UDL eq. 6.11 (notebook 6.4).
///
///     m ← β·m + (1 − β)·g(θ)
///     θ ← θ − α·m
///
/// with m = 0 before the first step. Unlike ``SGD`` with momentum, the gradient enters with weight
/// (1 − β), so m is an exponentially weighted average of past gradients and α keeps its meaning.
public struct MomentumUDL: Optimizer, Sendable {
    /// α, the step size.
    public var learningRate: Double
    /// β, the momentum decay in [0, 1).
    public var beta: Double

    /// The gradient written by the last objective call.
    public private(set) var gradient = Tensor.zeros([0])
    /// The momentum m.
    public private(set) var momentum = Tensor.zeros([0])

    /// Creates the book's momentum method.
    ///
    /// - Parameters:
    ///   - learningRate: α (default 1e-3, torch's SGD default; notebook 6.4 uses 0.6).
    ///   - beta: β (default 0.9; notebook 6.4 uses 0.6).
    public init(learningRate: Double = 1e-3, beta: Double = 0.9) {
        self.learningRate = learningRate
        self.beta = beta
    }

    /// Performs one momentum step, eq. 6.11.
    ///
    /// - Complexity: O(n), one objective call, no allocation after the first step.
    @discardableResult
    public mutating func step(_ parameters: inout Tensor, _ objective: Objective) rethrows -> StepResult {
        let n = parameters.count
        checkParameterCount(n, state: gradient.count, optimizer: "MomentumUDL")
        gradient.prepareBuffer(count: n)
        momentum.prepareBuffer(count: n)
        let loss = try evaluate(objective, at: parameters, into: &gradient)
        let (alpha, beta) = (learningRate, self.beta)
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
    }
}
