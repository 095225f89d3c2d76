import Tensor

/// Preallocated buffers for the forward pass (UDL eq. 7.24) and the backward pass (eq. 7.25) of a network
/// over batches of up to `capacity` points; after construction nothing is allocated.
///
/// A batch is a matrix with one point per row, so in batch form the forward pass reads
/// `F_k = H_k Ω_kᵀ + 𝟙β_kᵀ`, `H_{k+1} = a[F_k]`: row i is the book's column vector f_k for point x_i.
/// The workspace keeps every f_k and h_k of the last forward pass, and every ∂ℓ/∂f_k and ∂ℓ/∂h_k of the
/// last backward pass, for inspection (``preActivations(_:)`` and friends).
///
/// Index convention: `h_0` is the input, `f_k` the output of layer k (k = 0 … K), `h_{k+1} = a[f_k]`, and
/// `h_{K+1}` the network's output (equal to f_K when the last activation is the identity).
public final class NetworkWorkspace {
    /// The architecture the buffers were sized for.
    public let architecture: Architecture
    /// The largest batch the workspace holds.
    public let capacity: Int
    /// The number of points of the last forward pass.
    public private(set) var batchSize = 0

    private let storage: UnsafeMutablePointer<Double>
    private var f: [UnsafeMutablePointer<Double>] = []
    private var h: [UnsafeMutablePointer<Double>] = []
    private var df: [UnsafeMutablePointer<Double>] = []
    private var dh: [UnsafeMutablePointer<Double>] = []

    /// Buffers for batches of up to `capacity` points.
    public init(_ architecture: Architecture, capacity: Int) {
        precondition(capacity > 0, "workspace capacity must be positive")
        self.architecture = architecture
        self.capacity = capacity
        let widths = architecture.widths
        let total = 2 * capacity * (widths.reduce(0, +) + widths.dropFirst().reduce(0, +) + widths.last!)
        storage = .allocate(capacity: total)
        storage.initialize(repeating: 0, count: total)
        var next = storage
        func take(_ width: Int) -> UnsafeMutablePointer<Double> {
            defer { next += capacity * width }
            return next
        }
        for width in widths { h.append(take(width)) }
        h.append(take(widths.last!))
        for width in widths { dh.append(take(width)) }
        dh.append(take(widths.last!))
        for width in widths.dropFirst() {
            f.append(take(width))
            df.append(take(width))
        }
    }

    deinit {
        storage.deallocate()
    }

    private var layers: [Layer] { architecture.layers }
    private var lastLayer: Int { layers.count - 1 }

    // MARK: Forward pass

    /// Runs the forward pass (eq. 7.24) for the rows of `inputs` (`N × D_i`, N ≤ capacity).
    public func forward(parameters: Tensor, inputs: Tensor) {
        precondition(
            inputs.rank == 2 && inputs.shape[1] == architecture.inputs,
            "inputs of shape \(inputs.shape) for a network with \(architecture.inputs) inputs")
        precondition(
            inputs.shape[0] <= capacity, "batch of \(inputs.shape[0]) exceeds the workspace capacity \(capacity)")
        precondition(
            parameters.count == architecture.parameterCount,
            "\(parameters.count) parameters for \(architecture.parameterCount)")
        let n = inputs.shape[0]
        batchSize = n
        inputs.withUnsafeBufferPointer { x in
            if n > 0 { h[0].update(from: x.baseAddress!, count: x.count) }
        }
        parameters.withUnsafeBufferPointer { p in
            let theta = p.baseAddress!
            for (k, layer) in layers.enumerated() {
                // F_k = H_k Ω_kᵀ, then + β_k on every row, then H_{k+1} = a[F_k]: in the product's epilogue
                // for the piecewise-linear activations, in a second pass for the others.
                let hk = StridedMatrix(UnsafePointer(h[k]), rows: n, columns: layer.inputs)
                let omegaT = StridedMatrix(
                    theta + layer.weightOffset, rows: layer.inputs, columns: layer.outputs, transposed: true)
                if let activation = layer.activation.epilogueActivation {
                    gemm(
                        hk, omegaT, into: f[k], ldc: layer.outputs, accumulate: false,
                        epilogue: .biasActivation(
                            bias: theta + layer.biasOffset, activation: activation, h: h[k + 1], ldh: layer.outputs))
                } else {
                    gemm(hk, omegaT, into: f[k], ldc: layer.outputs, accumulate: false)
                    layer.activation.addBiasAndApply(
                        f[k], bias: theta + layer.biasOffset, rows: n, columns: layer.outputs, into: h[k + 1])
                }
            }
        }
    }

    // MARK: Backward pass

    /// Runs the backward pass (eq. 7.25) from ∂ℓ/∂h_{K+1} (left in place by a loss's gradient, or by
    /// ``setOutputGradient(_:)``) and writes ∂ℓ/∂θ into `gradient` in the flat parameter order.
    ///
    /// For k = K … 0:
    ///
    ///     ∂ℓ/∂f_k = a′[f_k] ⊙ ∂ℓ/∂h_{k+1}
    ///     ∂ℓ/∂β_k = Σ_points ∂ℓ/∂f_k,    ∂ℓ/∂Ω_k = Σ_points ∂ℓ/∂f_k h_kᵀ
    ///     ∂ℓ/∂h_k = Ω_kᵀ ∂ℓ/∂f_k   (for k = 0 only when `inputGradient` is true)
    ///
    /// - Parameters:
    ///   - parameters: the parameters of the last forward pass.
    ///   - gradient: receives ∂ℓ/∂θ, `parameterCount` values (overwritten).
    ///   - inputGradient: also compute ∂ℓ/∂x = ∂ℓ/∂h_0.
    public func backward(parameters: Tensor, gradient: inout Tensor, inputGradient: Bool = false) {
        precondition(
            gradient.count == architecture.parameterCount,
            "gradient of \(gradient.count) for \(architecture.parameterCount) parameters")
        let n = batchSize
        parameters.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in
                let theta = p.baseAddress!, dTheta = g.baseAddress!
                // Whether ∂ℓ/∂f_k and ∂ℓ/∂β_k are already written, by the epilogue of the product above.
                var derivativeDone = false
                for k in stride(from: lastLayer, through: 0, by: -1) {
                    let layer = layers[k]
                    if !derivativeDone {
                        layer.activation.backpropagate(
                            dh[k + 1], f: f[k], h: h[k + 1], rows: n, columns: layer.outputs, into: df[k],
                            biasGradient: dTheta + layer.biasOffset)
                    }
                    gemm(
                        StridedMatrix(UnsafePointer(df[k]), rows: layer.outputs, columns: n, transposed: true),
                        StridedMatrix(UnsafePointer(h[k]), rows: n, columns: layer.inputs),
                        into: dTheta + layer.weightOffset, ldc: layer.inputs, accumulate: false)
                    derivativeDone = false
                    guard k > 0 || inputGradient else { continue }
                    // ∂ℓ/∂h_k = Ω_kᵀ ∂ℓ/∂f_k, and for a piecewise-linear activation below, ∂ℓ/∂f_{k−1} and
                    // ∂ℓ/∂β_{k−1} in the same product's epilogue.
                    let dfk = StridedMatrix(UnsafePointer(df[k]), rows: n, columns: layer.outputs)
                    let omega = StridedMatrix(theta + layer.weightOffset, rows: layer.outputs, columns: layer.inputs)
                    if k > 0, let activation = layers[k - 1].activation.epilogueDerivative {
                        let below = layers[k - 1]
                        (dTheta + below.biasOffset).update(repeating: 0, count: below.outputs)
                        gemm(
                            dfk, omega, into: dh[k], ldc: layer.inputs, accumulate: false,
                            epilogue: .derivative(
                                f: UnsafePointer(f[k - 1]), ldf: below.outputs, activation: activation, d: df[k - 1],
                                ldd: below.outputs, columnSums: dTheta + below.biasOffset))
                        derivativeDone = true
                    } else {
                        gemm(dfk, omega, into: dh[k], ldc: layer.inputs, accumulate: false)
                    }
                }
            }
        }
    }

    /// Sets ∂ℓ/∂h_{K+1}, the gradient of the loss with respect to the network's outputs (`N × D_o`).
    public func setOutputGradient(_ gradient: Tensor) {
        precondition(
            gradient.count == batchSize * architecture.outputs,
            "output gradient of shape \(gradient.shape) for \(batchSize)×\(architecture.outputs)")
        gradient.withUnsafeBufferPointer { g in
            if g.count > 0 { dh[lastLayer + 1].update(from: g.baseAddress!, count: g.count) }
        }
    }

    // MARK: Loss
    //
    // The calls that take `inputs` run the forward pass themselves; those named `…OfLastForwardPass` use
    // the one already in the workspace.

    /// Forward pass and loss: the loss of `parameters` on the rows of `inputs` against `targets`, without
    /// gradient.
    public func loss(parameters: Tensor, inputs: Tensor, targets: Tensor, loss: Loss) -> Double {
        forward(parameters: parameters, inputs: inputs)
        return lossOfLastForwardPass(loss, targets: targets)
    }

    /// Forward pass, loss and backward pass: returns the loss of `parameters` on the rows of `inputs`
    /// and writes ∂loss/∂θ into `gradient`.
    ///
    /// The closure an optimizer calls is usually just this.
    public func lossAndGradient(
        parameters: Tensor, inputs: Tensor, targets: Tensor, loss: Loss, gradient: inout Tensor,
        inputGradient: Bool = false
    ) -> Double {
        forward(parameters: parameters, inputs: inputs)
        return lossAndGradientOfLastForwardPass(
            parameters: parameters, targets: targets, loss: loss, gradient: &gradient, inputGradient: inputGradient)
    }

    /// The loss of the last forward pass against `targets`, without gradient (no pass is run).
    public func lossOfLastForwardPass(_ loss: Loss, targets: Tensor) -> Double {
        targets.withUnsafeBufferPointer { t in
            loss.value(outputs: h[lastLayer + 1], targets: t, count: batchSize, width: architecture.outputs)
        }
    }

    /// Loss and backward pass for the forward pass already in the workspace, which must have been run at
    /// these `parameters`: returns the loss and writes ∂loss/∂θ into `gradient`.
    ///
    /// Lets a caller that has just evaluated the loss at the current parameters skip a second, identical
    /// forward pass.
    public func lossAndGradientOfLastForwardPass(
        parameters: Tensor, targets: Tensor, loss: Loss, gradient: inout Tensor, inputGradient: Bool = false
    ) -> Double {
        let value = targets.withUnsafeBufferPointer { t in
            loss.valueAndGradient(
                outputs: h[lastLayer + 1], targets: t, count: batchSize, width: architecture.outputs,
                gradient: dh[lastLayer + 1])
        }
        backward(parameters: parameters, gradient: &gradient, inputGradient: inputGradient)
        return value
    }

    // MARK: Inspection (copies)

    private func matrix(_ pointer: UnsafeMutablePointer<Double>, width: Int) -> Tensor {
        Tensor(
            shape: [batchSize, width], scalars: Array(UnsafeBufferPointer(start: pointer, count: batchSize * width)))
    }

    /// The network's outputs h_{K+1} of the last forward pass (`N × D_o`).
    public var output: Tensor { matrix(h[lastLayer + 1], width: architecture.outputs) }

    /// f_k, the pre-activations of layer k (`N × D_{k+1}`), k = 0 … K.
    public func preActivations(_ k: Int) -> Tensor { matrix(f[k], width: layers[k].outputs) }

    /// h_k, the activations entering layer k (`N × D_k`): h_0 is the input, h_{K+1} the output.
    public func activations(_ k: Int) -> Tensor {
        matrix(h[k], width: architecture.widths[Swift.min(k, lastLayer + 1)])
    }

    /// ∂ℓ/∂f_k of the last backward pass (`N × D_{k+1}`), k = 0 … K.
    public func preActivationGradients(_ k: Int) -> Tensor { matrix(df[k], width: layers[k].outputs) }

    /// ∂ℓ/∂h_k of the last backward pass (`N × D_k`), k = 0 … K+1 (k = 0 needs `inputGradient`).
    public func activationGradients(_ k: Int) -> Tensor {
        matrix(dh[k], width: architecture.widths[Swift.min(k, lastLayer + 1)])
    }
}
