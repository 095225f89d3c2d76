import RealModule

extension Activation {
    /// Writes `h[i] = a[f[i]]` for `count` elements; the activation is chosen once, outside the loop.
    ///
    /// - Complexity: O(count).
    @inlinable
    public func apply(_ f: UnsafePointer<Double>, into h: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .identity:
            if UnsafePointer(h) != f { h.update(from: f, count: count) }
        case .relu:
            for i in 0..<count { h[i] = f[i] > 0 ? f[i] : 0 }
        case let .sigmoid(s):
            for i in 0..<count { h[i] = 1 / (1 + Double.exp(-s * f[i])) }
        case .tanh:
            for i in 0..<count { h[i] = Double.tanh(f[i]) }
        case let .leakyReLU(alpha):
            for i in 0..<count { h[i] = f[i] > 0 ? f[i] : alpha * f[i] }
        default:
            for i in 0..<count { h[i] = value(f[i]) }
        }
    }

    /// Multiplies `gradient[i]` by a′[f[i]] in place, turning ∂ℓ/∂h into ∂ℓ/∂f (the ⊙ of UDL eq. 7.25).
    ///
    /// `h` holds the activation values a[f], which make the sigmoid and tanh derivatives cheap.
    /// - Complexity: O(count).
    @inlinable
    public func multiplyByDerivative(
        _ gradient: UnsafeMutablePointer<Double>, f: UnsafePointer<Double>, h: UnsafePointer<Double>, count: Int
    ) {
        switch self {
        case .identity:
            return
        case let .relu(atZero):
            if atZero == 0 {
                for i in 0..<count { gradient[i] *= f[i] > 0 ? 1 : 0 }
            } else {
                for i in 0..<count { gradient[i] *= derivative(f[i]) }
            }
        case .sigmoid(scale: 1):
            for i in 0..<count { gradient[i] *= h[i] * (1 - h[i]) }
        case .tanh:
            for i in 0..<count { gradient[i] *= 1 - h[i] * h[i] }
        case let .leakyReLU(alpha):
            for i in 0..<count { gradient[i] *= f[i] > 0 ? 1 : alpha }
        default:
            for i in 0..<count { gradient[i] *= derivative(f[i]) }
        }
    }
}
