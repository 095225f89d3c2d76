/// A dense, row-major array of `Double` values of rank 0 to 4.
///
/// `Tensor` is a value type: copies share storage until one of them is mutated (copy-on-write,
/// inherited from `Array`). It is deliberately not generic: every kernel is specialised for `Double`
/// at compile time, so calls across modules stay fast without relying on generic specialisation.
///
/// Shapes follow NumPy: `[]` is a scalar, `[n]` a vector, `[rows, columns]` a matrix. Elements are
/// stored so that the last index varies fastest.
///
/// ```swift
/// let x = try Tensor([[1, 2], [3, 4]])
/// let y = x * 2 + 1                   // broadcasting a scalar
/// print(matmul(x, y, transposeB: true))
/// ```
public struct Tensor: Sendable {
    /// The largest rank a tensor may have.
    public static let maximumRank = 4

    /// The extent of each dimension, outermost first.
    public private(set) var shape: [Int]

    /// The elements in row-major order. `scalars.count` is always the product of `shape`.
    @inlinable public var scalars: [Double] { storage }

    /// The row-major storage behind ``scalars``; its count is always the product of `shape`.
    @usableFromInline var storage: [Double]

    /// Creates a tensor from its shape and its row-major elements.
    ///
    /// - Precondition: `shape` has at most ``maximumRank`` non-negative entries whose product is
    ///   `scalars.count`.
    public init(shape: [Int], scalars: [Double]) {
        Tensor.checkShape(shape)
        precondition(
            Tensor.elementCount(shape) == scalars.count,
            "shape \(shape) needs \(Tensor.elementCount(shape)) elements, got \(scalars.count)")
        self.shape = shape
        self.storage = scalars
    }

    /// Creates a rank-0 tensor holding one value.
    public init(_ value: Double) {
        self.init(shape: [], scalars: [value])
    }

    /// Creates a vector (rank 1) from its elements.
    public init(_ values: [Double]) {
        self.init(shape: [values.count], scalars: values)
    }

    /// Creates a tensor of the given shape with every element equal to `value`.
    public init(repeating value: Double, shape: [Int]) {
        Tensor.checkShape(shape)
        self.shape = shape
        self.storage = [Double](repeating: value, count: Tensor.elementCount(shape))
    }

    /// The number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// The number of elements (the product of the shape; 1 for a scalar).
    @inlinable public var count: Int { storage.count }

    /// The first dimension of a tensor of rank ≥ 1 (the number of rows of a matrix).
    public var rows: Int {
        precondition(rank >= 1, "a scalar has no rows")
        return shape[0]
    }

    /// The last dimension of a tensor of rank ≥ 1 (the number of columns of a matrix).
    public var columns: Int {
        precondition(rank >= 1, "a scalar has no columns")
        return shape[rank - 1]
    }

    /// The single element of a tensor with one element, whatever its rank.
    public var scalar: Double {
        precondition(count == 1, "tensor of shape \(shape) is not a single value")
        return scalars[0]
    }

    /// The element at a multi-index, one index per dimension.
    public subscript(indices: Int...) -> Double {
        get { scalars[offset(of: indices)] }
        set { storage[offset(of: indices)] = newValue }
    }

    /// The row-major offset of a multi-index.
    public func offset(of indices: [Int]) -> Int {
        precondition(indices.count == rank, "\(indices.count) indices for a tensor of rank \(rank)")
        var offset = 0
        for (index, extent) in Swift.zip(indices, shape) {
            precondition(index >= 0 && index < extent, "index \(indices) out of range for shape \(shape)")
            offset = offset * extent + index
        }
        return offset
    }

    /// Calls `body` with the elements in row-major order.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with mutable access to the elements in row-major order. The shape cannot change.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// The product of a shape's extents (1 for the empty shape of a scalar).
    public static func elementCount(_ shape: [Int]) -> Int {
        shape.reduce(1, *)
    }

    /// Traps with a clear message unless `shape` is a valid tensor shape.
    static func checkShape(_ shape: [Int]) {
        precondition(shape.count <= maximumRank, "rank \(shape.count) exceeds the maximum rank \(maximumRank)")
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
    }
}

extension Tensor: Equatable {
    /// Two tensors are equal when their shapes and all their elements are equal.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }
}

/// Errors thrown when building a tensor from untrusted data.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// Nested arrays whose rows differ in length; `path` locates the first offending row.
    case ragged(path: [Int], expected: Int, found: Int)
    /// A shape that cannot be used: a negative extent or too many dimensions.
    case invalidShape([Int])
    /// Two shapes that cannot be combined by the named operation.
    case shapeMismatch(operation: String, [Int], [Int])

    /// A human-readable explanation.
    public var description: String {
        switch self {
        case let .ragged(path, expected, found):
            return "ragged array: row \(path) has \(found) elements, expected \(expected)"
        case let .invalidShape(shape):
            return "invalid shape \(shape)"
        case let .shapeMismatch(operation, a, b):
            return "\(operation): shapes \(a) and \(b) do not match"
        }
    }
}
