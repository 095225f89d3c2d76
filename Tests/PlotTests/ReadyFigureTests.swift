import Plot
import Testing

/// The ready-made figures the tools use, and field sampling.
@Suite struct ReadyFigureTests {
    @Test func bilinearSamplingReproducesBilinearFunctions() {
        // Bilinear interpolation is exact for f = 1 + 2x + 3y + 4xy; outside the grid it clamps.
        let f = { (x: Double, y: Double) in 1 + 2 * x + 3 * y + 4 * x * y }
        let field = ScalarField(x: [0, 0.5, 2], y: [-1, 0, 1, 3], f)
        for (x, y) in [(0.25, -0.5), (1.2, 2.2), (1.999, 0.001), (0, 3)] {
            #expect(abs(field.value(atX: x, y: y) - f(x, y)) < 1e-12)
        }
        #expect(field.value(atX: 5, y: 7) == f(2, 3))
    }

    @Test func residualsNeedTheSameGrid() throws {
        let a = ScalarField(x: [0, 1], y: [0, 1], values: [1, 2, 3, 4])
        let b = ScalarField(x: [0, 1], y: [0, 1], values: [0.5, 2, 3.5, 4])
        #expect(try a.residuals(against: b).values == [0.5, 0, -0.5, 0])
        #expect(throws: PlotError.self) {
            try a.residuals(against: ScalarField(x: [0, 2], y: [0, 1], values: [0, 0, 0, 0]))
        }
    }

    @Test func surfaceFigureWithResidualsHasTwoPanels() throws {
        let grid = (0..<20).map { -3 + 6 * Double($0) / 19 }
        let clean = ScalarField(x: grid, y: grid) { x, y in x * x - y }
        let model = clean.map { $0 + 0.01 }
        for style in SurfaceFigure.Style.allCases {
            var plot = SurfaceFigure(field: model, style: style)
            plot.residuals = try model.residuals(against: clean)
            plot.path = ([-2, 0, 1], [2, 1, 0])
            plot.title = "model"
            let decoded = try decodePNG(try plot.pngData())
            #expect(decoded.width == 1400 && decoded.height == 600, "\(style)")
        }
    }

    @Test func curveFigureNamesTheOffendingSeries() throws {
        var plot = CurveFigure(xLabel: "epoch", yLabel: "loss", width: 400, height: 300)
        plot.series = [
            .init(label: "train_loss", x: [0, 1, 2], y: [1, 0.5, 0.25]),
            .init(label: "validation_loss", x: [0, 1, 2], y: [1, 0, 0.3]),
        ]
        #expect(try decodePNG(try plot.pngData()).width == 400)
        plot.logY = true
        #expect(throws: PlotError.nonPositiveOnLogAxis("line \"validation_loss\" y", index: 1)) { try plot.pngData() }
    }
}
