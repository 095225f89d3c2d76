extension Activation {
    /// The activation as a one-line formula with its parameters, e.g. `a[z] = z for z > 0, α·z otherwise;
    /// α = 0.01` (what `--help` shows beside each name).
    public var formula: String {
        switch self {
        case .identity: return "a[z] = z"
        case let .affine(a, b): return "a[z] = a + b·z; a = \(Self.short(a)), b = \(Self.short(b))"
        case .relu: return "a[z] = max(z, 0)"
        case .heaviside: return "a[z] = 𝕀[z ≥ 0]"
        case let .sigmoid(s): return s == 1 ? "a[z] = 1/(1 + e^(−z))" : "a[z] = 1/(1 + e^(−s·z)); s = \(Self.short(s))"
        case .tanh: return "a[z] = tanh z"
        case let .leakyReLU(alpha): return "a[z] = z for z > 0, α·z otherwise; α = \(Self.short(alpha))"
        case let .elu(alpha): return "a[z] = z for z > 0, α(eᶻ − 1) otherwise; α = \(Self.short(alpha))"
        case .selu: return "a[z] = λ·z for z > 0, λα(eᶻ − 1) otherwise (λ ≈ 1.0507, α ≈ 1.6733)"
        case .softplus: return "a[z] = log(1 + eᶻ)"
        case let .gelu(approximate):
            return approximate ? "a[z] = ½z(1 + tanh(√(2/π)(z + 0.044715z³)))" : "a[z] = z·Φ(z), Φ the normal CDF"
        case .silu: return "a[z] = z·σ(z) (swish)"
        case .sine: return "a[z] = sin z"
        case .exponential: return "a[z] = eᶻ"
        case .cosine: return "a[z] = cos z"
        }
    }

    /// `x` without a trailing `.0`.
    private static func short(_ x: Double) -> String {
        x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
