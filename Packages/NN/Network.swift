import Tensor

/// A deep network: an ``Architecture`` and its parameters in one flat vector.
///
/// The forward pass is UDL eq. 7.24 applied to every point of a batch:
///
///     f_0 = β_0 + Ω_0 x,   h_k = a[f_{k−1}],   f_k = β_k + Ω_k h_k   (k = 1 … K)
///
/// Weights and biases are views into ``parameters`` (see ``Architecture`` for the order), so an optimizer
/// updates the whole network as one vector.
public struct Network: Sendable, Equatable {
    /// The layers and widths.
    public var architecture: Architecture
    /// Every Ω_k and β_k, flattened in the order documented on ``Architecture``.
    public var parameters: Tensor

    /// A network with all parameters zero.
    public init(_ architecture: Architecture) {
        self.architecture = architecture
        parameters = Tensor.zeros([architecture.parameterCount])
    }

    /// A network with the given flat parameter vector.
    public init(_ architecture: Architecture, parameters: Tensor) {
        precondition(
            parameters.count == architecture.parameterCount,
            "\(parameters.count) parameters for an architecture that needs \(architecture.parameterCount)")
        self.architecture = architecture
        self.parameters = parameters.reshaped([parameters.count])
    }

    /// A network from per-layer weights Ω_k (D_{k+1} × D_k), biases β_k and activations.
    public init(inputs: Int, layers: [(weights: Tensor, biases: Tensor, activation: Activation)]) {
        let architecture = Architecture(inputs: inputs, layers: layers.map { ($0.weights.shape[0], $0.activation) })
        self.init(architecture)
        for (k, layer) in layers.enumerated() {
            setWeights(layer.weights, ofLayer: k)
            setBiases(layer.biases, ofLayer: k)
        }
    }

    /// The layers 0 … K.
    public var layers: [Layer] { architecture.layers }
    /// D_i.
    public var inputs: Int { architecture.inputs }
    /// D_o.
    public var outputs: Int { architecture.outputs }

    /// Ω_k, a D_{k+1} × D_k matrix (a copy).
    public func weights(ofLayer k: Int) -> Tensor {
        let layer = layers[k]
        return Tensor(
            shape: [layer.outputs, layer.inputs],
            scalars: Array(parameters.scalars[layer.weightOffset..<layer.biasOffset]))
    }

    /// β_k, a vector of D_{k+1} entries (a copy).
    public func biases(ofLayer k: Int) -> Tensor {
        let layer = layers[k]
        return Tensor(Array(parameters.scalars[layer.biasOffset..<(layer.biasOffset + layer.outputs)]))
    }

    /// Replaces Ω_k; `weights` must have D_{k+1}·D_k elements (any shape, read row-major).
    public mutating func setWeights(_ weights: Tensor, ofLayer k: Int) {
        let layer = layers[k]
        precondition(
            weights.count == layer.inputs * layer.outputs,
            "layer \(k): weights of shape \(weights.shape) for a \(layer.outputs)×\(layer.inputs) layer")
        write(weights, at: layer.weightOffset)
    }

    /// Replaces β_k; `biases` must have D_{k+1} elements.
    public mutating func setBiases(_ biases: Tensor, ofLayer k: Int) {
        let layer = layers[k]
        precondition(biases.count == layer.outputs, "layer \(k): \(biases.count) biases for \(layer.outputs) units")
        write(biases, at: layer.biasOffset)
    }

    private mutating func write(_ values: Tensor, at offset: Int) {
        parameters.withUnsafeMutableBufferPointer { p in
            values.withUnsafeBufferPointer { v in
                for i in v.indices { p[offset + i] = v[i] }
            }
        }
    }

    /// The network's outputs for a batch of inputs (`N × D_i` → `N × D_o`; a vector is one point).
    ///
    /// Convenient and allocating; training loops use ``NetworkWorkspace`` instead.
    public func callAsFunction(_ inputs: Tensor) -> Tensor {
        let batch = inputs.rank == 1 ? inputs.reshaped([1, inputs.count]) : inputs
        let workspace = NetworkWorkspace(architecture, capacity: Swift.max(batch.shape[0], 1))
        workspace.forward(parameters: parameters, inputs: batch)
        let output = workspace.output
        return inputs.rank == 1 ? output.reshaped([outputs]) : output
    }
}
