/// Heatmaps of a scalar field.
extension Axes {
    /// How a heatmap fills the space between grid points.
    public enum Interpolation: Sendable {
        /// Each grid point colours the cell around it (cells end halfway to the neighbours; matplotlib's
        /// `imshow`/`pcolormesh(shading="nearest")`).
        case nearest
        /// Values interpolated bilinearly between grid points, over the grid's hull (a smooth image).
        case bilinear
    }

    /// Draws `field` as an image coloured by `colormap`.
    /// - Parameters:
    ///   - field: the values to draw.
    ///   - colormap: the colours, from the low end of `range` to the high end.
    ///   - range: the values mapped to the colormap's ends (nil: the field's smallest and largest values).
    ///     For a diverging map use limits symmetric about zero, e.g. `(-m, m)`.
    ///   - interpolation: cells or a smooth image.
    public func heatmap(
        _ field: ScalarField, colormap: Colormap = .viridis, range: (Double, Double)? = nil,
        interpolation: Interpolation = .nearest
    ) {
        let r = range ?? field.valueRange
        add(HeatmapLayer(field: field, colormap: colormap, low: r.0, high: r.1, interpolation: interpolation))
    }
}

/// A colour image of a field.
struct HeatmapLayer: PlotItem {
    var field: ScalarField
    var colormap: Colormap
    var low: Double, high: Double
    var interpolation: Axes.Interpolation

    var kind: String { "heatmap" }
    var label: String? { nil }
    var layer: Int { 0 }
    var legendHandle: LegendHandle { .patch(fill: colormap.color(at: 0.5), line: nil, width: 0) }
    var mappable: Mappable? { Mappable(colormap: colormap, low: low, high: high) }

    /// The image's edges in x (or y): cell edges halfway between points (halves subtracted, so that a
    /// grid spanning ±10³⁰⁸ does not overflow, and the edges kept finite), or the grid's hull.
    func edges(_ v: [Double]) -> (Double, Double) {
        guard interpolation == .nearest else { return (v[0], v[v.count - 1]) }
        let largest = Double.greatestFiniteMagnitude, n = v.count
        return (
            max(-largest, v[0] - (v[1] / 2 - v[0] / 2)), min(largest, v[n - 1] + (v[n - 1] / 2 - v[n - 2] / 2))
        )
    }

    var extent: DataExtent {
        let ex = edges(field.x), ey = edges(field.y)
        return DataExtent(x: ex, y: ey, stickyX: [ex.0, ex.1], stickyY: [ey.0, ey.1])
    }

    func validate(name: String, x: AxisScale, y: AxisScale) throws {
        try field.validate(name)
        try validateValues(field.x, name + " x", scale: x)
        try validateValues(field.y, name + " y", scale: y)
        guard low.isFinite, high.isFinite else { throw PlotError.nonFiniteData(name + " colour range", index: 0) }
    }

    /// For each pixel centre along an axis: the grid interval index and the fraction within it, and how much
    /// of the pixel the image covers.
    private func sampling(_ grid: [Double], _ map: AxisMap, pixels: Range<Int>) -> [(
        index: Int, t: Double, cover: Double
    )] {
        let (e0, e1) = edges(grid)
        let p0 = min(map(e0), map(e1)), p1 = max(map(e0), map(e1))
        return pixels.map { p in
            let cover = max(0, min(Double(p + 1), p1) - max(Double(p), p0))
            let v = map.value(at: Double(p) + 0.5)
            // Index of the last grid point ≤ v (binary search), clamped to an interval.
            var lo = 0, hi = grid.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if grid[mid] <= v { lo = mid } else { hi = mid }
            }
            let t = max(0, min(1, (v - grid[lo]) / (grid[lo + 1] - grid[lo])))
            if interpolation == .nearest { return (t < 0.5 ? lo : lo + 1, 0, cover) }
            return (lo, t, cover)
        }
    }

    func draw(_ c: AxesContext) {
        let (x0, y0, x1, y1) = c.canvas.clipBounds
        guard x1 > x0, y1 > y0 else { return }
        let columns = sampling(field.x, c.x, pixels: x0..<x1), rows = sampling(field.y, c.y, pixels: y0..<y1)
        let range = ScaledInterval(low, high)
        let lut = colormap.table, scale = range.reciprocalWidth
        let nx = field.x.count, width = c.canvas.width
        field.values.withUnsafeBufferPointer { f in
            c.canvas.pixels.withUnsafeMutableBufferPointer { pixels in
                for (row, ry) in rows.enumerated() where ry.cover > 0 {
                    for (column, cx) in columns.enumerated() where cx.cover > 0 {
                        let v: Double
                        if interpolation == .nearest {
                            v = f[ry.index * nx + cx.index]
                        } else {
                            let a = f[ry.index * nx + cx.index], b = f[ry.index * nx + cx.index + 1]
                            let d = f[(ry.index + 1) * nx + cx.index], e = f[(ry.index + 1) * nx + cx.index + 1]
                            let bottom = interpolate(a, b, cx.t), top = interpolate(d, e, cx.t)
                            v = interpolate(bottom, top, ry.t)
                        }
                        if v.isNaN { continue }
                        let rgb = lut[Colormap.bin((range.scaled(v) - range.low) * scale)]
                        let alpha = Int((cx.cover * ry.cover * 255).rounded())
                        Canvas.blend(
                            pixels.baseAddress! + ((y0 + row) * width + x0 + column) * 4,
                            UInt8(rgb >> 16), UInt8((rgb >> 8) & 0xFF), UInt8(rgb & 0xFF), alpha)
                    }
                }
            }
        }
    }

    func obstacles(_ c: AxesContext) -> [[Point]] { [] }
}
