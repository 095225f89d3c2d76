import NN
import NNReports
import Plot

/// Notebook 7.3's variance-versus-depth figures.
extension InitializationNotebook {
    typealias Spreads = [InitializationStudy.LayerSpread]

    /// Forward and backward std against layer (log y) for σ² = 1 against He, for K = 5 (D = 8) and K = 50
    /// (D = 80, with 1/D as well).
    func drawDepth(_ session: NotebookSession, small: Spreads, he5: Spreads, unit: Spreads, he: Spreads, half: Spreads)
        throws
    {
        try session.figure("7.3-depth") {
            let figure = Figure(width: 1300, height: 950, rows: 2, columns: 2, dpi: 100)
            let panels: [(row: Int, title: String, series: [(String, Spreads, LineStyle)])] = [
                (0, "K = 5, D = 8", [("σ² = 1 (the notebook)", small, .solid), ("He σ² = 2/D = 0.25", he5, .dashed)]),
                (
                    1, "K = 50, D = 80",
                    [
                        ("σ² = 1", unit, .solid), ("He σ² = 2/D = 0.025", he, .dashed),
                        ("σ² = 1/D = 0.0125", half, .dotted),
                    ]
                ),
            ]
            for panel in panels {
                for (column, backward) in [false, true].enumerated() {
                    let axes = figure.axes(row: panel.row, column: column)
                    for (index, (label, spreads, style)) in panel.series.enumerated() {
                        let shown = backward ? Array(spreads.dropLast()) : spreads
                        axes.line(
                            shown.map { Double($0.layer) }, shown.map { backward ? $0.backward : $0.forward },
                            label: label, color: Color.cycle[index], width: 2, style: style,
                            marker: spreads.count <= 5 ? .circle : .none)
                    }
                    axes.yScale = .log
                    axes.grid = .both
                    axes.xLabel = "layer k"
                    axes.yLabel = backward ? "std of ∂L/∂$f_k$ (100 inputs)" : "std of $h_k$ (1000 inputs)"
                    axes.title = "\(panel.title): \(backward ? "backward" : "forward")"
                    axes.legendLocation = backward ? .best : .upperLeft
                    if panel.row == 0 { axes.xTicks = ((1...5).map(Double.init), (1...5).map { "\($0)" }) }
                }
            }
            figure.title = "Notebook 7.3: ReLU networks at initialisation, zero biases, N(0, σ²) weights (seed 0)"
            return figure
        }
    }

    /// Forward and backward std against layer for ReLU, tanh and sigmoid with He's σ² and with their own
    /// stable σ².
    func drawActivations(_ session: NotebookSession, _ runs: [ActivationRun]) throws {
        try session.figure("7.3-activations") {
            let figure = Figure(width: 1400, height: 560, columns: 2, dpi: 100)
            for (column, backward) in [false, true].enumerated() {
                let axes = figure.axes(column: column)
                for (index, run) in runs.enumerated() {
                    let own = run.stableBackward ?? run.predicted
                    for (spreads, label, style) in [
                        (run.he, "\(run.name), He σ² = 0.025", LineStyle.dashed),
                        (run.stable, "\(run.name), own σ² = \(fixed(own, 4))", LineStyle.solid),
                    ] {
                        let shown = backward ? Array(spreads.dropLast()) : spreads
                        axes.line(
                            shown.map { Double($0.layer) }, shown.map { backward ? $0.backward : $0.forward },
                            label: label, color: Color.cycle[index], width: 2, style: style)
                    }
                }
                axes.yScale = .log
                axes.grid = .both
                axes.xLabel = "layer k"
                axes.yLabel = backward ? "std of ∂L/∂$f_k$" : "std of $h_k$"
                axes.title = backward ? "Backward: gradients" : "Forward: activations"
                if backward {
                    axes.yLimits = (1e-30, 1e4)
                    axes.legendLocation = .lowerRight
                } else {
                    axes.legendLocation = nil
                }
            }
            figure.title =
                "Evaluation question: He initialisation against each activation's own stable σ² (K = 50, D = 80)"
            return figure
        }
    }
}
