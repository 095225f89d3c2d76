import NumberFormatting
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tick positions and labels for an axis, following matplotlib's defaults (`AutoLocator` +
/// `ScalarFormatter` on linear axes, `LogLocator` + `LogFormatterSciNotation` on log axes).
public struct TickSet: Sendable, Equatable {
    /// The major tick positions inside the limits, ascending.
    public var major: [Double]
    /// The labels of the major ticks, in the `$…$` markup of the text renderer.
    public var labels: [String]
    /// The minor tick positions inside the limits (log axes only).
    public var minor: [Double]
    /// The labels of the minor ticks (empty strings where unlabelled).
    public var minorLabels: [String]
    /// A common factor shown once beside the axis, such as `×10$^{-5}$`, or nil.
    public var multiplier: String?

    /// The major and minor ticks that carry a label.
    var labelled: [(Double, String)] {
        (Array(zip(major, labels)) + Array(zip(minor, minorLabels))).filter { !$0.1.isEmpty }
    }
}

/// The tick computations.
public enum Ticks {
    /// The "nice" step multipliers of matplotlib's `AutoLocator`.
    static let steps: [Double] = [1, 2, 2.5, 5, 10]

    /// How many tick intervals fit on an axis: its length over 3 label sizes (horizontal axis) or
    /// 2 label sizes (vertical axis), between 1 and 9, as matplotlib's `get_tick_space`.
    /// - Parameters:
    ///   - length: the axis length in points.
    ///   - fontSize: the tick label size in points.
    ///   - vertical: whether the axis is vertical.
    public static func binCount(length: Double, fontSize: Double, vertical: Bool) -> Int {
        max(1, min(9, Int((length / (fontSize * (vertical ? 2 : 3))).rounded(.down))))
    }

    /// The ticks and labels for `low…high` on `scale`, with at most `bins` intervals (a log axis asks for
    /// at most `bins` decades, at least 2), their decimals written as `numberFormat` says.
    ///
    /// Any finite interval gets a bounded number of ticks, each inside it, in ascending order: intervals
    /// reaching beyond 10³⁰⁰ in magnitude, or lying within 10⁻²⁸⁰ of zero (subnormal numbers included), are
    /// located in units of their own decade (a ×10ᵏ multiplier labels them), and a tick that the scaled
    /// arithmetic cannot place to 10⁻³ of the interval (between two subnormal numbers) is left out. A log
    /// axis shows positive values only: its ends are raised to the smallest positive number. Non-finite
    /// ends give no ticks.
    public static func ticks(
        low: Double, high: Double, scale: AxisScale, bins: Int, numberFormat: NumberFormat = .decimalPoint
    ) -> TickSet {
        guard low.isFinite, high.isFinite else { return TickSet(major: [], labels: [], minor: [], minorLabels: []) }
        let (a, b) = (min(low, high), max(low, high))
        switch scale {
        case .linear:
            let ticks = Located(low: a, high: b, bins: bins).labelled(numberFormat)
            return TickSet(
                major: ticks.values, labels: ticks.labels, minor: [], minorLabels: [], multiplier: ticks.multiplier)
        case .log:
            let positiveLow = max(a, .leastNonzeroMagnitude)
            return logarithmic(
                low: positiveLow, high: max(b, positiveLow), requested: max(2, min(9, bins)), numberFormat)
        }
    }

    /// matplotlib's `MaxNLocator` with steps 1, 2, 2.5, 5, 10 and at least two ticks, restricted to
    /// the ticks inside `low…high`.
    ///
    /// The step is the smallest of {1, 2, 2.5, 5, 10}·10ᵏ not below (high − low)/bins (falling back to
    /// smaller steps while fewer than two ticks land inside); ticks are the multiples of the step. Extreme
    /// intervals are handled as ``ticks(low:high:scale:bins:numberFormat:)`` describes.
    public static func linear(low: Double, high: Double, bins: Int) -> [Double] {
        ticks(low: low, high: high, scale: .linear, bins: bins).major
    }

    /// Whether `v` lies in `low…high` up to 10⁻¹⁰ of the span, as matplotlib decides which ticks to draw.
    static func inside(_ v: Double, _ low: Double, _ high: Double) -> Bool {
        let tolerance = 1e-10 * (high - low)
        return v >= low - tolerance && v <= high + tolerance
    }

    /// The locator's ticks for `low…high` in the interval's own units: for an ordinary interval the values
    /// themselves (`shift` 0); for an extreme one (see ``decimalShift(_:_:)``) the values over 10^shift.
    struct Located {
        /// The power of ten the values were divided by.
        let shift: Int
        /// The interval.
        let ends: (low: Double, high: Double)
        /// The interval divided by 10^shift.
        let low: Double, high: Double
        /// All the locator's ticks (one beyond each end included), divided by 10^shift.
        let scaled: [Double]
        /// The ticks inside the interval, divided by 10^shift, and as values.
        let visibleScaled: [Double], visible: [Double]

        init(low: Double, high: Double, bins: Int) {
            let shift = decimalShift(low, high)
            self.shift = shift
            ends = (low, high)
            (self.low, self.high) = (scaledByPowerOfTen(low, -shift), scaledByPowerOfTen(high, -shift))
            scaled = locate(low: self.low, high: self.high, bins: bins)
            let (a, b) = (self.low, self.high)
            visibleScaled = scaled.filter { inside($0, a, b) }
            visible = visibleScaled.map { scaledByPowerOfTen($0, shift) }
        }

        /// Whether `value`, meant to be the tick `scaled`, is finite and within 10⁻³ of the interval of it
        /// (always for an ordinary interval).
        func isFaithful(_ value: Double, _ scaled: Double) -> Bool {
            shift == 0 || (value.isFinite && abs(scaledByPowerOfTen(value, -shift) - scaled) <= 1e-3 * (high - low))
        }

        /// Whether a faithful tick value also lies in the interval, to 10⁻¹⁰ of it (scaling can move a tick
        /// at an end by a last bit).
        func isInside(_ value: Double) -> Bool {
            let tolerance = (ends.high / 2 - ends.low / 2) * 2e-10
            return shift == 0 || (value >= ends.low - tolerance && value <= ends.high + tolerance)
        }

        /// The visible ticks that can be drawn where their labels say, their labels and multiplier.
        ///
        /// An interval of a few subnormal numbers may hold fewer than two such ticks (only multiples of
        /// 4.9·10⁻³²⁴ exist there): its two ends are ticked and labelled instead.
        func labelled(_ format: NumberFormat) -> (values: [Double], labels: [String], multiplier: String?) {
            let kept = visible.indices.filter { isFaithful(visible[$0], visibleScaled[$0]) && isInside(visible[$0]) }
            guard kept.count < 2, shift != 0, high > low else {
                let (labels, multiplier) = scalarLabels(scaled, visible: visibleScaled, exponent: shift, format)
                return (kept.map { visible[$0] }, kept.map { labels[$0] }, multiplier)
            }
            let (labels, multiplier) = scalarLabels([low, high], visible: [low, high], exponent: shift, format)
            return ([ends.low, ends.high], labels, multiplier)
        }

        /// All the locator's ticks as values, without those that cannot be drawn where they belong.
        var all: [Double] {
            zip(scaled.map { scaledByPowerOfTen($0, shift) }, scaled).filter { isFaithful($0, $1) }.map(\.0)
        }
    }

    /// 0 for an interval the locator's arithmetic handles as it is; for one whose larger end reaches 10³⁰⁰
    /// in magnitude (its span, steps and outer ticks may overflow) or lies below 10⁻²⁸⁰ (steps would be
    /// subnormal and imprecise), that end's decade k, so that the interval over 10ᵏ lies within ±10.
    static func decimalShift(_ low: Double, _ high: Double) -> Int {
        let m = max(abs(low), abs(high))
        guard m.isFinite, m > 0, m >= 1e300 || m < 1e-280 else { return 0 }
        return Int(log10(m).rounded(.down))
    }

    /// v·10ᵏ, in two factors so that neither overflows nor underflows for |k| up to 630.
    static func scaledByPowerOfTen(_ v: Double, _ k: Int) -> Double {
        k == 0 ? v : v * pow(10, Double(k / 2)) * pow(10, Double(k - k / 2))
    }

    /// The locator's ticks, including the one beyond each end that matplotlib also returns; empty when the
    /// interval is not finite or would need an unbounded number of ticks.
    static func locate(low: Double, high: Double, bins: Int) -> [Double] {
        var (vmin, vmax) = nonsingular(low, high)
        let nbins = Double(max(1, bins))
        let (scale, offset) = scaleRange(vmin, vmax, nbins)
        vmin -= offset
        vmax -= offset
        let extended = steps.dropLast().map { $0 * 0.1 } + steps + [10 * steps[1]]
        let candidates = extended.map { $0 * scale }
        let raw = (vmax - vmin) / nbins
        let first = candidates.firstIndex(where: { $0 >= raw }) ?? candidates.count - 1
        var ticks: [Double] = []
        for step in candidates[0...first].reversed() {
            let base = floorDivide(vmin, step) * step
            let low = edgeLow(vmin - base, step: step, offset: offset)
            let high = edgeHigh(vmax - base, step: step, offset: offset)
            // At most 10·bins + 2 steps fit in the interval; anything else is a failure of the arithmetic.
            guard low.isFinite, high.isFinite, high - low <= 10 * nbins + 2 else { return [] }
            ticks = stride(from: low, through: high, by: 1).map { $0 * step + base }
            if ticks.filter({ $0 >= vmin && $0 <= vmax }).count >= 2 { break }
        }
        return ticks.map { $0 + offset }
    }

    /// Labels with a shared number of decimals, the fewest that keep every tick exact to 10⁻³ of the
    /// range (matplotlib's `ScalarFormatter`), with a ×10ᵏ multiplier when the largest visible tick is
    /// below 10⁻⁵ or at least 10⁶ in magnitude. Negative numbers use the minus sign U+2212.
    /// - Parameters:
    ///   - ticks: all the locator's ticks (the decimals are chosen over these, as matplotlib does).
    ///   - visible: the ticks to label.
    ///   - shift: the ticks are the values over 10^shift (see ``Located``).
    ///   - format: the decimal separator.
    static func scalarLabels(
        _ ticks: [Double], visible: [Double], exponent shift: Int = 0, _ format: NumberFormat = .decimalPoint
    ) -> (labels: [String], multiplier: String?) {
        guard !ticks.isEmpty, !visible.isEmpty else { return ([], nil) }
        let largest = visible.map { abs($0) }.max()!
        let order = (largest == 0 ? 0 : Int(log10(largest).rounded(.down))) + shift
        let magnitude = order <= -5 || order >= 6 ? order : 0
        let divisor = pow(10, Double(magnitude - shift))
        let scaled = ticks.map { $0 / divisor }
        var range = (scaled.max()! - scaled.min()!)
        if range == 0 { range = scaled.map { abs($0) }.max()! }
        if range == 0 { range = 1 }
        let rangeOrder = Int(log10(range).rounded(.down))
        var decimals = max(0, 3 - rangeOrder)
        let threshold = 1e-3 * pow(10, Double(rangeOrder))
        while decimals >= 0 {
            let p = pow(10, Double(decimals))
            let error = scaled.map { abs($0 - ($0 * p).rounded(.toNearestOrEven) / p) }.max()!
            if error < threshold { decimals -= 1 } else { break }
        }
        decimals += 1
        let labels = visible.map { v -> String in
            let x = v / divisor
            return formatFixed(abs(x) < 1e-8 ? 0 : x, decimals: decimals, format)
        }
        return (labels, magnitude == 0 ? nil : "×10$^{\(magnitude)}$")
    }

    /// Labels for values of any size, such as contour levels, each but zero with the shared multiplier (if
    /// any) written after it, since no axis shows it.
    static func valueLabels(_ values: [Double], _ format: NumberFormat) -> [String] {
        guard let low = values.min(), let high = values.max() else { return [] }
        let shift = decimalShift(low, high)
        let scaled = values.map { scaledByPowerOfTen($0, -shift) }
        let (labels, multiplier) = scalarLabels(scaled, visible: scaled, exponent: shift, format)
        return zip(labels, values).map { label, v in v == 0 ? label : label + (multiplier ?? "") }
    }

    /// `value` with exactly `decimals` digits after the separator (C's `%.*f`), with U+2212 for minus.
    static func formatFixed(_ value: Double, decimals: Int, _ format: NumberFormat = .decimalPoint) -> String {
        format.apply(Numbers.trueMinus(Numbers.fixed(value, decimals: min(decimals, 40))))
    }

    // MARK: matplotlib's helpers, as arithmetic

    /// Widens an empty interval: v ± 5% of |v|, or ±0.05 around zero (tiny 1e-14, expander 1e-13).
    static func nonsingular(_ a: Double, _ b: Double) -> (Double, Double) {
        if abs(b - a) > 1e-14 * max(abs(a), abs(b)) && b - a > 0 { return (a, b) }
        if a == 0 && b == 0 { return (-1e-13, 1e-13) }
        return (a - 1e-13 * abs(a), b + 1e-13 * abs(b))
    }

    /// The power of ten of (high − low)/n, and an offset when the interval sits far from zero.
    static func scaleRange(_ vmin: Double, _ vmax: Double, _ n: Double) -> (scale: Double, offset: Double) {
        let dv = abs(vmax - vmin), mean = (vmax + vmin) / 2
        let offset = abs(mean) / dv < 100 ? 0 : copysign(pow(10, log10(abs(mean)).rounded(.down)), mean)
        return (pow(10, log10(dv / n).rounded(.down)), offset)
    }

    /// Python's float `divmod`: the floored quotient and the remainder with the divisor's sign.
    static func divmod(_ x: Double, _ y: Double) -> (Double, Double) {
        var m = fmod(x, y)
        var d = (x - m) / y
        if m != 0 {
            if (y < 0) != (m < 0) {
                m += y
                d -= 1
            }
        } else {
            m = copysign(0, y)
        }
        if d != 0 {
            var f = d.rounded(.down)
            if d - f > 0.5 { f += 1 }
            d = f
        } else {
            d = copysign(0, x / y)
        }
        return (d, m)
    }

    static func floorDivide(_ x: Double, _ y: Double) -> Double { divmod(x, y).0 }

    /// The tolerance for deciding that x/step sits on a multiple, looser when the offset dwarfs the step.
    static func closeTolerance(step: Double, offset: Double) -> Double {
        guard offset != 0 else { return 1e-10 }
        return min(0.4999, max(1e-10, pow(10, log10(abs(offset) / step) - 12)))
    }

    /// The largest n with n·step ≤ x (up to the tolerance).
    static func edgeLow(_ x: Double, step: Double, offset: Double) -> Double {
        let (d, m) = divmod(x, step)
        return abs(m / step - 1) < closeTolerance(step: step, offset: offset) ? d + 1 : d
    }

    /// The smallest n with n·step ≥ x (up to the tolerance).
    static func edgeHigh(_ x: Double, step: Double, offset: Double) -> Double {
        let (d, m) = divmod(x, step)
        return abs(m / step) < closeTolerance(step: step, offset: offset) ? d : d + 1
    }
}
