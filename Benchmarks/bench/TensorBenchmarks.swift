import Tensor

/// A closure computing one `op(A)·op(B)` product of an `m × k` by `k × n` pair of random matrices with the
/// given kernel, into a preallocated output.
func productCall(
    _ m: Int, _ k: Int, _ n: Int, transposeA: Bool = false, transposeB: Bool = false, kernel: GemmKernel
) -> () -> Void {
    var random = RandomState(seed: 0)
    let a = random.normal(shape: transposeA ? [k, m] : [m, k]), b = random.normal(shape: transposeB ? [n, k] : [k, n])
    var c = Tensor.zeros([m, n])
    return { matmul(a, b, transposeA: transposeA, transposeB: transposeB, into: &c, kernel: kernel) }
}

/// A closure computing one Float32 `A·B` product of random `n × n` matrices with the given kernel.
func float32SquareCall(_ n: Int, kernel: GemmKernel) -> () -> Void {
    var random = RandomState(seed: 0)
    let a = random.normal(shape: [n * n]).scalars.map(Float.init),
        b = random.normal(shape: [n * n]).scalars.map(Float.init)
    let c = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
    return {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                gemm(
                    StridedMatrix(x.baseAddress!, rows: n, columns: n),
                    StridedMatrix(y.baseAddress!, rows: n, columns: n),
                    into: c, ldc: n, accumulation: .overwrite, kernel: kernel)
            }
        }
    }
}

/// GFLOP/s of `op(A)·op(B)` for an `m × k` by `k × n` product with the given kernel (best of five).
func productRate(
    _ m: Int, _ k: Int, _ n: Int, transposeA: Bool = false, transposeB: Bool = false, kernel: GemmKernel
) -> Double {
    let call = productCall(m, k, n, transposeA: transposeA, transposeB: transposeB, kernel: kernel)
    let t = seconds(inner: max(1, 100_000_000 / (m * n * k))) { call() }
    return Double(2 * m * n * k) / t / 1e9
}

/// The rate of `body` (`flops` per call) as a fraction of the n = 512 square product's rate with the
/// default kernel in the same element type (`float32`: Float32), the yardstick the training-step targets
/// are ratios of, so that they hold on any processor. The two are timed in alternation, 31 rounds, and
/// each keeps its best round, so that a noisy neighbour on a shared machine slows both rather than one.
func rateAgainstSquare(flops: Double, inner: Int, float32: Bool = false, _ body: () -> Void) -> (
    rate: Double, ratio: Double
) {
    let square = float32 ? float32SquareCall(512, kernel: .selected) : productCall(512, 512, 512, kernel: .selected)
    var (bestSquare, bestBody) = (Double.infinity, Double.infinity)
    for _ in 0..<31 {
        bestSquare = min(bestSquare, seconds(repeats: 1, inner: 2) { square() })
        bestBody = min(bestBody, seconds(repeats: 1, inner: inner) { body() })
    }
    let squareRate = 2 * 512 * 512 * 512 / bestSquare / 1e9
    let rate = flops / bestBody / 1e9
    return (rate, rate / squareRate)
}

/// Prints a ratio to the n = 512 rate as a percentage, with the target and whether it is met.
func reportRatio(_ label: String, _ ratio: Double, target: Double) {
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
    print("matmul, float32, one thread")
    for n in [256, 512] {
        let figures = kernels.map { kernel in
            let call = float32SquareCall(n, kernel: kernel)
            let t = seconds(inner: max(1, 100_000_000 / (n * n * n))) { call() }
            return "\(kernel.name) " + fixed(Double(2 * n * n * n) / t / 1e9, 1) + " GFLOP/s"
        }
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
    let product = productCall(1600, 50, 50, kernel: .selected)
    let (_, ratio) = rateAgainstSquare(flops: 2 * 1600 * 50 * 50, inner: 20) { product() }
    reportRatio("1600×50 · 50×50 / n = 512 rate", ratio, target: 0.85)
}
