import Foundation
import Plot
import Testing

/// Figures end to end: where data lands, legends, bad input, 3-D views, writing.
@Suite struct FigureTests {
    /// The canvas pixel as a colour.
    func color(_ canvas: Canvas, _ x: Double, _ y: Double) -> Color {
        let p = canvas.pixel(x: Int(x), y: Int(y))
        return Color(red: Double(p.r) / 255, green: Double(p.g) / 255, blue: Double(p.b) / 255)
    }

    func close(_ a: Color, _ b: Color, _ tolerance: Double = 2.0 / 255) -> Bool {
        abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance && abs(a.blue - b.blue) <= tolerance
    }

    @Test func dataLandsWhereTheLimitsPutIt() throws {
        let figure = Figure()
        let axes = figure.axes()
        axes.line([0, 1], [0.25, 0.25], color: Color(hex: 0xd62728), width: 3)
        axes.line([0.75, 0.75], [0, 1], color: Color(hex: 0x2ca02c), width: 3)
        axes.xLimits = (0, 1)
        axes.yLimits = (0, 1)
        let canvas = try figure.render()
        let r = try #require(axes.plotArea)
        #expect(r.width > 300 && r.height > 250)
        #expect(close(color(canvas, r.minX + 0.4 * r.width, r.maxY - 0.25 * r.height), Color(hex: 0xd62728)))
        #expect(close(color(canvas, r.minX + 0.75 * r.width, r.minY + 0.6 * r.height), Color(hex: 0x2ca02c)))
        #expect(close(color(canvas, r.minX + 0.4 * r.width, r.maxY - 0.5 * r.height), .white))
    }

    @Test func logAxisPlacesDecadesEvenly() throws {
        let figure = Figure()
        let axes = figure.axes()
        axes.scatter([1, 10, 100, 1000], [1, 2, 3, 4], color: .black, size: 4)
        axes.xScale = .log
        axes.xLimits = (0.1, 10_000)
        axes.yLimits = (0, 5)
        let canvas = try figure.render()
        let r = try #require(axes.plotArea)
        for k in [0.0, 1, 2, 3] {
            // 10^k lies (k + 1)/5 of the way across five decades; its y value is k + 1.
            let x = r.minX + (k + 1) / 5 * r.width, row = r.maxY - (k + 1) / 5 * r.height
            #expect(canvas.pixel(x: Int(x), y: Int(row)).r < 60, "decade \(k)")
        }
    }

    @Test func legendDoesNotCoverData() throws {
        // A line along the top of the plot: the default upper-right legend would sit on it.
        let figure = Figure()
        let axes = figure.axes()
        let x = (0...100).map { Double($0) / 100 }
        let blue = Color(hex: 0x1f77b4)
        axes.line(x, x.map { _ in 0.95 }, label: "a long legend label for the top line", color: blue)
        axes.xLimits = (0, 1)
        axes.yLimits = (0, 1)
        let canvas = try figure.render()
        let r = try #require(axes.plotArea)
        for t in stride(from: 0.02, through: 0.98, by: 0.04) {
            #expect(close(color(canvas, r.minX + t * r.width, r.maxY - 0.95 * r.height), blue, 4.0 / 255), "x = \(t)")
        }
        // The legend went somewhere below the line: its frame's grey edge appears in the lower part.
        let lower = (Int(r.minX)..<Int(r.maxX), Int(r.center.y)..<Int(r.maxY))
        #expect(inkArea(canvas, in: lower) > 50)
    }

    @Test func badDataIsAClearError() {
        func failure(_ build: (Axes) -> Void) -> String? {
            let figure = Figure()
            build(figure.axes())
            do {
                _ = try figure.render()
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(failure { $0.line([], [], label: "train_loss") } == "line \"train_loss\" x: no data to plot")
        #expect(
            failure { $0.line([0, 1, 2], [1, .nan, 3], label: "validation_loss") }
                == "line \"validation_loss\" y: value 1 is not a finite number")
        #expect(
            failure { axes in
                axes.line([0, 1], [1, 0])
                axes.yScale = .log
            } == "line 1 y: value 1 is not positive and cannot be shown on a logarithmic axis")
        #expect(
            failure { $0.heatmap(ScalarField(x: [0, 1], y: [0, 1], values: [0, 1, .infinity, 2])) }
                == "heatmap 1: value 2 is not a finite number")
        #expect(failure { $0.line([0, 1], [1, 2]) } == nil)
    }

    @Test func filledContourBandsTakeTheColormapsEnds() throws {
        // f = x on [0, 1]² with levels 0, 0.5, 1: the left half gets the first colour, the right the last.
        let figure = Figure()
        let axes = figure.axes()
        axes.filledContour(ScalarField(x: [0, 1], y: [0, 1]) { x, _ in x }, levels: [0, 0.5, 1], colormap: .magma)
        let canvas = try figure.render()
        let r = try #require(axes.plotArea)
        #expect(close(color(canvas, r.minX + 0.25 * r.width, r.center.y), Colormap.magma.color(at: 0)))
        #expect(close(color(canvas, r.minX + 0.75 * r.width, r.center.y), Colormap.magma.color(at: 1)))
    }

    @Test func constantFieldAndItsColorbarTakeTheFirstColour() throws {
        // matplotlib's Normalize maps every value of a constant field to 0: the image and the whole colorbar
        // are the colormap's first colour, and its last colour appears nowhere.
        let figure = Figure()
        let axes = figure.axes()
        axes.heatmap(ScalarField(x: [0, 1], y: [0, 1], values: [0.5, 0.5, 0.5, 0.5]), interpolation: .bilinear)
        axes.colorbar()
        let canvas = try figure.render()
        let r = try #require(axes.plotArea)
        #expect(close(color(canvas, r.center.x, r.center.y), Colormap.viridis.color(at: 0)))
        let last = Colormap.viridis.color(at: 1)
        var lastColoured = 0
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where close(color(canvas, Double(x), Double(y)), last, 0.02) { lastColoured += 1 }
        }
        #expect(lastColoured == 0)
    }

    @Test func topViewOfASurfaceShowsItsColours() throws {
        // Looking straight down (elevation 90°, azimuth −90°) at z = x: x runs left to right on screen.
        let figure = Figure(width: 400, height: 400)
        let view = figure.surfaceAxes()
        let grid = (0...10).map { Double($0) / 10 }
        view.surface(ScalarField(x: grid, y: grid) { x, _ in x }, colormap: .viridis)
        view.elevation = 90
        view.azimuth = -90
        view.lighting = 0
        let canvas = try figure.render()
        var low = 0, high = 0
        for y in stride(from: 100, to: 300, by: 10) {
            for x in 0..<400 {
                let c = color(canvas, Double(x), Double(y))
                if close(c, Colormap.viridis.color(at: 0.05), 0.06) { low = low == 0 ? x : low }
                if close(c, Colormap.viridis.color(at: 0.95), 0.06) { high = x }
            }
        }
        #expect(low > 0 && high > low + 150)
    }

    @Test func longLabelsOfA3DViewRunAlongTheirAxes() throws {
        // matplotlib's mplot3d turns an axis label longer than 4 characters along its axis, so a long z label
        // beside the (vertical) z axis takes one line height of width, not its length: the surface is drawn
        // nearly as wide as with the label "z". The surface is what is coloured (text and panes are grey).
        func surfaceWidth(zLabel: String) throws -> Int {
            let figure = Figure(width: 640, height: 480)
            let view = figure.surfaceAxes()
            let grid = (0...10).map { Double($0) / 10 }
            view.surface(ScalarField(x: grid, y: grid) { x, y in x + y }, colormap: .viridis)
            view.zLabel = zLabel
            let canvas = try figure.render()
            let columns = (0..<canvas.width).filter { x in
                (0..<canvas.height).contains { y in
                    let p = canvas.pixel(x: x, y: y)
                    return abs(Int(p.r) - Int(p.g)) + abs(Int(p.g) - Int(p.b)) > 60
                }
            }
            return (columns.last ?? 0) - (columns.first ?? 0)
        }
        let short = try surfaceWidth(zLabel: "z"), long = try surfaceWidth(zLabel: "prediction of the network")
        #expect(short > 300)
        #expect(Double(long) > 0.93 * Double(short), "surface width \(long) with the long label, \(short) with z")
    }

    @Test func figureWritesAPNGOfItsSize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let figure = Figure(width: 320, height: 240, rows: 1, columns: 2)
        figure.axes(row: 0, column: 0).bar(categories: ["a", "b"], [1, 2])
        figure.axes(row: 0, column: 1).meanBand([0, 1, 2], runs: [[1, 2, 3], [2, 3, 4]], label: "mean ± sd")
        try figure.write(to: directory + "/f.png")
        let decoded = try decodePNG(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/f.png"))))
        #expect(decoded.width == 320 && decoded.height == 240)
        #expect(throws: PlotError.self) { try figure.write(to: directory + "/no/such/dir/f.png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["f.png"])
    }
}
