import Tensor
import Testing

/// The SIMD kernels' epilogues and blocking paths, each against its definition computed here element by
/// element, and the AVX2 and AVX-512 kernels against each other (they must agree bit for bit).
@Suite struct GemmKernelTests {
    /// Shapes that hit every path: tails in rows and columns, depth 1 and 2, a depth past one block (256),
    /// A read in place (depth ≤ 64) and packed, B read in place (n ≤ 256) and packed (n > 256).
    static let shapes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1), (5, 2, 50), (13, 50, 50), (40, 50, 1), (50, 40, 2), (31, 70, 9), (12, 300, 17), (7, 3, 300),
    ]

    static let simdKernels = GemmKernel.available.filter { $0.name != "sse2" }.map(\.name)

    /// Values with exact zeros and negative zeros among them, so the activations' edges are exercised.
    static func values(_ count: Int, seed: UInt32) -> [Double] {
        var random = RandomState(seed: seed)
        return random.normal(shape: [count]).scalars.enumerated().map { i, x in
            i % 11 == 3 ? 0 : i % 13 == 5 ? -0.0 : x
        }
    }

    /// `C (+)= A·B` through `kernel`, with A and B row-major or transposed.
    static func product(
        _ m: Int, _ k: Int, _ n: Int, kernel: GemmKernel, transposeA: Bool = false, transposeB: Bool = false,
        initial: Double? = nil, epilogue: (UnsafeMutablePointer<Double>) -> GemmEpilogue<Double> = { _ in .none }
    ) -> [Double] {
        let a = values(m * k, seed: 1), b = values(k * n, seed: 2)
        var c = [Double](repeating: initial ?? .nan, count: m * n)
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                c.withUnsafeMutableBufferPointer { z in
                    gemm(
                        StridedMatrix(x.baseAddress!, rows: m, columns: k, transposed: transposeA),
                        StridedMatrix(y.baseAddress!, rows: k, columns: n, transposed: transposeB),
                        into: z.baseAddress!, ldc: n, accumulation: initial != nil ? .add : .overwrite,
                        epilogue: epilogue(z.baseAddress!),
                        kernel: kernel)
                }
            }
        }
        return c
    }

    static let activations: [GemmActivation] = [.identity, .relu, .leakyReLU(slope: 0.1)]

    @Test(arguments: simdKernels)
    func biasAndActivationEpilogue(kernel name: String) {
        let kernel = GemmKernel.available.first { $0.name == name }!
        for (m, k, n) in Self.shapes {
            let plain = Self.product(m, k, n, kernel: kernel)
            let bias = Self.values(n, seed: 3)
            for activation in Self.activations {
                var h = [Double](repeating: .nan, count: m * n)
                let f = bias.withUnsafeBufferPointer { beta in
                    h.withUnsafeMutableBufferPointer { out in
                        Self.product(m, k, n, kernel: kernel) { _ in
                            .biasActivation(
                                bias: beta.baseAddress!, activation: activation, h: out.baseAddress!, ldh: n)
                        }
                    }
                }
                let expectedF = plain.indices.map { plain[$0] + bias[$0 % n] }
                let expectedH = expectedF.map { z -> Double in
                    switch activation {
                    case .identity: return z
                    case .relu: return z > 0 ? z : 0
                    case let .leakyReLU(slope): return z > 0 ? z : slope * z
                    }
                }
                #expect(f.map(\.bitPattern) == expectedF.map(\.bitPattern), "\(name) \(m)×\(k)×\(n) f")
                #expect(h.map(\.bitPattern) == expectedH.map(\.bitPattern), "\(name) \(m)×\(k)×\(n) \(activation)")
            }
        }
    }

    @Test(arguments: simdKernels)
    func derivativeEpilogue(kernel name: String) {
        let kernel = GemmKernel.available.first { $0.name == name }!
        for (m, k, n) in Self.shapes {
            let plain = Self.product(m, k, n, kernel: kernel)
            let f = Self.values(m * n, seed: 4)
            for activation in Self.activations {
                var d = [Double](repeating: .nan, count: m * n)
                var sums = [Double](repeating: 0, count: n)
                let dh = f.withUnsafeBufferPointer { pre in
                    d.withUnsafeMutableBufferPointer { out in
                        sums.withUnsafeMutableBufferPointer { s in
                            Self.product(m, k, n, kernel: kernel) { _ in
                                .derivative(
                                    f: pre.baseAddress!, ldf: n, activation: activation, d: out.baseAddress!, ldd: n,
                                    columnSums: s.baseAddress!)
                            }
                        }
                    }
                }
                let slope: Double =
                    switch activation {
                    case .identity: 1
                    case .relu: 0
                    case let .leakyReLU(alpha): alpha
                    }
                let expectedD = plain.indices.map { i in
                    plain[i] * (activation == .identity ? 1 : f[i] > 0 ? 1 : slope)
                }
                var expectedSums = [Double](repeating: 0, count: n)
                for i in 0..<m {
                    for j in 0..<n { expectedSums[j] += expectedD[i * n + j] }
                }
                #expect(dh.map(\.bitPattern) == plain.map(\.bitPattern), "\(name) \(m)×\(k)×\(n) ∂ℓ/∂h")
                #expect(d.map(\.bitPattern) == expectedD.map(\.bitPattern), "\(name) \(m)×\(k)×\(n) \(activation)")
                #expect(sums.map(\.bitPattern) == expectedSums.map(\.bitPattern), "\(name) \(m)×\(k)×\(n) Σ")
            }
        }
    }

    /// The portable kernel applies the same epilogues as a separate pass over the product.
    @Test func portableEpilogueMatchesDefinition() {
        let (m, k, n) = (13, 50, 50)
        let plain = Self.product(m, k, n, kernel: .portable)
        let bias = Self.values(n, seed: 3)
        var h = [Double](repeating: .nan, count: m * n)
        let f = bias.withUnsafeBufferPointer { beta in
            h.withUnsafeMutableBufferPointer { out in
                Self.product(m, k, n, kernel: .portable) { _ in
                    .biasActivation(bias: beta.baseAddress!, activation: .relu, h: out.baseAddress!, ldh: n)
                }
            }
        }
        #expect(f == plain.indices.map { plain[$0] + bias[$0 % n] })
        #expect(h == f.map { $0 > 0 ? $0 : 0 })
    }

    /// The AVX2 and AVX-512 kernels accumulate each tile in the same order with the same fused
    /// multiply-adds, so their products are identical, whatever the transposes and the depth.
    @Test func simdKernelsAgreeBitForBit() {
        guard Self.simdKernels.count == 2 else { return }
        for (m, k, n) in Self.shapes + [(100, 260, 130), (64, 600, 37)] {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                for initial in [nil, 0.5] {
                    let x = Self.product(m, k, n, kernel: .avx2, transposeA: ta, transposeB: tb, initial: initial)
                    let y = Self.product(m, k, n, kernel: .avx512, transposeA: ta, transposeB: tb, initial: initial)
                    #expect(x.map(\.bitPattern) == y.map(\.bitPattern), "\(m)×\(k)×\(n) \(ta) \(tb)")
                }
            }
        }
    }

    /// A strided A that is neither row- nor column-contiguous (every other column) goes through packing.
    @Test(arguments: GemmKernel.available.map(\.name))
    func generalStridesArePacked(kernel name: String) {
        let kernel = GemmKernel.available.first { $0.name == name }!
        let (m, k, n) = (17, 9, 11)
        let wide = Self.values(m * 2 * k, seed: 5), b = Self.values(k * n, seed: 6)
        var c = [Double](repeating: .nan, count: m * n)
        wide.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                c.withUnsafeMutableBufferPointer { z in
                    var a = StridedMatrix(x.baseAddress!, rows: m, columns: k)
                    a.rowStride = 2 * k
                    a.columnStride = 2
                    gemm(
                        a, StridedMatrix(y.baseAddress!, rows: k, columns: n), into: z.baseAddress!, ldc: n,
                        accumulation: .overwrite, kernel: kernel)
                }
            }
        }
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += wide[i * 2 * k + 2 * p] * b[p * n + j] }
                #expect(abs(c[i * n + j] - sum) <= 1e-14 * Double(k), "\(name) (\(i), \(j))")
            }
        }
    }
}

/// `TENSOR_GEMM_KERNEL` forces a kernel the processor can run and refuses any other, saying why.
@Suite struct KernelChoiceTests {
    @Test func forcedKernels() {
        let both: [GemmKernel] = [.portable, .avx2]
        #expect(GemmKernel.choose(nil, from: both).0.name == "avx2")
        #expect(GemmKernel.choose("", from: both).0.name == "avx2")
        let forced = GemmKernel.choose("sse2", from: both)
        #expect(forced.0.name == "sse2" && forced.warning == nil)
        let refused = GemmKernel.choose("avx512", from: both)
        #expect(refused.0.name == "avx2")
        #expect(
            refused.warning
                == "TENSOR_GEMM_KERNEL=avx512 refused (this processor cannot run it; available: sse2, avx2); using avx2"
        )
        #expect(GemmKernel.choose("avx-512", from: [.portable]).warning?.contains("unknown kernel") == true)
    }
}
