import Tensor

/// The n = 512 square product's rate with the default kernel (GFLOP/s), measured once: the yardstick the
/// training-step targets are ratios of, so that they hold on any processor.
let squareRate: Double = productRate(512, 512, 512, kernel: .selected)

/// GFLOP/s of `op(A)·op(B)` for an `m × k` by `k × n` product with the given kernel (best of five).
func productRate(
    _ m: Int, _ k: Int, _ n: Int, transposeA: Bool = false, transposeB: Bool = false, kernel: GemmKernel
) -> Double {
    var random = RandomState(seed: 0)
    let a = random.normal(shape: transposeA ? [k, m] : [m, k]), b = random.normal(shape: transposeB ? [n, k] : [k, n])
    var c = Tensor.zeros([m, n])
    let t = seconds(inner: max(1, 100_000_000 / (m * n * k))) {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                c.withUnsafeMutableBufferPointer { z in
                    gemm(
                        StridedMatrix(x.baseAddress!, rows: m, columns: k, transposed: transposeA),
                        StridedMatrix(y.baseAddress!, rows: k, columns: n, transposed: transposeB),
                        into: z.baseAddress!, ldc: n, accumulate: false, kernel: kernel)
                }
            }
        }
    }
    return Double(2 * m * n * k) / t / 1e9
}

/// Prints `value` as a percentage of `reference`, with the target and whether it is met.
func reportRatio(_ label: String, _ value: Double, of reference: Double, target: Double) {
    let ratio = value / reference
    report(
        label,
        "\(fixed(100 * ratio, 1)) % (target ≥ \(fixed(100 * target, 0)) %) " + (ratio >= target ? "met" : "NOT MET"))
}

/// Matmul throughput for square sizes and for the products of a training step.
func tensorBenchmarks() {
    let kernels = GemmKernel.available
    print(
        "matmul, float64, one thread; kernels: " + kernels.map(\.name).joined(separator: ", ")
            + "; default: \(GemmKernel.selected.name)")
    for n in [64, 128, 256, 512, 1024] {
        let figures = kernels.map { "\($0.name) " + fixed(productRate(n, n, n, kernel: $0), 1) + " GFLOP/s" }
        report("n = \(n)", figures.joined(separator: ", "))
    }
    print("the products of one training step of 2→50→50→50→1 on 1,600 points (default kernel)")
    let step: [(label: String, m: Int, k: Int, n: Int, ta: Bool, tb: Bool)] = [
        ("forward, layer 0: H₀Ω₀ᵀ", 1600, 2, 50, false, true),
        ("forward, layers 1–2: HΩᵀ", 1600, 50, 50, false, true),
        ("forward, layer 3: H₃Ω₃ᵀ", 1600, 50, 1, false, true),
        ("∂Ω₃ = ∂f₃ᵀH₃", 1, 1600, 50, true, false),
        ("∂h₃ = ∂f₃Ω₃", 1600, 1, 50, false, false),
        ("∂Ω₁,₂ = ∂fᵀH", 50, 1600, 50, true, false),
        ("∂h₁,₂ = ∂fΩ", 1600, 50, 50, false, false),
        ("∂Ω₀ = ∂f₀ᵀH₀", 50, 1600, 2, true, false),
    ]
    for product in step {
        let rate = productRate(
            product.m, product.k, product.n, transposeA: product.ta, transposeB: product.tb, kernel: .selected)
        let microseconds = Double(2 * product.m * product.k * product.n) / rate / 1e3
        report(product.label, "\(fixed(microseconds, 2)) µs (\(fixed(rate, 1)) GFLOP/s)")
    }
    reportRatio(
        "1600×50 · 50×50 / n = 512 rate", productRate(1600, 50, 50, kernel: .selected), of: squareRate, target: 0.85)
}
