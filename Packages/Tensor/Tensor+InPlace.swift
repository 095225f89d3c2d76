extension Tensor {
    /// Sets every element to `value`.
    public mutating func fill(_ value: Double) {
        storage.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }

    /// `self ← self + α·x` (BLAS's axpy), for an `x` with the same number of elements.
    ///
    /// The hot-loop update of optimizers: no allocation, one pass.
    public mutating func addScaled(_ x: Tensor, by alpha: Double) {
        precondition(x.count == count, "addScaled: shapes \(x.shape) and \(shape) differ in size")
        storage.withUnsafeMutableBufferPointer { y in
            x.scalars.withUnsafeBufferPointer { x in
                for i in y.indices { y[i] += alpha * x[i] }
            }
        }
    }

    /// Copies the elements of `other`, which must have the same number of elements, keeping this shape.
    public mutating func assign(_ other: Tensor) {
        precondition(other.count == count, "assign: shapes \(other.shape) and \(shape) differ in size")
        if count == 0 { return }
        storage.withUnsafeMutableBufferPointer { y in
            other.scalars.withUnsafeBufferPointer { x in
                y.baseAddress!.update(from: x.baseAddress!, count: x.count)
            }
        }
    }
}
