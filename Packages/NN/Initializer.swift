import Tensor

/// How the parameters of a network are first drawn.
///
/// Every random draw comes from one `RandomState` in a fixed order: layer 0, 1, …, K; within a layer,
/// Ω_k row by row, then β_k (drawn only by ``pytorchDefault``; the others set β_k = 0). With fan_in = D_k
/// and fan_out = D_{k+1}:
///
/// | initializer | Ω_k drawn from | β_k |
/// |---|---|---|
/// | `heNormal` (Kaiming) | N(0, 2/fan_in) | 0 |
/// | `heUniform` | U(±√(6/fan_in)) | 0 |
/// | `xavierNormal` (Glorot) | N(0, 2/(fan_in + fan_out)) | 0 |
/// | `xavierUniform` | U(±√(6/(fan_in + fan_out))) | 0 |
/// | `lecunNormal` | N(0, 1/fan_in) | 0 |
/// | `pytorchDefault` (`nn.Linear`) | U(±1/√fan_in) | U(±1/√fan_in) |
/// | `normal(variance:)` | N(0, σ²_Ω) | 0 |
/// | `zeros` | 0 | 0 |
///
/// He initialisation keeps the variance of ReLU activations constant across layers (UDL §7.5, eq. 7.32):
/// each layer multiplies it by D·σ²_Ω/2, which is 1 for σ²_Ω = 2/D.
public enum Initializer: Sendable, Equatable {
    case heNormal
    case heUniform
    case xavierNormal
    case xavierUniform
    case lecunNormal
    case pytorchDefault
    case normal(variance: Double)
    case zeros

    /// Draws fresh parameters for every layer of `network`.
    public func initialize(_ network: inout Network, random: inout RandomState) {
        var parameters = network.parameters
        parameters.withUnsafeMutableBufferPointer { p in
            for layer in network.layers {
                let fanIn = Double(layer.inputs), fanOut = Double(layer.outputs)
                let weights = layer.weightOffset..<layer.biasOffset
                let biases = layer.biasOffset..<(layer.biasOffset + layer.outputs)
                for i in biases { p[i] = 0 }
                switch self {
                case .heNormal:
                    for i in weights { p[i] = random.normal(standardDeviation: (2 / fanIn).squareRoot()) }
                case .heUniform:
                    let bound = (6 / fanIn).squareRoot()
                    for i in weights { p[i] = random.uniform(low: -bound, high: bound) }
                case .xavierNormal:
                    for i in weights { p[i] = random.normal(standardDeviation: (2 / (fanIn + fanOut)).squareRoot()) }
                case .xavierUniform:
                    let bound = (6 / (fanIn + fanOut)).squareRoot()
                    for i in weights { p[i] = random.uniform(low: -bound, high: bound) }
                case .lecunNormal:
                    for i in weights { p[i] = random.normal(standardDeviation: (1 / fanIn).squareRoot()) }
                case .pytorchDefault:
                    let bound = 1 / fanIn.squareRoot()
                    for i in weights { p[i] = random.uniform(low: -bound, high: bound) }
                    for i in biases { p[i] = random.uniform(low: -bound, high: bound) }
                case let .normal(variance):
                    for i in weights { p[i] = random.normal(standardDeviation: variance.squareRoot()) }
                case .zeros:
                    for i in weights { p[i] = 0 }
                }
            }
        }
        network.parameters = parameters
    }

    /// The command-line names: `pytorch` (the default), `he`, `he-uniform`, `xavier`, `xavier-uniform`,
    /// `lecun`, `zeros`, and `normal:σ²` (e.g. `normal:0.25`).
    public static let names = [
        "pytorch", "he", "he-uniform", "xavier", "xavier-uniform", "lecun", "zeros", "normal:VARIANCE",
    ]

    /// The initializer called `name` on the command line; nil when unknown or malformed.
    public init?(name: String) {
        switch name {
        case "pytorch", "default": self = .pytorchDefault
        case "he", "kaiming", "he-normal": self = .heNormal
        case "he-uniform", "kaiming-uniform": self = .heUniform
        case "xavier", "glorot", "xavier-normal": self = .xavierNormal
        case "xavier-uniform", "glorot-uniform": self = .xavierUniform
        case "lecun", "lecun-normal": self = .lecunNormal
        case "zeros": self = .zeros
        default:
            guard name.hasPrefix("normal:"), let variance = Double(name.dropFirst("normal:".count)),
                variance.isFinite, variance >= 0
            else { return nil }
            self = .normal(variance: variance)
        }
    }
}

extension Network {
    /// A network of the given architecture with parameters drawn by `initializer` from a generator seeded
    /// with `seed`.
    public init(_ architecture: Architecture, initializer: Initializer, seed: UInt32) {
        self.init(architecture)
        var random = RandomState(seed: seed)
        initializer.initialize(&self, random: &random)
    }
}
