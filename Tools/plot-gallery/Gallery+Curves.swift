import Foundation
import Plot

/// Line plots, bands, bars, scatter plots and line styles.
extension Gallery {
    static func lossCurves() -> Figure {
        let epochs = (0...2500).map(Double.init)
        let figure = Figure()
        let axes = figure.axes()
        axes.line(
            epochs, lossCurve(epochs: epochs, start: 0.9, time: 260, floor: 2.1e-3, noise: 0.04, seed: 1),
            label: "SGD, lr 0.05, batch 1600")
        axes.line(
            epochs, lossCurve(epochs: epochs, start: 0.9, time: 90, floor: 6e-4, noise: 0.25, seed: 2),
            label: "SGD, lr 0.1, batch 40")
        axes.line(
            epochs, lossCurve(epochs: epochs, start: 0.9, time: 30, floor: 1.5e-4, noise: 0.15, seed: 3),
            label: "Adam, lr 0.01")
        axes.line(
            epochs, lossCurve(epochs: epochs, start: 0.9, time: 8, floor: 4e-5, noise: 0.02, seed: 4),
            label: "L-BFGS (strong Wolfe)", style: .dashed)
        axes.yScale = .log
        axes.xLabel = "epoch"
        axes.yLabel = "training loss (MSE)"
        axes.title = "Net3L(50, 50, 50) on the surface"
        axes.grid = .both
        return figure
    }

    static func errorBands() -> Figure {
        let epochs = (0...200).map(Double.init)
        let figure = Figure()
        let axes = figure.axes()
        for (k, (name, time, floor)) in [
            ("He init", 25.0, 0.01), ("Glorot init", 45.0, 0.02), ("N(0, 1) init", 90.0, 0.06),
        ].enumerated() {
            let runs = (0..<5).map { seed in
                lossCurve(
                    epochs: epochs, start: 1.0 + 0.3 * Double(seed), time: time * (1 + 0.15 * Double(seed - 2)),
                    floor: floor, noise: 0.05, seed: UInt64(10 * k + seed))
            }
            axes.meanBand(epochs, runs: runs, label: name + " (mean ± sd, 5 seeds)")
        }
        axes.yScale = .log
        axes.xLabel = "epoch"
        axes.yLabel = "validation loss"
        axes.title = "Initialisation study"
        return figure
    }

    static func bars() -> Figure {
        let figure = Figure()
        let axes = figure.axes()
        let names = ["GD", "SGD", "Momentum", "Adam", "L-BFGS"]
        let mean = [8.1e-3, 2.9e-3, 1.7e-3, 6.2e-4, 2.4e-4].map { $0 * 1000 }
        let spread = [0.6e-3, 0.8e-3, 0.4e-3, 1.9e-4, 0.5e-4].map { $0 * 1000 }
        axes.bar(categories: names, mean, label: "test MSE (mean of 5 seeds)")
        axes.errorBars(
            names.indices.map(Double.init), mean, error: spread, label: "± one standard deviation",
            color: .black, connect: false, marker: .none)
        axes.yLabel = "test MSE ×10$^{-3}$"
        axes.title = "Final test error by optimizer"
        axes.grid = .y
        return figure
    }

    static func scatter() -> Figure {
        var noise = Noise(state: 7)
        let truth = (0..<300).map { _ in surface(6 * noise.uniform() - 3, 6 * noise.uniform() - 3) }
        let predicted = truth.map { $0 + 0.03 * noise.normal() }
        let figure = Figure()
        let axes = figure.axes()
        axes.scatter(truth, predicted, label: "test points", alpha: 0.6)
        axes.line([-0.25, 0.75], [-0.25, 0.75], label: "y = x", color: .black, width: 1, style: .dashed)
        axes.xLabel = "true z"
        axes.yLabel = "predicted z"
        axes.title = "Predictions against the clean surface"
        axes.equalAspect = true
        return figure
    }

    static func lineStyles() -> Figure {
        let x = linspace(0, 2 * Double.pi, 25)
        let figure = Figure()
        let axes = figure.axes()
        let styles: [(String, LineStyle, Marker)] = [
            ("solid, circles", .solid, .circle), ("dashed, squares", .dashed, .square),
            ("dotted, triangles", .dotted, .triangle),
            ("dash-dot, diamonds", .dashDot, .diamond), ("solid, plus", .solid, .plus),
            ("solid, crosses", .solid, .cross),
        ]
        for (k, (name, style, marker)) in styles.enumerated() {
            axes.line(
                x, x.map { sin($0 - Double(k) * 0.4) + Double(k) * 0.6 }, label: name, style: style, marker: marker,
                markerSize: 5)
        }
        axes.horizontalLine(at: 0, color: Color(gray: 0.4), width: 0.8)
        axes.xLabel = "θ (rad)"
        axes.yLabel = "sin(θ − 0.4k) + 0.6k"
        axes.title = "Line styles and markers: σ, Ω, ∂, β$_{1}$, x$^{2}$"
        axes.legendLocation = .outsideRight
        return figure
    }
}
