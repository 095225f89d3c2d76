/// Shaded bands: a spread around a curve, such as mean ± standard deviation over seeds.
extension Axes {
    /// How `meanBand` measures the spread of the runs at each x.
    public enum Spread: Sendable {
        /// Mean ± population standard deviation, √(Σ(v − mean)²/n) (NumPy's default `std`).
        case standardDeviation
        /// Mean ± standard error, standard deviation / √n.
        case standardError
        /// From the smallest to the largest run.
        case minMax
    }

    /// Shades the region between `lower` and `upper`, with an optional line along `center`.
    /// - Parameters:
    ///   - x: the abscissas.
    ///   - lower: the bottom edge of the band, as many values as `x`.
    ///   - upper: the top edge of the band, as many values as `x`.
    ///   - center: the ordinates of a line drawn over the band, as many as `x` (nil: no line).
    ///   - label: the legend entry (nil: none).
    ///   - color: the colour of the shading and the line (nil: the next colour of the cycle).
    ///   - alpha: the opacity of the shading (the line is opaque).
    public func band(
        _ x: [Double], lower: [Double], upper: [Double], center: [Double]? = nil, label: String? = nil,
        color: Color? = nil, alpha: Double = 0.25
    ) {
        precondition(x.count == lower.count && x.count == upper.count, "Axes.band: x, lower and upper differ in length")
        precondition(center.map { $0.count == x.count } ?? true, "Axes.band: center differs in length from x")
        add(
            BandSeries(
                x: x, lower: lower, upper: upper, center: center, label: label, color: color ?? cycleColor(),
                alpha: alpha))
    }

    /// Draws the mean of several runs (one array per seed, each as long as `x`) as a line, with a shaded
    /// band for their spread.
    public func meanBand(
        _ x: [Double], runs: [[Double]], spread: Spread = .standardDeviation, label: String? = nil, color: Color? = nil,
        alpha: Double = 0.25
    ) {
        precondition(
            !runs.isEmpty && runs.allSatisfy { $0.count == x.count }, "Axes.meanBand: every run needs \(x.count) values"
        )
        var mean = [Double](), lower = [Double](), upper = [Double]()
        let n = Double(runs.count)
        for i in x.indices {
            let column = runs.map { $0[i] }
            let m = column.reduce(0, +) / n
            let sd = (column.map { ($0 - m) * ($0 - m) }.reduce(0, +) / n).squareRoot()
            mean.append(m)
            switch spread {
            case .standardDeviation: (lower, upper) = (lower + [m - sd], upper + [m + sd])
            case .standardError: (lower, upper) = (lower + [m - sd / n.squareRoot()], upper + [m + sd / n.squareRoot()])
            case .minMax: (lower, upper) = (lower + [column.min()!], upper + [column.max()!])
            }
        }
        band(x, lower: lower, upper: upper, center: mean, label: label, color: color, alpha: alpha)
    }
}

/// A filled region between two curves, with an optional centre line.
struct BandSeries: PlotItem {
    var x: [Double], lower: [Double], upper: [Double]
    var center: [Double]?
    var label: String?
    var color: Color
    var alpha: Double

    var kind: String { "band" }
    var layer: Int { center == nil ? 1 : 2 }
    var legendHandle: LegendHandle {
        .patch(fill: color.withAlpha(color.alpha * alpha), line: center == nil ? nil : color, width: Style.lineWidth)
    }
    var extent: DataExtent { DataExtent(x: x, y: lower + upper + (center ?? [])) }

    func validate(name: String, x xs: AxisScale, y ys: AxisScale) throws {
        try validateValues(x, name + " x", scale: xs)
        try validateValues(lower, name + " lower", scale: ys)
        try validateValues(upper, name + " upper", scale: ys)
        if let center { try validateValues(center, name + " center", scale: ys) }
    }

    func draw(_ c: AxesContext) {
        c.canvas.fill(
            .polygon(c.points(x, lower) + c.points(x, upper).reversed()), color: color.withAlpha(color.alpha * alpha))
        if let center, x.count > 1 {
            c.canvas.stroke(
                .polyline(c.points(x, center)), color: color,
                style: StrokeStyle(width: c.units.px(Style.lineWidth), cap: .square))
        }
    }

    func obstacles(_ c: AxesContext) -> [[Point]] {
        [c.points(x, lower), c.points(x, upper)] + (center.map { [c.points(x, $0)] } ?? [])
    }
}
