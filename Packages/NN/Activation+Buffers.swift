import RealModule
import Tensor

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

extension Activation {
    /// The forward step of a layer after its matrix product, fused into one pass over the batch:
    /// `f[i, j] += β[j]`, then `h[i, j] = a[f[i, j]]`, for `rows × columns` row-major values.
    ///
    /// - Complexity: O(rows · columns).
    @inlinable
    public func addBiasAndApply(
        _ f: UnsafeMutablePointer<Double>, bias: UnsafePointer<Double>, rows: Int, columns: Int,
        into h: UnsafeMutablePointer<Double>
    ) {
        switch self {
        case .relu:
            for i in 0..<rows {
                let (row, out) = (f + i * columns, h + i * columns)
                for j in 0..<columns {
                    let v = row[j] + bias[j]
                    row[j] = v
                    out[j] = v > 0 ? v : 0
                }
            }
        case .identity:
            for i in 0..<rows {
                let (row, out) = (f + i * columns, h + i * columns)
                for j in 0..<columns {
                    let v = row[j] + bias[j]
                    row[j] = v
                    out[j] = v
                }
            }
        default:
            for i in 0..<rows {
                let row = f + i * columns
                for j in 0..<columns { row[j] += bias[j] }
            }
            apply(f, into: h, count: rows * columns)
        }
    }

    /// The backward step through the activation, fused into one pass over the batch:
    /// `df[i, j] = a′[f[i, j]] · dh[i, j]` (the ⊙ of UDL eq. 7.25) and `∂ℓ/∂β[j] += Σ_i df[i, j]`, row after
    /// row (so that a batch visited in blocks sums ∂ℓ/∂β as one pass over it does).
    ///
    /// - Parameters:
    ///   - dh: ∂ℓ/∂h, `rows × columns` row-major.
    ///   - f: the pre-activations f.
    ///   - h: the activation values a[f], which make the sigmoid and tanh derivatives cheap.
    ///   - rows: the number of points.
    ///   - columns: the layer's width.
    ///   - df: receives ∂ℓ/∂f.
    ///   - biasGradient: ∂ℓ/∂β, `columns` values, added to (zero it before a batch's first rows).
    /// - Complexity: O(rows · columns).
    @inlinable
    public func backpropagate(
        _ dh: UnsafePointer<Double>, f: UnsafePointer<Double>, h: UnsafePointer<Double>, rows: Int, columns: Int,
        into df: UnsafeMutablePointer<Double>, addingTo biasGradient: UnsafeMutablePointer<Double>
    ) {
        switch self {
        case .relu(derivativeAtZero: 0):
            for i in 0..<rows {
                let (offset, count) = (i * columns, columns)
                for j in 0..<count {
                    let g = dh[offset + j] * (f[offset + j] > 0 ? 1 : 0)
                    df[offset + j] = g
                    biasGradient[j] += g
                }
            }
        case .identity:
            for i in 0..<rows {
                let offset = i * columns
                for j in 0..<columns {
                    let g = dh[offset + j]
                    df[offset + j] = g
                    biasGradient[j] += g
                }
            }
        default:
            let count = rows * columns
            df.update(from: dh, count: count)
            multiplyByDerivative(df, f: f, h: h, count: count)
            for i in 0..<rows {
                let row = df + i * columns
                for j in 0..<columns { biasGradient[j] += row[j] }
            }
        }
    }
}

extension Activation {
    /// The activation as a matrix product's epilogue applies it (UDL eq. 7.24), for the piecewise-linear
    /// activations; nil for the others, which take a separate pass.
    var epilogueActivation: GemmActivation? {
        switch self {
        case .identity: return .identity
        case .relu: return .relu
        case let .leakyReLU(alpha): return .leakyReLU(slope: alpha)
        default: return nil
        }
    }

    /// The derivative a′ as a matrix product's epilogue applies it (the ⊙ of eq. 7.25), where it equals
    /// ``backpropagate(_:f:h:rows:columns:into:addingTo:)`` bit for bit; nil otherwise.
    var epilogueDerivative: GemmActivation? {
        switch self {
        case .identity: return .identity
        case .relu(derivativeAtZero: 0): return .relu
        case let .leakyReLU(alpha): return .leakyReLU(slope: alpha)
        default: return nil
        }
    }
}
