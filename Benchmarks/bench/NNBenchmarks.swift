import CAllocationCounter
import NN
import Tensor

/// Forward + backward of the course's network 2 → 50 → 50 → 50 → 1 (ReLU, MSE) per batch size.
func nnBenchmarks() {
    let architecture = Architecture(inputs: 2, hidden: [50, 50, 50], activation: .relu, outputs: 1)
    let network = Network(architecture, initializer: .pytorchDefault, seed: 0)
    print("forward + backward, 2→50→50→50→1 ReLU, MSE (targets: 40 points ≤ 60 µs, 1600 points ≤ 2.5 ms, no allocation)")
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
        let t = seconds(inner: max(1, 200_000 / n)) { step() }
        let flops = Double(n) * Double(6 * (2 * 50 + 50 * 50 * 2 + 50))
        report(
            "batch \(n)",
            "\(fixed(t * 1e6, 1)) µs per step (\(fixed(flops / t / 1e9, 1)) GFLOP/s), "
                + (allocation_counting_available() != 0 ? "\(allocations) allocations per step" : "allocations not counted"))
    }
}
