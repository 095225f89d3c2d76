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
