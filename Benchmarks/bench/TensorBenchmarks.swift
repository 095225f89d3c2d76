import Tensor

/// Matmul throughput for square sizes and the small products of a training step.
func tensorBenchmarks() {
    var random = RandomState(seed: 0)
    let kernels = GemmKernel.available
    print("matmul, float64, one thread (target at n = 512: >= 25 GFLOP/s); kernels: "
          + kernels.map(\.name).joined(separator: ", ") + "; default: \(GemmKernel.selected.name)")
    for n in [64, 128, 256, 512, 1024] {
        let a = random.normal(shape: [n, n]), b = random.normal(shape: [n, n])
        var c = Tensor.zeros([n, n])
        let figures = kernels.map { kernel in
            let t = seconds(inner: max(1, 100_000_000 / (n * n * n))) {
                a.withUnsafeBufferPointer { x in
                    b.withUnsafeBufferPointer { y in
                        c.withUnsafeMutableBufferPointer { z in
                            gemm(
                                StridedMatrix(x.baseAddress!, rows: n, columns: n),
                                StridedMatrix(y.baseAddress!, rows: n, columns: n),
                                into: z.baseAddress!, ldc: n, accumulate: false, kernel: kernel)
                        }
                    }
                }
            }
            return "\(kernel.name) " + fixed(Double(2 * n * n * n) / t / 1e9, 1) + " GFLOP/s"
        }
        report("n = \(n)", figures.joined(separator: ", "))
    }
    print("small products of a training step (A·B, A·Bᵀ, Aᵀ·B)")
    for (m, k, n) in [(40, 2, 50), (40, 50, 50), (400, 50, 50), (1600, 50, 50)] {
        let a = random.normal(shape: [m, k]), b = random.normal(shape: [k, n])
        let bT = b.transposed(), aT = a.transposed()
        var c = Tensor.zeros([m, n])
        let inner = max(1, 20_000_000 / (m * n * k))
        let plain = seconds(inner: inner) { matmul(a, b, into: &c) }
        let right = seconds(inner: inner) { matmul(a, bT, transposeB: true, into: &c) }
        let left = seconds(inner: inner) { matmul(aT, b, transposeA: true, into: &c) }
        let flops = Double(2 * m * n * k)
        report(
            "\(m)×\(k) · \(k)×\(n)",
            "\(fixed(plain * 1e6, 2)) µs (\(fixed(flops / plain / 1e9, 1)) GFLOP/s), "
                + "Bᵀ \(fixed(right * 1e6, 2)) µs, Aᵀ \(fixed(left * 1e6, 2)) µs")
    }
}
