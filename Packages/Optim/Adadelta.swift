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
public struct Adadelta: Optimizer, Sendable {
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
    public private(set) var gradient = Tensor.zeros([0])
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
    public init(
        learningRate: Double = 1.0, rho: Double = 0.9, epsilon: Double = 1e-6, weightDecay: Double = 0,
        maximize: Bool = false
    ) {
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.maximize = maximize
    }

    /// Performs one Adadelta step (see the type's discussion).
    ///
    /// - Complexity: O(n), one objective call, no allocation after the first step.
    @discardableResult
    public mutating func step(_ parameters: inout Tensor, _ objective: Objective) rethrows -> StepResult {
        let n = parameters.count
        checkParameterCount(n, state: gradient.count, optimizer: "Adadelta")
        gradient.prepareBuffer(count: n)
        squareAverage.prepareBuffer(count: n)
        updateAverage.prepareBuffer(count: n)
        let loss = try evaluate(objective, at: parameters, into: &gradient)

        let (lr, rho, eps, lambda, maximize) = (learningRate, self.rho, epsilon, weightDecay, self.maximize)
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                squareAverage.withUnsafeMutableBufferPointer { s in
                    updateAverage.withUnsafeMutableBufferPointer { u in
                        for i in 0..<n {
                            var d = maximize ? -g[i] : g[i]
                            if lambda != 0 { d = d + lambda * theta[i] }
                            s[i] = s[i] * rho + (1 - rho) * d * d
                            let delta = (u[i] + eps).squareRoot() / (s[i] + eps).squareRoot() * d
                            u[i] = u[i] * rho + (1 - rho) * delta * delta
                            theta[i] = theta[i] + -lr * delta
                        }
                    }
                }
            }
        }
        return StepResult(loss: loss)
    }

    /// Forgets both square averages.
    public mutating func reset() {
        gradient = .zeros([0])
        squareAverage = .zeros([0])
        updateAverage = .zeros([0])
    }
}
