/// The legend of an axes: one row per labelled item, a handle drawn like the item and its label, in a
/// translucent rounded frame (matplotlib's layout: sizes in font sizes, see `Style`).
///
/// `.best` tries the locations in the order of `LegendLocation` and keeps the first with the least
/// "badness": the number of data vertices inside the box plus the number of data segments crossing it.
struct Legend {
    let entries: [(label: String, handle: LegendHandle)]
    let font: Font
    let size: (width: Double, height: Double)
    let rowHeight: Double
    private let em: Double

    init?(_ axes: Axes, units: Units, text: TextRenderer) {
        entries = axes.items.compactMap { item in item.label.map { ($0, item.legendHandle) } }
        guard !entries.isEmpty else { return nil }
        let font = units.font(Style.fontSize)
        self.font = font
        em = font.size
        let widest = entries.map { text.measure($0.label, font: font).width }.max()!
        rowHeight = text.measure("lp", font: font).height
        let n = Double(entries.count)
        size = (
            em * (2 * Style.legendBorderPad + Style.legendHandleLength + Style.legendHandleTextPad) + widest,
            em * 2 * Style.legendBorderPad + n * rowHeight + (n - 1) * em * Style.legendLabelSpacing
        )
    }

    /// The legend's box for a location in the plot area `r`.
    func box(_ location: LegendLocation, in r: Rect) -> Rect {
        let pad = em * Style.legendBorderAxesPad
        let left = r.minX + pad, right = r.maxX - pad - size.width, centreX = r.center.x - size.width / 2
        let top = r.minY + pad, bottom = r.maxY - pad - size.height, centreY = r.center.y - size.height / 2
        let (x, y): (Double, Double)
        switch location {
        case .best, .upperRight: (x, y) = (right, top)
        case .upperLeft: (x, y) = (left, top)
        case .lowerLeft: (x, y) = (left, bottom)
        case .lowerRight: (x, y) = (right, bottom)
        case .right, .centerRight: (x, y) = (right, centreY)
        case .centerLeft: (x, y) = (left, centreY)
        case .lowerCenter: (x, y) = (centreX, bottom)
        case .upperCenter: (x, y) = (centreX, top)
        case .center: (x, y) = (centreX, centreY)
        case .outsideRight: (x, y) = (r.maxX + pad, r.minY)
        }
        return Rect(x: x, y: y, width: size.width, height: size.height)
    }

    /// The box for `location`, resolving `.best` against the data polylines.
    func place(_ location: LegendLocation, in r: Rect, avoiding polylines: [[Point]]) -> Rect {
        guard location == .best else { return box(location, in: r) }
        var best = box(.upperRight, in: r), fewest = Int.max
        for candidate in LegendLocation.allCases.dropFirst() where candidate != .outsideRight {
            let b = box(candidate, in: r)
            let badness = Legend.badness(b, polylines)
            if badness < fewest {
                (best, fewest) = (b, badness)
                if badness == 0 { break }
            }
        }
        return best
    }

    static func badness(_ b: Rect, _ polylines: [[Point]]) -> Int {
        var count = 0
        for line in polylines {
            for p in line where b.contains(p) { count += 1 }
            for (p, q) in zip(line, line.dropFirst()) where segment(p, q, crosses: b) { count += 1 }
        }
        return count
    }

    /// Whether segment pq meets rectangle b (Liang–Barsky clipping).
    static func segment(_ p: Point, _ q: Point, crosses b: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let d = q - p
        for (denominator, numerator) in [
            (-d.x, p.x - b.minX), (d.x, b.maxX - p.x), (-d.y, p.y - b.minY), (d.y, b.maxY - p.y),
        ] {
            if denominator == 0 {
                if numerator < 0 { return false }
            } else {
                let t = numerator / denominator
                if denominator < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    func draw(in b: Rect, on canvas: Canvas, units: Units, text: TextRenderer) {
        let frame = Path.roundedRectangle(b, radius: 0.2 * em)
        canvas.fill(frame, color: Color.white.withAlpha(Style.legendFrameAlpha))
        canvas.stroke(frame, color: Style.legendEdgeColor, style: StrokeStyle(width: units.px(1)))
        var top = b.minY + em * Style.legendBorderPad
        let handleX = b.minX + em * Style.legendBorderPad, handleWidth = em * Style.legendHandleLength
        for (label, handle) in entries {
            let middle = top + rowHeight - text.measure("lp", font: font).descent - 0.36 * em
            drawHandle(handle, x: handleX, width: handleWidth, y: middle, on: canvas, units: units)
            text.draw(
                label, font: font, color: Style.textColor,
                at: Point(handleX + handleWidth + em * Style.legendHandleTextPad, top), anchor: .topLeft, on: canvas)
            top += rowHeight + em * Style.legendLabelSpacing
        }
    }

    private func drawHandle(
        _ handle: LegendHandle, x: Double, width: Double, y: Double, on canvas: Canvas, units: Units
    ) {
        let middle = Point(x + width / 2, y)
        let sample = Path.polyline([Point(x, y), Point(x + width, y)])
        switch handle {
        case let .line(color, lineWidth, style, marker, markerSize):
            if lineWidth > 0 {
                let w = units.px(lineWidth)
                canvas.stroke(sample, color: color, style: StrokeStyle(width: w, dash: style.pattern(width: w)))
            }
            marker.draw(
                at: [middle], size: units.px(markerSize), fill: color, edge: color,
                edgeWidth: units.px(Style.markerEdgeWidth), on: canvas)
        case let .marker(marker, color, size):
            marker.draw(
                at: [middle], size: units.px(size), fill: color, edge: color,
                edgeWidth: units.px(Style.markerEdgeWidth), on: canvas)
        case let .patch(fill, line, lineWidth):
            canvas.fill(.rectangle(Rect(x: x, y: y - 0.35 * em, width: width, height: 0.7 * em)), color: fill)
            if let line { canvas.stroke(sample, color: line, style: StrokeStyle(width: units.px(lineWidth))) }
        case let .errorBar(color, lineWidth, marker, connect):
            let w = units.px(lineWidth), h = 0.35 * em, cap = units.px(3)
            var bars = connect ? sample : Path()
            bars.append(.polyline([Point(middle.x, y - h), Point(middle.x, y + h)]))
            bars.append(.polyline([Point(middle.x - cap, y - h), Point(middle.x + cap, y - h)]))
            bars.append(.polyline([Point(middle.x - cap, y + h), Point(middle.x + cap, y + h)]))
            canvas.stroke(bars, color: color, style: StrokeStyle(width: w))
            marker.draw(
                at: [middle], size: units.px(Style.markerSize * 0.8), fill: color, edge: color,
                edgeWidth: 0, on: canvas)
        }
    }
}
