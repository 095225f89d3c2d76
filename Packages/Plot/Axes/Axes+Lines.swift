/// Lines, scatter plots and reference lines.
extension Axes {
    /// Draws a line through the points (x[i], y[i]), optionally with a marker at each point.
    /// - Parameters:
    ///   - x: the abscissas.
    ///   - y: the ordinates, as many as `x`.
    ///   - label: the legend entry (nil: none).
    ///   - color: the colour (nil: the next colour of the cycle).
    ///   - width: the line width in points (0 for markers only).
    ///   - style: solid, dashed, dotted, dash-dot or a custom pattern.
    ///   - marker: the symbol at each point.
    ///   - markerSize: the symbol size in points.
    public func line(
        _ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil, width: Double = 1.5,
        style: LineStyle = .solid, marker: Marker = .none, markerSize: Double = 6
    ) {
        precondition(x.count == y.count, "Axes.line: \(x.count) x values but \(y.count) y values")
        add(
            LineSeries(
                x: x, y: y, label: label, color: color ?? cycleColor(), width: width, style: style,
                marker: marker, markerSize: markerSize))
    }

    /// Draws markers at the points (x[i], y[i]), without a line.
    /// - Parameters:
    ///   - x: the abscissas.
    ///   - y: the ordinates, as many as `x`.
    ///   - label: the legend entry (nil: none).
    ///   - color: the colour (nil: the next colour of the cycle).
    ///   - marker: the symbol at each point.
    ///   - size: the marker size in points.
    ///   - alpha: the opacity of the markers (it multiplies the colour's own opacity).
    public func scatter(
        _ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil, marker: Marker = .circle,
        size: Double = 6, alpha: Double = 1
    ) {
        precondition(x.count == y.count, "Axes.scatter: \(x.count) x values but \(y.count) y values")
        let c = (color ?? cycleColor())
        add(
            LineSeries(
                x: x, y: y, label: label, color: c.withAlpha(c.alpha * alpha), width: 0, style: .solid,
                marker: marker, markerSize: size, kind: "scatter"))
    }

    /// Draws a horizontal line across the whole plot at `y` (it does not widen the x limits).
    public func horizontalLine(
        at y: Double, label: String? = nil, color: Color = .black, width: Double = 1, style: LineStyle = .dashed
    ) {
        add(ReferenceLine(value: y, horizontal: true, label: label, color: color, width: width, style: style))
    }

    /// Draws a vertical line across the whole plot at `x` (it does not widen the y limits).
    public func verticalLine(
        at x: Double, label: String? = nil, color: Color = .black, width: Double = 1, style: LineStyle = .dashed
    ) {
        add(ReferenceLine(value: x, horizontal: false, label: label, color: color, width: width, style: style))
    }
}

/// A polyline with optional markers (a scatter plot is one with no line).
struct LineSeries: PlotItem {
    var x: [Double], y: [Double]
    var label: String?
    var color: Color
    var width: Double
    var style: LineStyle
    var marker: Marker
    var markerSize: Double
    var kind = "line"

    var layer: Int { 2 }
    var extent: DataExtent { DataExtent(x: x, y: y) }
    var legendHandle: LegendHandle {
        width > 0
            ? .line(color: color, width: width, style: style, marker: marker, markerSize: markerSize)
            : .marker(marker, color: color, size: markerSize)
    }

    func validate(name: String, x xs: AxisScale, y ys: AxisScale) throws {
        try validateValues(x, name + " x", scale: xs)
        try validateValues(y, name + " y", scale: ys)
    }

    func draw(_ c: AxesContext) {
        if width > 0 {
            let line = c.linePoints(x, y)
            if line.count > 1 {
                let w = c.units.px(width)
                let pattern = style.pattern(width: w)
                // matplotlib's defaults: projecting caps on solid lines, butt caps on dashes, round joins.
                let stroke = StrokeStyle(width: w, cap: pattern.isEmpty ? .square : .butt, join: .round, dash: pattern)
                c.canvas.stroke(.polyline(line), color: color, style: stroke)
            }
        }
        if marker != .none {
            marker.draw(
                at: c.points(x, y), size: c.units.px(markerSize), fill: color, edge: color,
                edgeWidth: c.units.px(Style.markerEdgeWidth), on: c.canvas)
        }
    }

    func obstacles(_ c: AxesContext) -> [[Point]] { [c.linePoints(x, y)] }
}

/// A line across the plot at a fixed value.
struct ReferenceLine: PlotItem {
    var value: Double
    var horizontal: Bool
    var label: String?
    var color: Color
    var width: Double
    var style: LineStyle

    var kind: String { horizontal ? "horizontal line" : "vertical line" }
    var layer: Int { 2 }
    var extent: DataExtent {
        horizontal ? DataExtent(x: nil, y: (value, value)) : DataExtent(x: (value, value), y: nil)
    }
    var legendHandle: LegendHandle { .line(color: color, width: width, style: style, marker: .none, markerSize: 0) }

    func validate(name: String, x: AxisScale, y: AxisScale) throws {
        try validateValues([value], name, scale: horizontal ? y : x)
    }

    func draw(_ c: AxesContext) {
        let ends =
            horizontal
            ? [Point(c.rect.minX, c.y(value)), Point(c.rect.maxX, c.y(value))]
            : [Point(c.x(value), c.rect.minY), Point(c.x(value), c.rect.maxY)]
        let w = c.units.px(width)
        c.canvas.stroke(.polyline(ends), color: color, style: StrokeStyle(width: w, dash: style.pattern(width: w)))
    }

    func obstacles(_ c: AxesContext) -> [[Point]] {
        horizontal
            ? [[Point(c.rect.minX, c.y(value)), Point(c.rect.maxX, c.y(value))]]
            : [[Point(c.x(value), c.rect.minY), Point(c.x(value), c.rect.maxY)]]
    }
}
