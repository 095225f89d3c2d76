import Tensor

/// The shallow network of UDL chapter 3 with one input, D hidden units and one output (eq. 3.1, D = 3):
///
///     y = φ_0 + Σ_d φ_d · a[θ_d0 + θ_d1 x]
///
/// The notebooks 3.4, 4.1 and 4.2 build everything from this; ``network`` gives the same function as a
/// deep ``Network`` (Ω_0 = [θ_d1], β_0 = [θ_d0], Ω_1 = [φ_1 … φ_D], β_1 = [φ_0]).
public struct ShallowNetwork: Sendable, Equatable {
    /// θ_d0, the hidden units' offsets.
    public var hiddenBiases: [Double]
    /// θ_d1, the hidden units' slopes.
    public var hiddenSlopes: [Double]
    /// φ_0, the output offset.
    public var outputBias: Double
    /// φ_1 … φ_D, the output weights.
    public var outputWeights: [Double]
    /// a[·].
    public var activation: Activation

    /// A shallow network from θ (pairs θ_d0, θ_d1) and φ (φ_0 … φ_D).
    public init(theta: [(Double, Double)], phi: [Double], activation: Activation) {
        precondition(phi.count == theta.count + 1, "\(theta.count) hidden units need \(theta.count + 1) φ values")
        hiddenBiases = theta.map(\.0)
        hiddenSlopes = theta.map(\.1)
        outputBias = phi[0]
        outputWeights = Array(phi.dropFirst())
        self.activation = activation
    }

    /// The equivalent deep network 1 → D → 1.
    public var network: Network {
        Network(
            inputs: 1,
            layers: [
                (Tensor(shape: [hiddenSlopes.count, 1], scalars: hiddenSlopes), Tensor(hiddenBiases), activation),
                (Tensor(shape: [1, outputWeights.count], scalars: outputWeights), Tensor([outputBias]), .identity),
            ])
    }

    /// Every intermediate quantity of notebook 3.4's `shallow_1_1_3`, for a vector of inputs.
    public struct Trace: Sendable {
        /// θ_d0 + θ_d1 x, one row per hidden unit d (`D × N`).
        public let preActivations: Tensor
        /// a[θ_d0 + θ_d1 x] (`D × N`).
        public let activations: Tensor
        /// φ_d · a[θ_d0 + θ_d1 x] (`D × N`).
        public let weightedActivations: Tensor
        /// y (`N`).
        public let output: Tensor
    }

    /// The output and every intermediate value at each x.
    public func trace(_ x: Tensor) -> Trace {
        let d = hiddenSlopes.count
        var pre = Tensor.zeros([d, x.count]), act = pre, weighted = pre
        var y = Tensor(repeating: outputBias, shape: [x.count])
        for unit in 0..<d {
            for (i, xi) in x.scalars.enumerated() {
                let p = hiddenBiases[unit] + hiddenSlopes[unit] * xi
                let a = activation.value(p)
                pre[unit, i] = p
                act[unit, i] = a
                weighted[unit, i] = outputWeights[unit] * a
            }
        }
        // y = φ_0 + w_1 + w_2 + …, summed in the notebook's order.
        for unit in 0..<d {
            for i in 0..<x.count { y[i] += weighted[unit, i] }
        }
        return Trace(preActivations: pre, activations: act, weightedActivations: weighted, output: y)
    }

    /// y at each x.
    public func callAsFunction(_ x: Tensor) -> Tensor { trace(x).output }
}
