import Tensor

extension TestProblem {
    /// The forward-difference estimate of the gradient, the check notebooks 6.2 and 6.3 run on their
    /// hand-written gradients:
    ///
    ///     ∂L/∂φₖ ≈ (L(φ + δ·eₖ) − L(φ)) / δ
    ///
    /// Its error is δ/2·∂²L/∂φₖ² + O(δ²) (plus rounding of order ε·|L|/δ), so with the notebooks' δ = 1e-4
    /// it agrees with the exact gradient to about three decimals, which is the precision they print.
    ///
    /// - Parameters:
    ///   - parameters: the point φ, a vector of ``parameterCount`` elements.
    ///   - step: δ (the notebooks use 1e-4).
    /// - Returns: the estimates, one per parameter.
    /// - Complexity: ``parameterCount`` + 1 loss evaluations.
    public func forwardDifferenceGradient(at parameters: Tensor, step: Double) -> Tensor {
        let base = loss(at: parameters)
        var estimate = Tensor.zeros([parameterCount])
        var shifted = parameters
        for k in 0..<parameterCount {
            shifted[k] = parameters[k] + step
            estimate[k] = (loss(at: shifted) - base) / step
            shifted[k] = parameters[k]
        }
        return estimate
    }
}
