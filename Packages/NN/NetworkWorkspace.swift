import Tensor

/// Preallocated buffers for the forward pass (UDL eq. 7.24) and the backward pass (eq. 7.25) of a network
/// over batches of up to `capacity` points; after construction nothing is allocated.
///
/// A batch is a matrix with one point per row, so in batch form the forward pass reads
/// `F_k = H_k Ω_kᵀ + 𝟙β_kᵀ`, `H_{k+1} = a[F_k]`: row i is the book's column vector f_k for point x_i.
/// By default the workspace keeps every f_k and h_k of the last forward pass, and every ∂ℓ/∂f_k and
/// ∂ℓ/∂h_k of the last backward pass, for inspection (``preActivations(_:)`` and friends).
///
/// The passes run over blocks of points small enough that a block's values of every layer stay in the
/// level-2 cache (``blockRows``): ``lossAndGradient(parameters:inputs:targets:loss:gradient:inputGradient:)``
/// runs each block's forward pass, loss gradient and backward pass in turn. A workspace made with
/// `keepsIntermediates: false` (a trainer's) holds one block's buffers and the outputs of every point,
/// so that nothing leaves the cache. The results do not depend on the block size, bit for bit.
///
/// In ``Precision/float32`` the passes compute in Float32; parameters, gradients, losses and the values
/// shown are Float64 at the interface.
///
/// Index convention: `h_0` is the input, `f_k` the output of layer k (k = 0 … K), `h_{k+1} = a[f_k]`, and
/// `h_{K+1}` the network's output (equal to f_K when the last activation is the identity).
public final class NetworkWorkspace {
    /// The architecture the buffers were sized for.
    public let architecture: Architecture
    /// The largest batch the workspace holds.
    public let capacity: Int
    /// The type the passes compute in.
    public let precision: Precision
    /// Whether every point's intermediate values of the last passes are kept (else only the outputs).
    public var keepsIntermediates: Bool { pass.retainsAll }
    /// The points of one block of the passes.
    public var blockRows: Int { pass.blockRows }
    /// The number of points of the last forward pass.
    public var batchSize: Int { pass.batchSize }

    private let pass: NetworkPassing

    /// Buffers for batches of up to `capacity` points.
    ///
    /// - Parameters:
    ///   - precision: the type the passes compute in.
    ///   - keepsIntermediates: keep every point's f_k, h_k and their gradients (for inspection, and for
    ///     ``backward(parameters:gradient:inputGradient:)`` after a separate ``forward(parameters:inputs:)``);
    ///     false keeps one block and the outputs, which is faster on large batches.
    public convenience init(
        _ architecture: Architecture, capacity: Int, precision: Precision = .float64, keepsIntermediates: Bool = true
    ) {
        self.init(
            architecture, capacity: capacity, precision: precision, keepsIntermediates: keepsIntermediates,
            blockRows: nil)
    }

    /// A workspace with blocks of `blockRows` points (a divisor of 256; nil: chosen from the cache size).
    package init(
        _ architecture: Architecture, capacity: Int, precision: Precision, keepsIntermediates: Bool, blockRows: Int?
    ) {
        precondition(capacity > 0, "workspace capacity must be positive")
        self.architecture = architecture
        self.capacity = capacity
        self.precision = precision
        switch precision {
        case .float64:
            pass = .float64(
                NetworkPass(architecture, capacity: capacity, retainsAll: keepsIntermediates, blockRows: blockRows))
        case .float32:
            pass = .float32(
                NetworkPass(architecture, capacity: capacity, retainsAll: keepsIntermediates, blockRows: blockRows))
        }
    }

    private var layers: [Layer] { architecture.layers }
    private var lastLayer: Int { layers.count - 1 }

    private func checkInputs(_ inputs: Tensor, rows: Int) {
        precondition(
            inputs.rank == 2 && inputs.shape[1] == architecture.inputs,
            "inputs of shape \(inputs.shape) for a network with \(architecture.inputs) inputs")
        precondition(rows <= capacity, "batch of \(rows) exceeds the workspace capacity \(capacity)")
    }

    private func checkParameters(_ parameters: Tensor) {
        precondition(
            parameters.count == architecture.parameterCount,
            "\(parameters.count) parameters for \(architecture.parameterCount)")
    }

    private func checkKept(_ what: String) {
        precondition(
            pass.retainsAll, "\(what) needs a workspace that keeps intermediate values (keepsIntermediates: true)")
    }

    // MARK: Forward pass

    /// Runs the forward pass (eq. 7.24) for the rows of `inputs` (`N × D_i`, N ≤ capacity).
    public func forward(parameters: Tensor, inputs: Tensor) {
        _ = run(parameters: parameters, inputs: inputs, rows: nil, targets: nil, loss: .mse)
    }

    /// The forward pass of the rows `rows` of `inputs` (all when nil), read straight from `inputs`, the loss
    /// against the same rows of `targets` when given, and with `gradient` the backward pass too.
    private func run(
        parameters: Tensor, inputs: Tensor, rows: ArraySlice<Int>?, targets: Tensor?, loss: Loss,
        gradient: UnsafeMutablePointer<Double>? = nil, inputGradient: Bool = false
    ) -> Double {
        let count = rows?.count ?? inputs.shape[0]
        checkInputs(inputs, rows: count)
        checkParameters(parameters)
        let targetWidth = loss.targetWidth(outputs: architecture.outputs)
        return parameters.withUnsafeBufferPointer { p in
            inputs.withUnsafeBufferPointer { x in
                withTargets(targets, loss: loss, count: inputs.shape[0]) { y in
                    withRows(rows, of: inputs) { indices in
                        pass.run(
                            parameters: p.baseAddress!,
                            inputs: SourceRows(base: x.baseAddress!, width: architecture.inputs, indices: indices),
                            count: count, targets: y.map { SourceRows(base: $0, width: targetWidth, indices: indices) },
                            loss: loss, gradient: gradient, inputGradient: inputGradient)
                    }
                }
            }
        }
    }

    /// `body` with the targets' storage (nil without targets), after checking that there is a row of
    /// them for each of the `count` rows read.
    private func withTargets<R>(
        _ targets: Tensor?, loss: Loss, count: Int, _ body: (UnsafePointer<Double>?) -> R
    ) -> R {
        guard let targets else { return body(nil) }
        let width = loss.targetWidth(outputs: architecture.outputs)
        precondition(targets.count == count * width, "\(targets.count) targets for \(count) points × \(width)")
        return targets.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 8)!) }
    }

    /// `body` with the row indices' storage (nil: every row), after checking them against `inputs`.
    private func withRows<R>(_ rows: ArraySlice<Int>?, of inputs: Tensor, _ body: (UnsafeBufferPointer<Int>?) -> R)
        -> R
    {
        guard let rows else { return body(nil) }
        precondition(
            rows.allSatisfy { $0 >= 0 && $0 < inputs.shape[0] }, "row index outside the \(inputs.shape[0]) rows")
        return rows.withUnsafeBufferPointer { body($0) }
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
    /// Needs a workspace that keeps intermediate values (or a batch of at most one block).
    ///
    /// - Parameters:
    ///   - parameters: the parameters of the last forward pass.
    ///   - gradient: receives ∂ℓ/∂θ, `parameterCount` values (overwritten).
    ///   - inputGradient: also compute ∂ℓ/∂x = ∂ℓ/∂h_0.
    public func backward(parameters: Tensor, gradient: inout Tensor, inputGradient: Bool = false) {
        checkKept("backward after forward")
        checkParameters(parameters)
        precondition(
            gradient.count == architecture.parameterCount,
            "gradient of \(gradient.count) for \(architecture.parameterCount) parameters")
        parameters.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in
                pass.backward(parameters: p.baseAddress!, gradient: g.baseAddress!, inputGradient: inputGradient)
            }
        }
    }

    /// Sets ∂ℓ/∂h_{K+1}, the gradient of the loss with respect to the network's outputs (`N × D_o`).
    public func setOutputGradient(_ gradient: Tensor) {
        checkKept("setOutputGradient")
        precondition(
            gradient.count == batchSize * architecture.outputs,
            "output gradient of shape \(gradient.shape) for \(batchSize)×\(architecture.outputs)")
        gradient.withUnsafeBufferPointer { pass.setOutputGradient($0) }
    }

    // MARK: Loss
    //
    // The calls that take `inputs` run the forward pass themselves; those named `…OfLastForwardPass` use
    // the one already in the workspace.

    /// Forward pass and loss: the loss of `parameters` on the rows of `inputs` against `targets`, without
    /// gradient.
    public func loss(parameters: Tensor, inputs: Tensor, targets: Tensor, loss: Loss) -> Double {
        run(parameters: parameters, inputs: inputs, rows: nil, targets: targets, loss: loss)
    }

    /// Forward pass, loss and backward pass, block by block: returns the loss of `parameters` on the rows
    /// of `inputs` and writes ∂loss/∂θ into `gradient`.
    ///
    /// The closure an optimizer calls is usually just this.
    public func lossAndGradient(
        parameters: Tensor, inputs: Tensor, targets: Tensor, loss: Loss, gradient: inout Tensor,
        inputGradient: Bool = false
    ) -> Double {
        lossAndGradient(
            parameters: parameters, inputs: inputs, targets: targets, rows: nil, loss: loss, gradient: &gradient,
            inputGradient: inputGradient)
    }

    /// ``lossAndGradient(parameters:inputs:targets:loss:gradient:inputGradient:)`` on the rows `rows` of
    /// `inputs` and `targets` (a minibatch), read straight into the workspace's buffers.
    public func lossAndGradient(
        parameters: Tensor, inputs: Tensor, targets: Tensor, rows: ArraySlice<Int>?, loss: Loss,
        gradient: inout Tensor, inputGradient: Bool = false
    ) -> Double {
        precondition(
            gradient.count == architecture.parameterCount,
            "gradient of \(gradient.count) for \(architecture.parameterCount) parameters")
        if inputGradient { checkKept("∂ℓ/∂x") }
        return gradient.withUnsafeMutableBufferPointer { g in
            run(
                parameters: parameters, inputs: inputs, rows: rows, targets: targets, loss: loss,
                gradient: g.baseAddress!,
                inputGradient: inputGradient)
        }
    }

    /// The loss of the last forward pass against `targets`, without gradient (no pass is run).
    public func lossOfLastForwardPass(_ loss: Loss, targets: Tensor) -> Double {
        withTargets(targets, loss: loss, count: batchSize) { y in
            pass.lossOfLastForwardPass(
                loss,
                targets: SourceRows(base: y!, width: loss.targetWidth(outputs: architecture.outputs), indices: nil),
                gradient: false)
        }
    }

    /// Loss and backward pass for the forward pass already in the workspace, which must have been run at
    /// these `parameters`: returns the loss and writes ∂loss/∂θ into `gradient`.
    ///
    /// Lets a caller that has just evaluated the loss at the current parameters skip a second, identical
    /// forward pass. Needs a workspace that keeps intermediate values.
    public func lossAndGradientOfLastForwardPass(
        parameters: Tensor, targets: Tensor, loss: Loss, gradient: inout Tensor, inputGradient: Bool = false
    ) -> Double {
        checkKept("lossAndGradientOfLastForwardPass")
        let value = withTargets(targets, loss: loss, count: batchSize) { y in
            pass.lossOfLastForwardPass(
                loss,
                targets: SourceRows(base: y!, width: loss.targetWidth(outputs: architecture.outputs), indices: nil),
                gradient: true)
        }
        backward(parameters: parameters, gradient: &gradient, inputGradient: inputGradient)
        return value
    }

    // MARK: Inspection (copies)

    /// The network's outputs h_{K+1} of the last forward pass (`N × D_o`).
    public var output: Tensor { pass.matrix(.h, lastLayer + 1, width: architecture.outputs) }

    /// f_k, the pre-activations of layer k (`N × D_{k+1}`), k = 0 … K.
    public func preActivations(_ k: Int) -> Tensor {
        checkKept("preActivations")
        return pass.matrix(.f, k, width: layers[k].outputs)
    }

    /// h_k, the activations entering layer k (`N × D_k`): h_0 is the input, h_{K+1} the output.
    public func activations(_ k: Int) -> Tensor {
        if k <= lastLayer { checkKept("activations") }
        return pass.matrix(.h, k, width: architecture.widths[Swift.min(k, lastLayer + 1)])
    }

    /// ∂ℓ/∂f_k of the last backward pass (`N × D_{k+1}`), k = 0 … K.
    public func preActivationGradients(_ k: Int) -> Tensor {
        checkKept("preActivationGradients")
        return pass.matrix(.df, k, width: layers[k].outputs)
    }

    /// ∂ℓ/∂h_k of the last backward pass (`N × D_k`), k = 0 … K+1 (k = 0 needs `inputGradient`).
    public func activationGradients(_ k: Int) -> Tensor {
        checkKept("activationGradients")
        return pass.matrix(.dh, k, width: architecture.widths[Swift.min(k, lastLayer + 1)])
    }
}

/// ``NetworkPass`` of either element type, as ``NetworkWorkspace`` holds it: each call goes to the pass
/// of the concrete type, so that its generic code is specialised for it.
enum NetworkPassing {
    case float64(NetworkPass<Double>)
    case float32(NetworkPass<Float>)

    var retainsAll: Bool {
        switch self {
        case let .float64(pass): return pass.retainsAll
        case let .float32(pass): return pass.retainsAll
        }
    }

    var blockRows: Int {
        switch self {
        case let .float64(pass): return pass.blockRows
        case let .float32(pass): return pass.blockRows
        }
    }

    var batchSize: Int {
        switch self {
        case let .float64(pass): return pass.batchSize
        case let .float32(pass): return pass.batchSize
        }
    }

    func run(
        parameters: UnsafePointer<Double>, inputs: SourceRows, count: Int, targets: SourceRows?, loss: Loss,
        gradient: UnsafeMutablePointer<Double>?, inputGradient: Bool
    ) -> Double {
        switch self {
        case let .float64(pass):
            return pass.run(
                parameters: parameters, inputs: inputs, count: count, targets: targets, loss: loss, gradient: gradient,
                inputGradient: inputGradient)
        case let .float32(pass):
            return pass.run(
                parameters: parameters, inputs: inputs, count: count, targets: targets, loss: loss, gradient: gradient,
                inputGradient: inputGradient)
        }
    }

    func lossOfLastForwardPass(_ loss: Loss, targets: SourceRows, gradient: Bool) -> Double {
        switch self {
        case let .float64(pass): return pass.lossOfLastForwardPass(loss, targets: targets, gradient: gradient)
        case let .float32(pass): return pass.lossOfLastForwardPass(loss, targets: targets, gradient: gradient)
        }
    }

    func backward(parameters: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>, inputGradient: Bool) {
        switch self {
        case let .float64(pass): pass.backward(parameters: parameters, gradient: gradient, inputGradient: inputGradient)
        case let .float32(pass): pass.backward(parameters: parameters, gradient: gradient, inputGradient: inputGradient)
        }
    }

    func setOutputGradient(_ values: UnsafeBufferPointer<Double>) {
        switch self {
        case let .float64(pass): pass.setOutputGradient(values)
        case let .float32(pass): pass.setOutputGradient(values)
        }
    }

    func matrix(_ which: NetworkPassBuffer, _ k: Int, width: Int) -> Tensor {
        switch self {
        case let .float64(pass): return pass.matrix(which, k, width: width)
        case let .float32(pass): return pass.matrix(which, k, width: width)
        }
    }
}
