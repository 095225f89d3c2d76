import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loss of notebook 6.5, an elongated Gaussian well with its minimum L = 0 at (0.7, 0):
///
///     L(φ₀, φ₁) = 1 − exp(−0.5·φ₁²·4)·exp(−0.5·(φ₀ − 0.7)²/4)
///
/// It is 16 times steeper across φ₁ than along φ₀, so no single learning rate suits plain gradient descent —
/// the motivation for normalised gradients and Adam. As in the notebook, the gradient is by default the
/// central finite difference [L(φₖ + δ/2) − L(φₖ − δ/2)]/δ with δ = 1e-5; the analytic gradient is available
/// for comparison.
public struct GaussianWellProblem: TestProblem {
    /// How ``gradient(at:into:)`` computes the gradient.
    public enum GradientMethod: Sendable, Equatable {
        /// Central differences with step δ (the notebook: δ = 1e-5).
        case centralDifference(step: Double)
        /// The exact derivative.
        case analytic
    }

    /// The gradient method (default: the notebook's central difference).
    public var gradientMethod: GradientMethod

    /// Creates the problem.
    ///
    /// - Parameter gradientMethod: the notebook's finite difference by default.
    public init(gradientMethod: GradientMethod = .centralDifference(step: 1e-5)) {
        self.gradientMethod = gradientMethod
    }

    /// Two parameters, φ₀ and φ₁.
    public var parameterCount: Int { 2 }

    /// L(φ₀, φ₁), in the notebook's order of operations.
    ///
    /// - Parameters:
    ///   - phi0: φ₀.
    ///   - phi1: φ₁.
    /// - Returns: the loss.
    public func value(_ phi0: Double, _ phi1: Double) -> Double {
        var height = exp(-0.5 * (phi1 * phi1) * 4.0)
        height = height * exp(-0.5 * (phi0 - 0.7) * (phi0 - 0.7) / 4.0)
        return 1.0 - height
    }

    /// The loss at (φ₀, φ₁).
    public func loss(at parameters: Tensor) -> Double {
        let phi = parameters.scalars
        return value(phi[0], phi[1])
    }

    /// Writes the gradient by ``gradientMethod``.
    public func gradient(at parameters: Tensor, into gradient: inout Tensor) {
        let phi = parameters.scalars
        switch gradientMethod {
        case let .centralDifference(delta):
            gradient[0] = (value(phi[0] + delta / 2.0, phi[1]) - value(phi[0] - delta / 2.0, phi[1])) / delta
            gradient[1] = (value(phi[0], phi[1] + delta / 2.0) - value(phi[0], phi[1] - delta / 2.0)) / delta
        case .analytic:
            let height = 1 - value(phi[0], phi[1])
            gradient[0] = height * (phi[0] - 0.7) / 4.0
            gradient[1] = height * 4.0 * phi[1]
        }
    }
}
