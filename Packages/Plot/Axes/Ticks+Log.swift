import Platform

extension Ticks {
    /// matplotlib's `LogLocator` (base 10) with its `LogFormatterSciNotation` labels.
    ///
    /// Major ticks sit on decades 10ᵏ, every `stride` decades so that at most `requested` fit; minor ticks
    /// at 2…9·10ᵏ when every decade is ticked and fewer than ten decades show. Decades are labelled
    /// `10$^{k}$`; minor ticks are labelled `c×10$^{k}$` only when the axis spans at most one decade
    /// boundary: coefficients 2, 3, 4, 6 when it spans more than 0.4 decade, all of them otherwise.
    static func logarithmic(low: Double, high: Double, requested: Int) -> TickSet {
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
        let within = { (v: Double) in v >= low * (1 - 1e-10) && v <= high * (1 + 1e-10) }
        let major = decades.map { pow(10, Double($0)) }.filter(within)
        var minor: [Double] = []
        if available < 10 && (stride == 1 || available <= 1) {
            for decade in (emin - 1)...(emax) {
                for c in 2...9 { minor.append(Double(c) * pow(10, Double(decade))) }
            }
            minor = minor.filter(within)
        }
        let labels = major.map { "10$^{\(Int(log10($0).rounded()))}$" }
        if stride == 1 && major.count + minor.count <= 1 {
            // Too narrow for decade ticks: fall back to linear ticks, labelled as a linear axis would be.
            let all = locate(low: low, high: high, bins: requested)
            let ticks = all.filter { inside($0, low, high) }
            let (minorLabels, _) = scalarLabels(all, visible: ticks)
            return TickSet(major: major, labels: labels, minor: ticks, minorLabels: minorLabels, multiplier: nil)
        }
        // Which minor coefficients get a label.
        let boundaries = Int(efmax.rounded(.down)) - Int(efmin.nextDown.rounded(.down))
        let labelled: Set<Int> = boundaries > 1 ? [] : (efmax - efmin > 0.4 ? [2, 3, 4, 6] : Set(2...9))
        let minorLabels = minor.map { v -> String in
            let exponent = Int(log10(v).rounded(.down))
            let coefficient = Int((v / pow(10, Double(exponent))).rounded())
            return labelled.contains(coefficient) ? "\(coefficient)×10$^{\(exponent)}$" : ""
        }
        return TickSet(major: major, labels: labels, minor: minor, minorLabels: minorLabels, multiplier: nil)
    }
}
