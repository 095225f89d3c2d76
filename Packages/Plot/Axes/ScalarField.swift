/// Values of a function z = f(x, y) on a rectangular grid, for heatmaps, contours and surfaces.
///
/// `values[j · x.count + i]` is f(x[i], y[j]): rows run along x, one row per y, like the output of
/// NumPy's `meshgrid(x, y)` (indexing "xy") flattened row by row.
public struct ScalarField: Sendable {
    /// The grid's x coordinates, strictly increasing.
    public let x: [Double]
    /// The grid's y coordinates, strictly increasing.
    public let y: [Double]
    /// The values, `y.count` rows of `x.count`.
    public let values: [Double]

    /// A field from its grid and values.
    /// - Precondition: `values.count == x.count · y.count`, both axes strictly increasing with at least two
    ///   points. (Use `init(points:)` for data read from files, which reports these as errors.)
    public init(x: [Double], y: [Double], values: [Double]) {
        precondition(x.count >= 2 && y.count >= 2, "ScalarField: need at least 2×2 points, got \(x.count)×\(y.count)")
        precondition(
            values.count == x.count * y.count, "ScalarField: \(values.count) values for a \(x.count)×\(y.count) grid")
        precondition(zip(x, x.dropFirst()).allSatisfy { $0 < $1 }, "ScalarField: x must be strictly increasing")
        precondition(zip(y, y.dropFirst()).allSatisfy { $0 < $1 }, "ScalarField: y must be strictly increasing")
        self.x = x
        self.y = y
        self.values = values
    }

    /// The field of `f` sampled on the grid.
    public init(x: [Double], y: [Double], _ f: (Double, Double) -> Double) {
        var values = [Double]()
        values.reserveCapacity(x.count * y.count)
        for yj in y { for xi in x { values.append(f(xi, yj)) } }
        self.init(x: x, y: y, values: values)
    }

    /// A field from scattered (x, y, z) triples that form a complete grid, in any order (for instance the
    /// rows of an `x,y,z` CSV file, with 'ij' or 'xy' ordering).
    /// - Throws: `PlotError.emptyData` or `PlotError.notAGrid` saying which point is missing or repeated, and
    ///   `PlotError.nonFiniteData` for a NaN or infinite coordinate.
    public init(points x: [Double], _ y: [Double], _ z: [Double]) throws {
        precondition(x.count == y.count && y.count == z.count, "ScalarField(points:): columns of different lengths")
        guard !x.isEmpty else { throw PlotError.emptyData("grid") }
        if let i = x.firstIndex(where: { !$0.isFinite }) { throw PlotError.nonFiniteData("grid x", index: i) }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw PlotError.nonFiniteData("grid y", index: i) }
        let xs = Array(Set(x)).sorted(), ys = Array(Set(y)).sorted()
        guard xs.count >= 2, ys.count >= 2 else {
            throw PlotError.notAGrid(
                "\(xs.count) distinct x and \(ys.count) distinct y values; need at least 2 of each")
        }
        guard xs.count * ys.count == x.count else {
            throw PlotError.notAGrid(
                "\(x.count) points do not fill the \(xs.count)×\(ys.count) grid of their distinct x and y values")
        }
        let column = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($1, $0) })
        let row = Dictionary(uniqueKeysWithValues: ys.enumerated().map { ($1, $0) })
        var values = [Double](repeating: .nan, count: x.count)
        var seen = [Bool](repeating: false, count: x.count)
        for k in 0..<x.count {
            let index = row[y[k]]! * xs.count + column[x[k]]!
            guard !seen[index] else { throw PlotError.notAGrid("point \(k) repeats (x, y) = (\(x[k]), \(y[k]))") }
            seen[index] = true
            values[index] = z[k]
        }
        self.init(x: xs, y: ys, values: values)
    }

    /// The value at grid point (i, j) = f(x[i], y[j]).
    @inlinable public subscript(i: Int, j: Int) -> Double { values[j * x.count + i] }

    /// The smallest and largest values (NaN for a field with no finite value).
    public var valueRange: (min: Double, max: Double) {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        return lo <= hi ? (lo, hi) : (.nan, .nan)
    }

    /// The field with `transform` applied to every value (for example a residual or a square).
    public func map(_ transform: (Double) -> Double) -> ScalarField {
        ScalarField(x: x, y: y, values: values.map(transform))
    }

    /// Checks that every value is finite.
    func validate(_ what: String) throws {
        if let i = values.firstIndex(where: { !$0.isFinite }) { throw PlotError.nonFiniteData(what, index: i) }
    }
}
