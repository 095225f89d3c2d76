import Datasets
import NN
import Plot
import Tensor

/// Notebook 5.3, "Multiclass cross-entropy loss": a categorical model of y ∈ {0, 1, 2} whose class
/// probabilities are the softmax of a shallow network's three outputs (UDL section 5.5), its likelihood and
/// negative log-likelihood, and a sweep of the class-0 output offset.
public struct MulticlassCrossEntropyLossNotebook: Notebook {
    /// The notebook's number.
    public let id = "5.3"
    /// The notebook's title.
    public let title = "Multiclass cross-entropy loss"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap05/5_3_Multiclass_Cross_entropy_Loss.ipynb"

    /// Creates the notebook.
    public init() {}

    static let omega1 = [[-24.0, -8.0, 50.0], [-2.0, 8.0, -30.0], [16.0, -8.0, -8.0]]

    /// The model with class-0 offset β1[0, 0] = `beta`, and its probabilities (one row per point). The
    /// softmax is the notebook's plain exp-then-normalise.
    static func probabilities(beta: Double, _ x: Tensor) -> (logits: Tensor, lambda: Tensor) {
        let logits = ChapterFive.outputs(ChapterFive.model(beta1: [beta, -2, 0], omega1: omega1), x)
        return (logits, Likelihood.softmax(logits, stable: false))
    }

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let data = NotebookData.multiclassClassification
        let (x, y) = (data.inputs, data.targets.reshaped([data.targets.count]))
        let network = ChapterFive.model(beta1: [2.0, -2, 0.0], omega1: Self.omega1)
        ChapterFive.describe(network, session)

        session.section("TODO 1: softmax over the three outputs of each point, eq. 5.22", part: "softmax")
        session.say(
            "softmax([1, 2, 3]) = "
                + Likelihood.softmax(Tensor([1, 2, 3]), stable: false).scalars.map { fixed($0, 6) }.joined(
                    separator: ", "))
        session.checkSeries(
            "softmax([1, 2, 3])", Likelihood.softmax(Tensor([1, 2, 3]), stable: false).scalars,
            [0.09003057317038046, 0.24472847105479767, 0.6652409557748219], tolerance: 1e-15)
        let (logits, lambda) = Self.probabilities(beta: 2.0, x)
        session.checkSeries(
            "model_out row 0 (class-0 output at each x_train)", logits.column(0).scalars,
            [
                -2.96997184, 2.0, 1.849196966, 0.263777824, -0.575612288, 0.719368359, 2.0, 2.0, -0.79744672,
                2.987942538,
                1.48179416, 2.0, -2.30663008, 1.832962672, 1.653040026, -1.04991913, 0.435349856, -3.924172,
                0.777534519, 1.524441808,
            ], tolerance: 1e-8)
        session.say(
            "x_train[0] = \(fixed(x.scalars[0], 4)) (class \(fixed(y.scalars[0], 0))): outputs "
                + logits.row(0).scalars.map { fixed($0, 4) }.joined(separator: ", ")
                + " → λ = " + lambda.row(0).scalars.map { fixed($0, 6) }.joined(separator: ", "))
        session.checkSeries(
            "λ of the first point (column 0 of the softmax)", lambda.row(0).scalars,
            [0.001857737643493663, 0.0032386835862587312, 0.9949035787702476], tolerance: 1e-15)
        session.checkSeries(
            "each point's λ sums to 1", (0..<x.count).map { lambda.row($0).sum() }, Array(repeating: 1, count: x.count),
            tolerance: 1e-15, source: "closed form")

        session.section("categorical_distribution(y, λ) (given)", part: "categorical")
        let demo = Tensor([0.2, 0.5, 0.3])
        for (label, stated) in [(0, "0.200"), (1, "0.500"), (2, "0.300")] {
            ChapterFive.correctAnswer(
                session, "categorical_distribution(\(label), [0.2, 0.5, 0.3])",
                Likelihood.categorical(label, probabilities: demo), stated: stated, decimals: 3)
        }

        session.section("TODOs 2–3: likelihood and negative log-likelihood", part: "likelihood")
        let likelihood = Likelihood.categorical(y, probabilities: lambda)
        ChapterFive.correctAnswer(session, "likelihood", likelihood, stated: "0.000000041", decimals: 9)
        session.checkRelative("likelihood", likelihood, 4.076435184442612e-08, tolerance: 1e-12)
        let nll = Likelihood.categoricalNegativeLogLikelihood(y, probabilities: lambda)
        ChapterFive.correctAnswer(session, "negative log-likelihood", nll, stated: "17.015457867", decimals: 9)
        session.check("negative log-likelihood", nll, 17.015457866763509, tolerance: 1e-12)
        let workspace = NetworkWorkspace(network.architecture, capacity: x.count)
        session.check(
            "cross-entropy from the logits (Loss.crossEntropy) = NLL",
            workspace.loss(parameters: network.parameters, inputs: x, targets: data.targets, loss: .crossEntropy(.sum)),
            nll, tolerance: 1e-12, source: "−Σ log λ_y")

        session.section("Sweeping β1[0, 0] (the class-0 offset) over arange(−2, 6, 0.1)", part: "sweep")
        let betas = Tensor.arange(-2, 6, step: 0.1).scalars
        let (l, n) = ChapterFive.likelihoodSweeps(session, betas: betas) { beta in
            let lambda = Self.probabilities(beta: beta, x).lambda
            return (
                Likelihood.categorical(y, probabilities: lambda),
                Likelihood.categoricalNegativeLogLikelihood(y, probabilities: lambda)
            )
        }
        let sweeps = [l, n]
        session.check(
            "both optima at index 26", [l.optimum, n.optimum] == [26, 26], "indices \(l.optimum), \(n.optimum)")
        session.check("β1[0, 0] at the optimum", betas[26], 0.60000000000000231, tolerance: 1e-15)
        session.checkRelative("maximum likelihood", l.values[26], 7.039390197294804e-07, tolerance: 1e-12)
        session.checkSeries(
            "NLL at indices 26, 25, 27, 0, 79", [26, 25, 27, 0, 79].map { n.values[$0] },
            [14.166574104242514, 14.189686888168, 14.174395789339, 23.097761342140, 46.280818490633], tolerance: 1e-11)
        let correct = [2.0, betas[26]].map { beta in
            let lambda = Self.probabilities(beta: beta, x).lambda
            return (0..<x.count).filter { lambda.row($0).argmax() == Int(y.scalars[$0]) }.count
        }
        session.say(
            "Points whose most probable class is their label: \(correct[0]) of 20 with β1[0, 0] = 2, \(correct[1]) of 20 with β1[0, 0] = \(fixed(betas[26], 1))."
        )

        session.part("figures")
        try session.figure("5.3-model") {
            let figure = Figure(width: 1020, height: 820, rows: 2, columns: 2, dpi: 100)
            for (row, beta) in [2.0, betas[26]].enumerated() {
                classification(figure, row: row, beta: beta, x: x.scalars, y: y.scalars)
            }
            figure.title = "Salidas y λ = softmax(salidas) con las etiquetas: como viene, y con el mejor β$_1$[0, 0]"
            return figure
        }
        try session.figure("5.3-beta-sweep") {
            ChapterFive.sweepFigure(
                betas, sweeps, xLabel: "β$_1$[0, 0]",
                title: "Verosimilitud categórica y entropía cruzada multiclase frente a β$_1$[0, 0]")
        }
    }

    /// The notebook's `plot_multiclass_classification`: the three outputs, and the three probabilities with
    /// the labels as dots at −0.05, in the class colours red, green, blue.
    private func classification(_ figure: Figure, row: Int, beta: Double, x: [Double], y: [Double]) {
        let grid = ChapterFive.xModel
        let (logits, lambda) = Self.probabilities(beta: beta, grid)
        let colors = [ChapterFour.unitColors[0], ChapterFour.unitColors[2], ChapterFour.unitColors[1]]
        let output = figure.axes(row: row, column: 0), probability = figure.axes(row: row, column: 1)
        for k in 0..<3 {
            output.line(grid.scalars, logits.column(k).scalars, label: "clase \(k)", color: colors[k])
            probability.line(grid.scalars, lambda.column(k).scalars, label: "clase \(k)", color: colors[k])
            let members = x.indices.filter { y[$0] == Double(k) }
            probability.scatter(members.map { x[$0] }, members.map { _ in -0.05 }, color: colors[k], size: 7)
        }
        output.title = "β$_1$[0, 0] = \(fixedComma(beta, 3))"
        probability.title = output.title
        output.xLabel = "Entrada, $x$"
        output.yLabel = "Salidas del modelo"
        probability.xLabel = "Entrada, $x$"
        probability.yLabel = "λ o Pr(y = k|x)"
        output.legendLocation = nil
        probability.legendLocation = .outsideRight
        ChapterFour.limits(output, x: (0, 1), y: (-4, 4))
        ChapterFour.limits(probability, x: (0, 1), y: (-0.1, 1.05))
    }
}
