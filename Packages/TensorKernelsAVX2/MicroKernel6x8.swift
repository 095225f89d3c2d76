// This module is compiled for x86-64-v3 (AVX2 + FMA, `-target-cpu haswell`) and is only ever called
// after a run-time check of the processor (Tensor's `GemmKernel.selected`). It holds nothing but the
// micro-kernel: every operation in it is a SIMD intrinsic inlined into this one function, so no
// AVX-compiled copy of a shared generic function can leak into code that runs on other processors.

/// The 6×8 register tile for AVX2 + FMA: `C[0..<rows, 0..<columns] (+)= Apanel · Bpanel` over depth `kc`.
///
/// A is packed 6 values per depth step (each broadcast to a 4-lane register), B 8 values per step (two
/// 4-lane registers); twelve `SIMD4<Double>` accumulators take 12 of the 16 YMM registers, and every
/// depth step issues 12 fused multiply-adds.
///
/// - Precondition: the processor supports AVX2 and FMA; `a` and `b` are 32-byte aligned packed panels.
@inline(never)
public func microKernel6x8AVX2(
    kc: Int, a: UnsafeRawPointer, b: UnsafeRawPointer, c: UnsafeMutablePointer<Double>, ldc: Int,
    rows: Int, columns: Int, accumulate: Bool
) {
    typealias V = SIMD4<Double>
    var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
    var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
    var pa = a.assumingMemoryBound(to: Double.self)
    var pb = b
    for _ in 0..<kc {
        let b0 = pb.load(as: V.self)
        let b1 = pb.load(fromByteOffset: 32, as: V.self)
        var x = V(repeating: pa[0])
        c00 = c00.addingProduct(x, b0)
        c01 = c01.addingProduct(x, b1)
        x = V(repeating: pa[1])
        c10 = c10.addingProduct(x, b0)
        c11 = c11.addingProduct(x, b1)
        x = V(repeating: pa[2])
        c20 = c20.addingProduct(x, b0)
        c21 = c21.addingProduct(x, b1)
        x = V(repeating: pa[3])
        c30 = c30.addingProduct(x, b0)
        c31 = c31.addingProduct(x, b1)
        x = V(repeating: pa[4])
        c40 = c40.addingProduct(x, b0)
        c41 = c41.addingProduct(x, b1)
        x = V(repeating: pa[5])
        c50 = c50.addingProduct(x, b0)
        c51 = c51.addingProduct(x, b1)
        pa += 6
        pb += 64
    }
    let raw = UnsafeMutableRawPointer(c)
    withUnsafeTemporaryAllocation(of: V.self, capacity: 12) { scratch in
        scratch[0] = c00; scratch[1] = c01; scratch[2] = c10; scratch[3] = c11; scratch[4] = c20; scratch[5] = c21
        scratch[6] = c30; scratch[7] = c31; scratch[8] = c40; scratch[9] = c41; scratch[10] = c50; scratch[11] = c51
        let values = UnsafeRawPointer(scratch.baseAddress!)
        if rows == 6 && columns == 8 {
            for i in 0..<6 {
                let row = raw + i * ldc * 8
                let low = values.load(fromByteOffset: i * 64, as: V.self)
                let high = values.load(fromByteOffset: i * 64 + 32, as: V.self)
                if accumulate {
                    row.storeBytes(of: row.loadUnaligned(as: V.self) + low, as: V.self)
                    row.storeBytes(of: row.loadUnaligned(fromByteOffset: 32, as: V.self) + high, toByteOffset: 32, as: V.self)
                } else {
                    row.storeBytes(of: low, as: V.self)
                    row.storeBytes(of: high, toByteOffset: 32, as: V.self)
                }
            }
            return
        }
        for i in 0..<rows {
            for j in 0..<columns {
                let v = values.load(fromByteOffset: (i * 8 + j) * 8, as: Double.self)
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + v : v
            }
        }
    }
}
