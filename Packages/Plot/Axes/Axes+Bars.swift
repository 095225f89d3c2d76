/// Bar charts and error bars.
extension Axes {
    /// Draws one bar per x position, from `bottom` to `bottom + height`.
    /// - Parameters:
    ///   - x: the bar centres.
    ///   - heights: the bar heights, as many as `x`.
    ///   - width: the bar width in x units (0.8 leaves gaps between bars one unit apart).
    ///   - bottom: where the bars start.
    ///   - label: the legend entry (nil: none).
    ///   - color: the colour of every bar (nil: the next colour of the cycle).
    public func bar(
        _ x: [Double], _ heights: [Double], width: Double = 0.8, bottom: Double = 0, label: String? = nil,
        color: Color? = nil
    ) {
        precondition(x.count == heights.count, "Axes.bar: \(x.count) positions but \(heights.count) heights")
        add(BarSeries(x: x, heights: heights, width: width, bottom: bottom, label: label, color: color ?? cycleColor()))
    }

    /// Draws one bar per category at x = 0, 1, 2, …, and labels the x ticks with the categories.
    public func bar(
        categories: [String], _ heights: [Double], width: Double = 0.8, label: String? = nil, color: Color? = nil
    ) {
        let x = categories.indices.map(Double.init)
        xTicks = (x, categories)
        bar(x, heights, width: width, label: label, color: color)
    }

    /// Draws points (x[i], y[i]) with vertical error bars from y[i] − error[i] to y[i] + error[i].
    /// - Parameters:
    ///   - x: the abscissas.
    ///   - y: the ordinates (the bars' centres), as many as `x`.
    ///   - error: the half-lengths of the bars (for example a standard deviation over seeds).
    ///   - label: the legend entry (nil: none).
    ///   - color: the colour of the points, the bars and the line (nil: the next colour of the cycle).
    ///   - capSize: the width of the caps in points.
    ///   - connect: whether a line joins the points.
    ///   - marker: the symbol at each point.
    public func errorBars(
        _ x: [Double], _ y: [Double], error: [Double], label: String? = nil, color: Color? = nil, capSize: Double = 3,
        connect: Bool = true, marker: Marker = .circle
    ) {
        precondition(x.count == y.count && y.count == error.count, "Axes.errorBars: x, y and error differ in length")
        add(
            ErrorBarSeries(
                x: x, y: y, error: error, label: label, color: color ?? cycleColor(), capSize: capSize,
                connect: connect, marker: marker))
    }
}

/// Vertical bars.
struct BarSeries: PlotItem {
    var x: [Double], heights: [Double]
    var width: Double, bottom: Double
    var label: String?
    var color: Color

    var kind: String { "bars" }
    var layer: Int { 1 }
    var legendHandle: LegendHandle { .patch(fill: color, line: nil, width: 0) }
    var tops: [Double] { heights.map { bottom + $0 } }

    var extent: DataExtent {
        let xs = DataExtent.bounds(x).map { ($0.0 - width / 2, $0.1 + width / 2) }
        let ys = DataExtent.bounds(tops + [bottom])
        return DataExtent(x: xs, y: ys, stickyY: [bottom])
    }

    func validate(name: String, x xs: AxisScale, y ys: AxisScale) throws {
        try validateValues(x, name + " positions", scale: xs)
        try validateValues(tops, name + " heights", scale: ys)
    }

    func rectangles(_ c: AxesContext) -> [Rect] {
        let base = c.y.scale == .log && bottom <= 0 ? c.rect.maxY : c.y(bottom)
        // Edges on whole pixels, as matplotlib snaps rectangles, so bars have crisp sides.
        return zip(x, tops).map { xi, top in
            let x0 = c.x(xi - width / 2).rounded(), x1 = c.x(xi + width / 2).rounded()
            let y0 = base.rounded(), y1 = c.y(top).rounded()
            return Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
        }
    }

    func draw(_ c: AxesContext) {
        var path = Path()
        for r in rectangles(c) { path.append(.rectangle(r)) }
        c.canvas.fill(path, color: color)
    }

    func obstacles(_ c: AxesContext) -> [[Point]] {
        rectangles(c).map { r in
            [Point(r.minX, r.maxY), Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), r.center]
        }
    }
}

/// Points with symmetric vertical error bars.
struct ErrorBarSeries: PlotItem {
    var x: [Double], y: [Double], error: [Double]
    var label: String?
    var color: Color
    var capSize: Double
    var connect: Bool
    var marker: Marker

    var kind: String { "error bars" }
    var layer: Int { 2 }
    var legendHandle: LegendHandle { .errorBar(color: color, width: Style.lineWidth, marker: marker, connect: connect) }
    var extent: DataExtent {
        DataExtent(x: x, y: zip(y, error).map { $0 - abs($1) } + zip(y, error).map { $0 + abs($1) })
    }

    func validate(name: String, x xs: AxisScale, y ys: AxisScale) throws {
        try validateValues(x, name + " x", scale: xs)
        try validateValues(y, name + " y", scale: ys)
        try validateValues(error, name + " error", scale: .linear)
        try validateValues(zip(y, error).map { $0 - abs($1) }, name + " lower ends", scale: ys)
    }

    func draw(_ c: AxesContext) {
        let w = c.units.px(Style.lineWidth), cap = c.units.px(capSize)
        var bars = Path()
        for i in x.indices {
            let px = c.x(x[i]), low = c.y(y[i] - abs(error[i])), high = c.y(y[i] + abs(error[i]))
            bars.append(.polyline([Point(px, low), Point(px, high)]))
            if cap > 0 {
                bars.append(.polyline([Point(px - cap, low), Point(px + cap, low)]))
                bars.append(.polyline([Point(px - cap, high), Point(px + cap, high)]))
            }
        }
        c.canvas.stroke(bars, color: color, style: StrokeStyle(width: w))
        let points = c.points(x, y)
        if connect && points.count > 1 {
            c.canvas.stroke(.polyline(points), color: color, style: StrokeStyle(width: w))
        }
        marker.draw(
            at: points, size: c.units.px(Style.markerSize * 0.8), fill: color, edge: color,
            edgeWidth: c.units.px(Style.markerEdgeWidth), on: c.canvas)
    }

    func obstacles(_ c: AxesContext) -> [[Point]] {
        [c.points(x, y)]
            + x.indices.map { i in
                [c.point(x[i], y[i] - abs(error[i])), c.point(x[i], y[i] + abs(error[i]))]
            }
    }
}
