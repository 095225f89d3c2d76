import CAllocationCounter
import NN
import Tensor

/// Forward + backward of the course's network 2 → 50 → 50 → 50 → 1 (ReLU, MSE) per batch size, in a
/// training workspace (one block of points in the cache at a time) in Float64 and Float32, and in an
/// inspectable one (every point's values kept); then the block size against the full-batch step.
func nnBenchmarks() {
    let architecture = Architecture(inputs: 2, hidden: [50, 50, 50], activation: .relu, outputs: 1)
    let network = Network(architecture, initializer: .pytorchDefault, seed: 0)
    // Multiply-adds per point: every layer's product forward (D_k·D_{k+1}) and its weight gradient, and the
    // input gradient of every layer but the first.
    let layerProducts = architecture.layers.map { $0.inputs * $0.outputs }
    let flopsPerPoint = Double(2 * (3 * layerProducts.reduce(0, +) - layerProducts[0]))
    var random = RandomState(seed: 1)
    let inputs = random.uniform(shape: [1600, 2], low: -3, high: 3)
    let targets = random.normal(shape: [1600, 1])

    /// One step's time and its rate as a share of the n = 512 product's, with the allocations it made.
    func measure(_ workspace: NetworkWorkspace, rows n: Int) -> (microseconds: Double, ratio: Double, allocations: UInt)
    {
        let (x, y) = (inputs.rows(0..<n), targets.rows(0..<n))
        var gradient = Tensor.zeros([architecture.parameterCount])
        let step = {
            _ = workspace.lossAndGradient(
                parameters: network.parameters, inputs: x, targets: y, loss: .mse, gradient: &gradient)
        }
        step()
        let before = allocation_count()
        for _ in 0..<10 { step() }
        let allocations = (allocation_count() - before) / 10
        let flops = Double(n) * flopsPerPoint
        let (rate, ratio) = rateAgainstSquare(
            flops: flops, inner: max(1, 20_000 / n), float32: workspace.precision == .float32, step)
        return (flops / rate / 1e3, ratio, allocations)
    }

    let counted = allocation_counting_available() != 0
    let block = NetworkWorkspace(architecture, capacity: 1600, keepsIntermediates: false).blockRows
    print(
        "forward + backward, 2→50→50→50→1 ReLU, MSE, one thread, blocks of \(block) points (level-2 cache "
            + "\(ProcessorCache.level2Bytes >> 10) KiB); rate as a share of the n = 512 matmul's in the same type")
    var ratios: [String: Double] = [:]
    for precision in Precision.allCases {
        for n in [40, 400, 1600] {
            let workspace = NetworkWorkspace(architecture, capacity: n, precision: precision, keepsIntermediates: false)
            let (microseconds, ratio, allocations) = measure(workspace, rows: n)
            ratios["\(precision) \(n)"] = ratio
            report(
                "\(precision), batch \(n)",
                "\(fixed(microseconds, 1)) µs per step, \(fixed(100 * ratio, 1)) % of matmul, "
                    + (counted ? "\(allocations) allocations per step" : "allocations not counted"))
        }
    }
    let kept = measure(NetworkWorkspace(architecture, capacity: 1600), rows: 1600)
    report(
        "float64, batch 1600, values kept",
        "\(fixed(kept.microseconds, 1)) µs per step, \(fixed(100 * kept.ratio, 1)) % of matmul")
    reportRatio("float64 batch 1600 / matmul rate", ratios["float64 1600"]!, target: 0.70)
    reportRatio("float64 batch 40 / matmul rate", ratios["float64 40"]!, target: 0.50)
    let sizes = [16, 32, 64, 128, 256].map { rows in
        let workspace = NetworkWorkspace(
            architecture, capacity: 1600, precision: .float64, keepsIntermediates: false, blockRows: rows)
        return "\(rows): " + fixed(measure(workspace, rows: 1600).microseconds, 0)
    }
    report("float64 batch 1600 by block (µs)", sizes.joined(separator: ", "))
}
