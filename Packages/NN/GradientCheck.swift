import Tensor

/// How a finite difference estimates a derivative ∂L/∂θᵢ from values of L.
public enum FiniteDifference: Sendable, Equatable {
    /// [L(θ + δeᵢ) − L(θ − δeᵢ)] / 2δ: truncation error δ²/6 · ∂³L/∂θᵢ³, two evaluations per derivative.
    case central
    /// [L(θ + δeᵢ) − L(θ)] / δ: truncation error δ/2 · ∂²L/∂θᵢ², one evaluation per derivative (plus L(θ)
    /// once). The scheme of UDL notebooks 7.1 (δ = 1e-5) and 7.2 (δ = 1e-6).
    case forward
}

/// The agreement between backpropagated and finite-difference derivatives.
public struct GradientCheck: Sendable {
    /// ∂L/∂θ from the backward pass (eq. 7.25), in the flat parameter order.
    public let analytic: Tensor
    /// The finite-difference estimates of ∂L/∂θ (central [L(θ + δeᵢ) − L(θ − δeᵢ)] / 2δ unless
    /// ``difference`` says otherwise).
    public let numeric: Tensor
    /// ∂L/∂x from the backward pass, one row per point (`N × D_i`).
    public let analyticInput: Tensor
    /// The finite-difference estimates of ∂L/∂x.
    public let numericInput: Tensor
    /// The step δ.
    public let step: Double
    /// The finite-difference scheme of ``numeric`` and ``numericInput``.
    public let difference: FiniteDifference
    /// The flat indices of the parameters checked, in increasing order, when only a sample of a large
    /// model was (``numeric`` is NaN at the others); `nil` when every parameter was checked.
    public let checkedParameters: [Int]?

    /// A comparison of analytic and numeric derivatives.
    public init(
        analytic: Tensor, numeric: Tensor, analyticInput: Tensor, numericInput: Tensor, step: Double,
        difference: FiniteDifference = .central, checkedParameters: [Int]? = nil
    ) {
        precondition(
            analytic.count == numeric.count && analyticInput.count == numericInput.count, "mismatched gradients")
        self.analytic = analytic
        self.numeric = numeric
        self.analyticInput = analyticInput
        self.numericInput = numericInput
        self.step = step
        self.difference = difference
        self.checkedParameters = checkedParameters
    }

    /// Whether parameter `index` was checked (every one is, unless ``checkedParameters`` says otherwise).
    public func isChecked(_ index: Int) -> Bool {
        guard let checkedParameters else { return true }
        return checkedParameters.binarySearch(index)
    }

    /// At most `limit` flat parameter indices spread over a network's blocks (each Ω_k and β_k gets its
    /// share of the sample, in proportion to its size and at least one index, evenly spaced within it);
    /// `nil` when the network has no more than `limit` parameters, so all are checked.
    public static func sample(_ architecture: Architecture, limit: Int) -> [Int]? {
        let total = architecture.parameterCount
        guard total > limit else { return nil }
        let blocks = architecture.layers.flatMap { layer in
            [layer.weightOffset..<layer.biasOffset, layer.biasOffset..<(layer.biasOffset + layer.outputs)]
        }
        // Each block's share in proportion to its size (at least one), then what is left of the limit to
        // the blocks in order, so that exactly min(limit, total) parameters are checked.
        var counts = blocks.map {
            min($0.count, max(1, Int(Double(limit - blocks.count) * Double($0.count) / Double(total))))
        }
        var left = limit - counts.reduce(0, +)
        for b in blocks.indices where left > 0 {
            let extra = min(left, blocks[b].count - counts[b])
            counts[b] += extra
            left -= extra
        }
        var indices: [Int] = []
        for (block, count) in zip(blocks, counts) where count > 0 {
            indices += (0..<count).map { block.lowerBound + $0 * block.count / count }
        }
        return Array(indices.prefix(max(limit, 0)))
    }

    /// max |analytic − numeric| over every checked parameter and every input.
    public var maxAbsoluteError: Double {
        Swift.max(
            worst(analytic, numeric, checked: checkedParameters).absolute,
            worst(analyticInput, numericInput, checked: nil).absolute)
    }

    /// max |analytic − numeric| / max(|analytic|, |numeric|) over the derivatives whose magnitude exceeds
    /// 1e-7 (smaller ones are compared only absolutely, where relative error means nothing).
    public var maxRelativeError: Double {
        Swift.max(
            worst(analytic, numeric, checked: checkedParameters).relative,
            worst(analyticInput, numericInput, checked: nil).relative)
    }

    /// The flat index of the checked parameter with the largest absolute error.
    public var worstParameter: Int {
        guard let checkedParameters else { return (analytic - numeric).magnitude().argmax() }
        return checkedParameters.max { abs(analytic[$0] - numeric[$0]) < abs(analytic[$1] - numeric[$1]) } ?? 0
    }

    /// Whether the parameters at the flat `indices` pass NumPy's `np.allclose(numeric, analytic, rtol,
    /// atol)`, the test notebook 7.2 applies to each Ω_k and β_k: every |nᵢ − aᵢ| ≤ atol + rtol·|aᵢ|.
    ///
    /// The test is asymmetric, as NumPy's is: the relative part scales with the backpropagated value.
    /// A layer's indices are `layer.weightOffset..<layer.biasOffset` (Ω_k) and
    /// `layer.biasOffset..<(layer.biasOffset + layer.outputs)` (β_k).
    public func allClose(
        _ indices: Range<Int>, relativeTolerance: Double = 1e-5, absoluteTolerance: Double = 1e-8
    ) -> Bool {
        indices.allSatisfy { i in
            let a = analytic.scalars[i], n = numeric.scalars[i]
            return Swift.abs(n - a) <= absoluteTolerance + relativeTolerance * Swift.abs(a)
        }
    }

    /// max |numeric − analytic| over the parameters at the flat `indices` (0 for an empty range).
    public func maxAbsoluteError(_ indices: Range<Int>) -> Double {
        indices.reduce(0) { Swift.max($0, Swift.abs(numeric.scalars[$1] - analytic.scalars[$1])) }
    }

    private func worst(_ a: Tensor, _ b: Tensor, checked: [Int]?) -> (absolute: Double, relative: Double) {
        var absolute = 0.0, relative = 0.0
        for i in checked ?? Array(0..<a.count) {
            let (x, y) = (a.scalars[i], b.scalars[i])
            let error = Swift.abs(x - y)
            absolute = Swift.max(absolute, error.isNaN ? .infinity : error)
            let scale = Swift.max(Swift.abs(x), Swift.abs(y))
            if scale > 1e-7 { relative = Swift.max(relative, error / scale) }
        }
        return (absolute, relative)
    }
}

extension Network {
    /// Checks backpropagation against finite differences over every parameter and every input.
    ///
    /// Each parameter θᵢ (and each input x_nj) is perturbed by δ (and by −δ for the central scheme) and
    /// the loss recomputed. The central difference has error O(δ²), so for smooth activations and
    /// δ ≈ 1e-6 the two agree to about 1e-9 relative; the forward difference, notebook 7.2's, has error
    /// δ/2·∂²L/∂θᵢ² (exactly that where L is quadratic in θᵢ, as in the last layer's weights under a
    /// squared loss). Kinks (ReLU at 0) within δ of a pre-activation make a single derivative disagree.
    ///
    /// - Parameters:
    ///   - inputs: the points, one per row (`N × D_i`).
    ///   - targets: their targets.
    ///   - loss: the loss whose gradient is checked.
    ///   - step: δ.
    ///   - difference: the scheme, ``FiniteDifference/central`` by default.
    ///   - checked: the flat indices of the parameters to check (increasing), e.g. a
    ///     ``GradientCheck/sample(_:limit:)`` of a large model; all by default. The others get NaN.
    /// - Complexity: 2·(P + N·D_i) forward passes (central) or P + N·D_i + 1 (forward), with P the number
    ///   of parameters checked.
    public func gradientCheck(
        inputs: Tensor, targets: Tensor, loss: Loss, step: Double = 1e-6, difference: FiniteDifference = .central,
        parameters checked: [Int]? = nil
    ) -> GradientCheck {
        let n = inputs.shape[0]
        let workspace = NetworkWorkspace(architecture, capacity: Swift.max(n, 1))
        var analytic = Tensor.zeros([architecture.parameterCount])
        _ = workspace.lossAndGradient(
            parameters: parameters, inputs: inputs, targets: targets, loss: loss, gradient: &analytic,
            inputGradient: true)
        let analyticInput = workspace.activationGradients(0)

        func lossAt(_ theta: Tensor, _ x: Tensor) -> Double {
            workspace.loss(parameters: theta, inputs: x, targets: targets, loss: loss)
        }
        let base = difference == .forward ? lossAt(parameters, inputs) : 0
        /// The finite difference from L at +δ and a closure giving L at −δ (called only when central).
        func estimate(_ up: Double, _ down: () -> Double) -> Double {
            difference == .forward ? (up - base) / step : (up - down()) / (2 * step)
        }
        var numeric =
            checked == nil
            ? Tensor.zeros([architecture.parameterCount])
            : Tensor(repeating: .nan, shape: [architecture.parameterCount])
        var theta = parameters
        for i in checked ?? Array(0..<theta.count) {
            let original = theta.scalars[i]
            theta[i] = original + step
            let up = lossAt(theta, inputs)
            theta[i] = original - step
            numeric[i] = estimate(up) { lossAt(theta, inputs) }
            theta[i] = original
        }
        var numericInput = Tensor.zeros(inputs.shape)
        var x = inputs
        for i in 0..<x.count {
            let original = x.scalars[i]
            let index = [i / inputs.shape[1], i % inputs.shape[1]]
            x[index[0], index[1]] = original + step
            let up = lossAt(parameters, x)
            x[index[0], index[1]] = original - step
            numericInput[index[0], index[1]] = estimate(up) { lossAt(parameters, x) }
            x[index[0], index[1]] = original
        }
        return GradientCheck(
            analytic: analytic, numeric: numeric, analyticInput: analyticInput, numericInput: numericInput, step: step,
            difference: difference, checkedParameters: checked)
    }
}

extension [Int] {
    /// Whether the sorted array holds `value`.
    fileprivate func binarySearch(_ value: Int) -> Bool {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == value
    }
}
