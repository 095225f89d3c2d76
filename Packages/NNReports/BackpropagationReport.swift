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

    /// When the scan found rates that lower the loss: the rate α* where one step stops lowering it,
    /// L(θ − α*∇L) = L(θ), refined by bisection between the scan's largest decreasing rate and the next
    /// rate of the scan (to a relative width of 1e-13). Every rate of that bracket below α* lowers the loss.
    public let thresholdRate: Double?
    /// When the scan found rates that lower the loss: the rate of the lowest loss after one step, refined by
    /// golden-section search between the two scan rates beside the scan's best one (to a relative width of
    /// 1e-10), with that loss.
    public let optimalRate: (rate: Double, loss: Double)?

    /// True when the step lowered the loss.
    public var decreased: Bool { lossAfter < lossBefore }

    /// The largest rate of the scan that still lowers the loss.
    public var largestDecreasingRate: Double? {
        learningRateScan.filter { $0.loss < lossBefore }.map(\.rate).max()
    }

    /// The rate of the scan with the lowest loss after one step.
    public var bestScannedRate: (rate: Double, loss: Double)? {
        learningRateScan.min { $0.loss < $1.loss }
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
    public init(
        network: Network, inputs: Tensor, targets: Tensor, loss: Loss, learningRate: Double = 1,
        checkedParameters: Int? = nil
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
        self.points = points
        kinks = points.enumerated().flatMap { i, point in
            (0...K).filter { !network.layers[$0].activation.isDifferentiable }.flatMap { k in
                point.preActivations[k].enumerated().filter { abs($0.element) < 1e-9 }.map {
                    (i, k, $0.offset, $0.element)
                }
            }
        }

        let batch = NetworkWorkspace(network.architecture, capacity: max(n, 1))
        var gradient = Tensor.zeros([network.architecture.parameterCount])
        lossBefore = batch.lossAndGradient(
            parameters: network.parameters, inputs: inputs, targets: targets, loss: loss, gradient: &gradient)
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
        let refined = LearningRateRefinement(
            scan: learningRateScan, lossBefore: lossBefore, loss: { lossAfterStep($0).1 })
        thresholdRate = refined.threshold
        optimalRate = refined.optimum
    }
}
