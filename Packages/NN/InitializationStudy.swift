import Tensor

/// How the spread of activations and gradients evolves with depth at initialisation (UDL §7.5,
/// notebook 7.3).
///
/// A network with D_i = D_o = 1 and K hidden layers of width D, zero biases, is initialised and run on
/// `forwardSamples` standard-normal inputs; the population standard deviation of h_k over all points and
/// units is the forward spread of layer k. Then `backwardSamples` points with target 0 and the summed
/// squared loss are backpropagated; the standard deviation of ∂L/∂f_k over all points and units is the
/// backward spread. For ReLU with zero biases each layer multiplies the variance by D·σ²_Ω/2 in both
/// directions, so σ²_Ω = 2/D (He) keeps both constant, larger values explode and smaller ones vanish.
public struct InitializationStudy: Sendable {
    /// The spreads of one hidden layer k = 1 … K.
    public struct LayerSpread: Sendable, Equatable {
        /// k.
        public let layer: Int
        /// std(h_k) over the forward batch.
        public let forward: Double
        /// std(∂L/∂f_k) over the backward samples.
        public let backward: Double
    }

    /// K, the number of hidden layers.
    public var depth: Int
    /// D, the width of every hidden layer.
    public var width: Int
    /// The hidden activation.
    public var activation: Activation
    /// How Ω_k is drawn (biases are zero).
    public var initializer: Initializer
    /// The number of forward points (the notebook's 1000).
    public var forwardSamples = 1000
    /// The number of backward points (the notebook's 100).
    public var backwardSamples = 100
    /// The generator's seed.
    public var seed: UInt32 = 0
    /// Draw weights and data exactly as notebook 7.3 does: `np.random.seed(0)` inside `init_params`, then
    /// Ω_0 (D×1), Ω_K (1×D), Ω_1 … Ω_{K−1} (D×D), each N(0, σ²_Ω); the data continue the same stream.
    /// Requires `initializer` to be `.normal(variance:)` (He is `.normal(variance: 2/D)` there).
    public var numpyCompatible = false

    /// A study of `depth` layers of `width` units.
    public init(depth: Int, width: Int, activation: Activation = .relu(derivativeAtZero: 1), initializer: Initializer) {
        precondition(depth >= 1 && width >= 1, "depth and width must be positive")
        self.depth = depth
        self.width = width
        self.activation = activation
        self.initializer = initializer
    }

    /// The architecture 1 → D → … → D → 1.
    public var architecture: Architecture {
        Architecture(inputs: 1, hidden: [Int](repeating: width, count: depth), activation: activation, outputs: 1)
    }

    /// A freshly initialised network, from the generator's current state.
    func initialized(_ random: inout RandomState) -> Network {
        if numpyCompatible {
            guard case let .normal(variance) = initializer else {
                preconditionFailure("the NumPy-compatible study draws N(0, σ²) weights; got \(initializer)")
            }
            random.reseed(seed)
            let scale = variance.squareRoot()
            let first = random.normal(shape: [width, 1], standardDeviation: scale)
            let last = random.normal(shape: [1, width], standardDeviation: scale)
            let middle = (1..<depth).map { _ in random.normal(shape: [width, width], standardDeviation: scale) }
            var network = Network(architecture)
            for (k, omega) in ([first] + middle + [last]).enumerated() { network.setWeights(omega, ofLayer: k) }
            return network
        }
        var network = Network(architecture)
        initializer.initialize(&network, random: &random)
        for k in 0...depth { network.setBiases(Tensor.zeros([network.layers[k].outputs]), ofLayer: k) }
        return network
    }

    /// The forward and backward spread of every hidden layer, k = 1 … K.
    ///
    /// Draw order: the network, the forward inputs, then (NumPy-compatible mode only: the network again,
    /// after reseeding, as the notebook calls `init_params` twice) the backward inputs.
    public func run() -> [LayerSpread] {
        var random = RandomState(seed: seed)
        let forwardNetwork = initialized(&random)
        let x = random.normal(shape: [forwardSamples, 1])
        let forward = NetworkWorkspace(architecture, capacity: forwardSamples)
        forward.forward(parameters: forwardNetwork.parameters, inputs: x)

        let backwardNetwork = numpyCompatible ? initialized(&random) : forwardNetwork
        let points = random.normal(shape: [backwardSamples, 1])
        let backward = NetworkWorkspace(architecture, capacity: backwardSamples)
        var gradient = Tensor.zeros([architecture.parameterCount])
        // With a summed loss each row of ∂L/∂f_k is that point's own gradient.
        _ = backward.lossAndGradient(
            parameters: backwardNetwork.parameters, inputs: points, targets: Tensor.zeros([backwardSamples, 1]),
            loss: .sse, gradient: &gradient)
        return (1...depth).map { k in
            LayerSpread(
                layer: k, forward: forward.activations(k).standardDeviation(),
                backward: backward.preActivationGradients(k).standardDeviation())
        }
    }

    /// The spreads for each weight variance σ²_Ω (the initializer becomes `.normal(variance: σ²)`).
    public func sweep(variances: [Double]) -> [(variance: Double, spreads: [LayerSpread])] {
        variances.map { variance in
            var study = self
            study.initializer = .normal(variance: variance)
            return (variance, study.run())
        }
    }
}
