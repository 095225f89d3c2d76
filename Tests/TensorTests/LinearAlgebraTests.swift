import Tensor
import TestSupport
import Testing

@Suite struct LinearAlgebraTests {
    /// Products against NumPy, through all four transpose combinations, including sizes that exercise the
    /// edge tiles and the depth blocking (k > 256) of the GEMM kernel.
    @Test func matmulMatchesNumPyInEveryTransposeVariant() {
        for item in numpy["matmul"].array {
            let (m, k, n) = (item["m"].int, item["k"].int, item["n"].int)
            let a = normals(seed: 21, [m, k]), b = normals(seed: 22, [k, n])
            let expected = item["product"].doubles
            let tolerance = 1e-13 * Double(k)
            expectClose(matmul(a, b).scalars, expected, absolute: tolerance, relative: tolerance)
            expectClose(
                matmul(a.transposed(), b, transposeA: true).scalars, expected, absolute: tolerance, relative: tolerance)
            expectClose(
                matmul(a, b.transposed(), transposeB: true).scalars, expected, absolute: tolerance, relative: tolerance)
            expectClose(
                matmul(a.transposed(), b.transposed(), transposeA: true, transposeB: true).scalars, expected,
                absolute: tolerance, relative: tolerance)
            #expect(matmul(a, b).shape == [m, n])
        }
    }

    /// Every micro-kernel this processor can run (the portable SSE2 one always, AVX2+FMA where supported)
    /// against NumPy, through the strided interface the transposed variants use.
    @Test(arguments: GemmKernel.available.map(\.name))
    func everyKernelMatchesNumPy(kernel name: String) {
        let kernel = GemmKernel.available.first { $0.name == name }!
        for item in numpy["matmul"].array {
            let (m, k, n) = (item["m"].int, item["k"].int, item["n"].int)
            let a = normals(seed: 21, [m, k]), b = normals(seed: 22, [k, n])
            let bT = b.transposed()
            for accumulate in [false, true] {
                var c = Tensor(repeating: accumulate ? 1 : .nan, shape: [m, n])
                a.withUnsafeBufferPointer { x in
                    bT.withUnsafeBufferPointer { y in
                        c.withUnsafeMutableBufferPointer { z in
                            gemm(
                                StridedMatrix(x.baseAddress!, rows: m, columns: k),
                                StridedMatrix(y.baseAddress!, rows: k, columns: n, transposed: true),
                                into: z.baseAddress!, ldc: n, accumulation: accumulate ? .add : .overwrite,
                                kernel: kernel)
                        }
                    }
                }
                let expected = item["product"].doubles.map { accumulate ? $0 + 1 : $0 }
                expectClose(
                    c.scalars, expected, absolute: 1e-13 * Double(k), relative: 1e-13 * Double(k),
                    "\(name) \(m)×\(k)×\(n)")
            }
        }
    }

    @Test func matmulIntoAndAccumulate() throws {
        let a = try Tensor([[1, 2], [3, 4]]), b = try Tensor([[5, 6], [7, 8]])
        var c = Tensor.full([2, 2], 100)
        matmul(a, b, into: &c)
        #expect(c.scalars == [19, 22, 43, 50])
        matmul(a, b, into: &c, accumulate: true)
        #expect(c.scalars == [38, 44, 86, 100])
    }

    @Test func vectorOperands() throws {
        let a = try Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(matmul(a, Tensor([1, 0, -1])).scalars == [-2, -2])
        #expect(matmul(a, Tensor([1, 0, -1])).shape == [2])
        #expect(matmul(Tensor([1, 1]), a).scalars == [5, 7, 9])
        #expect(matmul(Tensor([1, 1]), a, transposeB: false).shape == [3])
    }

    @Test func outerDotAndNormsMatchNumPy() {
        let fixture = numpy["vectors"]
        let u = normals(seed: 31, [5]), v = normals(seed: 32, [4]), w = normals(seed: 33, [5])
        #expect(outer(u, v).scalars == fixture["outer"].doubles)
        #expect(outer(u, v).shape == [5, 4])
        expectClose([dot(u, w)], [fixture["dot"].double], absolute: 1e-15, relative: 1e-15)
        expectClose([u.norm()], [fixture["norm"].double], absolute: 1e-15, relative: 1e-15)
        expectClose([u.norm(1)], [fixture["norm1"].double], absolute: 1e-15, relative: 1e-15)
        expectClose([u.norm(3)], [fixture["norm3"].double], absolute: 1e-14, relative: 1e-14)
        #expect(u.norm(.infinity) == fixture["norminf"].double)
    }

    @Test func normSurvivesExtremeMagnitudes() {
        // Squaring these would overflow or underflow; the scaled norm stays within rounding of 5·10^±200.
        expectClose(Tensor([3e200, 4e200]).norm() / 5e200, 1, absolute: 4e-16, relative: 4e-16)
        expectClose(Tensor([3e-200, 4e-200]).norm() / 5e-200, 1, absolute: 4e-16, relative: 4e-16)
        #expect(Tensor([0, 0]).norm() == 0)
    }

    @Test func inPlaceUpdates() {
        var y = Tensor([1, 2, 3])
        y.addScaled(Tensor([1, 1, 1]), by: -0.5)
        #expect(y.scalars == [0.5, 1.5, 2.5])
        y.fill(4)
        #expect(y.scalars == [4, 4, 4])
        y.assign(Tensor([7, 8, 9]))
        #expect(y.scalars == [7, 8, 9])
    }
}
