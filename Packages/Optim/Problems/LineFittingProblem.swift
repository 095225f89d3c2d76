import Tensor

/// Least-squares fit of a line, notebook 6.2: ŷ = φ₀ + φ₁·x and L(φ) = Σᵢ (ŷᵢ − yᵢ)² (a sum, not a mean).
///
///     ∂L/∂φ₀ = Σᵢ 2(φ₀ + φ₁xᵢ − yᵢ),   ∂L/∂φ₁ = Σᵢ 2xᵢ(φ₀ + φ₁xᵢ − yᵢ)
///
/// Sums run in NumPy's pairwise order (`np.sum`).
public struct LineFittingProblem: MinibatchProblem {
    /// The inputs xᵢ.
    public let x: [Double]
    /// The targets yᵢ.
    public let y: [Double]

    /// Creates the problem for the given data.
    ///
    /// - Parameters:
    ///   - x: inputs.
    ///   - y: targets, as many as `x`.
    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "LineFittingProblem: \(x.count) inputs and \(y.count) targets")
        self.x = x
        self.y = y
    }

    /// The twelve points of notebook 6.2.
    public static let notebook = LineFittingProblem(
        x: [0.03, 0.19, 0.34, 0.46, 0.78, 0.81, 1.08, 1.18, 1.39, 1.60, 1.65, 1.90],
        y: [0.67, 0.85, 1.05, 1.00, 1.40, 1.50, 1.30, 1.54, 1.55, 1.68, 1.73, 1.60])

    /// Two parameters: intercept φ₀ and slope φ₁.
    public var parameterCount: Int { 2 }
    /// The number of points.
    public var dataCount: Int { x.count }

    /// The model ŷ = φ₀ + φ₁·x.
    ///
    /// - Parameters:
    ///   - parameters: (φ₀, φ₁).
    ///   - x: the input.
    /// - Returns: ŷ.
    public func prediction(_ parameters: Tensor, _ x: Double) -> Double {
        let phi = parameters.scalars
        return phi[0] + phi[1] * x
    }

    /// Σ over `batch` of (ŷᵢ − yᵢ)².
    public func loss(at parameters: Tensor, batch: [Int]) -> Double {
        numpySum(batch) { i in
            let r = prediction(parameters, x[i]) - y[i]
            return r * r
        }
    }

    /// The gradient over `batch` (formulas in the type's discussion).
    public func gradient(at parameters: Tensor, batch: [Int], into gradient: inout Tensor) {
        let residuals = batch.map { 2 * (prediction(parameters, x[$0]) - y[$0]) }
        gradient[0] = pairwiseSum(residuals)
        gradient[1] = pairwiseSum(zip(batch, residuals).map { x[$0] * $1 })
    }

    /// The loss over all points.
    public func loss(at parameters: Tensor) -> Double {
        loss(at: parameters, batch: Array(x.indices))
    }

    /// The gradient over all points.
    public func gradient(at parameters: Tensor, into gradient: inout Tensor) {
        self.gradient(at: parameters, batch: Array(x.indices), into: &gradient)
    }
}
