import Platform

/// Optimizer paths over a contour or heatmap (UDL notebooks 6.2–6.5).
extension Axes {
    /// Draws the path through the points (x[i], y[i]) in order: a line with a small marker at each point,
    /// arrowheads showing the direction, a ring at the start and a filled star at the end.
    /// - Parameters:
    ///   - x: the abscissas of the path's points, in order.
    ///   - y: the ordinates, as many as `x`.
    ///   - label: the legend entry (nil: none).
    ///   - color: the colour of the line and the markers (nil: the next colour of the cycle).
    ///   - width: the line width in points.
    ///   - arrows: whether to put arrowheads on segments long enough to hold one (at most one per
    ///     ~40 points of path).
    ///   - markerSize: the size of the per-point markers in points (0 for none).
    public func trajectory(
        _ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil, width: Double = 1.5,
        arrows: Bool = true, markerSize: Double = 3
    ) {
        precondition(x.count == y.count, "Axes.trajectory: \(x.count) x values but \(y.count) y values")
        add(
            TrajectorySeries(
                x: x, y: y, label: label, color: color ?? cycleColor(), width: width, arrows: arrows,
                markerSize: markerSize))
    }
}

/// A path with direction arrows and start/end markers.
struct TrajectorySeries: PlotItem {
    var x: [Double], y: [Double]
    var label: String?
    var color: Color
    var width: Double
    var arrows: Bool
    var markerSize: Double

    var kind: String { "trajectory" }
    var layer: Int { 2 }
    var extent: DataExtent { DataExtent(x: x, y: y) }
    var legendHandle: LegendHandle {
        .line(
            color: color, width: width, style: .solid, marker: markerSize > 0 ? .circle : .none,
            markerSize: markerSize * 1.5)
    }

    func validate(name: String, x xs: AxisScale, y ys: AxisScale) throws {
        try validateValues(x, name + " x", scale: xs)
        try validateValues(y, name + " y", scale: ys)
    }

    func draw(_ c: AxesContext) {
        let points = c.points(x, y)
        let w = c.units.px(width)
        if points.count > 1 {
            c.canvas.stroke(.polyline(points), color: color, style: StrokeStyle(width: w, cap: .round, join: .round))
        }
        if markerSize > 0 {
            Marker.circle.draw(
                at: points, size: c.units.px(markerSize), fill: color, edge: color, edgeWidth: 0, on: c.canvas)
        }
        if arrows {
            c.canvas.fill(arrowheads(points, length: c.units.px(4 + 2 * width), spacing: c.units.px(40)), color: color)
        }
        guard let first = points.first, let last = points.last else { return }
        let ring = c.units.px(9)
        Marker.circle.draw(at: [first], size: ring, fill: .white, edge: color, edgeWidth: c.units.px(1.5), on: c.canvas)
        Marker.star.draw(
            at: [last], size: c.units.px(13), fill: color, edge: .white, edgeWidth: c.units.px(0.8), on: c.canvas)
    }

    /// Arrowheads at the middle of segments at least 2.5 heads long, keeping `spacing` pixels of path
    /// between them.
    private func arrowheads(_ points: [Point], length: Double, spacing: Double) -> Path {
        var heads = Path()
        var sinceLast = Double.infinity
        for (a, b) in zip(points, points.dropFirst()) {
            let l = (b - a).length
            sinceLast += l / 2
            if l >= 2.5 * length && sinceLast >= spacing {
                let d = (b - a) * (1 / l), n = d.perpendicular
                let tip = a + (b - a) * 0.5 + d * (length / 2)
                let back = tip - d * length
                heads.addPolygon([tip, back + n * (length * 0.45), back - n * (length * 0.45)])
                sinceLast = 0
            }
            sinceLast += l / 2
        }
        return heads
    }

    func obstacles(_ c: AxesContext) -> [[Point]] { [c.points(x, y)] }
}
