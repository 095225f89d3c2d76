/// The sum of `count` contiguous doubles, added in NumPy's pairwise order.
///
/// NumPy's `np.sum` over float64 adds short runs (n < 8) left to right; runs of 8…128 elements keep eight
/// running partial sums, combined as `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`, then add the leftover
/// `n mod 8` elements one by one; longer runs split at `n/2` rounded down to a multiple of 8 and recurse.
/// The rounding error grows like O(log n) instead of O(n), and the result is bit-identical to NumPy's.
/// The eight partial sums are independent lanes, so they run as one `SIMD8` accumulator.
///
/// - Complexity: O(n).
@inlinable
public func pairwiseSum(_ base: UnsafePointer<Double>, count n: Int) -> Double {
    if n < 8 {
        var sum = 0.0
        for i in 0..<n { sum += base[i] }
        return sum
    }
    if n <= 128 {
        let raw = UnsafeRawPointer(base)
        var r = raw.loadUnaligned(as: SIMD8<Double>.self)
        var i = 8
        let end = n - n % 8
        while i < end {
            r += raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
            i += 8
        }
        var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n {
            sum += base[i]
            i += 1
        }
        return sum
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(base, count: half) + pairwiseSum(base + half, count: n - half)
}

/// The pairwise sum (see ``pairwiseSum(_:count:)``) of a buffer.
@inlinable
public func pairwiseSum(_ values: UnsafeBufferPointer<Double>) -> Double {
    guard let base = values.baseAddress else { return 0 }
    return pairwiseSum(base, count: values.count)
}

/// The pairwise sum (see ``pairwiseSum(_:count:)``) of an array.
@inlinable
public func pairwiseSum(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer { pairwiseSum($0) }
}
