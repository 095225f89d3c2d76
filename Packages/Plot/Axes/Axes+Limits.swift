/// The view limits of an axes: fixed, or fitted to the data with margins.
extension Axes {
    /// Checks every item's data against the scales.
    /// - Throws: the first `PlotError` found, naming the series.
    func validate() throws {
        for index in items.indices {
            try items[index].validate(name: name(of: index), x: xScale, y: yScale)
        }
        for (limits, scale, axis) in [(xLimits, xScale, "x"), (yLimits, yScale, "y")] {
            guard let (a, b) = limits else { continue }
            try validateValues([a, b], "\(axis) limits", scale: scale)
        }
    }

    /// The x and y limits to draw: the fixed ones (widened like data when both ends are equal), or the
    /// data's.
    func limits() -> (x: (Double, Double), y: (Double, Double)) {
        let extents = items.map(\.extent)
        func limits(_ fixed: (Double, Double)?, _ ranges: [(Double, Double)], _ sticky: [Double], _ scale: AxisScale)
            -> (Double, Double)
        {
            guard let fixed else { return Axes.fit(ranges, sticky: sticky, scale: scale) }
            return fixed.0 == fixed.1 ? Axes.fit([fixed], sticky: [], scale: scale) : fixed
        }
        return (
            limits(xLimits, extents.compactMap(\.x), extents.flatMap(\.stickyX), xScale),
            limits(yLimits, extents.compactMap(\.y), extents.flatMap(\.stickyY), yScale)
        )
    }

    /// Limits around data ranges, as matplotlib's autoscaling: the union of the ranges, widened when
    /// empty (±5% of the value, or ±0.05 at zero; a decade each way on log axes), then by 5% of the span
    /// on each side (in log space on log axes), except that a side stops at a sticky value lying between
    /// the margin and the data.
    ///
    /// Any finite data get finite limits with low < high: margins stop at ±1.8·10³⁰⁸ (on log axes at
    /// 10⁻³⁰⁷ and 10³⁰⁸, or the data if they lie beyond), and a point too close to zero or too large to be
    /// widened by 5% is widened by one representable number each way.
    static func fit(_ ranges: [(Double, Double)], sticky: [Double], scale: AxisScale) -> (Double, Double) {
        guard !ranges.isEmpty else { return scale == .log ? (1, 10) : (0, 1) }
        var lo = ranges.map(\.0).min()!, hi = ranges.map(\.1).max()!
        if hi - lo <= 1e-12 * max(abs(lo), abs(hi)) {
            if scale == .log {
                (lo, hi) = (lo / 10, hi * 10)
            } else {
                (lo, hi) = lo == 0 ? (-0.05, 0.05) : (lo - 0.05 * abs(lo), hi + 0.05 * abs(hi))
            }
            (lo, hi) = separated(lo, hi, scale)
        }
        let t0 = scale.transform(lo), t1 = scale.transform(hi)
        let span = t1 - t0
        let delta = span.isFinite ? span * Style.margin : t1 * Style.margin - t0 * Style.margin
        var low = t0 - delta, high = t1 + delta
        let valid = sticky.filter { scale == .linear || $0 > 0 }.map(scale.transform)
        if let bound = valid.filter({ $0 <= t0 + 1e-12 * abs(t0) }).max() { low = max(low, bound) }
        if let bound = valid.filter({ $0 >= t1 - 1e-12 * abs(t1) }).min() { high = min(high, bound) }
        let largest = Double.greatestFiniteMagnitude
        let (floor, ceiling) = scale == .log ? (min(t0, -307), max(t1, 308)) : (-largest, largest)
        low = max(low, floor)
        high = min(high, ceiling)
        // Past 10^±307, pow can round a log-space end to 0 or infinity: the data's own end is used then.
        func end(_ t: Double, data: Double) -> Double {
            let v = scale.inverse(t)
            return v.isFinite && (scale == .linear || v > 0) ? v : data
        }
        return (end(low, data: lo), end(high, data: hi))
    }

    /// `lo…hi` with finite ends (clamped to ±1.8·10³⁰⁸, and positive on a log axis) and, should the ends
    /// coincide (a subnormal value widened by 5%, or the largest number), one representable number wider
    /// on each side.
    static func separated(_ lo: Double, _ hi: Double, _ scale: AxisScale) -> (Double, Double) {
        let largest = Double.greatestFiniteMagnitude
        let least = scale == .log ? Double.leastNonzeroMagnitude : -largest
        var (a, b) = (min(max(lo, least), largest), min(max(hi, least), largest))
        if !(a < b) { (a, b) = (a > least ? a.nextDown : a, b < largest ? b.nextUp : b) }
        return (a, b)
    }

    /// The frame of the axes in `rect`: the plot area (shrunk to equal aspect when asked), the data-to-pixel
    /// maps and the ticks.
    func frame(in allotted: Rect, units: Units) -> AxesFrame {
        let (xl, yl) = limits()
        var rect = allotted
        if equalAspect {
            let sx = ScaledInterval(xScale.transform(xl.0), xScale.transform(xl.1))
            let sy = ScaledInterval(yScale.transform(yl.0), yScale.transform(yl.1))
            let dx = abs(sx.width), dy = abs(sy.width)
            if dx > 0 && dy > 0 {
                var (width, height) = (allotted.width, allotted.height)
                if sx.exponent == 0 && sy.exponent == 0 {
                    let scale = min(allotted.width / dx, allotted.height / dy)
                    (width, height) = (dx * scale, dy * scale)
                } else {
                    // Spans that overflow or are subnormal: their ratio, from the scaled widths.
                    let ratio = Double(sign: .plus, exponent: sy.exponent - sx.exponent, significand: dx / dy)
                    if ratio > width / height { height = width / ratio } else { width = height * ratio }
                }
                // Spans too unequal to show at one scale (a side under 2% of its room) fill the room instead.
                if width >= Self.leastAspectShare * allotted.width && height >= Self.leastAspectShare * allotted.height
                {
                    rect = Rect(
                        x: allotted.center.x - width / 2, y: allotted.center.y - height / 2, width: width,
                        height: height)
                }
            }
        }
        rect = Rect(
            x: rect.minX.rounded(), y: rect.minY.rounded(), width: rect.width.rounded(), height: rect.height.rounded())
        let xMap = AxisMap(scale: xScale, limits: xl, pixels: (rect.minX, rect.maxX))
        let yMap = AxisMap(scale: yScale, limits: yl, pixels: (rect.maxY, rect.minY))
        let points = units.scale
        var xTicks = Ticks.ticks(
            low: xl.0, high: xl.1, scale: xScale,
            bins: Ticks.binCount(length: rect.width / points, fontSize: Style.fontSize, vertical: false),
            numberFormat: units.numberFormat)
        if let custom = customTicks(self.xTicks, map: xMap) { xTicks = custom }
        let yTicks = Ticks.ticks(
            low: yl.0, high: yl.1, scale: yScale,
            bins: Ticks.binCount(length: rect.height / points, fontSize: Style.fontSize, vertical: true),
            numberFormat: units.numberFormat)
        return AxesFrame(rect: rect, x: xMap, y: yMap, xTicks: xTicks, yTicks: yTicks)
    }

    /// The smallest share of its room a side of an equal-aspect plot area may take.
    static let leastAspectShare = 0.02

    private func customTicks(_ custom: (positions: [Double], labels: [String])?, map: AxisMap) -> TickSet? {
        guard let custom else { return nil }
        let shown = custom.positions.indices.filter { map.contains(custom.positions[$0]) }
        return TickSet(
            major: shown.map { custom.positions[$0] },
            labels: shown.map { $0 < custom.labels.count ? custom.labels[$0] : "" },
            minor: [], minorLabels: [], multiplier: nil)
    }
}

/// An axes placed on the canvas.
struct AxesFrame {
    /// The plot area, on whole pixels.
    var rect: Rect
    var x: AxisMap
    var y: AxisMap
    var xTicks: TickSet
    var yTicks: TickSet
}
