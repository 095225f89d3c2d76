import Tensor
import Testing

/// The Float32 kernels against the product by its definition in Float64 (the same Float32 inputs, so the
/// only difference is Float32 rounding), the AVX2 and AVX-512 Float32 kernels against each other, and
/// continued products (`.continue`) against the whole product, bit for bit, in both element types.
@Suite struct GemmFloat32Tests {
    static let shapes = GemmKernelTests.shapes
    static let kernels = GemmKernel.available.map(\.name)

    static func kernel(_ name: String) -> GemmKernel { GemmKernel.available.first { $0.name == name }! }

    /// `C (+)= A·B` in `Scalar` through `kernel`, A and B row-major or transposed.
    static func product<Scalar: GemmScalar>(
        _ a: [Scalar], _ b: [Scalar], _ m: Int, _ k: Int, _ n: Int, kernel: GemmKernel, transposeA: Bool = false,
        transposeB: Bool = false, into c: inout [Scalar], accumulation: GemmAccumulation = .overwrite,
        epilogue: GemmEpilogue<Scalar> = .none
    ) {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                c.withUnsafeMutableBufferPointer { z in
                    gemm(
                        StridedMatrix(x.baseAddress!, rows: m, columns: k, transposed: transposeA),
                        StridedMatrix(y.baseAddress!, rows: k, columns: n, transposed: transposeB),
                        into: z.baseAddress!, ldc: n, accumulation: accumulation, epilogue: epilogue, kernel: kernel)
                }
            }
        }
    }

    static func values(_ count: Int, seed: UInt32) -> [Float] {
        GemmKernelTests.values(count, seed: seed).map(Float.init)
    }

    @Test(arguments: kernels)
    func float32ProductIsTheDefinitionToFloat32Rounding(kernel name: String) {
        for (m, k, n) in Self.shapes {
            for (ta, tb) in [(false, false), (true, false), (false, true)] {
                let a = Self.values(m * k, seed: 1), b = Self.values(k * n, seed: 2)
                var c = [Float](repeating: .nan, count: m * n)
                Self.product(a, b, m, k, n, kernel: Self.kernel(name), transposeA: ta, transposeB: tb, into: &c)
                for i in 0..<m {
                    for j in 0..<n {
                        var exact = 0.0, magnitude = 0.0
                        for p in 0..<k {
                            let x = Double(ta ? a[p * m + i] : a[i * k + p]),
                                y = Double(tb ? b[j * k + p] : b[p * n + j])
                            exact += x * y
                            magnitude += abs(x * y)
                        }
                        // Each of the k additions rounds by at most half a Float32 ulp of the running sum.
                        let bound = Double(k + 1) * Double(Float.ulpOfOne) * magnitude + 1e-30
                        #expect(abs(Double(c[i * n + j]) - exact) <= bound, "\(name) \(m)×\(k)·\(k)×\(n) (\(i), \(j))")
                    }
                }
            }
        }
    }

    /// The Float32 epilogues: bias and ReLU forward, and ReLU's derivative with its column sums, each
    /// against the plain product and the definition of the epilogue.
    @Test(arguments: kernels)
    func float32EpiloguesFollowTheirDefinition(kernel name: String) {
        let (m, k, n) = (13, 50, 37)
        let a = Self.values(m * k, seed: 3), b = Self.values(k * n, seed: 4), bias = Self.values(n, seed: 5)
        let f = Self.values(m * n, seed: 6)
        var plain = [Float](repeating: .nan, count: m * n)
        Self.product(a, b, m, k, n, kernel: Self.kernel(name), into: &plain)
        var c = plain, h = plain, d = plain, sums = [Float](repeating: 0, count: n)
        bias.withUnsafeBufferPointer { beta in
            h.withUnsafeMutableBufferPointer { out in
                Self.product(
                    a, b, m, k, n, kernel: Self.kernel(name), into: &c,
                    epilogue: .biasActivation(bias: beta.baseAddress!, activation: .relu, h: out.baseAddress!, ldh: n))
            }
        }
        for i in 0..<m {
            for j in 0..<n {
                let value = plain[i * n + j] + bias[j]
                #expect(c[i * n + j] == value && h[i * n + j] == max(value, 0), "\(name) forward (\(i), \(j))")
            }
        }
        f.withUnsafeBufferPointer { pre in
            d.withUnsafeMutableBufferPointer { out in
                sums.withUnsafeMutableBufferPointer { s in
                    Self.product(
                        a, b, m, k, n, kernel: Self.kernel(name), into: &c,
                        epilogue: .derivative(
                            f: pre.baseAddress!, ldf: n, activation: .leakyReLU(slope: 0.1), d: out.baseAddress!,
                            ldd: n,
                            columnSums: s.baseAddress!))
                }
            }
        }
        for j in 0..<n {
            var sum: Float = 0
            for i in 0..<m {
                let g = plain[i * n + j] * (f[i * n + j] > 0 ? 1 : Float(0.1))
                #expect(d[i * n + j] == g, "\(name) derivative (\(i), \(j))")
                sum += g
            }
            #expect(sums[j] == sum, "\(name) column sum \(j)")
        }
    }

    /// The two SIMD Float32 kernels add in the same order: identical results.
    @Test func avx2AndAvx512AgreeInFloat32() {
        let simd = GemmKernel.available.filter { $0.name != "sse2" }
        guard simd.count == 2 else { return }
        for (m, k, n) in Self.shapes {
            let a = Self.values(m * k, seed: 7), b = Self.values(k * n, seed: 8)
            var c0 = [Float](repeating: .nan, count: m * n), c1 = c0
            Self.product(a, b, m, k, n, kernel: simd[0], into: &c0)
            Self.product(a, b, m, k, n, kernel: simd[1], into: &c1)
            #expect(c0 == c1, "\(m)×\(k)·\(k)×\(n)")
        }
    }

    /// A product of depth ≤ 256 split along its depth, the first part overwriting and the others
    /// continuing, is the whole product bit for bit; this is what keeps blocked weight gradients identical.
    @Test(arguments: kernels)
    func continuedProductsEqualTheWholeProduct(kernel name: String) {
        func check<Scalar: GemmScalar>(_: Scalar.Type, _ values: (Int, UInt32) -> [Scalar]) {
            for (m, k, n) in [(50, 200, 50), (1, 256, 50), (50, 64, 2), (7, 33, 300)] {
                // A is Aᵀ stored (the weight-gradient layout ∂fᵀ·H), B row-major.
                let a = values(k * m, 9), b = values(k * n, 10)
                var whole = [Scalar](repeating: .nan, count: m * n)
                Self.product(a, b, m, k, n, kernel: Self.kernel(name), transposeA: true, into: &whole)
                var parts = [Scalar](repeating: .nan, count: m * n)
                var start = 0
                for size in [16, 1, 47, 64, 256] where start < k {
                    let depth = min(size, k - start)
                    let aPart = Array(a[(start * m)..<((start + depth) * m)])
                    let bPart = Array(b[(start * n)..<((start + depth) * n)])
                    Self.product(
                        aPart, bPart, m, depth, n, kernel: Self.kernel(name), transposeA: true, into: &parts,
                        accumulation: start == 0 ? .overwrite : .continue)
                    start += depth
                }
                #expect(parts == whole, "\(name) \(Scalar.self) \(m)×\(k)·\(k)×\(n)")
            }
        }
        check(Double.self) { GemmKernelTests.values($0, seed: $1) }
        check(Float.self) { Self.values($0, seed: $1) }
    }
}
