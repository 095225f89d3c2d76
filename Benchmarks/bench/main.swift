import Tensor

/// Seconds taken by one call of `body`, the best of `repeats` timings of `inner` calls each.
func seconds(repeats: Int = 5, inner: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<repeats {
        let elapsed = clock.measure { for _ in 0..<inner { body() } }
        let (s, attoseconds) = elapsed.components
        best = min(best, (Double(s) + Double(attoseconds) * 1e-18) / Double(inner))
    }
    return best
}

var random = RandomState(seed: 0)
print("matmul (float64, one thread)")
for n in [64, 128, 256, 512, 1024] {
    let a = random.normal(shape: [n, n]), b = random.normal(shape: [n, n])
    var c = Tensor.zeros([n, n])
    let inner = max(1, 100_000_000 / (n * n * n))
    let t = seconds(inner: inner) { matmul(a, b, into: &c) }
    print("  n = \(n): \(Double(2 * n * n * n) / t / 1e9) GFLOP/s")
}
