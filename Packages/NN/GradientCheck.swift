import Tensor

/// The agreement between backpropagated and finite-difference derivatives.
public struct GradientCheck: Sendable {
    /// ∂L/∂θ from the backward pass (eq. 7.25), in the flat parameter order.
    public let analytic: Tensor
    /// The central-difference estimates [L(θ + δeᵢ) − L(θ − δeᵢ)] / 2δ.
    public let numeric: Tensor
    /// ∂L/∂x from the backward pass, one row per point (`N × D_i`).
    public let analyticInput: Tensor
    /// The central-difference estimates of ∂L/∂x.
    public let numericInput: Tensor
    /// The step δ.
    public let step: Double

    /// A comparison of analytic and numeric derivatives.
    public init(analytic: Tensor, numeric: Tensor, analyticInput: Tensor, numericInput: Tensor, step: Double) {
        precondition(analytic.count == numeric.count && analyticInput.count == numericInput.count, "mismatched gradients")
        self.analytic = analytic
        self.numeric = numeric
        self.analyticInput = analyticInput
        self.numericInput = numericInput
        self.step = step
    }

    /// max |analytic − numeric| over every parameter and input.
    public var maxAbsoluteError: Double {
        Swift.max(GradientCheck.worst(analytic, numeric).absolute, GradientCheck.worst(analyticInput, numericInput).absolute)
    }

    /// max |analytic − numeric| / max(|analytic|, |numeric|) over the derivatives whose magnitude exceeds
    /// 1e-7 (smaller ones are compared only absolutely, where relative error means nothing).
    public var maxRelativeError: Double {
        Swift.max(GradientCheck.worst(analytic, numeric).relative, GradientCheck.worst(analyticInput, numericInput).relative)
    }

    /// The flat index of the parameter with the largest absolute error.
    public var worstParameter: Int {
        (analytic - numeric).magnitude().argmax()
    }

    private static func worst(_ a: Tensor, _ b: Tensor) -> (absolute: Double, relative: Double) {
        var absolute = 0.0, relative = 0.0
        for (x, y) in Swift.zip(a.scalars, b.scalars) {
            let error = Swift.abs(x - y)
            absolute = Swift.max(absolute, error.isNaN ? .infinity : error)
            let scale = Swift.max(Swift.abs(x), Swift.abs(y))
            if scale > 1e-7 { relative = Swift.max(relative, error / scale) }
        }
        return (absolute, relative)
    }
}

extension Network {
    /// Checks backpropagation against central finite differences over every parameter and every input.
    ///
    /// Each parameter θᵢ (and each input x_nj) is perturbed by ±δ and the loss recomputed; the central
    /// difference has error O(δ²), so for smooth activations and δ ≈ 1e-6 the two agree to about 1e-9
    /// relative. Kinks (ReLU at 0) within δ of a pre-activation make a single derivative disagree.
    ///
    /// - Complexity: 2·(P + N·D_i) forward passes.
    public func gradientCheck(inputs: Tensor, targets: Tensor, loss: Loss, step: Double = 1e-6) -> GradientCheck {
        let n = inputs.shape[0]
        let workspace = NetworkWorkspace(architecture, capacity: Swift.max(n, 1))
        var analytic = Tensor.zeros([architecture.parameterCount])
        _ = workspace.lossAndGradient(
            parameters: parameters, inputs: inputs, targets: targets, loss: loss, gradient: &analytic, inputGradient: true)
        let analyticInput = workspace.activationGradients(0)

        func lossAt(_ theta: Tensor, _ x: Tensor) -> Double {
            workspace.loss(parameters: theta, inputs: x, targets: targets, loss: loss)
        }
        var numeric = Tensor.zeros([architecture.parameterCount])
        var theta = parameters
        for i in 0..<theta.count {
            let original = theta.scalars[i]
            theta[i] = original + step
            let up = lossAt(theta, inputs)
            theta[i] = original - step
            let down = lossAt(theta, inputs)
            theta[i] = original
            numeric[i] = (up - down) / (2 * step)
        }
        var numericInput = Tensor.zeros(inputs.shape)
        var x = inputs
        for i in 0..<x.count {
            let original = x.scalars[i]
            let index = [i / inputs.shape[1], i % inputs.shape[1]]
            x[index[0], index[1]] = original + step
            let up = lossAt(parameters, x)
            x[index[0], index[1]] = original - step
            let down = lossAt(parameters, x)
            x[index[0], index[1]] = original
            numericInput[index[0], index[1]] = (up - down) / (2 * step)
        }
        return GradientCheck(
            analytic: analytic, numeric: numeric, analyticInput: analyticInput, numericInput: numericInput, step: step)
    }
}
