import NN
import RealModule
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

    /// About the bytes ``run()`` and ``sweep(variances:)`` allocate: the workspaces of the forward and
    /// backward samples, the samples themselves and three parameter-sized vectors (network, its copy,
    /// gradient). Computed in `Double` from the sizes alone, so that a study too large for the machine
    /// (`--forward-samples 1000000000 --width 1000`) is refused before anything is allocated.
    public var memoryRequirement: Double {
        let widths = [1.0] + [Double](repeating: Double(width), count: depth) + [1.0]
        let parameters = Architecture.parameterCount(widths: widths)
        return Architecture.workspaceBytes(widths: widths, rows: forwardSamples)
            + Architecture.workspaceBytes(widths: widths, rows: backwardSamples)
            + 16 * Double(forwardSamples + backwardSamples) + 24 * parameters
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
        run(
            forward: NetworkWorkspace(architecture, capacity: forwardSamples),
            backward: NetworkWorkspace(architecture, capacity: backwardSamples))
    }

    /// ``run()`` in preallocated workspaces (a sweep reuses them from one variance to the next).
    private func run(forward: NetworkWorkspace, backward: NetworkWorkspace) -> [LayerSpread] {
        var random = RandomState(seed: seed)
        let forwardNetwork = initialized(&random)
        let x = random.normal(shape: [forwardSamples, 1])
        forward.forward(parameters: forwardNetwork.parameters, inputs: x)

        let backwardNetwork = numpyCompatible ? initialized(&random) : forwardNetwork
        let points = random.normal(shape: [backwardSamples, 1])
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
        let forward = NetworkWorkspace(architecture, capacity: forwardSamples)
        let backward = NetworkWorkspace(architecture, capacity: backwardSamples)
        return variances.map { variance in
            var study = self
            study.initializer = .normal(variance: variance)
            return (variance, study.run(forward: forward, backward: backward))
        }
    }
}

extension InitializationStudy {
    /// The weight variance of a sweep at which the signal neither explodes nor vanishes with depth: where
    /// log(std of the last hidden layer / std of the first) crosses 0, interpolated linearly in log σ²
    /// between the two sweep points around the crossing.
    ///
    /// - Parameters:
    ///   - sweep: the output of ``sweep(variances:)``, in increasing variance.
    ///   - backward: use the backward spreads (∂L/∂f over layers K−1 … 1) instead of the forward ones.
    /// - Returns: nil when the ratio does not cross 1 within the sweep.
    public static func stableVariance(
        _ sweep: [(variance: Double, spreads: [LayerSpread])], backward: Bool = false
    ) -> Double? {
        let growth = sweep.map { entry -> (Double, Double) in
            let layers = backward ? Array(entry.spreads.dropLast()) : entry.spreads
            let first = backward ? layers.last!.backward : layers.first!.forward
            let last = backward ? layers.first!.backward : layers.last!.forward
            return (Double.log(entry.variance), Double.log(last / first))
        }
        for i in 1..<max(growth.count, 1) {
            let (x0, y0) = growth[i - 1], (x1, y1) = growth[i]
            guard y0.isFinite, y1.isFinite, (y0 <= 0 && y1 >= 0) || (y0 >= 0 && y1 <= 0) else { continue }
            let x = y1 == y0 ? x0 : x0 + (x1 - x0) * (0 - y0) / (y1 - y0)
            return Double.exp(x)
        }
        return nil
    }

    /// `count` variances spaced evenly in log scale from `lower` to `upper`.
    public static func logGrid(from lower: Double, to upper: Double, count: Int) -> [Double] {
        precondition(lower > 0 && upper > lower && count >= 2, "a log grid needs 0 < lower < upper and two points")
        return Tensor.linspace(Double.log10(lower), Double.log10(upper), count: count).scalars.map {
            Double.pow(10, $0)
        }
    }
}
