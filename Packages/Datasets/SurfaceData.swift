import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The surface of the assignment's optimisation exercise, sampled on a square grid, with optional noise.
///
/// The surface is f(x, y) = sin(0.8 r²) / (r²)^0.9 with r² = x² + y², and f(0, 0) = 0, its limit
/// (f ≈ 0.8 r^0.2 near the origin). The course's setup is reproduced exactly:
/// - the axis values are NumPy's `linspace(lower, upper, grid)` (`Tensor.linspace(_:_:count:endpoint:)`),
///   the same for x and y;
/// - the points are a 'ij' meshgrid, flattened row-major: point p = i·grid + j has x = xs[i] and
///   y = ys[j], so x varies slowest;
/// - the target is z + σ·N(0, 1), the normals drawn in point order from the generator (NumPy:
///   `np.random.seed(seed); z + sigma * np.random.normal(size=grid**2)`).
///
/// The default, `grid: 40, range: -3...3`, is the course's 1,600-point grid (step 6/39, so the
/// origin is not on it).
public struct SurfaceData: Sendable {
    /// The grid points (x, y), one per row: shape `[grid², 2]`.
    public var inputs: Tensor
    /// The noisy heights z + σ·N(0, 1): shape `[grid², 1]`.
    public var targets: Tensor
    /// The noise-free heights f(x, y): shape `[grid², 1]`.
    public var clean: Tensor

    /// The surface on a grid, with noise drawn from a generator seeded like `np.random.seed(seed)`.
    ///
    /// - Parameters:
    ///   - grid: the number of values on each axis (grid² points).
    ///   - range: the interval spanned by each axis, ends included.
    ///   - noise: the standard deviation σ of the Gaussian noise added to the targets.
    ///   - seed: the seed of the noise generator.
    /// - Precondition: `grid ≥ 1`, finite range ends, `noise ≥ 0` and finite.
    public init(grid: Int = 40, range: ClosedRange<Double> = -3...3, noise: Double = 0, seed: UInt32 = 0) {
        var random = RandomState(seed: seed)
        self.init(grid: grid, range: range, noise: noise, random: &random)
    }

    /// The surface on a grid, with noise drawn from `random`.
    ///
    /// Exactly grid² standard normals are drawn, one per point in point order, even when `noise` is 0
    /// (as `z + 0 * np.random.normal(size=n)` does), so the generator's later draws do not depend on σ.
    /// - Precondition: `grid ≥ 1`, finite range ends, `noise ≥ 0` and finite.
    public init(grid: Int, range: ClosedRange<Double>, noise: Double, random: inout RandomState) {
        let count = grid * grid
        var points = [Double](repeating: 0, count: 2 * count)
        var heights = [Double](repeating: 0, count: count)
        var noisy = [Double](repeating: 0, count: count)
        SurfaceData.forEachPoint(grid: grid, range: range, noise: noise, random: &random) { p, x, y, z, clean in
            points[2 * p] = x
            points[2 * p + 1] = y
            heights[p] = clean
            noisy[p] = z
        }
        inputs = Tensor(shape: [count, 2], scalars: points)
        targets = Tensor(shape: [count, 1], scalars: noisy)
        clean = Tensor(shape: [count, 1], scalars: heights)
    }

    /// The points of the grid one by one, with noise drawn from a generator seeded like
    /// `np.random.seed(seed)` (see ``forEachPoint(grid:range:noise:random:_:)``).
    public static func forEachPoint(
        grid: Int, range: ClosedRange<Double>, noise: Double, seed: UInt32,
        _ body: (_ p: Int, _ x: Double, _ y: Double, _ z: Double, _ clean: Double) throws -> Void
    ) rethrows {
        var random = RandomState(seed: seed)
        try forEachPoint(grid: grid, range: range, noise: noise, random: &random, body)
    }

    /// The points of the grid one by one, in point order, without holding them: `body` gets the point's
    /// index p = i·grid + j, x, y, the noisy height z and the clean height, with the same values and
    /// draws as ``init(grid:range:noise:random:)`` (which is built on it).
    ///
    /// A grid of 10,000² points streams in constant memory.
    /// - Precondition: `grid ≥ 1`, finite range ends, `noise ≥ 0` and finite.
    public static func forEachPoint(
        grid: Int, range: ClosedRange<Double>, noise: Double, random: inout RandomState,
        _ body: (_ p: Int, _ x: Double, _ y: Double, _ z: Double, _ clean: Double) throws -> Void
    ) rethrows {
        precondition(grid >= 1, "the grid needs at least one value per axis, got \(grid)")
        precondition(range.lowerBound.isFinite && range.upperBound.isFinite, "the range must be finite")
        precondition(noise >= 0 && noise.isFinite, "the noise level must be finite and non-negative, got \(noise)")
        let axis = Tensor.linspace(range.lowerBound, range.upperBound, count: grid).scalars
        for i in 0..<grid {
            for j in 0..<grid {
                let height = SurfaceData.height(x: axis[i], y: axis[j])
                try body(i * grid + j, axis[i], axis[j], height + noise * random.standardNormal(), height)
            }
        }
    }

    /// The number of points, grid².
    public var count: Int { inputs.shape[0] }

    /// The surface f(x, y) = sin(0.8 r²) / (r²)^0.9 with r² = x² + y², and 0 at the origin.
    ///
    /// Computed as NumPy evaluates `np.sin(0.8 * r2) / r2 ** 0.9` with `r2 = x**2 + y**2`.
    public static func height(x: Double, y: Double) -> Double {
        let r2 = x * x + y * y
        return r2 == 0 ? 0 : sin(0.8 * r2) / pow(r2, 0.9)
    }

    /// The points as a table with columns `x, y, z` (z the noisy target), and `z_clean` when asked.
    public func table(includingClean: Bool = false) -> CSVTable {
        var parts = [inputs, targets]
        if includingClean { parts.append(clean) }
        let names = includingClean ? ["x", "y", "z", "z_clean"] : ["x", "y", "z"]
        return CSVTable(columns: names, values: Tensor.concatenate(parts, axis: 1), name: "<surface>")
    }
}
