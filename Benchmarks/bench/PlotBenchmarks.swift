import Foundation
import Plot

/// Figure rendering and PNG encoding times (targets from issue 6).
func plotBenchmarks() {
    print("3-D surface of a 100×100 grid at 1600×1200, render + PNG (target <= 0.3 s)")
    let grid = (0..<100).map { -3 + 6 * Double($0) / 99 }
    let field = ScalarField(x: grid, y: grid) { x, y in
        let r2 = x * x + y * y
        return r2 == 0 ? 0 : sin(0.8 * r2) / pow(r2, 0.9)
    }
    func surfaceFigure() -> Figure {
        let figure = Figure(width: 1600, height: 1200)
        let view = figure.surfaceAxes()
        view.surface(field)
        view.colorbar(label: "z")
        (view.xLabel, view.yLabel, view.zLabel, view.title) = ("x", "y", "z", "sin(0.8(x²+y²))/(x²+y²)$^{0.9}$")
        return figure
    }
    var canvas = try! surfaceFigure().render()
    report("render + PNG", fixed(seconds(inner: 1) { _ = try! surfaceFigure().pngData() } * 1000, 1) + " ms")
    report("render only", fixed(seconds(inner: 1) { canvas = try! surfaceFigure().render() } * 1000, 1) + " ms")
    report("PNG only", fixed(seconds(inner: 1) { _ = try! canvas.pngData(format: .rgb) } * 1000, 1) + " ms")

    print("ten curves of 2,500 points, render + PNG (target <= 0.1 s)")
    let x = (0..<2500).map(Double.init)
    let curves = (0..<10).map { k in
        x.map { 0.9 * exp(-$0 / (50 + 30 * Double(k))) * (1 + 0.1 * sin($0 * 0.7 + Double(k))) + 1e-4 }
    }
    func curveFigure(_ width: Int, _ height: Int) -> Figure {
        let figure = Figure(width: width, height: height)
        let axes = figure.axes()
        for (k, y) in curves.enumerated() { axes.line(x, y, label: "run \(k)") }
        (axes.yScale, axes.xLabel, axes.yLabel, axes.grid) = (.log, "epoch", "loss", .both)
        return figure
    }
    for (width, height) in [(640, 480), (1600, 1200)] {
        report(
            "\(width)×\(height)",
            fixed(seconds(inner: 1) { _ = try! curveFigure(width, height).pngData() } * 1000, 1) + " ms")
    }
}
