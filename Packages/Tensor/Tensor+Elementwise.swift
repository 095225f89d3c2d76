import RealModule

// MARK: - Broadcasting

extension Tensor {
    /// The shape two operands broadcast to, by NumPy's rule: align the shapes at the right; each pair of
    /// extents must be equal or one of them 1.
    ///
    /// - Throws: ``TensorError/shapeMismatch(operation:_:_:)`` naming both shapes.
    public static func broadcastShape(_ a: [Int], _ b: [Int], operation: String = "broadcast") throws -> [Int] {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard x == y || x == 1 || y == 1 else {
                throw TensorError.shapeMismatch(operation: operation, a, b)
            }
            result[i] = x == 1 ? y : x
        }
        return result
    }

    /// The strides (in elements) with which a tensor of `shape` is read when broadcast to `target`,
    /// padded on the left to rank 4; broadcast dimensions get stride 0.
    @usableFromInline
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> (extents: [Int], strides: [Int]) {
        var extents = [Int](repeating: 1, count: maximumRank)
        var strides = [Int](repeating: 0, count: maximumRank)
        var step = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            let slot = maximumRank - shape.count + i
            strides[slot] = shape[i] == 1 ? 0 : step
            step *= shape[i]
        }
        for (i, extent) in target.enumerated() { extents[maximumRank - target.count + i] = extent }
        return (extents, strides)
    }

    /// Applies `operation` elementwise to two broadcast operands.
    ///
    /// - Precondition: the shapes broadcast; otherwise the program stops with a message naming both.
    @inlinable
    public static func zip(
        _ a: Tensor, _ b: Tensor, _ name: String = "elementwise operation",
        _ operation: (Double, Double) -> Double
    ) -> Tensor {
        if a.shape == b.shape {
            var result = a
            result.storage.withUnsafeMutableBufferPointer { r in
                b.scalars.withUnsafeBufferPointer { y in
                    for i in r.indices { r[i] = operation(r[i], y[i]) }
                }
            }
            return result
        }
        let shape: [Int]
        do {
            shape = try broadcastShape(a.shape, b.shape, operation: name)
        } catch {
            preconditionFailure("\(error)")
        }
        if b.count == 1 && shape == a.shape {
            let y = b.scalars[0]
            return Tensor(shape: shape, scalars: a.scalars.map { operation($0, y) })
        }
        if a.count == 1 && shape == b.shape {
            let x = a.scalars[0]
            return Tensor(shape: shape, scalars: b.scalars.map { operation(x, $0) })
        }
        let (extents, sa) = broadcastStrides(a.shape, to: shape)
        let sb = broadcastStrides(b.shape, to: shape).strides
        var result = [Double](repeating: 0, count: elementCount(shape))
        a.scalars.withUnsafeBufferPointer { x in
            b.scalars.withUnsafeBufferPointer { y in
                result.withUnsafeMutableBufferPointer { r in
                    var o = 0
                    for i0 in 0..<extents[0] {
                        for i1 in 0..<extents[1] {
                            for i2 in 0..<extents[2] {
                                let baseA = i0 * sa[0] + i1 * sa[1] + i2 * sa[2]
                                let baseB = i0 * sb[0] + i1 * sb[1] + i2 * sb[2]
                                for i3 in 0..<extents[3] {
                                    r[o] = operation(x[baseA + i3 * sa[3]], y[baseB + i3 * sb[3]])
                                    o += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// Applies `operation` to every element.
    @inlinable
    public func map(_ operation: (Double) -> Double) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(operation))
    }

    /// Replaces every element `x` by `operation(x)` in place.
    @inlinable
    public mutating func apply(_ operation: (Double) -> Double) {
        storage.withUnsafeMutableBufferPointer { r in
            for i in r.indices { r[i] = operation(r[i]) }
        }
    }

    /// Combines `other` (broadcast to this tensor's shape) into this tensor in place.
    @inlinable
    public mutating func combine(_ other: Tensor, _ name: String, _ operation: (Double, Double) -> Double) {
        if other.shape == shape || other.count == 1 {
            let single = other.count == 1
            storage.withUnsafeMutableBufferPointer { r in
                other.scalars.withUnsafeBufferPointer { y in
                    if single {
                        let v = y[0]
                        for i in r.indices { r[i] = operation(r[i], v) }
                    } else {
                        for i in r.indices { r[i] = operation(r[i], y[i]) }
                    }
                }
            }
            return
        }
        let result = Tensor.zip(self, other, name, operation)
        precondition(
            result.shape == shape, "\(name): shape \(other.shape) does not broadcast into \(shape) in place")
        self = result
    }
}

// MARK: - Arithmetic operators

extension Tensor {
    /// Elementwise sum with broadcasting.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "add", +) }
    /// Elementwise difference with broadcasting.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "subtract", -) }
    /// Elementwise (Hadamard, ⊙) product with broadcasting.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "multiply", *) }
    /// Elementwise quotient with broadcasting.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "divide", /) }

    /// Adds a scalar to every element.
    public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 + rhs } }
    /// Subtracts a scalar from every element.
    public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 - rhs } }
    /// Multiplies every element by a scalar.
    public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 * rhs } }
    /// Divides every element by a scalar.
    public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 / rhs } }
    /// Adds every element to a scalar.
    public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs + $0 } }
    /// Subtracts every element from a scalar.
    public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs - $0 } }
    /// Multiplies a scalar by every element.
    public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
    /// Divides a scalar by every element.
    public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs / $0 } }
    /// Negates every element.
    public static prefix func - (operand: Tensor) -> Tensor { operand.map { -$0 } }

    /// Adds `rhs` (broadcast to the shape of `lhs`) in place.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs.combine(rhs, "add", +) }
    /// Subtracts `rhs` (broadcast to the shape of `lhs`) in place.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.combine(rhs, "subtract", -) }
    /// Multiplies by `rhs` (broadcast to the shape of `lhs`) in place.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.combine(rhs, "multiply", *) }
    /// Divides by `rhs` (broadcast to the shape of `lhs`) in place.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs.combine(rhs, "divide", /) }
    /// Adds a scalar in place.
    public static func += (lhs: inout Tensor, rhs: Double) { lhs.apply { $0 + rhs } }
    /// Subtracts a scalar in place.
    public static func -= (lhs: inout Tensor, rhs: Double) { lhs.apply { $0 - rhs } }
    /// Multiplies by a scalar in place.
    public static func *= (lhs: inout Tensor, rhs: Double) { lhs.apply { $0 * rhs } }
    /// Divides by a scalar in place.
    public static func /= (lhs: inout Tensor, rhs: Double) { lhs.apply { $0 / rhs } }
}

// MARK: - Comparisons and masks

extension Tensor {
    /// 1 where `lhs > rhs`, else 0 (a mask of the broadcast shape).
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "compare") { $0 > $1 ? 1 : 0 } }
    /// 1 where `lhs ≥ rhs`, else 0.
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "compare") { $0 >= $1 ? 1 : 0 } }
    /// 1 where `lhs < rhs`, else 0.
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "compare") { $0 < $1 ? 1 : 0 } }
    /// 1 where `lhs ≤ rhs`, else 0.
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "compare") { $0 <= $1 ? 1 : 0 } }
    /// 1 where `lhs == rhs`, else 0.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { zip(lhs, rhs, "compare") { $0 == $1 ? 1 : 0 } }
    /// 1 where an element is greater than `rhs`, else 0.
    public static func .> (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 > rhs ? 1 : 0 } }
    /// 1 where an element is at least `rhs`, else 0.
    public static func .>= (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 >= rhs ? 1 : 0 } }
    /// 1 where an element is less than `rhs`, else 0.
    public static func .< (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 < rhs ? 1 : 0 } }
    /// 1 where an element is at most `rhs`, else 0.
    public static func .<= (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 <= rhs ? 1 : 0 } }
    /// 1 where an element equals `rhs`, else 0.
    public static func .== (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 == rhs ? 1 : 0 } }

    /// Every element limited to `[lower, upper]` (NumPy's `clip`). NaN stays NaN.
    public func clamped(min lower: Double = -.infinity, max upper: Double = .infinity) -> Tensor {
        precondition(lower <= upper, "clamp bounds \(lower) > \(upper)")
        return map { $0.isNaN ? $0 : Swift.min(Swift.max($0, lower), upper) }
    }

    /// Elements where `mask` is non-zero come from `self`, the others from `other` (NumPy's `where`).
    /// The three operands broadcast together.
    public func selecting(where mask: Tensor, otherwise other: Tensor) -> Tensor {
        let shape: [Int]
        do {
            shape = try Tensor.broadcastShape(
                mask.shape, Tensor.broadcastShape(self.shape, other.shape, operation: "where"), operation: "where")
        } catch {
            preconditionFailure("\(error)")
        }
        let (m, x, y) = (mask.broadcast(to: shape), broadcast(to: shape), other.broadcast(to: shape))
        return Tensor(shape: shape, scalars: (0..<m.count).map { m.scalars[$0] != 0 ? x.scalars[$0] : y.scalars[$0] })
    }

    /// This tensor repeated along broadcast dimensions to fill `shape` (NumPy's `broadcast_to`, copied).
    public func broadcast(to shape: [Int]) -> Tensor {
        if shape == self.shape { return self }
        let result = Tensor.zip(Tensor.zeros(shape), self, "broadcast") { $1 }
        precondition(result.shape == shape, "shape \(self.shape) does not broadcast to \(shape)")
        return result
    }

    /// True when every element is finite (neither NaN nor infinite).
    public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }
}

// MARK: - Elementwise functions

extension Tensor {
    /// eˣ elementwise.
    public func exp() -> Tensor { map { .exp($0) } }
    /// The natural logarithm elementwise.
    public func log() -> Tensor { map { .log($0) } }
    /// The square root elementwise.
    public func squareRoot() -> Tensor { map { $0.squareRoot() } }
    /// |x| elementwise.
    public func magnitude() -> Tensor { map { Swift.abs($0) } }
    /// x² elementwise.
    public func squared() -> Tensor { map { $0 * $0 } }
    /// xᵖ elementwise.
    public func power(_ exponent: Double) -> Tensor { map { .pow($0, exponent) } }
}
