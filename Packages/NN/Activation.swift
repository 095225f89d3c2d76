import RealModule

/// An activation function a[·] with its derivative a′[·].
///
/// In UDL's notation a layer computes `h_k = a[f_{k−1}]` (eq. 7.24), and the backward pass multiplies by
/// `a′[f_{k−1}]` where the ReLU version of eq. 7.25 has the indicator 𝕀[f_{k−1} > 0]:
///
///     ∂ℓ/∂f_{k−1} = a′[f_{k−1}] ⊙ (Ω_kᵀ ∂ℓ/∂f_k)
///
/// Parameterised activations carry their parameter (`.leakyReLU(alpha: 0.1)`); static members give the
/// usual defaults (`.relu`, `.sigmoid`, `.leakyReLU`, `.elu`, `.gelu`).
public enum Activation: Sendable, Equatable, Hashable {
    /// a[z] = z.
    case identity
    /// a[z] = a + b·z (notebook 3.4's linear activation; the network stays affine in its input).
    case affine(intercept: Double, slope: Double)
    /// a[z] = max(z, 0). The derivative is 𝕀[z > 0] away from 0; at exactly 0 it is `derivativeAtZero`:
    /// 0 reproduces notebook 7.2 (and PyTorch), 1 notebook 7.3's 𝕀[f ≥ 0].
    case relu(derivativeAtZero: Double)
    /// a[z] = 𝕀[z ≥ 0] (1 at z = 0, as notebook 3.4); the derivative is 0 almost everywhere.
    case heaviside
    /// a[z] = σ(s·z) = 1/(1 + e^(−s·z)) (notebook 3.4 uses s = 10; eq. 5.18 uses s = 1).
    case sigmoid(scale: Double)
    /// a[z] = tanh z.
    case tanh
    /// a[z] = z for z > 0, α·z otherwise.
    case leakyReLU(alpha: Double)
    /// a[z] = z for z > 0, α(eᶻ − 1) otherwise (Clevert et al.).
    case elu(alpha: Double)
    /// a[z] = λ·z for z > 0, λα(eᶻ − 1) otherwise, with Klambauer et al.'s λ ≈ 1.0507 and α ≈ 1.6733.
    case selu
    /// a[z] = log(1 + eᶻ), computed without overflow.
    case softplus
    /// a[z] = z·Φ(z) with the normal CDF Φ (exact), or its tanh approximation
    /// ½z(1 + tanh(√(2/π)(z + 0.044715z³))).
    case gelu(approximate: Bool)
    /// a[z] = z·σ(z) (also called swish).
    case silu
    /// a[z] = sin z (with exp and cos, the elementary functions of notebook 7.1's toy model).
    case sine
    /// a[z] = eᶻ.
    case exponential
    /// a[z] = cos z.
    case cosine

    /// The ReLU with derivative 0 at 0 (notebook 7.2, PyTorch).
    public static var relu: Activation { .relu(derivativeAtZero: 0) }
    /// The logistic sigmoid σ(z) = 1/(1 + e^(−z)), UDL eq. 5.18.
    public static var sigmoid: Activation { .sigmoid(scale: 1) }
    /// LeakyReLU with PyTorch's default slope α = 0.01.
    public static var leakyReLU: Activation { .leakyReLU(alpha: 0.01) }
    /// ELU with α = 1.
    public static var elu: Activation { .elu(alpha: 1) }
    /// The exact GELU.
    public static var gelu: Activation { .gelu(approximate: false) }

    /// SELU's scale λ (Klambauer et al., 2017).
    public static let seluLambda = 1.0507009873554804934193349852946
    /// SELU's α (Klambauer et al., 2017).
    public static let seluAlpha = 1.6732632423543772848170429916717

    /// a[z], the activation's value.
    @inlinable
    public func value(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case let .affine(a, b): return a + b * z
        case .relu: return z > 0 ? z : 0
        case .heaviside: return z >= 0 ? 1 : 0
        case let .sigmoid(s): return Activation.logistic(s * z)
        case .tanh: return Double.tanh(z)
        case let .leakyReLU(alpha): return z > 0 ? z : alpha * z
        case let .elu(alpha): return z > 0 ? z : alpha * Double.expMinusOne(z)
        case .selu: return Activation.seluLambda * (z > 0 ? z : Activation.seluAlpha * Double.expMinusOne(z))
        case .softplus: return Swift.max(z, 0) + Double.log(onePlus: Double.exp(-Swift.abs(z)))
        case let .gelu(approximate):
            if approximate { return 0.5 * z * (1 + Double.tanh(Activation.geluTanhArgument(z))) }
            return 0.5 * z * (1 + Double.erf(z / 2.0.squareRoot()))
        case .silu: return z * Activation.logistic(z)
        case .sine: return Double.sin(z)
        case .exponential: return Double.exp(z)
        case .cosine: return Double.cos(z)
        }
    }

    /// a′[z], the derivative that replaces 𝕀[f > 0] in the third line of UDL eq. 7.25.
    ///
    /// - sigmoid: s·σ(sz)(1 − σ(sz));  tanh: 1 − tanh²z;  LeakyReLU: 1 for z > 0, α otherwise;
    /// - ELU: 1 for z > 0, αeᶻ otherwise;  SELU: λ for z > 0, λαeᶻ otherwise;  softplus: σ(z);
    /// - GELU: Φ(z) + zφ(z) (exact);  SiLU: σ(z)(1 + z(1 − σ(z)));  Heaviside: 0;  affine: b;
    /// - sin: cos z;  exp: eᶻ;  cos: −sin z.
    @inlinable
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .identity: return 1
        case let .affine(_, b): return b
        case let .relu(atZero): return z > 0 ? 1 : (z == 0 ? atZero : 0)
        case .heaviside: return 0
        case let .sigmoid(s):
            let y = Activation.logistic(s * z)
            return s * y * (1 - y)
        case .tanh:
            let t = Double.tanh(z)
            return 1 - t * t
        case let .leakyReLU(alpha): return z > 0 ? 1 : alpha
        case let .elu(alpha): return z > 0 ? 1 : alpha * Double.exp(z)
        case .selu: return Activation.seluLambda * (z > 0 ? 1 : Activation.seluAlpha * Double.exp(z))
        case .softplus: return Activation.logistic(z)
        case let .gelu(approximate):
            if approximate {
                let t = Double.tanh(Activation.geluTanhArgument(z))
                let inner = (2 / Double.pi).squareRoot() * (1 + 3 * 0.044715 * z * z)
                return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * inner
            }
            let cdf = 0.5 * (1 + Double.erf(z / 2.0.squareRoot()))
            let density = Double.exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
            return cdf + z * density
        case .silu:
            let s = Activation.logistic(z)
            return s * (1 + z * (1 - s))
        case .sine: return Double.cos(z)
        case .exponential: return Double.exp(z)
        case .cosine: return -Double.sin(z)
        }
    }

    /// False for activations whose derivative jumps at 0 (ReLU, LeakyReLU, SELU, ELU with α ≠ 1,
    /// Heaviside): there a′[0] is a convention and finite differences straddle the kink.
    public var isDifferentiable: Bool {
        switch self {
        case .relu, .leakyReLU, .selu, .heaviside: return false
        case let .elu(alpha): return alpha == 1
        default: return true
        }
    }

    /// True when the activation is piecewise linear (identity, affine, ReLU, LeakyReLU, Heaviside), so that
    /// a network built from it is piecewise linear in its input.
    public var isPiecewiseLinear: Bool {
        switch self {
        case .identity, .affine, .relu, .leakyReLU, .heaviside: return true
        default: return false
        }
    }

    /// The logistic function σ(z) = 1/(1 + e^(−z)) (UDL eq. 5.18).
    ///
    /// Written exactly as NumPy and PyTorch write it; for z < −709 the exponential overflows to +∞ and the
    /// result is the correct limit 0, never NaN.
    @inlinable
    public static func logistic(_ z: Double) -> Double {
        1 / (1 + Double.exp(-z))
    }

    @usableFromInline
    static func geluTanhArgument(_ z: Double) -> Double {
        (2 / Double.pi).squareRoot() * (z + 0.044715 * z * z * z)
    }
}
