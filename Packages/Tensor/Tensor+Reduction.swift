extension Tensor {
    // MARK: Over all elements

    /// The sum of all elements, in NumPy's pairwise order (see ``pairwiseSum(_:count:)``).
    public func sum() -> Double {
        scalars.withUnsafeBufferPointer { pairwiseSum($0) }
    }

    /// The arithmetic mean of all elements: the pairwise sum divided by the count (NaN when empty).
    public func mean() -> Double {
        sum() / Double(count)
    }

    /// The population variance (NumPy's `var`, `ddof = 0`): the mean of squared deviations from the mean,
    /// both means computed with pairwise sums as NumPy does.
    public func variance() -> Double {
        let mu = mean()
        let deviations = scalars.map { ($0 - mu) * ($0 - mu) }
        return pairwiseSum(deviations) / Double(count)
    }

    /// The population standard deviation (NumPy's `std`, `ddof = 0`): the square root of ``variance()``.
    public func standardDeviation() -> Double {
        variance().squareRoot()
    }

    /// The smallest element; NaN if any element is NaN (as NumPy's `min`).
    public func min() -> Double {
        precondition(count > 0, "min() of an empty tensor")
        return scalars[argmin()]
    }

    /// The largest element; NaN if any element is NaN (as NumPy's `max`).
    public func max() -> Double {
        precondition(count > 0, "max() of an empty tensor")
        return scalars[argmax()]
    }

    /// The flat index of the smallest element: the first one on ties, the first NaN if there is one.
    public func argmin() -> Int {
        scalars.withUnsafeBufferPointer { Tensor.extremeIndex($0.baseAddress!, count: count, stride: 1, <) }
    }

    /// The flat index of the largest element: the first one on ties, the first NaN if there is one.
    public func argmax() -> Int {
        scalars.withUnsafeBufferPointer { Tensor.extremeIndex($0.baseAddress!, count: count, stride: 1, >) }
    }

    /// The index (in steps of `stride`) of the first element that `isBetter` prefers to all others.
    @usableFromInline
    static func extremeIndex(
        _ base: UnsafePointer<Double>, count: Int, stride: Int, _ isBetter: (Double, Double) -> Bool
    ) -> Int {
        precondition(count > 0, "argmin/argmax of an empty sequence")
        var best = 0
        var value = base[0]
        if value.isNaN { return 0 }
        for i in 1..<count {
            let x = base[i * stride]
            if x.isNaN { return i }
            if isBetter(x, value) {
                best = i
                value = x
            }
        }
        return best
    }

    // MARK: Along one axis

    /// Splits the shape around `axis` into (elements before it, its extent, elements after it).
    func axisLayout(_ axis: Int) -> (outer: Int, extent: Int, inner: Int) {
        precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// Reduces along `axis`, removing it from the shape; `body` gets a pointer to the first element of
    /// each lane, the lane's length and its stride.
    func reduce(alongAxis axis: Int, _ body: (UnsafePointer<Double>, Int, Int) -> Double) -> Tensor {
        let (outer, extent, inner) = axisLayout(axis)
        var newShape = shape
        newShape.remove(at: axis)
        var result = [Double](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { x in
            for o in 0..<outer {
                for i in 0..<inner {
                    result[o * inner + i] = body(x.baseAddress! + o * extent * inner + i, extent, inner)
                }
            }
        }
        return Tensor(shape: newShape, scalars: result)
    }

    /// Sums along `axis`, removing it from the shape.
    ///
    /// Along the last axis (contiguous lanes) the sum is pairwise, as NumPy; along other axes the lanes are
    /// accumulated in order, which is also what NumPy does there.
    public func sum(alongAxis axis: Int) -> Tensor {
        reduce(alongAxis: axis) { base, n, stride in
            if stride == 1 { return pairwiseSum(base, count: n) }
            var sum = 0.0
            for k in 0..<n { sum += base[k * stride] }
            return sum
        }
    }

    /// The mean along `axis`, removing it from the shape.
    public func mean(alongAxis axis: Int) -> Tensor {
        sum(alongAxis: axis) / Double(shape[axis])
    }

    /// The population variance along `axis` (`ddof = 0`), removing it from the shape.
    public func variance(alongAxis axis: Int) -> Tensor {
        var expanded = shape
        expanded[axis] = 1
        let deviations = self - mean(alongAxis: axis).reshaped(expanded)
        return (deviations * deviations).mean(alongAxis: axis)
    }

    /// The population standard deviation along `axis` (`ddof = 0`), removing it from the shape.
    public func standardDeviation(alongAxis axis: Int) -> Tensor {
        variance(alongAxis: axis).squareRoot()
    }

    /// The smallest element along `axis` (NaN-propagating), removing the axis.
    public func min(alongAxis axis: Int) -> Tensor {
        reduce(alongAxis: axis) { base, n, stride in
            base[Tensor.extremeIndex(base, count: n, stride: stride, <) * stride]
        }
    }

    /// The largest element along `axis` (NaN-propagating), removing the axis.
    public func max(alongAxis axis: Int) -> Tensor {
        reduce(alongAxis: axis) { base, n, stride in
            base[Tensor.extremeIndex(base, count: n, stride: stride, >) * stride]
        }
    }

    /// The index of the smallest element along `axis` (first on ties), removing the axis.
    public func argmin(alongAxis axis: Int) -> Tensor {
        reduce(alongAxis: axis) { base, n, stride in Double(Tensor.extremeIndex(base, count: n, stride: stride, <)) }
    }

    /// The index of the largest element along `axis` (first on ties), removing the axis.
    public func argmax(alongAxis axis: Int) -> Tensor {
        reduce(alongAxis: axis) { base, n, stride in Double(Tensor.extremeIndex(base, count: n, stride: stride, >)) }
    }
}
