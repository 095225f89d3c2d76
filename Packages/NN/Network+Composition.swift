import Tensor

extension Network {
    /// The network computing `outer(inner(x))`, with the linear map at the junction folded into one layer.
    ///
    /// `inner`'s output layer (f = β_K + Ω_K h, no activation) feeds `outer`'s first layer
    /// (f′ = β′_0 + Ω′_0 f); the two affine maps merge into β = β′_0 + Ω′_0 β_K and Ω = Ω′_0 Ω_K. For two
    /// shallow networks this is UDL eq. 4.5 / notebook 4.3's conversion of a composition into a network
    /// with two hidden layers: β_1[i] = θ′_i0 + θ′_i1 φ_0 and Ω_1[i, j] = θ′_i1 φ_j.
    ///
    /// - Precondition: `inner`'s last activation is the identity and its output width is `outer`'s input
    ///   width.
    public static func composition(_ outer: Network, after inner: Network) -> Network {
        let k = inner.layers.count - 1
        precondition(inner.layers[k].activation == .identity, "the inner network's output layer must be linear")
        precondition(
            inner.outputs == outer.inputs, "inner network has \(inner.outputs) outputs, outer takes \(outer.inputs)")
        var layers: [(weights: Tensor, biases: Tensor, activation: Activation)] = []
        for j in 0..<k {
            layers.append((inner.weights(ofLayer: j), inner.biases(ofLayer: j), inner.layers[j].activation))
        }
        let omegaOuter = outer.weights(ofLayer: 0)
        let merged = matmul(omegaOuter, inner.weights(ofLayer: k))
        let bias = outer.biases(ofLayer: 0) + matmul(omegaOuter, inner.biases(ofLayer: k))
        layers.append((merged, bias, outer.layers[0].activation))
        for j in 1..<outer.layers.count {
            layers.append((outer.weights(ofLayer: j), outer.biases(ofLayer: j), outer.layers[j].activation))
        }
        return Network(inputs: inner.inputs, layers: layers)
    }

    /// The linear pieces of a one-input, one-output piecewise-linear network on `[lower, upper]`.
    ///
    /// Each kink of the output comes from some unit's pre-activation crossing 0. Layer by layer, the
    /// interval is cut where any unit of the layer changes sign inside a piece on which everything before it
    /// is affine (the crossing is found exactly by linear interpolation, since the pre-activation is affine
    /// there); at the end, neighbouring pieces on which the output has the same slope are merged, because
    /// they form one linear region.
    ///
    /// - Returns: the region boundaries, from `lower` to `upper` (the number of regions is one less).
    /// - Precondition: one input, one output, piecewise-linear continuous activations (identity, affine,
    ///   ReLU, LeakyReLU).
    public func linearRegions(from lower: Double, to upper: Double) -> [Double] {
        precondition(inputs == 1 && outputs == 1, "linear regions are counted for 1-D networks")
        precondition(lower < upper, "empty interval")
        precondition(
            layers.allSatisfy { $0.activation.isPiecewiseLinear && $0.activation != .heaviside },
            "linear regions need continuous piecewise-linear activations")
        var cuts = [lower, upper]
        func preActivations(_ x: [Double], layer k: Int) -> [[Double]] {
            let batch = NetworkWorkspace(architecture, capacity: x.count)
            batch.forward(parameters: parameters, inputs: Tensor(shape: [x.count, 1], scalars: x))
            let f = batch.preActivations(k)
            return (0..<x.count).map { Array(f.scalars[($0 * f.shape[1])..<(($0 + 1) * f.shape[1])]) }
        }
        for k in 0..<(layers.count - 1) {
            let values = preActivations(cuts, layer: k)
            var added: [Double] = []
            for piece in 0..<(cuts.count - 1) {
                let (a, b) = (cuts[piece], cuts[piece + 1])
                for unit in 0..<layers[k].outputs {
                    let (fa, fb) = (values[piece][unit], values[piece + 1][unit])
                    if (fa < 0 && fb > 0) || (fa > 0 && fb < 0) {
                        added.append(a + (b - a) * fa / (fa - fb))
                    }
                }
            }
            cuts = Array(Set(cuts + added)).sorted()
        }
        // Slopes of the output on each piece; merge neighbours with equal slope.
        let outputs = preActivations(cuts, layer: layers.count - 1).map { $0[0] }
        var boundaries = [cuts[0]]
        var previousSlope: Double? = nil
        for piece in 0..<(cuts.count - 1) {
            let slope = (outputs[piece + 1] - outputs[piece]) / (cuts[piece + 1] - cuts[piece])
            if let previous = previousSlope,
                Swift.abs(slope - previous) > 1e-9 * Swift.max(1, Swift.abs(slope), Swift.abs(previous))
            {
                boundaries.append(cuts[piece])
            }
            previousSlope = slope
        }
        boundaries.append(cuts[cuts.count - 1])
        return boundaries
    }
}
