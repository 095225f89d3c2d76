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

// MARK: Names, parameters and notation (everything the tools, model files and reports say about an activation)

extension Activation {
    /// The command-line and model-file names, in the order `--help` lists them.
    public static let names = [
        "identity", "relu", "sigmoid", "tanh", "leaky-relu", "elu", "selu", "softplus", "gelu", "gelu-tanh",
        "silu", "heaviside", "affine", "sin", "exp", "cos",
    ]

    /// The activation's name as the command line and model files spell it.
    public var name: String {
        switch self {
        case .identity: return "identity"
        case .affine: return "affine"
        case .relu: return "relu"
        case .heaviside: return "heaviside"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .leakyReLU: return "leaky-relu"
        case .elu: return "elu"
        case .selu: return "selu"
        case .softplus: return "softplus"
        case let .gelu(approximate): return approximate ? "gelu-tanh" : "gelu"
        case .silu: return "silu"
        case .sine: return "sin"
        case .exponential: return "exp"
        case .cosine: return "cos"
        }
    }

    /// The parameters a model file writes beside the name; defaults are omitted.
    public var parameters: [(key: String, value: Double)] {
        switch self {
        case let .affine(a, b): return [("intercept", a), ("slope", b)]
        case let .relu(atZero): return atZero == 0 ? [] : [("derivative_at_zero", atZero)]
        case let .sigmoid(scale): return scale == 1 ? [] : [("scale", scale)]
        case let .leakyReLU(alpha): return alpha == 0.01 ? [] : [("alpha", alpha)]
        case let .elu(alpha): return alpha == 1 ? [] : [("alpha", alpha)]
        default: return []
        }
    }

    /// The parameter keys an activation accepts.
    static func parameterKeys(of name: String) -> Set<String> {
        switch name {
        case "affine": return ["intercept", "slope"]
        case "relu": return ["derivative_at_zero"]
        case "sigmoid": return ["scale"]
        case "leaky-relu", "elu": return ["alpha"]
        default: return []
        }
    }

    /// The activation called `name`, with parameters looked up by key (missing ones take the defaults).
    ///
    /// - Returns: nil for an unknown name.
    public init?(name: String, parameter: (String) -> Double? = { _ in nil }) {
        switch name {
        case "identity", "linear": self = .identity
        case "affine": self = .affine(intercept: parameter("intercept") ?? 0, slope: parameter("slope") ?? 1)
        case "relu": self = .relu(derivativeAtZero: parameter("derivative_at_zero") ?? 0)
        case "heaviside": self = .heaviside
        case "sigmoid": self = .sigmoid(scale: parameter("scale") ?? 1)
        case "tanh": self = .tanh
        case "leaky-relu", "leakyrelu": self = .leakyReLU(alpha: parameter("alpha") ?? 0.01)
        case "elu": self = .elu(alpha: parameter("alpha") ?? 1)
        case "selu": self = .selu
        case "softplus": self = .softplus
        case "gelu": self = .gelu(approximate: false)
        case "gelu-tanh": self = .gelu(approximate: true)
        case "silu", "swish": self = .silu
        case "sin": self = .sine
        case "exp": self = .exponential
        case "cos": self = .cosine
        default: return nil
        }
    }
}

extension Activation: CustomStringConvertible {
    /// The name with any non-default parameters, e.g. `leaky-relu(alpha=0.2)`.
    public var description: String {
        let parameters = self.parameters
        if parameters.isEmpty { return name }
        return name + "(" + parameters.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
    }
}

/// A formula written twice: in plain Unicode for a terminal and in LaTeX for a report.
public struct Formula: Sendable, Equatable {
    /// The formula in plain Unicode, e.g. `a[f] = max(f, 0)`.
    public var text: String
    /// The formula in LaTeX, e.g. `a[f] = \\max(f, 0)`.
    public var latex: String

    /// A formula from its two spellings.
    public init(_ text: String, _ latex: String) {
        self.text = text
        self.latex = latex
    }
}

extension Activation {
    /// a[f] = …, for a scalar f.
    public var valueFormula: Formula {
        switch self {
        case .identity: return Formula("a[f] = f", "a[f] = f")
        case let .affine(a, b): return Formula("a[f] = \(a) + \(b)·f", "a[f] = \(a) + \(b)\\,f")
        case .relu: return Formula("a[f] = max(f, 0)", "a[f] = \\max(f, 0)")
        case .heaviside: return Formula("a[f] = 𝕀[f ≥ 0]", "a[f] = \\mathbb{I}[f \\ge 0]")
        case let .sigmoid(s) where s == 1:
            return Formula("a[f] = σ(f) = 1/(1 + e^(−f))", "a[f] = \\sigma(f) = \\frac{1}{1 + e^{-f}}")
        case let .sigmoid(s): return Formula("a[f] = σ(\(s)·f)", "a[f] = \\sigma(\(s)\\,f)")
        case .tanh: return Formula("a[f] = tanh(f)", "a[f] = \\tanh(f)")
        case .leakyReLU:
            return Formula(
                "a[f] = f if f > 0, α·f if f ≤ 0",
                "a[f] = \\begin{cases} f & f > 0 \\\\ \\alpha f & f \\le 0 \\end{cases}")
        case .elu:
            return Formula(
                "a[f] = f if f > 0, α(e^f − 1) if f ≤ 0",
                "a[f] = \\begin{cases} f & f > 0 \\\\ \\alpha (e^f - 1) & f \\le 0 \\end{cases}")
        case .selu:
            return Formula(
                "a[f] = λ·f if f > 0, λα(e^f − 1) if f ≤ 0",
                "a[f] = \\begin{cases} \\lambda f & f > 0 \\\\ \\lambda\\alpha (e^f - 1) & f \\le 0 \\end{cases}")
        case .softplus: return Formula("a[f] = log(1 + e^f)", "a[f] = \\log(1 + e^f)")
        case .gelu(approximate: false): return Formula("a[f] = f·Φ(f)", "a[f] = f\\,\\Phi(f)")
        case .gelu:
            return Formula(
                "a[f] = ½f(1 + tanh u), u = √(2/π)(f + 0.044715f³)",
                "a[f] = \\tfrac12 f(1 + \\tanh u),\\ u = \\sqrt{2/\\pi}\\,(f + 0.044715 f^3)")
        case .silu: return Formula("a[f] = f·σ(f)", "a[f] = f\\,\\sigma(f)")
        case .sine: return Formula("a[f] = sin(f)", "a[f] = \\sin f")
        case .exponential: return Formula("a[f] = e^f", "a[f] = e^f")
        case .cosine: return Formula("a[f] = cos(f)", "a[f] = \\cos f")
        }
    }

    /// a′[f] = …, the factor that replaces the ReLU's 𝕀[f > 0] in the third line of eq. 7.25.
    public var derivativeFormula: Formula {
        switch self {
        case .identity: return Formula("a′[f] = 1", "a'[f] = 1")
        case let .affine(_, b): return Formula("a′[f] = \(b)", "a'[f] = \(b)")
        case let .relu(atZero):
            return Formula(
                "a′[f] = 𝕀[f > 0] (\(atZero) at f = 0)", "a'[f] = \\mathbb{I}[f > 0]\\ (\(atZero) \\text{ at } f = 0)")
        case .heaviside: return Formula("a′[f] = 0", "a'[f] = 0")
        case let .sigmoid(s) where s == 1:
            return Formula("a′[f] = σ(f)(1 − σ(f))", "a'[f] = \\sigma(f)\\,(1 - \\sigma(f))")
        case let .sigmoid(s):
            return Formula(
                "a′[f] = \(s)·σ(\(s)·f)(1 − σ(\(s)·f))", "a'[f] = \(s)\\,\\sigma(\(s) f)\\,(1 - \\sigma(\(s) f))")
        case .tanh: return Formula("a′[f] = 1 − tanh²(f)", "a'[f] = 1 - \\tanh^2(f)")
        case .leakyReLU:
            return Formula(
                "a′[f] = 1 if f > 0, α if f ≤ 0",
                "a'[f] = \\begin{cases} 1 & f > 0 \\\\ \\alpha & f \\le 0 \\end{cases}")
        case .elu:
            return Formula(
                "a′[f] = 1 if f > 0, α·e^f if f ≤ 0",
                "a'[f] = \\begin{cases} 1 & f > 0 \\\\ \\alpha e^f & f \\le 0 \\end{cases}")
        case .selu:
            return Formula(
                "a′[f] = λ if f > 0, λα·e^f if f ≤ 0",
                "a'[f] = \\begin{cases} \\lambda & f > 0 \\\\ \\lambda\\alpha e^f & f \\le 0 \\end{cases}")
        case .softplus: return Formula("a′[f] = σ(f)", "a'[f] = \\sigma(f)")
        case .gelu(approximate: false):
            return Formula("a′[f] = Φ(f) + f·φ(f)", "a'[f] = \\Phi(f) + f\\,\\varphi(f)")
        case .gelu:
            return Formula(
                "a′[f] = ½(1 + tanh u) + ½f(1 − tanh²u)·√(2/π)(1 + 0.134145f²)",
                "a'[f] = \\tfrac12(1 + \\tanh u) + \\tfrac12 f (1 - \\tanh^2 u)\\sqrt{2/\\pi}\\,(1 + 0.134145 f^2)")
        case .silu: return Formula("a′[f] = σ(f)(1 + f(1 − σ(f)))", "a'[f] = \\sigma(f)\\,(1 + f(1 - \\sigma(f)))")
        case .sine: return Formula("a′[f] = cos(f)", "a'[f] = \\cos f")
        case .exponential: return Formula("a′[f] = e^f", "a'[f] = e^f")
        case .cosine: return Formula("a′[f] = −sin(f)", "a'[f] = -\\sin f")
        }
    }

    /// The constants in an activation's formulas, e.g. `α = 0.01` (nil when there are none).
    public var constantsFormula: Formula? {
        switch self {
        case let .leakyReLU(alpha), let .elu(alpha): return Formula("α = \(alpha)", "\\alpha = \(alpha)")
        case .selu:
            let lambda = Activation.seluLambda, alpha = Activation.seluAlpha
            return Formula("λ = \(lambda), α = \(alpha)", "\\lambda = \(lambda),\\ \\alpha = \(alpha)")
        default: return nil
        }
    }

    /// The activation in one line with its constants, e.g. `a[f] = f if f > 0, α·f if f ≤ 0; α = 0.01`
    /// (what `--help` shows beside each name).
    public var formula: String {
        valueFormula.text + (constantsFormula.map { "; " + $0.text } ?? "")
    }
}
