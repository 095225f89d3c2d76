import Tensor

/// One dense layer k of a deep network: `f_k = β_k + Ω_k h_k`, followed by its activation.
///
/// Ω_k is `outputs × inputs` (D_{k+1} × D_k; rows are destination units, as in UDL and PyTorch's
/// `Linear.weight`), β_k has `outputs` entries. The activation is applied to this layer's output:
/// `h_{k+1} = a[f_k]` (the last layer's is usually the identity, so f_K is the network's output).
public struct Layer: Sendable, Equatable {
    /// D_k, the width of the layer's input h_k.
    public let inputs: Int
    /// D_{k+1}, the width of the layer's output f_k.
    public let outputs: Int
    /// The activation a[·] applied to f_k.
    public var activation: Activation
    /// Where Ω_k starts in the network's flat parameter vector.
    public let weightOffset: Int

    /// Where β_k starts in the flat parameter vector (right after Ω_k).
    public var biasOffset: Int { weightOffset + inputs * outputs }
    /// The number of parameters of the layer: D_{k+1}·D_k weights and D_{k+1} biases.
    public var parameterCount: Int { (inputs + 1) * outputs }
}

/// The shape of a deep network: its input width and its layers, without parameter values.
///
/// **Parameter order.** All parameters live in one flat vector, layer by layer; within layer k, first
/// Ω_k in row-major order (Ω_k[i, j] at `weightOffset + i·D_k + j`), then β_k. This is the order of
/// PyTorch's `model.parameters()` for a stack of `Linear` layers, so flat vectors compare directly.
public struct Architecture: Sendable, Equatable {
    /// D_i, the number of inputs.
    public let inputs: Int
    /// The layers 0 … K.
    public private(set) var layers: [Layer]

    /// An architecture from its input width and each layer's output width and activation.
    public init(inputs: Int, layers specification: [(outputs: Int, activation: Activation)]) {
        precondition(inputs > 0, "a network needs at least one input")
        precondition(!specification.isEmpty, "a network needs at least one layer")
        self.inputs = inputs
        var layers: [Layer] = []
        var width = inputs
        var offset = 0
        for (outputs, activation) in specification {
            precondition(outputs > 0, "layer widths must be positive, got \(outputs)")
            let layer = Layer(inputs: width, outputs: outputs, activation: activation, weightOffset: offset)
            layers.append(layer)
            offset += layer.parameterCount
            width = outputs
        }
        self.layers = layers
    }

    /// A multilayer perceptron: hidden layers of the given widths with one activation, then a linear
    /// output layer (e.g. `Architecture(inputs: 2, hidden: [50, 50, 50], activation: .relu, outputs: 1)`).
    public init(
        inputs: Int, hidden: [Int], activation: Activation, outputs: Int, outputActivation: Activation = .identity
    ) {
        self.init(
            inputs: inputs,
            layers: hidden.map { ($0, activation) } + [(outputs, outputActivation)])
    }

    /// D_o, the number of outputs.
    public var outputs: Int { layers[layers.count - 1].outputs }
    /// K + 1, the number of layers (K hidden layers plus the output layer).
    public var layerCount: Int { layers.count }
    /// The length of the flat parameter vector: Σ_k (D_k + 1)·D_{k+1}.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
    /// The widths D_i, D_1, …, D_o of the input and of every layer's output.
    public var widths: [Int] { [inputs] + layers.map(\.outputs) }

    /// Replaces the activation of layer `k`.
    public mutating func setActivation(_ activation: Activation, ofLayer k: Int) {
        layers[k].activation = activation
    }
}
