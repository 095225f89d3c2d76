import RealModule

/// The matrix product `op(A)·op(B)`, where `op` optionally transposes its operand.
///
/// Matrices are rank 2. A vector on the left is a row (`[k]·[k, n] → [n]`), a vector on the right a column
/// (`[m, k]·[k] → [m]`), as in NumPy's `matmul`. The transposed variants read the stored operand with
/// swapped strides and never materialise the transpose.
///
/// - Complexity: O(m·n·k).
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    let (m, k) = matmulExtents(a, transposed: transposeA, left: true)
    let (k2, n) = matmulExtents(b, transposed: transposeB, left: false)
    precondition(
        k == k2, "matmul: shapes \(a.shape)\(transposeA ? "ᵀ" : "") and \(b.shape)\(transposeB ? "ᵀ" : "") do not align"
    )
    var shape = [m, n]
    if a.rank == 1 { shape.removeFirst() }
    if b.rank == 1 { shape.removeLast() }
    var result = Tensor.zeros(shape)
    matmul(a, b, transposeA: transposeA, transposeB: transposeB, into: &result)
    return result
}

/// Writes `op(A)·op(B)` into a preallocated `output`, or adds it when `accumulate` is true.
///
/// `output` must already have the product's shape; nothing is allocated once the GEMM packing buffers of
/// the calling thread have grown to the sizes in use.
public func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
    into output: inout Tensor, accumulate: Bool = false
) {
    matmul(
        a, b, transposeA: transposeA, transposeB: transposeB, into: &output, accumulate: accumulate, kernel: .selected)
}

/// ``matmul(_:_:transposeA:transposeB:into:accumulate:)`` through a chosen micro-kernel, for the kernel
/// benchmarks of this package.
package func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
    into output: inout Tensor, accumulate: Bool = false, kernel: GemmKernel
) {
    let (m, k) = matmulExtents(a, transposed: transposeA, left: true)
    let (k2, n) = matmulExtents(b, transposed: transposeB, left: false)
    precondition(
        k == k2, "matmul: shapes \(a.shape)\(transposeA ? "ᵀ" : "") and \(b.shape)\(transposeB ? "ᵀ" : "") do not align"
    )
    precondition(output.count == m * n, "matmul: output shape \(output.shape) cannot hold \(m)×\(n)")
    a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
            output.withUnsafeMutableBufferPointer { z in
                gemm(
                    StridedMatrix(x.baseAddress!, rows: m, columns: k, transposed: transposeA),
                    StridedMatrix(y.baseAddress!, rows: k, columns: n, transposed: transposeB),
                    into: z.baseAddress!, ldc: n, accumulation: accumulate ? .add : .overwrite, kernel: kernel)
            }
        }
    }
}

/// The (rows, columns) of `op(t)` as a matmul operand.
private func matmulExtents(_ t: Tensor, transposed: Bool, left: Bool) -> (Int, Int) {
    switch t.rank {
    case 1: return left ? (1, t.shape[0]) : (t.shape[0], 1)
    case 2: return transposed ? (t.shape[1], t.shape[0]) : (t.shape[0], t.shape[1])
    default: preconditionFailure("matmul needs vectors or matrices, got shape \(t.shape)")
    }
}

/// The outer product `u·vᵀ` of two vectors: an `m × n` matrix.
public func outer(_ u: Tensor, _ v: Tensor) -> Tensor {
    precondition(u.rank <= 1 && v.rank <= 1, "outer needs vectors, got \(u.shape) and \(v.shape)")
    var result = [Double](repeating: 0, count: u.count * v.count)
    for i in 0..<u.count {
        let ui = u.scalars[i]
        for j in 0..<v.count { result[i * v.count + j] = ui * v.scalars[j] }
    }
    return Tensor(shape: [u.count, v.count], scalars: result)
}

/// The dot product `Σ uᵢvᵢ` of two tensors with the same number of elements, summed pairwise.
public func dot(_ u: Tensor, _ v: Tensor) -> Double {
    precondition(u.count == v.count, "dot: shapes \(u.shape) and \(v.shape) differ in size")
    return pairwiseSum(zip(u.scalars, v.scalars).map { $0 * $1 })
}

extension Tensor {
    /// The Euclidean (L2, Frobenius) norm `√(Σ xᵢ²)`, computed with scaling so that it neither overflows
    /// nor underflows for extreme magnitudes.
    public func norm() -> Double {
        if scalars.contains(where: \.isNaN) { return .nan }
        let largest = scalars.reduce(0.0) { Swift.max($0, Swift.abs($1)) }
        if largest == 0 || !largest.isFinite { return largest }
        let scaled = scalars.map { ($0 / largest) * ($0 / largest) }
        return largest * pairwiseSum(scaled).squareRoot()
    }

    /// The Lᵖ norm `(Σ |xᵢ|ᵖ)^(1/p)` for `p ≥ 1`; `p = .infinity` gives the largest magnitude.
    public func norm(_ p: Double) -> Double {
        precondition(p >= 1, "norm order must be at least 1, got \(p)")
        if p == .infinity { return scalars.reduce(0.0) { Swift.max($0, Swift.abs($1)) } }
        if p == 1 { return pairwiseSum(scalars.map { Swift.abs($0) }) }
        if p == 2 { return norm() }
        return Double.pow(pairwiseSum(scalars.map { Double.pow(Swift.abs($0), p) }), 1 / p)
    }
}
