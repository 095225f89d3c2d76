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
                (0, "K = 5, D = 8", [("σ² = 1 (el cuaderno)", small, .solid), ("He σ² = 2/D = 0,25", he5, .dashed)]),
                (
                    1, "K = 50, D = 80",
                    [
                        ("σ² = 1", unit, .solid), ("He σ² = 2/D = 0,025", he, .dashed),
                        ("σ² = 1/D = 0,0125", half, .dotted),
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
                    axes.xLabel = "capa k"
                    axes.yLabel =
                        backward ? "desv. est. de ∂L/∂$f_k$ (100 entradas)" : "desv. est. de $h_k$ (1000 entradas)"
                    axes.title = "\(panel.title): \(backward ? "hacia atrás" : "hacia adelante")"
                    axes.legendLocation = backward ? .best : .upperLeft
                    if panel.row == 0 { axes.xTicks = ((1...5).map(Double.init), (1...5).map { "\($0)" }) }
                }
            }
            figure.title = "Cuaderno 7.3: redes ReLU al inicializar, sesgos nulos, pesos N(0, σ²) (semilla 0)"
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
                        (run.he, "\(Self.spanish(run.name)), He σ² = 0,025", LineStyle.dashed),
                        (run.stable, "\(Self.spanish(run.name)), σ² propia = \(fixedComma(own, 4))", LineStyle.solid),
                    ] {
                        let shown = backward ? Array(spreads.dropLast()) : spreads
                        axes.line(
                            shown.map { Double($0.layer) }, shown.map { backward ? $0.backward : $0.forward },
                            label: label, color: Color.cycle[index], width: 2, style: style)
                    }
                }
                axes.yScale = .log
                axes.grid = .both
                axes.xLabel = "capa k"
                axes.yLabel = backward ? "desv. est. de ∂L/∂$f_k$" : "desv. est. de $h_k$"
                axes.title = backward ? "Hacia atrás: gradientes" : "Hacia adelante: activaciones"
                if backward {
                    axes.yLimits = (1e-30, 1e4)
                    axes.legendLocation = .lowerRight
                } else {
                    axes.legendLocation = nil
                }
            }
            figure.title =
                "Pregunta de evaluación: la inicialización de He frente a la σ² estable de cada activación (K = 50, D = 80)"
            return figure
        }
    }
}

extension InitializationNotebook {
    /// II-B: forward and backward std against layer for TanH, SELU and LeakyReLU, each with its suited
    /// initialisation (solid) and with N(0, 1) weights (dashed); the SELU panel marks its fixed point 1.
    func drawSuited(_ session: NotebookSession, _ runs: [(name: String, suited: String, Spreads, Spreads)]) throws {
        try session.figure("7.3-tanh-selu-leaky") {
            let figure = Figure(width: 1500, height: 860, rows: 2, columns: 3, dpi: 100)
            for (column, (name, suitedName, suited, unit)) in runs.enumerated() {
                for (row, backward) in [false, true].enumerated() {
                    let axes = figure.axes(row: row, column: column)
                    for (index, (label, spreads, style)) in [
                        (suitedName, suited, LineStyle.solid), ("N(0, 1), el cuaderno", unit, .dashed),
                    ].enumerated() {
                        let shown = backward ? Array(spreads.dropLast()) : spreads
                        axes.line(
                            shown.map { Double($0.layer) }, shown.map { backward ? $0.backward : $0.forward },
                            label: label, color: Color.cycle[index], width: 2, style: style)
                    }
                    if name == "SELU" && !backward {
                        axes.horizontalLine(
                            at: 1, label: "punto fijo: desv. est. = 1", color: .black, width: 1, style: .dotted)
                    }
                    axes.yScale = .log
                    // Fixed limits show the suited runs' detail; the exploding runs leave through the top.
                    axes.yLimits = (1e-4, 1e3)
                    axes.grid = .both
                    axes.xLabel = "capa k"
                    axes.yLabel =
                        backward ? "desv. est. de ∂L/∂$f_k$ (100 entradas)" : "desv. est. de $h_k$ (1000 entradas)"
                    axes.title = "\(name): \(backward ? "hacia atrás" : "hacia adelante")"
                    axes.legendLocation = .lowerRight
                }
            }
            figure.title =
                "II-B: TanH, SELU y LeakyReLU con la inicialización que les conviene (continua) y con N(0, 1) (discontinua; sale por arriba al explotar), K = 50, D = 80"
            return figure
        }
    }
}
