extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(repeating: 0, shape: shape)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor {
        Tensor(repeating: 1, shape: shape)
    }

    /// A tensor with every element equal to `value` (NumPy's `full`).
    public static func full(_ shape: [Int], _ value: Double) -> Tensor {
        Tensor(repeating: value, shape: shape)
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Tensor {
        var result = Tensor.zeros([n, n])
        for i in 0..<n { result.storage[i * n + i] = 1 }
        return result
    }

    /// A matrix from nested rows.
    ///
    /// - Throws: ``TensorError/ragged(path:expected:found:)`` when the rows differ in length.
    public init(_ rows: [[Double]]) throws {
        let columns = rows.first?.count ?? 0
        var scalars: [Double] = []
        scalars.reserveCapacity(rows.count * columns)
        for (i, row) in rows.enumerated() {
            guard row.count == columns else {
                throw TensorError.ragged(path: [i], expected: columns, found: row.count)
            }
            scalars.append(contentsOf: row)
        }
        self.init(shape: [rows.count, columns], scalars: scalars)
    }

    /// A rank-3 tensor from nested arrays.
    ///
    /// - Throws: ``TensorError/ragged(path:expected:found:)`` when the nesting is not rectangular.
    public init(_ blocks: [[[Double]]]) throws {
        let rows = blocks.first?.count ?? 0
        let columns = blocks.first?.first?.count ?? 0
        var scalars: [Double] = []
        scalars.reserveCapacity(blocks.count * rows * columns)
        for (i, block) in blocks.enumerated() {
            guard block.count == rows else { throw TensorError.ragged(path: [i], expected: rows, found: block.count) }
            for (j, row) in block.enumerated() {
                guard row.count == columns else {
                    throw TensorError.ragged(path: [i, j], expected: columns, found: row.count)
                }
                scalars.append(contentsOf: row)
            }
        }
        self.init(shape: [blocks.count, rows, columns], scalars: scalars)
    }

    /// `count` evenly spaced values from `start` to `stop`, with NumPy's `linspace` rounding.
    ///
    /// NumPy computes `step = (stop − start)/(count − 1)`, then `x[i] = i·step + start`, and finally sets
    /// the last element to `stop` exactly. This reproduces it bit for bit, so grids such as the course's
    /// `linspace(-3, 3, 40)` match the Python notebooks. Finite ends whose difference overflows, such as
    /// ±10³⁰⁸ (where NumPy returns NaN and infinities), give the same grid computed in halves: every value
    /// is finite and they increase.
    ///
    /// - Parameters:
    ///   - start: the first value.
    ///   - stop: the last value (or the bound it stops short of, without `endpoint`).
    ///   - count: how many values.
    ///   - endpoint: when `false`, `stop` is excluded and `step = (stop − start)/count`.
    public static func linspace(_ start: Double, _ stop: Double, count: Int, endpoint: Bool = true) -> Tensor {
        precondition(count >= 0, "linspace count must be non-negative, got \(count)")
        let divisions = endpoint ? count - 1 : count
        var values = [Double](repeating: start, count: count)
        if divisions > 0 {
            let delta = stop - start
            let step = delta / Double(divisions)
            if delta.isFinite || !(start.isFinite && stop.isFinite) {
                for i in 0..<count {
                    values[i] = step == 0 ? Double(i) / Double(divisions) * delta + start : Double(i) * step + start
                }
            } else {
                // Finite ends whose difference overflows (beyond ±8.9e307): the same grid computed in halves.
                let halfStep = (stop / 2 - start / 2) / Double(divisions)
                for i in 0..<count { values[i] = (Double(i) * halfStep + start / 2) * 2 }
            }
        }
        if endpoint && count > 1 { values[count - 1] = stop }
        return Tensor(values)
    }

    /// Values from `start` up to (not including) `stop` in steps of `step`, with NumPy's `arange` rule.
    ///
    /// NumPy's length is `ceil((stop − start)/step)`; it stores `x[0] = start`, `x[1] = start + step`, and
    /// then `x[i] = start + i·δ` with `δ = x[1] − x[0]` computed in floating point, which differs from
    /// `step` in the last bits whenever `start ≠ 0` (e.g. `arange(-1, 1, 0.01)[100]` is 8.9e-16, not 0).
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1) -> Tensor {
        precondition(step != 0 && step.isFinite, "arange step must be finite and non-zero")
        let length = Swift.max(0, Int(((stop - start) / step).rounded(.up)))
        var values = [Double](repeating: start, count: length)
        if length > 1 {
            let delta = (start + step) - start
            for i in 1..<length { values[i] = start + Double(i) * delta }
        }
        return Tensor(values)
    }
}
