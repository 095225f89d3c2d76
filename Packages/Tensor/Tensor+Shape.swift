extension Tensor {
    /// The same elements under a new shape with the same element count.
    ///
    /// One extent may be `-1`; it is inferred from the others, as in NumPy.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var shape = newShape
        if let inferred = shape.firstIndex(of: -1) {
            let known = shape.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(self.shape) into \(newShape)")
            shape[inferred] = count / known
        }
        precondition(Tensor.elementCount(shape) == count, "cannot reshape \(self.shape) into \(newShape)")
        return Tensor(shape: shape, scalars: scalars)
    }

    /// The transpose of a matrix (rank 2). A vector is returned unchanged, as NumPy's `.T` does.
    public func transposed() -> Tensor {
        if rank < 2 { return self }
        precondition(rank == 2, "transposed() needs a matrix, got shape \(shape)")
        let (m, n) = (shape[0], shape[1])
        var result = [Double](repeating: 0, count: count)
        scalars.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for i in 0..<m {
                    for j in 0..<n { target[j * m + i] = source[i * n + j] }
                }
            }
        }
        return Tensor(shape: [n, m], scalars: result)
    }

    /// The number of elements in one row (one slice along the first axis).
    @usableFromInline var rowStride: Int { rank == 0 ? 1 : (shape[0] == 0 ? 0 : count / shape[0]) }

    /// The rows (slices along the first axis) at the given indices, in that order; indices may repeat.
    ///
    /// This is NumPy's `x[indices]`, the gather used to form minibatches.
    public func rows(at indices: [Int]) -> Tensor {
        precondition(rank >= 1, "rows(at:) needs rank ≥ 1")
        var result = Tensor.zeros([indices.count] + shape.dropFirst())
        gatherRows(indices[...], into: &result)
        return result
    }

    /// Writes the rows at `indices` into `output`, whose first extent must equal `indices.count`.
    ///
    /// The allocation-free form of ``rows(at:)``.
    public func gatherRows(_ indices: ArraySlice<Int>, into output: inout Tensor) {
        let stride = rowStride
        precondition(
            output.shape == [indices.count] + shape.dropFirst(),
            "gatherRows: output shape \(output.shape) does not fit \(indices.count) rows of \(shape)")
        scalars.withUnsafeBufferPointer { source in
            output.storage.withUnsafeMutableBufferPointer { target in
                for (r, index) in indices.enumerated() {
                    precondition(index >= 0 && index < shape[0], "row \(index) out of range 0..<\(shape[0])")
                    let from = source.baseAddress! + index * stride
                    (target.baseAddress! + r * stride).update(from: from, count: stride)
                }
            }
        }
    }

    /// A contiguous range of rows (slices along the first axis), NumPy's `x[a:b]`.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1, "rows(_:) needs rank ≥ 1")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[0], "rows \(range) out of 0..<\(shape[0])")
        let stride = rowStride
        return Tensor(
            shape: [range.count] + shape.dropFirst(),
            scalars: Array(scalars[(range.lowerBound * stride)..<(range.upperBound * stride)]))
    }

    /// One row (a slice along the first axis), with that axis removed: `x[i]` in NumPy.
    public func row(_ index: Int) -> Tensor {
        rows(index..<(index + 1)).reshaped(Array(shape.dropFirst()))
    }

    /// One column of a matrix, as a vector.
    public func column(_ index: Int) -> Tensor {
        precondition(rank == 2 && index >= 0 && index < shape[1], "column \(index) of shape \(shape)")
        return Tensor((0..<shape[0]).map { scalars[$0 * shape[1] + index] })
    }

    /// Joins tensors along an existing axis; all other extents must agree (NumPy's `concatenate`).
    public static func concatenate(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "concatenate needs at least one tensor")
        let first = tensors[0]
        precondition(axis >= 0 && axis < first.rank, "axis \(axis) out of range for rank \(first.rank)")
        for t in tensors {
            var a = t.shape, b = first.shape
            precondition(a.count == b.count, "concatenate: shapes \(first.shape) and \(t.shape) differ in rank")
            a[axis] = 0
            b[axis] = 0
            precondition(a == b, "concatenate along axis \(axis): shapes \(first.shape) and \(t.shape) do not match")
        }
        // Elements are copied in blocks: `outer` blocks, each the tensor's slice of the joined axis.
        let outer = first.shape[..<axis].reduce(1, *)
        var shape = first.shape
        shape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
        var result: [Double] = []
        result.reserveCapacity(Tensor.elementCount(shape))
        for o in 0..<outer {
            for t in tensors {
                let block = t.count / Swift.max(outer, 1)
                result.append(contentsOf: t.scalars[(o * block)..<((o + 1) * block)])
            }
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// Stacks tensors of one shape along a new axis (NumPy's `stack`).
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack needs at least one tensor")
        let shape = tensors[0].shape
        precondition(axis >= 0 && axis <= shape.count, "axis \(axis) out of range for stacking rank \(shape.count)")
        for t in tensors {
            precondition(t.shape == shape, "stack: shapes \(shape) and \(t.shape) differ")
        }
        var expanded = shape
        expanded.insert(1, at: axis)
        return concatenate(tensors.map { $0.reshaped(expanded) }, axis: axis)
    }
}
