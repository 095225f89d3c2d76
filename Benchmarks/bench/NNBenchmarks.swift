import CAllocationCounter
import NN
import Tensor

/// Forward + backward of the course's network 2 → 50 → 50 → 50 → 1 (ReLU, MSE) per batch size.
func nnBenchmarks() {
    let architecture = Architecture(inputs: 2, hidden: [50, 50, 50], activation: .relu, outputs: 1)
    let network = Network(architecture, initializer: .pytorchDefault, seed: 0)
    print("forward + backward, 2→50→50→50→1 ReLU, MSE, one thread (no allocation per step)")
    // Multiply-adds per point: every layer's product forward (D_k·D_{k+1}) and its weight gradient, and the
    // input gradient of every layer but the first.
    let layerProducts = architecture.layers.map { $0.inputs * $0.outputs }
    let flopsPerPoint = Double(2 * (3 * layerProducts.reduce(0, +) - layerProducts[0]))
    var ratios: [Int: Double] = [:]
    var random = RandomState(seed: 1)
    for n in [40, 400, 1600] {
        let inputs = random.uniform(shape: [n, 2], low: -3, high: 3)
        let targets = random.normal(shape: [n, 1])
        let workspace = NetworkWorkspace(architecture, capacity: n)
        var gradient = Tensor.zeros([architecture.parameterCount])
        let step = {
            _ = workspace.lossAndGradient(
                parameters: network.parameters, inputs: inputs, targets: targets, loss: .mse, gradient: &gradient)
        }
        step()
        let before = allocation_count()
        for _ in 0..<10 { step() }
        let allocations = (allocation_count() - before) / 10
        let flops = Double(n) * flopsPerPoint
        let (rate, ratio) = rateAgainstSquare(flops: flops, inner: max(1, 20_000 / n), step)
        ratios[n] = ratio
        report(
            "batch \(n)",
            "\(fixed(flops / rate / 1e3, 1)) µs per step (\(fixed(rate, 1)) GFLOP/s), "
                + (allocation_counting_available() != 0
                    ? "\(allocations) allocations per step" : "allocations not counted"))
    }
    reportRatio("batch 1600 / n = 512 matmul rate", ratios[1600]!, target: 0.70)
    reportRatio("batch 40 / n = 512 matmul rate", ratios[40]!, target: 0.50)
}
