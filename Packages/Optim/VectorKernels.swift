import Tensor

// Small allocation-free loops over flat tensors, shared by the optimizers. Sums run left to right; the
// optimizers' parity with torch.optim is checked to 1e-10 relative, far above last-bit summation effects.

extension Tensor {
    /// Makes this tensor a vector of `count` elements equal to `value`, unless it already has `count` elements
    /// (then it is left alone: state buffers are allocated on the first step only).
    mutating func prepareBuffer(count: Int, value: Double = 0) {
        if self.count == count && rank == 1 { return }
        self = Tensor(repeating: value, shape: [count])
    }
}

/// Calls the objective and checks that it kept the gradient's size.
@inline(__always)
func evaluate(_ objective: Objective, at parameters: Tensor, into gradient: inout Tensor) rethrows -> Double {
    let loss = try objective(parameters, &gradient)
    precondition(
        gradient.count == parameters.count,
        "the objective wrote \(gradient.count) gradient entries for \(parameters.count) parameters")
    return loss
}

/// Checks that a step receives as many parameters as the optimizer's state was built for (the name is
/// built only for the message).
@inline(__always)
func checkParameterCount(_ count: Int, state: Int, optimizer: @autoclosure () -> String) {
    precondition(
        state == 0 || state == count,
        "\(optimizer()): the parameter count changed from \(state) to \(count); call reset() first")
}

/// `Σ uᵢ·vᵢ` in eight interleaved partial sums (element i goes to sum i mod 8), then the partial sums
/// pairwise and the tail left to right: the same order on every processor, and eight independent
/// additions in flight instead of one chain (L-BFGS takes two hundred of these per step).
func dotProduct(_ u: Tensor, _ v: Tensor) -> Double {
    u.withUnsafeBufferPointer { u in
        v.withUnsafeBufferPointer { v in
            let n = u.count, blocks = n / 8
            var lanes = SIMD8<Double>()
            if blocks > 0 {
                let x = UnsafeRawPointer(u.baseAddress!), y = UnsafeRawPointer(v.baseAddress!)
                for b in 0..<blocks {
                    lanes +=
                        x.loadUnaligned(fromByteOffset: 64 * b, as: SIMD8<Double>.self)
                        * y.loadUnaligned(fromByteOffset: 64 * b, as: SIMD8<Double>.self)
                }
            }
            let quarters = lanes.lowHalf + lanes.highHalf
            let halves = quarters.lowHalf + quarters.highHalf
            var sum = halves[0] + halves[1]
            for i in (8 * blocks)..<n { sum += u[i] * v[i] }
            return sum
        }
    }
}

/// `maxᵢ |uᵢ|` (0 for an empty vector; NaN if any element is NaN, as torch's `abs().max()`).
func maximumMagnitude(_ u: Tensor) -> Double {
    u.withUnsafeBufferPointer { u in
        var largest = 0.0
        for x in u {
            if x.isNaN { return .nan }
            largest = Swift.max(largest, Swift.abs(x))
        }
        return largest
    }
}

/// `Σ |uᵢ|`, left to right.
func sumOfMagnitudes(_ u: Tensor) -> Double {
    u.withUnsafeBufferPointer { u in
        var sum = 0.0
        for x in u { sum += Swift.abs(x) }
        return sum
    }
}

/// `result ← x + α·d`, written into `result`'s buffer (which must have `x.count` elements).
func setSum(_ result: inout Tensor, _ x: Tensor, _ alpha: Double, _ d: Tensor) {
    result.withUnsafeMutableBufferPointer { r in
        x.withUnsafeBufferPointer { x in
            d.withUnsafeBufferPointer { d in
                for i in r.indices { r[i] = x[i] + alpha * d[i] }
            }
        }
    }
}

/// torch's `lerp(start, end, weight)`: `start + w·(end − start)` for |w| < 0.5, else
/// `end − (end − start)·(1 − w)`, the two forms that keep the result exact at w = 0 and w = 1.
@inline(__always)
func lerp(_ start: Double, _ end: Double, _ weight: Double) -> Double {
    Swift.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
}

/// Four lanes of `base[i..<i+4]`; lanes past `count` read as 0.
///
/// The Adam-type update loops run on `SIMD4<Double>` lanes: per element the operations and their order are
/// exactly those of the scalar formula (IEEE results are the same), but the packed square roots and
/// divisions are 2–4× faster than the scalar loop the compiler emits for the default x86-64 target.
@inline(__always)
func loadLanes(_ base: UnsafePointer<Double>, _ i: Int, _ count: Int) -> SIMD4<Double> {
    if i + 4 <= count { return UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Double>.self) }
    var lanes = SIMD4<Double>()
    for k in 0..<(count - i) { lanes[k] = base[i + k] }
    return lanes
}

/// Writes the first `count − i` (at most four) lanes to `base[i...]`.
@inline(__always)
func storeLanes(_ lanes: SIMD4<Double>, _ base: UnsafeMutablePointer<Double>, _ i: Int, _ count: Int) {
    if i + 4 <= count {
        UnsafeMutableRawPointer(base + i).storeBytes(of: lanes, as: SIMD4<Double>.self)
    } else {
        for k in 0..<(count - i) { base[i + k] = lanes[k] }
    }
}

/// torch's `lerp` on lanes with a scalar weight (see ``lerp(_:_:_:)``).
@inline(__always)
func lerp(_ start: SIMD4<Double>, _ end: SIMD4<Double>, _ weight: Double) -> SIMD4<Double> {
    Swift.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
}
