import NN
import RealModule
import Tensor

/// Backpropagation worked out point by point and one gradient-descent step, as the assignment's
/// exercise asks: every forward component (eq. 7.24), every backward component (eq. 7.25 with the
/// activation's a′[f]), the batch gradient under a stated loss convention, a finite-difference check, the
/// updated weights, and whether the loss went down.
public struct BackpropagationReport: Sendable {
    /// Everything the forward and backward passes compute for one data point x_i.
    public struct PointTrace: Sendable {
        /// x_i.
        public let input: [Double]
        /// y_i.
        public let target: [Double]
        /// f_k for k = 0 … K (f_K is the prediction when the last activation is the identity).
        public let preActivations: [[Double]]
        /// h_k = a[f_{k−1}] for k = 1 … K (index 0 holds h_1).
        public let activations: [[Double]]
        /// The network's output f(x_i).
        public let prediction: [Double]
        /// ℓ_i, the point's loss term (e.g. (f(x_i) − y_i)² for mean or summed squared error).
        public let loss: Double
        /// ∂ℓ_i/∂f_k for k = 0 … K.
        public let preActivationGradients: [[Double]]
        /// ∂ℓ_i/∂h_k for k = 1 … K (index 0 holds ∂ℓ_i/∂h_1), i.e. Ω_kᵀ ∂ℓ_i/∂f_k.
        public let activationGradients: [[Double]]
        /// a′[f_{k−1}] for k = 1 … K (index 0 holds a′[f_0]): the factor of eq. 7.25's third line.
        public let activationDerivatives: [[Double]]
        /// ∂ℓ_i/∂θ in the flat parameter order (∂ℓ_i/∂Ω_k = ∂ℓ_i/∂f_k h_kᵀ, ∂ℓ_i/∂β_k = ∂ℓ_i/∂f_k).
        public let gradient: Tensor
    }

    /// The network before the step.
    public let network: Network
    /// The batch loss convention.
    public let loss: Loss
    /// One trace per data point.
    public let points: [PointTrace]
    /// The factor that turns Σ_i ∂ℓ_i/∂θ into ∂L/∂θ: 1/(N·D_o) for the mean (over every output of every
    /// point, as `Loss.mse` and PyTorch's `MSELoss` take it; 1/N when D_o = 1), 1 for the sums.
    public let pointScale: Double
    /// ∂L/∂θ for the whole batch, in the flat parameter order.
    public let gradient: Tensor
    /// Backpropagation against central differences (δ = 1e-6) for every input and every parameter, or a
    /// sample of the parameters of a large model (`GradientCheck.checkedParameters`).
    public let gradientCheck: GradientCheck
    /// The gradient-descent learning rate α.
    public let learningRate: Double
    /// L before the step.
    public let lossBefore: Double
    /// θ − α ∂L/∂θ.
    public let updated: Network
    /// L after the step.
    public let lossAfter: Double
    /// When the step did not lower the loss: (α, L(θ − α∇L)) for rates from α down to α·10⁻⁴.
    public let learningRateScan: [(rate: Double, loss: Double)]
    /// Pre-activations within 1e-9 of 0 in a layer whose activation has a kink there, where a′[f] is a
    /// convention (this code takes the left derivative for f ≤ 0 unless told otherwise) and the
    /// finite-difference check straddles the kink.
    public let kinks: [(point: Int, layer: Int, unit: Int, value: Double)]

    /// When the step did not lower the loss: every rate α in (0, α] for which one step lowers it, as
    /// intervals (low, high) in increasing order. A fine log-spaced grid (200 rates per decade, from α·10⁻⁶
    /// to α) finds each crossing of L(θ − α∇L) = L(θ), and bisection refines it to a relative width of
    /// 1e-13; the first interval starts at 0 when the grid's smallest rate already lowers the loss. L can
    /// cross L(θ) several times, so the loss need not fall for every rate below the last crossing.
    public let decreasingIntervals: [(low: Double, high: Double)]
    /// The rate α* below which every step lowers the loss: the end of the first of the
    /// ``decreasingIntervals`` when that one starts at 0 (L(θ − α*∇L) = L(θ) there).
    public let thresholdRate: Double?
    /// When some rate lowers the loss: the rate of the lowest loss after one step, refined by golden-section
    /// search between the grid rates beside the fine grid's best one (to a relative width of 1e-10), with
    /// that loss.
    public let optimalRate: (rate: Double, loss: Double)?
    /// Which one-sided derivative a′ took at the ``kinks``.
    public let kinkDerivative: KinkDerivative

    /// Which one-sided derivative a′[f] takes at a pre-activation on a kink (within 1e-9 of 0, where the
    /// activation's derivative jumps). Such a value is often 0 in exact arithmetic and a few ulps off it after
    /// rounding (Figure 1's 0.1 − 1.3 + 1.2 is −8·10⁻¹⁷), so the side it lands on is an accident of rounding.
    public enum KinkDerivative: String, Sendable, CaseIterable {
        /// a′ at the computed value, on whichever side rounding put it (the network's own backward pass).
        case computed
        /// The derivative from below, lim a′[f] as f → 0⁻ (λα for SELU, the slope for LeakyReLU).
        case left
        /// The derivative from above, lim a′[f] as f → 0⁺ (λ for SELU, 1 for LeakyReLU and ReLU).
        case right
    }

    /// True when the step lowered the loss.
    public var decreased: Bool { lossAfter < lossBefore }

    /// The largest rate of the scan that still lowers the loss.
    public var largestDecreasingRate: Double? {
        learningRateScan.filter { $0.loss < lossBefore }.map(\.rate).max()
    }

    /// The rate of the scan with the lowest loss after one step (nil when every loss is NaN).
    public var bestScannedRate: (rate: Double, loss: Double)? {
        // A rate whose loss is not a number (an overflowing step) is never the best.
        learningRateScan.filter { !$0.loss.isNaN }.min { $0.loss < $1.loss }
    }

    /// Works the exercise out for `network` on the points `inputs` (`N × D_i`) and `targets` (`N × D_o`).
    ///
    /// - Parameters:
    ///   - network: the model whose gradient is worked out, at the parameters the step starts from.
    ///   - inputs: the points, one per row (`N × D_i`).
    ///   - targets: their targets, one per row (`N × D_o`).
    ///   - loss: a squared-error loss (`.squaredError(.mean)`, `.sum` or `.halfSum`).
    ///   - learningRate: α of the step θ ← θ − α ∂L/∂θ.
    ///   - checkedParameters: the most parameters the finite-difference check perturbs: a larger model has a
    ///     sample of this many checked (`GradientCheck.sample(_:limit:)`), so that the check of a model
    ///     of millions of parameters does not take hours. All are checked by default.
    ///   - kinkDerivative: the side a′ takes at the ``kinks``; with `.left` or `.right` the points that have a
    ///     kink are backpropagated again (eq. 7.25) with that one-sided derivative there, and the batch
    ///     gradient, the step and the scan follow from them.
    public init(
        network: Network, inputs: Tensor, targets: Tensor, loss: Loss, learningRate: Double = 1,
        checkedParameters: Int? = nil, kinkDerivative: KinkDerivative = .computed
    ) {
        guard case let .squaredError(reduction) = loss else {
            preconditionFailure("the backpropagation report uses a squared-error loss, got \(loss)")
        }
        let n = inputs.shape[0]
        self.network = network
        self.loss = loss
        self.learningRate = learningRate
        // Each point's term ℓ_i: (f − y)², or ½(f − y)² for the half-sum convention.
        let pointLoss = Loss.squaredError(reduction == .halfSum ? .halfSum : .sum)
        pointScale = reduction == .mean ? 1 / Double(n * network.outputs) : 1
        let single = NetworkWorkspace(network.architecture, capacity: 1)
        let K = network.layers.count - 1
        var points: [PointTrace] = []
        for i in 0..<n {
            let x = inputs.rows(i..<(i + 1)), y = targets.rows(i..<(i + 1))
            var g = Tensor.zeros([network.architecture.parameterCount])
            let l = single.lossAndGradient(
                parameters: network.parameters, inputs: x, targets: y, loss: pointLoss, gradient: &g)
            let derivatives = (0..<K).map { k in
                single.preActivations(k).scalars.map { network.layers[k].activation.derivative($0) }
            }
            points.append(
                PointTrace(
                    input: x.scalars, target: y.scalars,
                    preActivations: (0...K).map { single.preActivations($0).scalars },
                    activations: (0..<K).map { single.activations($0 + 1).scalars },
                    prediction: single.output.scalars, loss: l,
                    preActivationGradients: (0...K).map { single.preActivationGradients($0).scalars },
                    activationGradients: (0..<K).map { single.activationGradients($0 + 1).scalars },
                    activationDerivatives: derivatives, gradient: g))
        }
        let kinks = points.enumerated().flatMap { i, point in
            (0...K).filter { !network.layers[$0].activation.isDifferentiable }.flatMap { k in
                point.preActivations[k].enumerated().filter { abs($0.element) < 1e-9 }.map {
                    (point: i, layer: k, unit: $0.offset, value: $0.element)
                }
            }
        }
        self.kinks = kinks
        self.kinkDerivative = kinkDerivative

        let batch = NetworkWorkspace(network.architecture, capacity: max(n, 1))
        var gradient = Tensor.zeros([network.architecture.parameterCount])
        lossBefore = batch.lossAndGradient(
            parameters: network.parameters, inputs: inputs, targets: targets, loss: loss, gradient: &gradient)
        if kinkDerivative != .computed && !kinks.isEmpty {
            // The points with a kink again, with the chosen side's a′ there; the batch gradient from them all.
            for i in Set(kinks.map(\.point)) {
                let units = kinks.filter { $0.point == i }.map { ($0.layer, $0.unit) }
                points[i] = Self.backpropagate(
                    points[i], network: network, halfSum: reduction == .halfSum,
                    derivative: { k, unit, f in
                        let activation = network.layers[k].activation
                        guard units.contains(where: { $0 == (k, unit) }) else { return activation.derivative(f) }
                        let side = kinkDerivative == .left ? -Double.leastNonzeroMagnitude : .leastNonzeroMagnitude
                        return activation.derivative(side)
                    })
            }
            gradient = Tensor.zeros([network.architecture.parameterCount])
            for point in points { gradient.addScaled(point.gradient, by: pointScale) }
        }
        self.points = points
        self.gradient = gradient
        gradientCheck = network.gradientCheck(
            inputs: inputs, targets: targets, loss: loss,
            parameters: checkedParameters.flatMap { GradientCheck.sample(network.architecture, limit: $0) })

        func lossAfterStep(_ rate: Double) -> (Network, Double) {
            var stepped = network
            stepped.parameters.addScaled(gradient, by: -rate)
            return (stepped, batch.loss(parameters: stepped.parameters, inputs: inputs, targets: targets, loss: loss))
        }
        (updated, lossAfter) = lossAfterStep(learningRate)
        if lossAfter < lossBefore {
            learningRateScan = []
        } else {
            // 41 rates, log-spaced from α down to α·10⁻⁴.
            learningRateScan = (0...40).map { j in
                let rate = learningRate * Double.pow(10, -Double(j) / 10)
                return (rate, lossAfterStep(rate).1)
            }
        }
        let refined =
            learningRateScan.isEmpty
            ? nil
            : LearningRateRefinement(rate: learningRate, lossBefore: lossBefore, loss: { lossAfterStep($0).1 })
        decreasingIntervals = refined?.decreasingIntervals ?? []
        thresholdRate = refined?.threshold
        optimalRate = refined?.optimum
    }

    /// Eq. 7.25 for one point from its forward values: ∂ℓ_i/∂f_K from the squared error (times a′[f_K]),
    /// then ∂ℓ_i/∂h_k = Ω_kᵀ ∂ℓ_i/∂f_k, ∂ℓ_i/∂f_{k−1} = a′[f_{k−1}] ⊙ ∂ℓ_i/∂h_k, ∂ℓ_i/∂Ω_k = ∂ℓ_i/∂f_k h_kᵀ
    /// and ∂ℓ_i/∂β_k = ∂ℓ_i/∂f_k, with a′ given per layer, unit and pre-activation by `derivative`.
    static func backpropagate(
        _ trace: PointTrace, network: Network, halfSum: Bool, derivative: (Int, Int, Double) -> Double
    ) -> PointTrace {
        let K = network.layers.count - 1
        let a = (0...K).map { k in trace.preActivations[k].enumerated().map { derivative(k, $0.offset, $0.element) } }
        var df = [[Double]](repeating: [], count: K + 1), dh = [[Double]](repeating: [], count: K)
        let scale = halfSum ? 1.0 : 2.0
        df[K] = (0..<trace.prediction.count).map { a[K][$0] * scale * (trace.prediction[$0] - trace.target[$0]) }
        var gradient = [Double](repeating: 0, count: network.architecture.parameterCount)
        for k in stride(from: K, through: 0, by: -1) {
            let layer = network.layers[k], omega = network.weights(ofLayer: k).scalars
            let input = k == 0 ? trace.input : trace.activations[k - 1]
            for u in 0..<layer.outputs {
                gradient[layer.biasOffset + u] = df[k][u]
                for v in 0..<layer.inputs { gradient[layer.weightOffset + u * layer.inputs + v] = df[k][u] * input[v] }
            }
            guard k > 0 else { break }
            dh[k - 1] = (0..<layer.inputs).map { v in
                (0..<layer.outputs).reduce(0.0) { $0 + omega[$1 * layer.inputs + v] * df[k][$1] }
            }
            df[k - 1] = zip(a[k - 1], dh[k - 1]).map { $0 * $1 }
        }
        return PointTrace(
            input: trace.input, target: trace.target, preActivations: trace.preActivations,
            activations: trace.activations, prediction: trace.prediction, loss: trace.loss,
            preActivationGradients: df, activationGradients: dh, activationDerivatives: Array(a[0..<K]),
            gradient: Tensor(gradient))
    }
}
