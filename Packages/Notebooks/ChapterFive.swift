import NN
import Plot
import Tensor

/// What notebooks 5.1–5.3 share: their `shallow_nn` model, the grid it is drawn on, the notebooks'
/// "Correct answer = …, Your answer = …" lines, parameter sweeps and the panels that draw them.
enum ChapterFive {
    /// The notebooks' `x_model = np.arange(0, 1, 0.01)`.
    static let xModel = Tensor.arange(0, 1, step: 0.01)

    /// `shallow_nn` with the notebooks' first layer, β0 = [0.3, −1, −0.5]ᵀ and Ω0 = [−1, 1.8, 0.65]ᵀ, and the
    /// given output layer (one row of Ω1 per output).
    static func model(beta1: [Double], omega1: [[Double]]) -> Network {
        Network(
            inputs: 1,
            layers: [
                (Tensor(shape: [3, 1], scalars: [-1.0, 1.8, 0.65]), Tensor([0.3, -1.0, -0.5]), .relu),
                (Tensor(shape: [omega1.count, 3], scalars: omega1.flatMap { $0 }), Tensor(beta1), .identity),
            ])
    }

    /// Prints the model's parameters, as the notebook's `get_parameters` sets them.
    static func describe(_ network: Network, _ session: NotebookSession) {
        func list(_ t: Tensor) -> String { "[" + t.scalars.map { "\($0)" }.joined(separator: ", ") + "]" }
        let layers = (0..<2).map {
            "β\($0) = \(list(network.biases(ofLayer: $0))), Ω\($0) = \(list(network.weights(ofLayer: $0)))"
        }
        session.say("shallow_nn: " + layers.joined(separator: "; ") + " (Ω row by row)")
    }

    /// The network's outputs at inputs given as a vector or an `N × 1` column: `N × D_o`.
    static func outputs(_ network: Network, _ x: Tensor) -> Tensor { network(x.reshaped([x.count, 1])) }

    /// Prints the notebook's check line `Correct answer = <stated>, Your answer = <value>` with its format
    /// and checks that the value prints as the stated answer.
    static func correctAnswer(
        _ session: NotebookSession, _ label: String, _ value: Double, stated: String, decimals: Int
    ) {
        session.say("Correct answer = \(stated), Your answer = \(fixed(value, decimals))")
        session.checkPrinted(label, value, decimals: decimals, stated: stated)
    }

    /// A likelihood-type quantity evaluated along a sweep of one parameter.
    struct Sweep {
        var name: String
        var values: [Double]
        var maximize: Bool
        /// Whether the figure marks the optimum (not for a flat curve).
        var marked = true
        var optimum: Int { maximize ? Tensor(values).argmax() : Tensor(values).argmin() }
    }

    /// The likelihood and the negative log-likelihood along a sweep of β₁ (notebooks 5.2 and 5.3): each as
    /// a ``Sweep``, and the lines that say where each is best, as the notebooks print them.
    ///
    /// - Parameter evaluate: the likelihood and the NLL at one β₁.
    static func likelihoodSweeps(
        _ session: NotebookSession, betas: [Double], _ evaluate: (Double) -> (likelihood: Double, nll: Double)
    ) -> (likelihood: Sweep, nll: Sweep) {
        let values = betas.map(evaluate)
        let l = Sweep(name: "verosimilitud", values: values.map(\.likelihood), maximize: true)
        let n = Sweep(name: "log-verosimilitud negativa", values: values.map(\.nll), maximize: false)
        session.say("Maximum likelihood = \(fixed(l.values[l.optimum], 6)), at beta_1=\(fixed(betas[l.optimum], 3))")
        session.say(
            "Minimum negative log likelihood = \(fixed(n.values[n.optimum], 6)), at beta_1=\(fixed(betas[n.optimum], 3))"
        )
        return (l, n)
    }

    /// Draws one sweep: the curve, and at its optimum a dotted line (as the notebooks' `axvline`), a star
    /// and the title.
    static func sweepPanel(_ axes: Axes, _ grid: [Double], _ sweep: Sweep, color: Color, xLabel: String) {
        axes.line(grid, sweep.values, color: color)
        if sweep.marked {
            let best = sweep.optimum
            axes.verticalLine(at: grid[best], color: Color(gray: 0.3), style: .dotted)
            axes.scatter([grid[best]], [sweep.values[best]], color: color, marker: .star, size: 13)
            axes.title = (sweep.maximize ? "máximo" : "mínimo") + " en \(xLabel) = \(fixedComma(grid[best], 3))"
        }
        axes.xLabel = xLabel
        axes.yLabel = sweep.name
        axes.grid = .both
    }

    /// A row of sweep panels with a title.
    static func sweepFigure(_ grid: [Double], _ sweeps: [Sweep], xLabel: String, title: String) -> Figure {
        let figure = Figure(width: 420 * sweeps.count, height: 420, columns: sweeps.count, dpi: 100)
        for (index, sweep) in sweeps.enumerated() {
            sweepPanel(figure.axes(row: 0, column: index), grid, sweep, color: colors[index], xLabel: xLabel)
        }
        figure.title = title
        return figure
    }

    /// The notebooks' likelihood and negative log-likelihood colours (tab:red, tab:blue), then tab:green.
    static let colors = [Color.cycle[3], Color.cycle[0], Color.cycle[2]]
    /// The data points' colour ('ko').
    static let data = Color.black
}
