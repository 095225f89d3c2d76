import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Contour lines and filled contours of a scalar field (marching squares).
extension Axes {
    /// Draws the contour lines of `field`.
    /// - Parameters:
    ///   - field: the values to draw the contours of.
    ///   - levels: the levels (nil: about `count` nice levels strictly inside the field's range, as
    ///     matplotlib's default).
    ///   - count: the approximate number of levels chosen when `levels` is nil (ignored otherwise).
    ///   - color: one colour for every line (nil: each level coloured by `colormap`).
    ///   - colormap: the colours of the levels when `color` is nil, the lowest level getting its first
    ///     colour and the highest its last.
    ///   - width: the line width in points.
    ///   - labels: whether to write each level's value in a gap of its longest lines, along the line.
    ///   - label: the legend entry (nil: none).
    public func contour(
        _ field: ScalarField, levels: [Double]? = nil, count: Int = 7, color: Color? = nil,
        colormap: Colormap = .viridis, width: Double = 1.5, labels: Bool = false, label: String? = nil
    ) {
        let chosen = levels ?? ContourLayer.defaultLevels(field, count: count, filled: false)
        add(
            ContourLayer(
                field: field, levels: chosen, filled: false, color: color, colormap: colormap, width: width,
                labels: labels, label: label))
    }

    /// Fills the bands between successive levels of `field` with colours of `colormap`.
    /// - Parameters:
    ///   - field: the values to fill the bands of.
    ///   - levels: the band edges (nil: about `count` nice levels, extended to cover the range).
    ///   - count: the approximate number of levels chosen when `levels` is nil (ignored otherwise).
    ///   - colormap: the colours of the bands, the lowest band getting its first colour and the highest its
    ///     last.
    public func filledContour(
        _ field: ScalarField, levels: [Double]? = nil, count: Int = 7, colormap: Colormap = .viridis
    ) {
        let chosen = levels ?? ContourLayer.defaultLevels(field, count: count, filled: true)
        add(
            ContourLayer(
                field: field, levels: chosen, filled: true, color: nil, colormap: colormap, width: 0,
                labels: false, label: nil))
    }
}

/// Contour lines, or filled bands, of a field.
struct ContourLayer: PlotItem {
    var field: ScalarField
    var levels: [Double]
    var filled: Bool
    var color: Color?
    var colormap: Colormap
    var width: Double
    var labels: Bool
    var label: String?

    var kind: String { filled ? "filled contour" : "contour" }
    var layer: Int { filled ? 0 : 2 }
    var legendHandle: LegendHandle {
        .line(color: color ?? levelColor(levels.count / 2), width: width, style: .solid, marker: .none, markerSize: 0)
    }
    var extent: DataExtent {
        let ex = (field.x[0], field.x[field.x.count - 1]), ey = (field.y[0], field.y[field.y.count - 1])
        return DataExtent(x: ex, y: ey, stickyX: [ex.0, ex.1], stickyY: [ey.0, ey.1])
    }
    var mappable: Mappable? {
        guard filled, let first = levels.first, let last = levels.last else { return nil }
        return Mappable(colormap: colormap, low: first, high: last, boundaries: levels)
    }

    /// matplotlib's automatic levels: the ticks of a locator with `count + 1` bins over the value range;
    /// lines keep the levels strictly inside the range, filled contours one level beyond each end.
    static func defaultLevels(_ field: ScalarField, count: Int, filled: Bool) -> [Double] {
        let (lo, hi) = field.valueRange
        guard lo.isFinite, hi.isFinite else { return [] }
        let all = Ticks.Located(low: lo, high: hi, bins: count + 1).all
        // No two levels can be placed among a few subnormal numbers: one band, or one line.
        guard all.count >= 2 else { return filled && hi > lo ? [lo, hi] : [lo] }
        if !filled {
            let inside = all.filter { $0 > lo && $0 < hi }
            return inside.isEmpty ? [lo] : inside
        }
        let first = all.lastIndex(where: { $0 < lo }) ?? 0
        let last = all.firstIndex(where: { $0 > hi }) ?? all.count - 1
        return Array(all[first...last])
    }

    /// The colour of line `k` (lines: the level over the levels' range; bands: band k's middle over the
    /// middles' range, so the first band gets the map's first colour and the last its last, as matplotlib).
    func levelColor(_ k: Int) -> Color {
        if let color { return color }
        let n = filled ? levels.count - 1 : levels.count
        return colormap.color(at: n > 1 ? Double(k) / Double(n - 1) : 0.5)
    }

    func validate(name: String, x: AxisScale, y: AxisScale) throws {
        try field.validate(name)
        try validateValues(field.x, name + " x", scale: x)
        try validateValues(field.y, name + " y", scale: y)
        try validateValues(levels, name + " levels", scale: .linear)
    }

    func draw(_ c: AxesContext) {
        if filled {
            // Painter's order: band k paints {f ≥ level k} over the bands below, so neighbouring bands meet
            // without a seam of background.
            for k in 0..<max(0, levels.count - 1) {
                let region = field.superlevelPath(at: k == 0 ? -Double.infinity : levels[k]) { c.point($0.x, $0.y) }
                c.canvas.fill(region, color: levelColor(k))
            }
            return
        }
        let w = c.units.px(width)
        let tickLabels = Ticks.valueLabels(levels, c.units.numberFormat)
        var placed: [Rect] = []
        for (k, level) in levels.enumerated() {
            var lines = field.contourLines(at: level).map { $0.map { c.point($0.x, $0.y) } }
            if labels {
                lines = labelled(
                    lines, text: tickLabels[k], color: levelColor(k), start: 0.5 + 0.17 * Double(k), placed: &placed, c)
            }
            var path = Path()
            for line in lines { path.append(.polyline(line)) }
            c.canvas.stroke(path, color: levelColor(k), style: StrokeStyle(width: w, join: .round))
        }
    }

    /// Writes `text` along one of the lines, cut out of it, and returns the lines with the gap.
    ///
    /// The label goes on the longest line that can hold it, at the first of ten positions along it (from
    /// `start`, a fraction of its length, staggered per level) where the line is nearly straight over the
    /// label's length and the label does not overlap one already `placed`. Lines too short for any are left
    /// unlabelled.
    private func labelled(
        _ lines: [[Point]], text: String, color: Color, start: Double, placed: inout [Rect], _ c: AxesContext
    ) -> [[Point]] {
        let font = c.units.font(Style.fontSize * 0.9)
        let gap = c.text.measure(text, font: font).width / 2 + c.units.px(3)
        let lengths = lines.map(Self.arcLength)
        for index in lengths.indices.sorted(by: { lengths[$0] > lengths[$1] }) where lengths[index] > 4 * gap {
            let line = lines[index], length = lengths[index]
            for step in 0..<10 {
                let s = min(
                    max(gap, length * (start + 0.1 * Double(step)).truncatingRemainder(dividingBy: 1)), length - gap)
                let before = Self.point(on: line, at: s - gap), after = Self.point(on: line, at: s + gap)
                guard (after - before).length > 1.8 * gap else { continue }
                let direction = after.x >= before.x ? after - before : before - after
                let angle = atan2(-direction.y, direction.x) * 180 / Double.pi
                let centre = Self.point(on: line, at: s)
                let box = c.text.box(of: text, font: font, at: centre, anchor: .center, angle: angle)
                guard !placed.contains(where: { $0.intersects(box) }), c.rect.insetBy(2).contains(centre) else {
                    continue
                }
                placed.append(box)
                c.text.draw(text, font: font, color: color, at: centre, anchor: .center, angle: angle, on: c.canvas)
                var out = lines
                out[index] = Self.prefix(line, upTo: s - gap)
                out.append(Self.suffix(line, from: s + gap))
                return out
            }
        }
        return lines
    }

    static func arcLength(_ line: [Point]) -> Double {
        zip(line, line.dropFirst()).reduce(0) { $0 + ($1.1 - $1.0).length }
    }

    /// The point at arc length `s` along `line`.
    static func point(on line: [Point], at s: Double) -> Point {
        var remaining = max(0, s)
        for (a, b) in zip(line, line.dropFirst()) {
            let l = (b - a).length
            if remaining <= l, l > 0 { return a + (b - a) * (remaining / l) }
            remaining -= l
        }
        return line.last ?? .zero
    }

    /// The part of `line` up to arc length `s`.
    static func prefix(_ line: [Point], upTo s: Double) -> [Point] {
        var out: [Point] = []
        var walked = 0.0
        for (a, b) in zip(line, line.dropFirst()) {
            out.append(a)
            walked += (b - a).length
            if walked >= s { break }
        }
        return out + [point(on: line, at: s)]
    }

    /// The part of `line` from arc length `s` on.
    static func suffix(_ line: [Point], from s: Double) -> [Point] {
        var out = [point(on: line, at: s)]
        var walked = 0.0
        for (a, b) in zip(line, line.dropFirst()) {
            walked += (b - a).length
            if walked > s { out.append(b) }
        }
        return out
    }

    /// None: contours cover the whole plot like an image, so a legend may sit over them.
    func obstacles(_ c: AxesContext) -> [[Point]] { [] }
}
