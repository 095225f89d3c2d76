import Tensor

/// The curvature pairs (sᵢ, yᵢ, ρᵢ = 1/yᵢᵀsᵢ) of L-BFGS, oldest first, and the two-loop recursion.
struct CurvatureHistory: Sendable {
    private(set) var steps: [Tensor] = []
    private(set) var gradientChanges: [Tensor] = []
    private(set) var inverseCurvatures: [Double] = []
    private var coefficients: [Double] = []

    var count: Int { steps.count }

    mutating func append(step: Tensor, gradientChange: Tensor, inverseCurvature: Double) {
        steps.append(step)
        gradientChanges.append(gradientChange)
        inverseCurvatures.append(inverseCurvature)
    }

    mutating func removeOldest() {
        steps.removeFirst()
        gradientChanges.removeFirst()
        inverseCurvatures.removeFirst()
    }

    mutating func removeAll() {
        steps.removeAll()
        gradientChanges.removeAll()
        inverseCurvatures.removeAll()
    }

    /// The L-BFGS direction −H·g by the two-loop recursion (Nocedal & Wright, alg. 7.4), in torch's order:
    ///
    ///     q = −g;  for i = newest…oldest:  aᵢ = ρᵢ·sᵢᵀq,  q ← q − aᵢ·yᵢ
    ///     r = H₀·q; for i = oldest…newest: bᵢ = ρᵢ·yᵢᵀr,  r ← r + (aᵢ − bᵢ)·sᵢ
    mutating func inverseHessianTimesNegative(_ g: Tensor, scale: Double) -> Tensor {
        var q = g
        q.withUnsafeMutableBufferPointer { q in for i in q.indices { q[i] = -q[i] } }
        if coefficients.count < count { coefficients = [Double](repeating: 0, count: count) }
        for i in stride(from: count - 1, through: 0, by: -1) {
            coefficients[i] = dotProduct(steps[i], q) * inverseCurvatures[i]
            q.addScaled(gradientChanges[i], by: -coefficients[i])
        }
        q.withUnsafeMutableBufferPointer { q in for i in q.indices { q[i] = q[i] * scale } }
        for i in 0..<count {
            let b = dotProduct(gradientChanges[i], q) * inverseCurvatures[i]
            q.addScaled(steps[i], by: coefficients[i] - b)
        }
        return q
    }
}
