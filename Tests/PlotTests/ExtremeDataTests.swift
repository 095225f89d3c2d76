import Foundation
import Plot
import Testing

/// Issue 15, item 5: any finite data can be drawn. Ticks of extreme intervals are checked against facts that
/// do not depend on how they were computed (a bounded count, inside the interval, ascending, and each label
/// read back as a number equal to its tick's value); figures of hostile data finish and put the data where
/// the limits say.
@Suite(.timeLimit(.minutes(2))) struct ExtremeDataTests {
    /// A label read back as a number: `10$^{k}$`, `c×10$^{k}$`, or a decimal (U+2212 minus, point or comma)
    /// times the axis multiplier `×10$^{m}$`. Parsing the decimal text gives the correctly rounded value,
    /// subnormal numbers included.
    static func value(of label: String, multiplier: String?) -> Double? {
        func exponent(_ text: Substring) -> String? {
            guard let open = text.range(of: "$^{"), let close = text.range(of: "}$") else { return nil }
            return String(text[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "−", with: "-")
        }
        if label.hasPrefix("10$^{") { return exponent(label[...]).flatMap { Double("1e\($0)") } }
        if let times = label.range(of: "×10$^{") {
            let coefficient = label[..<times.lowerBound]
            return exponent(label[times.lowerBound...]).flatMap { Double("\(coefficient)e\($0)") }
        }
        let decimal = label.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: ",", with: ".")
        let m = multiplier.flatMap { exponent($0[...]) } ?? "0"
        return Double("\(decimal)e\(m)")
    }

    /// Intervals of the issue's hostile cases and their neighbours.
    static let intervals: [(name: String, low: Double, high: Double, scale: AxisScale)] = [
        ("range ±1e308", -1e308, 1e308, .linear),
        ("the whole double range", -.greatestFiniteMagnitude, .greatestFiniteMagnitude, .linear),
        ("values near the largest double", 1.7e308, .greatestFiniteMagnitude, .linear),
        ("range ±1e-320 (subnormal)", -1e-320, 1e-320, .linear),
        ("x values 5e-324 and 1e-323", 5e-324, 1e-323, .linear),
        ("an x step of 5e-324 from zero", 0, 1e-323, .linear),
        ("a narrow interval at 1e300", 1e300, 1.000001e300, .linear),
        ("zero span at zero", 0, 0, .linear),
        ("zero span at 1e300", 1e300, 1e300, .linear),
        ("zero span at 5e-324", 5e-324, 5e-324, .linear),
        ("log axis over 600 decades (1e-300…1e300)", 1e-300, 1e300, .log),
        ("log axis over every positive double", 5e-324, .greatestFiniteMagnitude, .log),
        ("log axis within one subnormal decade", 2e-322, 7e-322, .log),
        ("log axis of a zero span", 1e-200, 1e-200, .log),
        ("log axis asked to start at zero", 0, 10, .log),
    ]

    @Test(arguments: intervals)
    func ticksOfExtremeIntervalsAreFewInsideAscendingAndLabelledWithTheirValues(
        _ interval: (name: String, low: Double, high: Double, scale: AxisScale)
    ) {
        let (low, high) = (interval.low, interval.high)
        for bins in 1...9 {
            let ticks = Ticks.ticks(low: low, high: high, scale: interval.scale, bins: bins)
            let what = "\(interval.name), \(bins) bins"
            #expect(ticks.major.count <= 12 && ticks.minor.count <= 40, "\(what): \(ticks.major.count) ticks")
            #expect(ticks.labels.count == ticks.major.count && ticks.minorLabels.count == ticks.minor.count, "\(what)")
            let all = ticks.major + ticks.minor
            #expect(!all.contains { !$0.isFinite }, "\(what): \(all)")
            // Inside the interval (up to 10⁻⁹ of it), a log axis's ends raised to the least positive number.
            let a = interval.scale == .log ? max(low, .leastNonzeroMagnitude) : low
            let tolerance = 1e-9 * (high / 2 - a / 2)
            let inside = all.allSatisfy { $0 >= a - tolerance && $0 <= high + tolerance }
            let ascending = [ticks.major, ticks.minor].allSatisfy { t in zip(t, t.dropFirst()).allSatisfy { $0 < $1 } }
            #expect(inside, "\(what): \(all)")
            #expect(ascending, "\(what): \(ticks.major), \(ticks.minor)")
            // Every label, read back, is its tick's value: to 1% on a log axis (10ᵏ is not exact below 1e-307)
            // and to 10⁻³ of the interval (or of the value) on a linear one.
            for (v, label) in zip(all, ticks.labels + ticks.minorLabels) where !label.isEmpty {
                guard let read = Self.value(of: label, multiplier: ticks.multiplier) else {
                    Issue.record("\(what): label \(label) with \(ticks.multiplier ?? "no multiplier") is not a number")
                    continue
                }
                let relative = interval.scale == .log ? abs(v) * 0.01 : max(high / 2 - low / 2, abs(v) / 2) * 2e-3
                let tolerance = max(relative, 2 * .leastNonzeroMagnitude)
                #expect(abs(read / 2 - v / 2) * 2 <= tolerance, "\(what): \(label) ≠ \(v)")
            }
        }
        // Wide enough intervals get at least two labelled ticks.
        let ticks = Ticks.ticks(low: low, high: high, scale: interval.scale, bins: 5)
        if high > low { #expect(ticks.major.count + ticks.minor.count >= 2, "\(interval.name)") }
    }

    @Test func logAxisOver600DecadesTicksEveryFewDecades() {
        // 601 decades with at most 9 labelled: a stride of 75 decades from 10⁻³⁰⁰ (LogLocator's choice).
        let ticks = Ticks.ticks(low: 1e-300, high: 1e300, scale: .log, bins: 9)
        #expect(ticks.labels == stride(from: -300, through: 300, by: 75).map { "10$^{\($0)}$" })
        #expect(ticks.minor.isEmpty)
    }

    @Test func linearTicksOfRangePlusMinus1e308AreQuartersOf1e308() {
        let ticks = Ticks.ticks(low: -1e308, high: 1e308, scale: .linear, bins: 8)
        #expect(ticks.multiplier == "×10$^{308}$")
        #expect(ticks.labels == ["−1.00", "−0.75", "−0.50", "−0.25", "0.00", "0.25", "0.50", "0.75", "1.00"])
    }

    /// The pixels of `color` (each channel within 2) in a canvas.
    func pixels(of color: Color, in canvas: Canvas) -> [(x: Int, y: Int)] {
        let (r, g, b, _) = color.bytes
        var found: [(x: Int, y: Int)] = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let p = canvas.pixel(x: x, y: y)
                if abs(Int(p.r) - Int(r)) <= 2 && abs(Int(p.g) - Int(g)) <= 2 && abs(Int(p.b) - Int(b)) <= 2 {
                    found.append((x, y))
                }
            }
        }
        return found
    }

    /// Lines through two data points that lie at the corners of the data: the line must run from the plot
    /// area's lower left to its upper right, inside the 5% margins.
    static let diagonals: [(name: String, x: [Double], y: [Double], logY: Bool)] = [
        ("curve-plot on values ±1e308", [0, 1], [-1e308, 1e308], false),
        ("values at ±the largest double", [0, 1], [-.greatestFiniteMagnitude, .greatestFiniteMagnitude], false),
        ("curve-plot on x values 5e-324 and 1e-323", [5e-324, 1e-323], [1, 2], false),
        ("x values across the subnormal range", [0, 1e-320], [0, 1], false),
        ("curve-plot --log-y over values 1e-300…1e300", [0, 600], [1e-300, 1e300], true),
        ("log y from the least positive to the largest double", [0, 1], [5e-324, .greatestFiniteMagnitude], true),
    ]

    @Test(arguments: diagonals)
    func hostileLinesAreDrawnCornerToCorner(_ c: (name: String, x: [Double], y: [Double], logY: Bool)) throws {
        let figure = Figure(width: 640, height: 480)
        let axes = figure.axes()
        axes.line(c.x, c.y, color: Color(hex: 0xd62728), width: 2)
        axes.yScale = c.logY ? .log : .linear
        let canvas = try figure.render()
        let r = try #require(axes.plotArea)
        let line = pixels(of: Color(hex: 0xd62728), in: canvas)
        let xs = line.map(\.x), ys = line.map(\.y)
        let (left, right) = (Double(xs.min() ?? 0) - r.minX, r.maxX - Double(xs.max() ?? 0))
        let (top, bottom) = (Double(ys.min() ?? 0) - r.minY, r.maxY - Double(ys.max() ?? 0))
        // Within the margins (5% of the span, none where the span cannot be widened, 30 decades clamped).
        #expect(line.count > 300, "\(c.name): \(line.count) pixels")
        for (gap, size) in [(left, r.width), (right, r.width), (top, r.height), (bottom, r.height)] {
            #expect(gap >= -1 && gap <= 0.06 * size, "\(c.name): gaps \(left), \(right), \(top), \(bottom)")
        }
        // Lower left to upper right: the leftmost pixels are low, the rightmost high.
        let leftmost = line.filter { $0.x <= xs.min()! + 2 }.map(\.y), rightmost = line.filter { $0.x >= xs.max()! - 2 }
        #expect(leftmost.min()! > rightmost.map(\.y).max()!, "\(c.name)")
    }

    /// Fields of the hostile surface-plot cases: heights of ±1e308, grids spanning ±1e308 or ±1e-320, an
    /// x step of 5e-324, a constant field.
    static let fields: [(name: String, field: ScalarField)] = [
        (
            "surface-plot --data with z = ±1e308",
            ScalarField(x: [0, 1, 2], y: [0, 1, 2]) { x, y in
                (x + y).truncatingRemainder(dividingBy: 2) == 0 ? -1e308 : 1e308
            }
        ),
        (
            "surface-plot --range=-1e308,1e308",
            ScalarField(x: [-1e308, 0, 1e308], y: [-1e308, 0, 1e308]) { x, y in x / 4 + y / 4 }
        ),
        (
            "surface-plot --range=-1e-320,1e-320",
            ScalarField(x: [-1e-320, 0, 1e-320], y: [-1e-320, 0, 1e-320]) { x, _ in x == 0 ? 1 : 0 }
        ),
        (
            "surface-plot --data with an x step of 5e-324",
            ScalarField(x: [0, 5e-324, 1e-323], y: [0, 1]) { x, y in x / 5e-324 + y }
        ),
        ("a constant field of 1e300", ScalarField(x: [0, 1], y: [0, 1], values: [1e300, 1e300, 1e300, 1e300])),
    ]

    @Test(arguments: fields)
    func hostileFieldsAreDrawnInEveryStyle(_ c: (name: String, field: ScalarField)) throws {
        for style in SurfaceFigure.Style.allCases {
            var plot = SurfaceFigure(field: c.field, style: style)
            plot.width = 480
            plot.height = 360
            let png = try decodePNG(try plot.pngData())
            #expect(png.width == 480 && png.height == 360, "\(c.name), \(style)")
            // The surface is coloured with the colormap (not left blank): many pixels are saturated colours.
            var coloured = 0
            for i in stride(from: 0, to: png.pixels.count, by: 4) {
                let (r, g, b) = (Int(png.pixels[i]), Int(png.pixels[i + 1]), Int(png.pixels[i + 2]))
                if max(r, g, b) - min(r, g, b) > 60 { coloured += 1 }
            }
            #expect(coloured > 3000, "\(c.name), \(style): \(coloured) coloured pixels")
        }
    }

    @Test func aCheckerboardOfPlusMinus1e308HasContoursAcrossItsCells() throws {
        // z = ±1e308 alternating on a 3 × 3 grid: along the bottom row z goes −1e308, 1e308, −1e308, so the
        // level 0 crosses the row halfway between grid points, at x = 0.5 and 1.5 (where (b − a) overflows).
        let field = ScalarField(x: [0, 1, 2], y: [0, 1, 2]) { x, y in
            (x + y).truncatingRemainder(dividingBy: 2) == 0 ? -1e308 : 1e308
        }
        let crossings = Set(field.contourLines(at: 0).flatMap { $0 }.filter { $0.y == 0 }.map(\.x)).sorted()
        #expect(crossings == [0.5, 1.5])
    }
}
