import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Ticks {
    /// matplotlib's `LogLocator` (base 10) with its `LogFormatterSciNotation` labels.
    ///
    /// Major ticks sit on decades 10ᵏ, every `stride` decades so that at most `requested` fit; minor ticks
    /// at 2…9·10ᵏ when every decade is ticked and fewer than ten decades show. Decades are labelled
    /// `10$^{k}$`; minor ticks are labelled `c×10$^{k}$` only when the axis spans at most one decade
    /// boundary: coefficients 2, 3, 4, 6 when it spans more than 0.4 decade, all of them otherwise.
    /// Decades are chosen in log space, so any positive finite interval (10⁻³²³ to 10³⁰⁸) gets at most
    /// `requested` + 2 of them.
    static func logarithmic(low: Double, high: Double, requested: Int, _ format: NumberFormat) -> TickSet {
        let efmin = log10(low), efmax = log10(high)
        let emin = Int(efmin.rounded(.up)), emax = Int(efmax.rounded(.down))
        let available = emax - emin + 1
        var request = requested
        var stride = available / (request + 1) + 1
        let actual = Int((Double(available) / Double(stride)).rounded(.up))
        if actual <= request { request = actual }
        var decades: [Int]
        if request == 0 {
            decades = [emin - 1, emax + 1]
            stride = decades[1] - decades[0]
        } else if request == 1 {
            let mid = Int(((efmin + efmax) / 2).rounded(.toNearestOrEven))
            stride = max(mid - (emin - 1), (emax + 1) - mid)
            decades = [mid - stride, mid, mid + stride]
        } else {
            stride = (available - 1) / (request - 1)
            if Double(stride) < Double(available) / Double(request) { stride = available / request }
            let offsetLow = max(available - stride * request, 0)
            let offsetHigh = min(available - stride * (request - 1), stride)
            var offset = ((-emin) % stride + stride) % stride
            if !(offsetLow <= offset && offset < offsetHigh) { offset = offsetLow }
            decades = Array(Swift.stride(from: emin + offset - stride, through: emax + stride, by: stride))
        }
        let within = { (v: Double) in v >= low * (1 - 1e-10) && v <= high * (1 + 1e-10) && v.isFinite }
        let major = decades.map { pow(10, Double($0)) }.filter(within)
        // Minor ticks c·10ᵏ, kept with their coefficient and decade for the labels.
        var minorTicks: [(value: Double, coefficient: Int, exponent: Int)] = []
        if available < 10 && (stride == 1 || available <= 1) {
            for decade in (emin - 1)...(emax) {
                for c in 2...9 { minorTicks.append((Double(c) * pow(10, Double(decade)), c, decade)) }
            }
            minorTicks = minorTicks.filter { within($0.value) }
        }
        let minor = minorTicks.map(\.value)
        let labels = major.map { "10$^{\(Int(log10($0).rounded()))}$" }
        if stride == 1 && major.count + minor.count <= 1 {
            // Too narrow for decade ticks: fall back to linear ticks, labelled as a linear axis would be
            // (with its ×10ᵏ multiplier beside the axis).
            let ticks = Located(low: low, high: high, bins: requested).labelled(format)
            return TickSet(
                major: major, labels: labels, minor: ticks.values, minorLabels: ticks.labels,
                multiplier: ticks.multiplier)
        }
        // Which minor coefficients get a label.
        let boundaries = Int(efmax.rounded(.down)) - Int(efmin.nextDown.rounded(.down))
        let labelled: Set<Int> = boundaries > 1 ? [] : (efmax - efmin > 0.4 ? [2, 3, 4, 6] : Set(2...9))
        let minorLabels = minorTicks.map { t in
            labelled.contains(t.coefficient) ? "\(t.coefficient)×10$^{\(t.exponent)}$" : ""
        }
        return TickSet(major: major, labels: labels, minor: minor, minorLabels: minorLabels, multiplier: nil)
    }
}
