import Foundation
import Plot

/// Heatmaps, contours, optimizer paths, the 3-D surface and residual panels.
extension Gallery {
    static func heatmap() -> Figure {
        let figure = Figure()
        let axes = figure.axes()
        axes.heatmap(surfaceField)
        axes.colorbar(label: "f(x, y)")
        axes.equalAspect = true
        axes.xLabel = "x"
        axes.yLabel = "y"
        axes.title = "The surface on a 40 × 40 grid"
        return figure
    }

    static func contours() -> Figure {
        let fine = ScalarField(x: linspace(-3, 3, 121), y: linspace(-3, 3, 121), surface)
        let figure = Figure()
        let axes = figure.axes()
        axes.filledContour(fine, count: 9, colormap: .cividis)
        axes.colorbar(label: "f(x, y)")
        axes.contour(fine, levels: [-0.1, 0.1, 0.3, 0.5], color: .black, width: 0.8, labels: true)
        axes.equalAspect = true
        axes.xLabel = "x"
        axes.yLabel = "y"
        axes.title = "Filled contours with labelled lines"
        return figure
    }

    /// Gradient descent with and without momentum on an elongated bowl with a ripple, as in notebooks 6.2–6.4.
    static func optimizerPaths() -> Figure {
        func loss(_ a: Double, _ b: Double) -> Double { 0.5 * a * a + 4.5 * b * b + 0.3 * sin(2 * a) * cos(2 * b) }
        func gradient(_ a: Double, _ b: Double) -> (Double, Double) {
            (a + 0.6 * cos(2 * a) * cos(2 * b), 9 * b - 0.6 * sin(2 * a) * sin(2 * b))
        }
        func run(rate: Double, momentum: Double, steps: Int) -> ([Double], [Double]) {
            var (a, b) = (-2.6, 1.3), (va, vb) = (0.0, 0.0)
            var xs = [a], ys = [b]
            for _ in 0..<steps {
                let (ga, gb) = gradient(a, b)
                (va, vb) = (momentum * va + ga, momentum * vb + gb)
                (a, b) = (a - rate * va, b - rate * vb)
                xs.append(a)
                ys.append(b)
            }
            return (xs, ys)
        }
        let field = ScalarField(x: linspace(-3, 3, 101), y: linspace(-1.6, 1.6, 61), loss)
        let figure = Figure()
        let axes = figure.axes()
        axes.filledContour(field, count: 12, colormap: .viridis)
        axes.contour(field, count: 12, color: Color(gray: 1, alpha: 0.5), width: 0.6)
        let plain = run(rate: 0.2, momentum: 0, steps: 20), heavy = run(rate: 0.05, momentum: 0.8, steps: 30)
        axes.trajectory(plain.0, plain.1, label: "gradient descent, α = 0.2", color: Color.cycle[3])
        axes.trajectory(heavy.0, heavy.1, label: "momentum β = 0.8, α = 0.05", color: Color.cycle[1])
        axes.xLabel = "$\\phi_0$"
        axes.yLabel = "$\\phi_1$"
        axes.title = "Optimizer paths over the loss L[$\\phi$]"
        return figure
    }

    static func surface3D() -> Figure {
        let figure = Figure(width: 800, height: 600)
        let view = figure.surfaceAxes()
        view.surface(surfaceField, colormap: .viridis)
        view.colorbar(label: "z")
        view.xLabel = "x"
        view.yLabel = "y"
        view.zLabel = "z"
        view.title = "z = sin(0.8(x² + y²)) / (x² + y²)$^{0.9}$"
        return figure
    }

    /// A model's surface next to its residuals against the clean surface, through `SurfaceFigure` (the figure
    /// of the `surface-plot` tool): filled contours with an optimizer path, and a diverging residual map.
    static func residuals() -> Figure {
        let model = ScalarField(x: surfaceField.x, y: surfaceField.y) { x, y in
            surface(x, y) + 0.04 * sin(1.7 * x + 0.5) * cos(1.3 * y) - 0.03 * exp(-(x * x + y * y))
        }
        var plot = SurfaceFigure(field: model, style: .contour)
        plot.residuals = try! model.residuals(against: surfaceField)
        plot.title = "Net3L(60, 30, 20) after 2000 L-BFGS epochs"
        plot.zLabel = "prediction"
        let t = (0...40).map { Double($0) / 40 }
        plot.path = (t.map { -2.5 + 2.2 * $0 + 0.3 * sin(9 * $0) }, t.map { 2.6 - 2.4 * $0 * $0 })
        return plot.figure()
    }
}
