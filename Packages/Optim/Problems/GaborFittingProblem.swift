import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Least-squares fit of the Gabor model of notebooks 6.3 and 6.4 (UDL Figure 6.5):
///
///     z = φ₀ + 0.06·φ₁·x,   ŷ = sin(z)·exp(−z²/32),   L(φ) = Σᵢ (ŷᵢ − yᵢ)²
///
/// with the notebooks' analytic gradient (g = exp(−0.5·z²/16), eᵢ = 2(sin zᵢ·gᵢ − yᵢ)):
///
///     ∂L/∂φ₀ = Σᵢ eᵢ·(cos zᵢ·gᵢ − sin zᵢ·gᵢ·zᵢ/16)
///     ∂L/∂φ₁ = Σᵢ eᵢ·0.06xᵢ·(cos zᵢ·gᵢ − sin zᵢ·gᵢ·zᵢ/16)
///
/// The loss has several local minima (the frequency φ₁ can lock onto wrong periods), which is the
/// notebooks' point. Operations follow the notebooks' order and sums NumPy's pairwise order.
public struct GaborFittingProblem: MinibatchProblem {
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
        precondition(x.count == y.count, "GaborFittingProblem: \(x.count) inputs and \(y.count) targets")
        self.x = x
        self.y = y
    }

    /// The thirty points of notebooks 6.3 and 6.4.
    public static let notebook = GaborFittingProblem(
        x: [
            -1.920, -14.22, 1.490, -1.940, -2.389, -5.090, -8.861, 3.578, -6.010, -6.995, 3.634, 0.8743, -10.96, 0.4073,
            -9.467, 8.560, 10.62, -0.1729, 10.40, -12.61, 0.1574, -13.04, -2.156, -12.10, -11.19, 2.902, -8.220, -11.79,
            -8.391, -4.505,
        ],
        y: [
            -1.051, -0.02482, 0.8896, -0.4943, -0.9371, 0.4306, 0.009577, -0.07944, 0.1624, -0.2682, -0.3129, 0.8303,
            -0.02365, 0.5098, -0.2777, 0.3367, 0.1927, -0.2222, 0.06352, 0.006888, 0.03224, 0.01091, -0.5706, -0.05258,
            -0.03666, 0.1709, -0.04805, 0.2008, -0.1904, 0.5952,
        ])

    /// Two parameters: offset φ₀ and frequency φ₁.
    public var parameterCount: Int { 2 }
    /// The number of points.
    public var dataCount: Int { x.count }

    /// The model ŷ = sin(z)·exp(−z²/32) with z = φ₀ + 0.06·φ₁·x.
    ///
    /// - Parameters:
    ///   - parameters: (φ₀, φ₁).
    ///   - x: the input.
    /// - Returns: ŷ.
    public func prediction(_ parameters: Tensor, _ x: Double) -> Double {
        let phi = parameters.scalars
        let z = phi[0] + 0.06 * phi[1] * x
        return sin(z) * exp(-z * z / 32)
    }

    /// Σ over `batch` of (ŷᵢ − yᵢ)².
    public func loss(at parameters: Tensor, batch: [Int]) -> Double {
        numpySum(batch) { i in
            let r = prediction(parameters, x[i]) - y[i]
            return r * r
        }
    }

    /// The analytic gradient over `batch` (formulas in the type's discussion).
    public func gradient(at parameters: Tensor, batch: [Int], into gradient: inout Tensor) {
        let phi = parameters.scalars
        var d0 = [Double](repeating: 0, count: batch.count), d1 = d0
        for (k, i) in batch.enumerated() {
            let z = 0.06 * phi[1] * x[i] + phi[0]
            let (c, s, g) = (cos(z), sin(z), exp(-0.5 * z * z / 16))
            let error = s * g - y[i]
            d0[k] = 2 * (c * g - s * g * z / 16) * error
            let scaled = 0.06 * x[i]
            d1[k] = 2 * (scaled * c * g - scaled * s * g * z / 16) * error
        }
        gradient[0] = pairwiseSum(d0)
        gradient[1] = pairwiseSum(d1)
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
