import NN
import NNReports
import Plot
import RealModule

/// The two figures of `init-study --sweep`: spread against depth for a selection of variances, and a
/// heatmap of log₁₀ spread over (layer, σ²) for both directions.
enum InitStudyFigures {
    /// Standard deviation of h_k (left) and ∂L/∂f_k (right) against layer k, one line per σ² (at most
    /// eight, evenly spread over the sweep), log y axis; the line of the stable variance is drawn thicker.
    static func depthCurves(
        _ sweep: [(variance: Double, spreads: [InitializationStudy.LayerSpread])], stable: Double?, title: String
    ) -> Figure {
        let figure = Figure(width: 1200, height: 500, rows: 1, columns: 2)
        figure.title = title
        let step = max(1, (sweep.count + 7) / 8)
        let chosen = stride(from: 0, to: sweep.count, by: step).map { sweep[$0] }
        for (column, backward) in [(0, false), (1, true)] {
            let axes = figure.axes(row: 0, column: column)
            for (index, entry) in chosen.enumerated() {
                let layers = backward ? Array(entry.spreads.dropLast()) : entry.spreads
                let values = layers.map { backward ? $0.backward : $0.forward }
                let keep = values.indices.filter { values[$0].isFinite && values[$0] > 0 }
                guard !keep.isEmpty else { continue }
                axes.line(
                    keep.map { Double(layers[$0].layer) }, keep.map { values[$0] },
                    label: "σ² = \(short(entry.variance))",
                    color: Colormap.viridis.color(at: Double(index) / Double(max(chosen.count - 1, 1))))
            }
            if let stable {
                let nearest = sweep.min {
                    abs(Double.log($0.variance / stable)) < abs(Double.log($1.variance / stable))
                }!
                let layers = backward ? Array(nearest.spreads.dropLast()) : nearest.spreads
                axes.line(
                    layers.map { Double($0.layer) }, layers.map { backward ? $0.backward : $0.forward },
                    label: "σ² = \(short(nearest.variance)) (stable)", color: .black, width: 2.5, style: .dashed)
            }
            axes.yScale = .log
            axes.xLabel = "layer k"
            axes.yLabel = backward ? "std of ∂L/∂f$_k$" : "std of h$_k$"
            axes.title = backward ? "backward: gradients" : "forward: activations"
            axes.grid = .both
            axes.legendLocation = column == 1 ? .outsideRight : nil
        }
        return figure
    }

    /// log₁₀ of the spread over (layer, log₁₀ σ²), forward and backward side by side.
    static func heatmaps(_ sweep: [(variance: Double, spreads: [InitializationStudy.LayerSpread])], title: String)
        throws -> Figure
    {
        let figure = Figure(width: 1200, height: 500, rows: 1, columns: 2)
        figure.title = title
        let layers = sweep[0].spreads.map { Double($0.layer) }
        let variances = sweep.map { Double.log10($0.variance) }
        for (column, backward) in [(0, false), (1, true)] {
            // values[j·nx + i] = f(x[i], y[j]) with x = layer and y = log σ².
            var values: [Double] = []
            for entry in sweep {
                for spread in entry.spreads {
                    let value = backward ? spread.backward : spread.forward
                    values.append(value > 0 && value.isFinite ? Double.log10(value) : .nan)
                }
            }
            let field = ScalarField(
                x: layers, y: variances, values: values.map { $0.isFinite ? max(-12, min(12, $0)) : -12 })
            let axes = figure.axes(row: 0, column: column)
            let limit = max(1, field.valueRange.1, -field.valueRange.0)
            axes.heatmap(field, colormap: .rdbu, range: (-limit, limit))
            axes.colorbar(label: backward ? "log₁₀ std of ∂L/∂f$_k$" : "log₁₀ std of h$_k$")
            axes.contour(field, levels: [0], color: .black)
            axes.xLabel = "layer k"
            axes.yLabel = "log₁₀ σ²"
            axes.title = backward ? "backward" : "forward"
        }
        return figure
    }

    /// Three significant digits.
    static func short(_ x: Double) -> String {
        let magnitude = Int(Double.log10(abs(x)).rounded(.down))
        let scale = Double.pow(10, Double(2 - magnitude))
        var text = "\((x * scale).rounded() / scale)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// The forward and backward spread of one study against layer k (log y).
    static func spreads(_ spreads: [InitializationStudy.LayerSpread], title: String) -> Figure {
        let figure = Figure()
        figure.title = title
        let axes = figure.axes()
        let layers = spreads.map { Double($0.layer) }
        axes.line(layers, spreads.map(\.forward), label: "std of h$_k$ (forward)", marker: .circle)
        axes.line(
            Array(layers.dropLast()), spreads.dropLast().map(\.backward), label: "std of ∂L/∂f$_k$ (backward)",
            marker: .square)
        axes.yScale = .log
        axes.xLabel = "layer k"
        axes.yLabel = "standard deviation"
        axes.grid = .both
        return figure
    }
}
