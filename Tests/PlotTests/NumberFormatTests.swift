import Plot
import Testing

/// Decimal commas (issue 12, item 4): every number Plot writes itself follows the figure's `numberFormat`;
/// the default is unchanged (the matplotlib fixtures of TickTests and the gallery's bytes).
@Suite struct NumberFormatTests {
    @Test func linearLabelsTakeTheDecimalSeparator() {
        // [0, 1] in two intervals: ticks 0, 0.5, 1, labelled with one decimal (matplotlib's "0.0 0.5 1.0").
        let point = Ticks.ticks(low: 0, high: 1, scale: .linear, bins: 2)
        let comma = Ticks.ticks(low: 0, high: 1, scale: .linear, bins: 2, numberFormat: .decimalComma)
        #expect(point.labels == ["0.0", "0.5", "1.0"])
        #expect(comma.labels == ["0,0", "0,5", "1,0"])
        #expect(comma.major == point.major)
        // Negative values keep U+2212; the ×10ᵏ multiplier has no decimals and is the same in both.
        let small = Ticks.ticks(low: -2.5e-6, high: 2.5e-6, scale: .linear, bins: 2, numberFormat: .decimalComma)
        #expect(small.labels == ["−2,5", "0,0", "2,5"] && small.multiplier == "×10$^{-6}$", "\(small)")
        #expect(NumberFormat.decimalComma.decimalSeparator == "," && NumberFormat.decimalPoint.decimalSeparator == ".")
    }

    @Test func integerLabelsAreTheSameInBothFormats() {
        for (low, high) in [(0.0, 2500.0), (-3.0, 3.0), (1e6, 5e6)] {
            let point = Ticks.ticks(low: low, high: high, scale: .linear, bins: 5)
            let comma = Ticks.ticks(low: low, high: high, scale: .linear, bins: 5, numberFormat: .decimalComma)
            let integers = point.labels.allSatisfy { !$0.contains(".") }
            #expect(integers, "\(point.labels)")
            #expect(comma == point, "[\(low), \(high)]")
        }
    }

    @Test func logLabelsTakeTheSeparatorOnlyWhereTheyHaveDecimals() {
        // Decades and c×10ᵏ minor labels have no decimals; a log axis too narrow for them falls back to
        // linear labels, which do.
        let wide = Ticks.ticks(low: 1e-3, high: 1e2, scale: .log, bins: 6, numberFormat: .decimalComma)
        #expect(wide == Ticks.ticks(low: 1e-3, high: 1e2, scale: .log, bins: 6))
        let narrow = Ticks.ticks(low: 0.21, high: 0.29, scale: .log, bins: 5, numberFormat: .decimalComma)
        let labels = narrow.minorLabels.filter { !$0.isEmpty }
        let commas = labels.allSatisfy { $0.contains(",") && !$0.contains(".") }
        #expect(!labels.isEmpty && commas, "\(labels)")
        #expect(
            labels
                == Ticks.ticks(low: 0.21, high: 0.29, scale: .log, bins: 5).minorLabels.filter { !$0.isEmpty }
                .map { $0.replacingOccurrences(of: ".", with: ",") })
    }

    @Test func aCommaFigureShowsTheCommaLabelsAsText() throws {
        // The decimal-comma figure is pixel for pixel the decimal-point figure given the comma labels as
        // explicit x ticks: the rendered tick labels are the text "0,0", "0,2", …. (y runs 0…100, where
        // every tick is an integer, so only x labels carry decimals.)
        func figure(_ format: NumberFormat, xTicks: (positions: [Double], labels: [String])? = nil) -> Figure {
            let figure = Figure(width: 640, height: 480)
            figure.numberFormat = format
            let axes = figure.axes()
            axes.line([0, 1], [0, 100], label: "0.5 stays as written")
            axes.xLimits = (0, 1)
            axes.yLimits = (0, 100)
            axes.xLabel = "t (0.5 s)"
            axes.xTicks = xTicks
            return figure
        }
        let point = figure(.decimalPoint), comma = figure(.decimalComma)
        let pointCanvas = try point.render(), commaCanvas = try comma.render()
        let r = try #require(point.axes().plotArea)
        let bins = Ticks.binCount(length: r.width / (point.dpi / 72), fontSize: 10, vertical: false)
        let ticks = Ticks.ticks(low: 0, high: 1, scale: .linear, bins: bins)
        let decimals = ticks.labels.filter { $0.contains(".") }
        #expect(decimals.count >= 2, "\(ticks.labels)")
        let expected = try figure(
            .decimalPoint, xTicks: (ticks.major, ticks.labels.map { $0.replacingOccurrences(of: ".", with: ",") })
        ).render()
        #expect(commaCanvas.pixels == expected.pixels)
        #expect(commaCanvas.pixels != pointCanvas.pixels)
    }

    /// A figure with a colorbar, labelled contour lines and a 3-D view, of x + y on a 9 × 9 grid with
    /// spacing `scale`.
    func everyKindOfLabel(_ format: NumberFormat, scale: Double) throws -> Canvas {
        let figure = Figure(width: 900, height: 400, columns: 2)
        figure.numberFormat = format
        let grid = (0...8).map { Double($0) * scale }
        let field = ScalarField(x: grid, y: grid) { x, y in x + y }
        let axes = figure.axes()
        axes.filledContour(field, count: 4)
        axes.contour(field, levels: [2 * scale, 6 * scale, 10 * scale], color: .black, labels: true)
        axes.colorbar(label: "z")
        let view = figure.surfaceAxes(row: 0, column: 1)
        view.surface(field)
        view.colorbar(label: "z")
        return try figure.render()
    }

    @Test func colorbarContourAnd3DLabelsFollowTheFormat() throws {
        // Values in quarters (0…4): their labels have decimals and change with the format. Values in tens
        // (0…160, levels 20, 60, 100): every tick and level is an integer, and both formats give one image.
        #expect(
            try everyKindOfLabel(.decimalComma, scale: 0.25).pixels
                != everyKindOfLabel(.decimalPoint, scale: 0.25).pixels)
        #expect(
            try everyKindOfLabel(.decimalComma, scale: 10).pixels == everyKindOfLabel(.decimalPoint, scale: 10).pixels)
    }

    @Test func readyFiguresPassTheirFormatOn() throws {
        var curves = CurveFigure(series: [.init(label: "loss", x: [0, 1], y: [0.5, 0.25])])
        #expect(curves.figure().numberFormat == .decimalPoint)
        curves.numberFormat = .decimalComma
        #expect(curves.figure().numberFormat == .decimalComma)
        var surface = SurfaceFigure(field: ScalarField(x: [0, 1], y: [0, 1], values: [0, 0.5, 0.5, 1]))
        #expect(surface.figure().numberFormat == .decimalPoint)
        surface.numberFormat = .decimalComma
        #expect(surface.figure().numberFormat == .decimalComma)
    }
}
