/// Values between grid points, and differences of fields on one grid.
extension ScalarField {
    /// The value at (x, y) by bilinear interpolation between the four surrounding grid points (clamped to
    /// the grid's edges outside it).
    public func value(atX x: Double, y: Double) -> Double {
        func locate(_ v: Double, _ grid: [Double]) -> (Int, Double) {
            var lo = 0, hi = grid.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if grid[mid] <= v { lo = mid } else { hi = mid }
            }
            return (lo, Swift.max(0, Swift.min(1, (v - grid[lo]) / (grid[lo + 1] - grid[lo]))))
        }
        let (i, s) = locate(x, self.x), (j, t) = locate(y, self.y)
        let bottom = interpolate(self[i, j], self[i + 1, j], s)
        let top = interpolate(self[i, j + 1], self[i + 1, j + 1], s)
        return interpolate(bottom, top, t)
    }

    /// The residuals self − reference, point by point (for example a model's predictions minus the clean
    /// surface).
    /// - Throws: `PlotError.notAGrid` when the two fields are not on the same grid.
    public func residuals(against reference: ScalarField) throws -> ScalarField {
        guard x == reference.x, y == reference.y else {
            throw PlotError.notAGrid(
                "the fields' grids differ (\(x.count)×\(y.count) and \(reference.x.count)×\(reference.y.count) points, "
                    + "or different coordinates)")
        }
        return ScalarField(x: x, y: y, values: zip(values, reference.values).map { $0 - $1 })
    }
}

/// a + (b − a)·t, the value a fraction t of the way from a to b; when b − a overflows (a and b near ∓10³⁰⁸),
/// the same as a·(1 − t) + b·t.
@inline(__always) func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
    let d = b - a
    return d.isFinite ? a + d * t : a * (1 - t) + b * t
}
