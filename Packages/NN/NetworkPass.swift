import Tensor

/// The floating-point type a network's forward and backward passes compute in.
public enum Precision: String, Sendable, CaseIterable {
    /// Float64, the default.
    case float64
    /// Float32 passes (vectors of twice as many lanes), with the parameters, their gradient and the loss
    /// handed over in Float64: an optimizer keeps Float64 master weights.
    case float32
}

/// An element type a network's passes run in: Float64, or Float32.
protocol NetworkScalar: GemmScalar {
    /// `f[i, j] += β[j]`, then `h[i, j] = a[f[i, j]]` (UDL eq. 7.24 after the product).
    static func addBiasAndApply(
        _ activation: Activation, _ f: UnsafeMutablePointer<Self>, bias: UnsafePointer<Self>, rows: Int,
        columns: Int, into h: UnsafeMutablePointer<Self>)
    /// `df = a′[f] ⊙ dh` and `∂ℓ/∂β[j] += Σ_i df[i, j]` in row order (eq. 7.25).
    static func backpropagate(
        _ activation: Activation, _ dh: UnsafePointer<Self>, f: UnsafePointer<Self>, h: UnsafePointer<Self>,
        rows: Int, columns: Int, into df: UnsafeMutablePointer<Self>, addingTo biasGradient: UnsafeMutablePointer<Self>)
}

extension Double: NetworkScalar {
    static func addBiasAndApply(
        _ activation: Activation, _ f: UnsafeMutablePointer<Double>, bias: UnsafePointer<Double>, rows: Int,
        columns: Int, into h: UnsafeMutablePointer<Double>
    ) {
        activation.addBiasAndApply(f, bias: bias, rows: rows, columns: columns, into: h)
    }

    static func backpropagate(
        _ activation: Activation, _ dh: UnsafePointer<Double>, f: UnsafePointer<Double>, h: UnsafePointer<Double>,
        rows: Int, columns: Int, into df: UnsafeMutablePointer<Double>,
        addingTo biasGradient: UnsafeMutablePointer<Double>
    ) {
        activation.backpropagate(dh, f: f, h: h, rows: rows, columns: columns, into: df, addingTo: biasGradient)
    }
}

extension Float: NetworkScalar {
    // The activations without a Float32 epilogue (sigmoid, tanh, …) are evaluated in Float64 and rounded.
    static func addBiasAndApply(
        _ activation: Activation, _ f: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int,
        columns: Int, into h: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<rows {
            let (row, out) = (f + i * columns, h + i * columns)
            for j in 0..<columns {
                let v = row[j] + bias[j]
                row[j] = v
                out[j] = Float(activation.value(Double(v)))
            }
        }
    }

    static func backpropagate(
        _ activation: Activation, _ dh: UnsafePointer<Float>, f: UnsafePointer<Float>, h: UnsafePointer<Float>,
        rows: Int, columns: Int, into df: UnsafeMutablePointer<Float>,
        addingTo biasGradient: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<rows {
            let offset = i * columns
            for j in 0..<columns {
                let g = dh[offset + j] * Float(activation.derivative(Double(f[offset + j])))
                df[offset + j] = g
                biasGradient[j] += g
            }
        }
    }
}

/// Rows of a Float64 matrix that a pass reads: consecutive rows, or the rows an index list names (a
/// minibatch gathered straight into the pass's buffers, with no copy of its own).
struct SourceRows {
    let base: UnsafePointer<Double>
    let width: Int
    let indices: UnsafeBufferPointer<Int>?

    /// Copies rows `rows` (positions in this list) into `target`, rounding to its element type.
    func copy<Scalar: BinaryFloatingPoint>(_ rows: Range<Int>, into target: UnsafeMutablePointer<Scalar>) {
        for (r, position) in rows.enumerated() {
            let source = base + (indices.map { $0[position] } ?? position) * width
            let out = target + r * width
            if Scalar.self == Double.self {
                UnsafeMutableRawPointer(out).assumingMemoryBound(to: Double.self).update(from: source, count: width)
            } else {
                for j in 0..<width { out[j] = Scalar(source[j]) }
            }
        }
    }

    /// The rows `rows` as one contiguous block, copied into `scratch` only when they are gathered.
    func contiguous(_ rows: Range<Int>, scratch: UnsafeMutablePointer<Double>) -> UnsafePointer<Double> {
        guard indices != nil else { return base + rows.lowerBound * width }
        copy(rows, into: scratch)
        return UnsafePointer(scratch)
    }
}

/// The buffers and the blocked forward and backward passes of a network in one element type; what
/// ``NetworkWorkspace`` runs.
///
/// A batch is processed in blocks of ``blockRows`` points: each block's forward pass, loss gradient and
/// backward pass run one after the other, so its activations of every layer are still in the level-2
/// cache when the backward pass reads them. Weight gradients are summed across blocks in the order one
/// product over the whole batch sums them (``GemmAccumulation/continue`` within each 256 points), bias
/// gradients row after row, and the loss term after term, so the result does not depend on the block
/// size, bit for bit.
final class NetworkPass<Scalar: NetworkScalar> {
    let architecture: Architecture
    let capacity: Int
    /// The points of one block: a power of two that divides 256 (the products' depth block), or the
    /// capacity when that is smaller.
    let blockRows: Int
    /// Whether the buffers hold every point of the batch (else one block, and only the outputs whole).
    let retainsAll: Bool
    private(set) var batchSize = 0

    private let storage: UnsafeMutablePointer<Scalar>
    private var f: [UnsafeMutablePointer<Scalar>] = []
    private var h: [UnsafeMutablePointer<Scalar>] = []
    private var df: [UnsafeMutablePointer<Scalar>] = []
    private var dh: [UnsafeMutablePointer<Scalar>] = []
    /// Ω_kᵀ of every layer (at Ω_k's offsets), so the forward products read B row by row in place.
    private let transposedWeights: UnsafeMutablePointer<Scalar>
    /// Float32: the parameters and the gradient in the pass's type (Float64 uses the caller's).
    private let parameters32: UnsafeMutablePointer<Scalar>?
    private let gradient32: UnsafeMutablePointer<Scalar>?
    /// The weight gradients of the current 256 points, when they are not the first 256.
    private let partialGradient: UnsafeMutablePointer<Scalar>
    /// One block of targets (gathered rows) and, in Float32, of outputs and loss gradient in Float64.
    private let blockTargets: UnsafeMutablePointer<Double>
    private let blockOutputs: UnsafeMutablePointer<Double>
    private let blockOutputGradient: UnsafeMutablePointer<Double>

    private let layers: [Layer]
    private let parameterCount: Int
    private var lastLayer: Int { layers.count - 1 }

    /// The block size for `architecture`: the largest power of two up to 256 whose buffers of every
    /// layer (activations, pre-activations and their gradients) fill at most three quarters of the level-2
    /// cache (the rest holds the weights and the product's packed panels; `make bench` times every size).
    static func blockRows(for architecture: Architecture, cacheBytes: Int = ProcessorCache.level2Bytes) -> Int {
        let widths = architecture.widths
        let perRow = 2 * MemoryLayout<Scalar>.stride * (widths.reduce(0, +) + widths.dropFirst().reduce(0, +) + 1)
        var rows = 256
        while rows > 16 && rows * perRow > cacheBytes / 4 * 3 { rows /= 2 }
        return rows
    }

    init(_ architecture: Architecture, capacity: Int, retainsAll: Bool, blockRows requested: Int?) {
        self.architecture = architecture
        self.capacity = capacity
        layers = architecture.layers
        parameterCount = architecture.parameterCount
        let block = requested ?? Self.blockRows(for: architecture)
        precondition(block > 0 && 256 % block == 0, "block of \(block) rows does not divide 256")
        blockRows = Swift.min(block, capacity)
        self.retainsAll = retainsAll || capacity <= blockRows
        let rows = self.retainsAll ? capacity : blockRows
        let widths = architecture.widths
        let outputs = architecture.outputs
        // h_0 … h_K and their gradients, f_0 … f_K and theirs for `rows` points; h_{K+1} for every point.
        let total = 2 * rows * (widths.reduce(0, +) + widths.dropFirst().reduce(0, +)) + (capacity + rows) * outputs
        storage = .allocate(capacity: total)
        storage.initialize(repeating: 0, count: total)
        var next = storage
        func take(_ count: Int) -> UnsafeMutablePointer<Scalar> {
            defer { next += count }
            return next
        }
        for width in widths { h.append(take(rows * width)) }
        h.append(take(capacity * outputs))
        for width in widths { dh.append(take(rows * width)) }
        dh.append(take(rows * outputs))
        for width in widths.dropFirst() {
            f.append(take(rows * width))
            df.append(take(rows * width))
        }
        let count = architecture.parameterCount
        func buffer<T: BinaryFloatingPoint>(_ count: Int) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(count, 1))
            pointer.initialize(repeating: 0, count: Swift.max(count, 1))
            return pointer
        }
        transposedWeights = buffer(count)
        partialGradient = buffer(count)
        parameters32 = Scalar.self == Double.self ? nil : buffer(count)
        gradient32 = Scalar.self == Double.self ? nil : buffer(count)
        blockTargets = buffer(blockRows * outputs)
        blockOutputs = buffer(blockRows * outputs)
        blockOutputGradient = buffer(blockRows * outputs)
    }

    deinit {
        storage.deallocate()
        for pointer in [transposedWeights, partialGradient, parameters32, gradient32] { pointer?.deallocate() }
        for pointer in [blockTargets, blockOutputs, blockOutputGradient] { pointer.deallocate() }
    }

    // MARK: Parameters

    /// θ in the pass's type (Float64: the caller's own), with every Ω_kᵀ written to `transposedWeights`.
    private func prepare(_ parameters: UnsafePointer<Double>) -> UnsafePointer<Scalar> {
        let theta: UnsafePointer<Scalar>
        if let converted = parameters32 {
            for i in 0..<parameterCount { converted[i] = Scalar(parameters[i]) }
            theta = UnsafePointer(converted)
        } else {
            theta = UnsafeRawPointer(parameters).assumingMemoryBound(to: Scalar.self)
        }
        for layer in layers {
            // Row j of Ω_kᵀ is column j of Ω_k: written in order, read with a stride (Ω_k is in L1).
            let (omega, out) = (theta + layer.weightOffset, transposedWeights + layer.weightOffset)
            let (rows, columns) = (layer.outputs, layer.inputs)
            for j in 0..<columns {
                let target = out + j &* rows
                for i in 0..<rows { target[i] = omega[i &* columns &+ j] }
            }
        }
        return theta
    }

    /// Where ∂ℓ/∂θ is summed: the caller's Float64 gradient, or the Float32 one (zeroed either way).
    private func gradientTarget(_ gradient: UnsafeMutablePointer<Double>) -> UnsafeMutablePointer<Scalar> {
        let target = gradient32 ?? UnsafeMutableRawPointer(gradient).assumingMemoryBound(to: Scalar.self)
        target.update(repeating: 0, count: parameterCount)
        return target
    }

    /// Hands a Float32 gradient back in Float64.
    private func finish(_ gradient: UnsafeMutablePointer<Double>) {
        guard let converted = gradient32 else { return }
        for i in 0..<parameterCount { gradient[i] = Double(converted[i]) }
    }

    // MARK: Blocks

    /// Row `r` of buffer `buffer[k]` (of `width` columns): buffers hold every point, or one block.
    @inline(__always)
    private func row(_ buffer: [UnsafeMutablePointer<Scalar>], _ k: Int, _ r: Int, width: Int)
        -> UnsafeMutablePointer<Scalar>
    {
        buffer[k] + (retainsAll ? r : r % blockRows) * width
    }

    /// The forward pass (eq. 7.24) of points `rows`, whose inputs are already in h_0.
    private func forwardBlock(_ rows: Range<Int>, theta: UnsafePointer<Scalar>) {
        let (r0, n) = (rows.lowerBound, rows.count)
        for (k, layer) in layers.enumerated() {
            // F_k = H_k Ω_kᵀ, then + β_k on every row, then H_{k+1} = a[F_k]: in the product's epilogue
            // for the piecewise-linear activations, in a second pass for the others.
            let hk = StridedMatrix(UnsafePointer(row(h, k, r0, width: layer.inputs)), rows: n, columns: layer.inputs)
            let omegaT = StridedMatrix(
                UnsafePointer(transposedWeights + layer.weightOffset), rows: layer.inputs, columns: layer.outputs)
            let fk = row(f, k, r0, width: layer.outputs)
            let next = k == lastLayer ? h[k + 1] + r0 * layer.outputs : row(h, k + 1, r0, width: layer.outputs)
            if let activation = layer.activation.epilogueActivation {
                gemm(
                    hk, omegaT, into: fk, ldc: layer.outputs, accumulation: .overwrite,
                    epilogue: .biasActivation(
                        bias: theta + layer.biasOffset, activation: activation, h: next, ldh: layer.outputs))
            } else {
                gemm(hk, omegaT, into: fk, ldc: layer.outputs, accumulation: .overwrite)
                Scalar.addBiasAndApply(
                    layer.activation, fk, bias: theta + layer.biasOffset, rows: n, columns: layer.outputs, into: next)
            }
        }
    }

    /// The backward pass (eq. 7.25) of points `rows` of a batch of `count`, from ∂ℓ/∂h_{K+1} of those
    /// points, adding their part of ∂ℓ/∂θ to `gradient`.
    private func backwardBlock(
        _ rows: Range<Int>, of count: Int, theta: UnsafePointer<Scalar>, gradient: UnsafeMutablePointer<Scalar>,
        inputGradient: Bool
    ) {
        let (r0, n) = (rows.lowerBound, rows.count)
        // The weight gradients sum the points 256 at a time, as one product over the batch does: the
        // first 256 straight into the gradient, the later ones in `partialGradient`, added at their end.
        let segmentStart = r0 - r0 % 256
        let segmentEnd = Swift.min(segmentStart + 256, count)
        let accumulation: GemmAccumulation = r0 == segmentStart ? .overwrite : .continue
        // Whether ∂ℓ/∂f_k and ∂ℓ/∂β_k are already written, by the epilogue of the product above.
        var derivativeDone = false
        for k in stride(from: lastLayer, through: 0, by: -1) {
            let layer = layers[k]
            let dfk = row(df, k, r0, width: layer.outputs)
            if !derivativeDone {
                Scalar.backpropagate(
                    layer.activation, UnsafePointer(row(dh, k + 1, r0, width: layer.outputs)),
                    f: UnsafePointer(row(f, k, r0, width: layer.outputs)),
                    h: UnsafePointer(
                        k == lastLayer ? h[k + 1] + r0 * layer.outputs : row(h, k + 1, r0, width: layer.outputs)),
                    rows: n, columns: layer.outputs, into: dfk, addingTo: gradient + layer.biasOffset)
            }
            let weights = layer.inputs * layer.outputs
            let target = segmentStart == 0 ? gradient + layer.weightOffset : partialGradient + layer.weightOffset
            gemm(
                StridedMatrix(UnsafePointer(dfk), rows: layer.outputs, columns: n, transposed: true),
                StridedMatrix(UnsafePointer(row(h, k, r0, width: layer.inputs)), rows: n, columns: layer.inputs),
                into: target, ldc: layer.inputs, accumulation: accumulation)
            if segmentStart > 0 && rows.upperBound == segmentEnd {
                let sum = gradient + layer.weightOffset
                for i in 0..<weights { sum[i] = sum[i] + target[i] }
            }
            derivativeDone = false
            guard k > 0 || inputGradient else { continue }
            // ∂ℓ/∂h_k = Ω_kᵀ ∂ℓ/∂f_k, and for a piecewise-linear activation below, ∂ℓ/∂f_{k−1} and
            // ∂ℓ/∂β_{k−1} in the same product's epilogue.
            let dfMatrix = StridedMatrix(UnsafePointer(dfk), rows: n, columns: layer.outputs)
            let omega = StridedMatrix(theta + layer.weightOffset, rows: layer.outputs, columns: layer.inputs)
            let dhk = row(dh, k, r0, width: layer.inputs)
            if k > 0, let activation = layers[k - 1].activation.epilogueDerivative {
                let below = layers[k - 1]
                gemm(
                    dfMatrix, omega, into: dhk, ldc: layer.inputs, accumulation: .overwrite,
                    epilogue: .derivative(
                        f: UnsafePointer(row(f, k - 1, r0, width: below.outputs)), ldf: below.outputs,
                        activation: activation, d: row(df, k - 1, r0, width: below.outputs), ldd: below.outputs,
                        columnSums: gradient + below.biasOffset))
                derivativeDone = true
            } else {
                gemm(dfMatrix, omega, into: dhk, ldc: layer.inputs, accumulation: .overwrite)
            }
        }
    }

    /// Adds the loss terms of points `rows` to `total` and writes their ∂ℓ/∂h_{K+1} (when `gradient`).
    private func lossBlock(
        _ rows: Range<Int>, of count: Int, targets: SourceRows, loss: Loss, gradient: Bool, total: inout Double
    ) {
        let width = architecture.outputs
        let outputs = h[lastLayer + 1] + rows.lowerBound * width
        let y = targets.contiguous(rows, scratch: blockTargets)
        let values = rows.count * width
        if Scalar.self == Double.self {
            let f = UnsafeRawPointer(outputs).assumingMemoryBound(to: Double.self)
            let g = UnsafeMutableRawPointer(row(dh, lastLayer + 1, rows.lowerBound, width: width))
                .assumingMemoryBound(to: Double.self)
            loss.addTerms(
                outputs: f, targets: y, points: rows, of: count, width: width, gradient: gradient ? g : nil, to: &total)
        } else {
            for i in 0..<values { blockOutputs[i] = Double(outputs[i]) }
            loss.addTerms(
                outputs: blockOutputs, targets: y, points: rows, of: count, width: width,
                gradient: gradient ? blockOutputGradient : nil, to: &total)
            if gradient {
                let g = row(dh, lastLayer + 1, rows.lowerBound, width: width)
                for i in 0..<values { g[i] = Scalar(blockOutputGradient[i]) }
            }
        }
    }

    /// The blocks of a batch of `count` points, in order.
    private func blocks(_ count: Int) -> LazyMapSequence<StrideTo<Int>, Range<Int>> {
        stride(from: 0, to: count, by: blockRows).lazy.map { $0..<Swift.min($0 + self.blockRows, count) }
    }

    // MARK: Passes

    /// The forward pass of `inputs` (`count` rows), block by block, with the loss against `targets` when
    /// given, and with `gradient` also the loss gradient and the backward pass, which write ∂loss/∂θ.
    func run(
        parameters: UnsafePointer<Double>, inputs: SourceRows, count: Int, targets: SourceRows?, loss: Loss,
        gradient: UnsafeMutablePointer<Double>?, inputGradient: Bool
    ) -> Double {
        precondition(count <= capacity, "batch of \(count) exceeds the workspace capacity \(capacity)")
        precondition(!inputGradient || retainsAll, "∂ℓ/∂x needs a workspace that keeps every point")
        batchSize = count
        let theta = prepare(parameters)
        let sums = gradient.map { gradientTarget($0) }
        var total = 0.0
        for rows in blocks(count) {
            inputs.copy(rows, into: row(h, 0, rows.lowerBound, width: architecture.inputs))
            forwardBlock(rows, theta: theta)
            guard let targets else { continue }
            lossBlock(rows, of: count, targets: targets, loss: loss, gradient: sums != nil, total: &total)
            if let sums {
                backwardBlock(rows, of: count, theta: theta, gradient: sums, inputGradient: inputGradient)
            }
        }
        if let gradient { finish(gradient) }
        return loss.reduce(total, count: count, width: architecture.outputs)
    }

    /// The loss of the last forward pass against `targets`, and (when `gradient`) its ∂ℓ/∂h_{K+1}.
    func lossOfLastForwardPass(_ loss: Loss, targets: SourceRows, gradient: Bool) -> Double {
        var total = 0.0
        for rows in blocks(batchSize) {
            lossBlock(rows, of: batchSize, targets: targets, loss: loss, gradient: gradient, total: &total)
        }
        return loss.reduce(total, count: batchSize, width: architecture.outputs)
    }

    /// The backward pass of the last forward pass from the ∂ℓ/∂h_{K+1} in place (every point kept).
    func backward(parameters: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>, inputGradient: Bool) {
        let theta = prepare(parameters)
        let sums = gradientTarget(gradient)
        for rows in blocks(batchSize) {
            backwardBlock(rows, of: batchSize, theta: theta, gradient: sums, inputGradient: inputGradient)
        }
        finish(gradient)
    }

    /// Sets ∂ℓ/∂h_{K+1} of every point (every point kept).
    func setOutputGradient(_ values: UnsafeBufferPointer<Double>) {
        let g = dh[lastLayer + 1]
        for i in 0..<values.count { g[i] = Scalar(values[i]) }
    }

    // MARK: Inspection

    /// Buffer `which[k]` of the last pass, `width` columns, every point, in Float64.
    func matrix(_ which: NetworkPassBuffer, _ k: Int, width: Int) -> Tensor {
        let pointer: UnsafeMutablePointer<Scalar>
        switch which {
        case .f: pointer = f[k]
        case .h: pointer = h[k]
        case .df: pointer = df[k]
        case .dh: pointer = dh[k]
        }
        return Tensor(shape: [batchSize, width], scalars: (0..<(batchSize * width)).map { Double(pointer[$0]) })
    }
}

/// The buffers a workspace can show: pre-activations, activations and their gradients.
enum NetworkPassBuffer {
    case f, h, df, dh
}
