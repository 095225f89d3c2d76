import NN
import Tensor
import TestSupport
import Testing

/// The blocked passes of `NetworkWorkspace`: bit for bit the whole-batch products whatever the block size
/// (against the passes written here with one `matmul` per layer over the whole batch, the order the
/// workspace computed in before it had blocks), minibatch rows read in place equal to copied rows, and
/// the Float32 passes against Float64 to Float32 precision.
@Suite struct BlockedPassTests {
    static let architecture = Architecture(inputs: 2, hidden: [50, 50, 50], activation: .relu, outputs: 1)
    static let network = Network(architecture, initializer: .pytorchDefault, seed: 0)
    /// 700 points: blocks of every size end inside a 256-point depth block, and the last block is short.
    static let data: (x: Tensor, y: Tensor) = {
        var random = RandomState(seed: 3)
        return (random.uniform(shape: [700, 2], low: -3, high: 3), random.normal(shape: [700, 1]))
    }()

    /// Loss and gradient of the mean squared error with one product per layer over the whole batch.
    static func wholeBatch(_ network: Network, _ x: Tensor, _ y: Tensor) -> (Double, [Double]) {
        let layers = network.architecture.layers
        let theta = network.parameters.scalars
        let n = x.shape[0]
        var h = [x], f: [Tensor] = []
        for (k, layer) in layers.enumerated() {
            var fk = matmul(h[k], network.weights(ofLayer: k), transposeB: true)
            var out = fk
            for i in 0..<n {
                for j in 0..<layer.outputs {
                    let v = fk[i, j] + theta[layer.biasOffset + j]
                    fk[i, j] = v
                    out[i, j] = k == layers.count - 1 ? v : (v > 0 ? v : 0)
                }
            }
            f.append(fk)
            h.append(out)
        }
        var loss = 0.0
        var dh = Tensor.zeros([n, 1])
        for i in 0..<n {
            let r = h[layers.count][i, 0] - y[i, 0]
            loss += r * r
            dh[i, 0] = 2 * (1 / Double(n)) * r
        }
        var gradient = [Double](repeating: 0, count: theta.count)
        for k in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[k]
            var df = dh
            for i in 0..<n {
                for j in 0..<layer.outputs {
                    df[i, j] = k == layers.count - 1 ? dh[i, j] : dh[i, j] * (f[k][i, j] > 0 ? 1 : 0)
                    gradient[layer.biasOffset + j] += df[i, j]
                }
            }
            let dOmega = matmul(df, h[k], transposeA: true)
            for i in 0..<(layer.inputs * layer.outputs) { gradient[layer.weightOffset + i] = dOmega.scalars[i] }
            dh = matmul(df, network.weights(ofLayer: k))
        }
        return (loss / Double(n), gradient)
    }

    @Test(arguments: [16, 32, 64, 128, 256])
    func everyBlockSizeGivesTheWholeBatchResultBitForBit(blockRows: Int) {
        let (loss, gradient) = Self.wholeBatch(Self.network, Self.data.x, Self.data.y)
        for keeps in [true, false] {
            let workspace = NetworkWorkspace(
                Self.architecture, capacity: 700, precision: .float64, keepsIntermediates: keeps, blockRows: blockRows)
            var g = Tensor.zeros([Self.architecture.parameterCount])
            let value = workspace.lossAndGradient(
                parameters: Self.network.parameters, inputs: Self.data.x, targets: Self.data.y, loss: .mse, gradient: &g
            )
            #expect(value == loss, "block \(blockRows), keeps \(keeps)")
            #expect(g.scalars == gradient, "block \(blockRows), keeps \(keeps)")
            // The forward pass alone, and its loss, agree too.
            #expect(
                workspace.loss(
                    parameters: Self.network.parameters, inputs: Self.data.x, targets: Self.data.y, loss: .mse)
                    == loss)
        }
        // A kept forward pass followed by the backward pass is the same computation again.
        let kept = NetworkWorkspace(
            Self.architecture, capacity: 700, precision: .float64, keepsIntermediates: true, blockRows: blockRows)
        kept.forward(parameters: Self.network.parameters, inputs: Self.data.x)
        var g = Tensor.zeros([Self.architecture.parameterCount])
        let value = kept.lossAndGradientOfLastForwardPass(
            parameters: Self.network.parameters, targets: Self.data.y, loss: .mse, gradient: &g)
        #expect(value == loss && g.scalars == gradient)
    }

    /// Activations without an epilogue (tanh, sigmoid) and the classification losses take the other code
    /// paths; the block size changes nothing there either.
    @Test func otherActivationsAndLossesDoNotDependOnTheBlockSize() {
        var random = RandomState(seed: 4)
        let x = random.normal(shape: [300, 3])
        let labels = Tensor(shape: [300, 1], scalars: (0..<300).map { Double($0 % 4) })
        for activation in [Activation.tanh, .sigmoid(scale: 1)] {
            let architecture = Architecture(inputs: 3, hidden: [20, 30], activation: activation, outputs: 4)
            let network = Network(architecture, initializer: .pytorchDefault, seed: 1)
            var results: [(Double, [Double])] = []
            for block in [16, 256] {
                let workspace = NetworkWorkspace(
                    architecture, capacity: 300, precision: .float64, keepsIntermediates: false, blockRows: block)
                var g = Tensor.zeros([architecture.parameterCount])
                let value = workspace.lossAndGradient(
                    parameters: network.parameters, inputs: x, targets: labels, loss: .crossEntropy(.mean), gradient: &g
                )
                results.append((value, g.scalars))
            }
            #expect(results[0].0 == results[1].0 && results[0].1 == results[1].1, "\(activation)")
        }
    }

    /// A minibatch read straight from the data set by its row indices is the same minibatch copied first.
    @Test(arguments: Precision.allCases)
    func rowsReadInPlaceEqualCopiedRows(precision: Precision) {
        var random = RandomState(seed: 5)
        var order = Array(0..<700)
        random.shuffle(&order)
        let rows = order[100..<500]
        let workspace = NetworkWorkspace(
            Self.architecture, capacity: 400, precision: precision, keepsIntermediates: false, blockRows: 64)
        var inPlace = Tensor.zeros([Self.architecture.parameterCount]), copied = inPlace
        let a = workspace.lossAndGradient(
            parameters: Self.network.parameters, inputs: Self.data.x, targets: Self.data.y, rows: rows, loss: .mse,
            gradient: &inPlace)
        let b = workspace.lossAndGradient(
            parameters: Self.network.parameters, inputs: Self.data.x.rows(at: Array(rows)),
            targets: Self.data.y.rows(at: Array(rows)), loss: .mse, gradient: &copied)
        #expect(a == b && inPlace == copied)
    }

    /// Float32 passes give the Float64 loss and gradient to Float32 precision (relative to the gradient's
    /// size), for the epilogue path (ReLU) and the converted one (tanh).
    @Test(arguments: [Activation.relu, .tanh])
    func float32PassesAgreeWithFloat64(activation: Activation) {
        var architecture = Self.architecture
        for k in 0..<(architecture.layerCount - 1) { architecture.setActivation(activation, ofLayer: k) }
        let network = Network(architecture, initializer: .pytorchDefault, seed: 2)
        func run(_ precision: Precision) -> (Double, Tensor) {
            let workspace = NetworkWorkspace(
                architecture, capacity: 700, precision: precision, keepsIntermediates: false)
            var g = Tensor.zeros([architecture.parameterCount])
            let value = workspace.lossAndGradient(
                parameters: network.parameters, inputs: Self.data.x, targets: Self.data.y, loss: .mse, gradient: &g)
            return (value, g)
        }
        let (loss64, g64) = run(.float64), (loss32, g32) = run(.float32)
        expectClose(loss32, loss64, relative: 1e-5)
        let scale = g64.scalars.map(abs).max()!
        let worst = zip(g32.scalars, g64.scalars).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-4 * scale, "largest gradient difference \(worst) for |g|∞ = \(scale)")
    }
}
