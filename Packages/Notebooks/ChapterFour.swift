import NN
import Plot
import Tensor

/// What notebooks 3.4 and 4.1–4.3 share: the two networks of 4.1 and 4.3, the notebooks' red/blue/green
/// unit colours, and their `plot_all` figure of a network's hidden units.
enum ChapterFour {
    /// Network 1 of notebooks 4.1 and 4.3: θ = (0, −1), (0, 1), (−0.67, 1); φ = (1, −2, −3, 9.3).
    static let net1 = ShallowNetwork(
        theta: [(0, -1), (0, 1), (-0.67, 1)], phi: [1.0, -2.0, -3.0, 9.3], activation: .relu)
    /// Network 2 of notebooks 4.1 and 4.3: θ = (−0.6, −1), (0.2, 1), (−0.5, 1); φ = (0.5, −1, −1.5, 2).
    static let net2 = ShallowNetwork(
        theta: [(-0.6, -1), (0.2, 1), (-0.5, 1)], phi: [0.5, -1.0, -1.5, 2.0], activation: .relu)

    /// matplotlib's 'r', 'b' and 'g': the notebooks draw hidden units 1, 2, 3 in these.
    static let unitColors = [Color(hex: 0xff0000), Color(hex: 0x0000ff), Color(hex: 0x008000)]

    /// One row of ``unitPanels``: a stage of the computation, one curve per hidden unit.
    struct Stage {
        /// The y label of each unit's panel (mathtext).
        var labels: [String]
        /// The values of each unit at every x.
        var units: [[Double]]
    }

    /// The notebooks' `plot_all` figure: a column per hidden unit (red, blue, green), a row per stage
    /// (pre-activation, activation, weighted activation), and the network's output under the middle column
    /// (the "ten panels" of notebook 3.4), each over x ∈ [0, 1] with y ∈ [−1, 1] as the notebooks draw them.
    static func unitPanels(x: [Double], stages: [Stage], output: [Double], title: String) -> Figure {
        let figure = Figure(width: 900, height: 1180, rows: stages.count + 1, columns: 3, dpi: 100)
        for (row, stage) in stages.enumerated() {
            for unit in 0..<3 {
                let axes = figure.axes(row: row, column: unit)
                axes.line(x, stage.units[unit], color: unitColors[unit])
                axes.yLabel = stage.labels[unit]
                limits(axes, x: (0, 1), y: (-1, 1))
            }
        }
        let axes = figure.axes(row: stages.count, column: 1)
        axes.line(x, output, color: Color.cycle[0])
        axes.xLabel = "Entrada, $x$"
        axes.yLabel = "Salida, $y$"
        limits(axes, x: (0, 1), y: (-1, 1))
        figure.title = title
        return figure
    }

    /// `text` padded with spaces to `width` characters (left-aligned), for printed tables.
    static func column(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: Swift.max(0, width - text.count))
    }

    /// A table row: every cell padded to `width` characters, without trailing spaces.
    static func row(_ cells: [String], width: Int) -> String {
        var line = cells.map { column($0, width) }.joined()
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Fixed limits and a light grid, as the notebooks' `set_xlim`/`set_ylim`.
    static func limits(_ axes: Axes, x: (Double, Double), y: (Double, Double)) {
        axes.xLimits = x
        axes.yLimits = y
        axes.grid = .both
    }
}
