import Datasets
import NN
import Plot
import Tensor

/// Notebook 5.2, "Binary cross-entropy loss": a Bernoulli model of y ∈ {0, 1} whose probability is the
/// logistic sigmoid of a shallow network's output (UDL section 5.4), its likelihood and negative
/// log-likelihood, and a sweep of the output offset β1.
public struct BinaryCrossEntropyLossNotebook: Notebook {
    /// The notebook's number.
    public let id = "5.2"
    /// The notebook's title.
    public let title = "Binary cross-entropy loss"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap05/5_2_Binary_Cross_Entropy_Loss.ipynb"

    /// Creates the notebook.
    public init() {}

    static let omega1 = [[-24.0, -8.0, 50.0]]

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let data = NotebookData.binaryClassification
        let (x, y) = (data.inputs, data.targets.reshaped([data.targets.count]))
        let model = { (beta1: Double) in ChapterFive.model(beta1: [beta1], omega1: Self.omega1) }
        let sigmoid: Activation = .sigmoid(scale: 1)
        let network = model(2.6)
        ChapterFive.describe(network, session)

        session.section("TODO 1: sigmoid(z) = 1/(1 + exp(−z)), eq. 5.18", part: "sigmoid")
        session.say(
            "sigmoid(0), sigmoid(1), sigmoid(−2.5) = "
                + [0, 1, -2.5].map { fixed(sigmoid.value($0), 6) }.joined(separator: ", "))
        session.checkSeries(
            "sigmoid(0), sigmoid(1), sigmoid(−2.5)", [0, 1, -2.5].map(sigmoid.value),
            [0.5, 0.731058578630005, 0.075858180021244], tolerance: 1e-14)
        let logits = ChapterFive.outputs(network, x).reshaped([x.count])
        let lambda = logits.map(sigmoid.value)
        session.checkSeries(
            "model_out(x_train)", logits.scalars,
            [
                -2.36997184, 2.6, 2.449196966, 0.863777824, 0.024387712, 1.319368359, 2.6, 2.6, -0.19744672,
                3.587942538,
                2.08179416, 2.6, -1.70663008, 2.432962672, 2.253040026, -0.44991913, 1.035349856, -3.324172,
                1.377534519, 2.124441808,
            ], tolerance: 1e-8)
        session.say(
            "model_out and λ at the first four x_train (labels "
                + y.scalars.prefix(4).map { fixed($0, 0) }.joined(separator: ", ") + "): "
                + (0..<4).map { "\(fixed(logits.scalars[$0], 4)) → \(fixed(lambda.scalars[$0], 4))" }.joined(
                    separator: ", "))
        session.checkSeries(
            "λ = sigmoid(model_out)", lambda.scalars,
            [
                0.08549134103032555, 0.9308615796566533, 0.9205027066563761, 0.7034493452750389, 0.5060966258336446,
                0.7890765987246372, 0.9308615796566533, 0.9308615796566533, 0.4507980618822231, 0.9730890553921134,
                0.8891210337557776, 0.9308615796566533, 0.15360132092693848, 0.9193065828880869, 0.9049124391122638,
                0.38937999378989313, 0.7379517616127282, 0.03475119289392144, 0.7985947412935093, 0.8932561943716429,
            ], tolerance: 1e-14)

        session.section("TODO 2: bernoulli_distribution(y, λ) = λ^y (1 − λ)^(1−y), eq. 5.17", part: "bernoulli")
        ChapterFive.correctAnswer(
            session, "bernoulli_distribution(0, 0.2)", Likelihood.bernoulli(0, probability: 0.2), stated: "0.800",
            decimals: 3)
        ChapterFive.correctAnswer(
            session, "bernoulli_distribution(1, 0.2)", Likelihood.bernoulli(1, probability: 0.2), stated: "0.200",
            decimals: 3)

        session.section("TODOs 3–4: likelihood and negative log-likelihood (β1 = 2.6)", part: "likelihood")
        let likelihood = Likelihood.bernoulli(y, probabilities: lambda)
        ChapterFive.correctAnswer(session, "likelihood", likelihood, stated: "0.000070237", decimals: 9)
        session.checkRelative("likelihood", likelihood, 7.023671435616859e-05, tolerance: 1e-12)
        let nll = Likelihood.bernoulliNegativeLogLikelihood(y, probabilities: lambda)
        ChapterFive.correctAnswer(session, "negative log-likelihood", nll, stated: "9.563639387", decimals: 9)
        session.check("negative log-likelihood", nll, 9.563639387120910, tolerance: 1e-12)
        let workspace = NetworkWorkspace(network.architecture, capacity: x.count)
        session.check(
            "binary cross-entropy from the logits (Loss.binaryCrossEntropy) = NLL",
            workspace.loss(
                parameters: network.parameters, inputs: x, targets: data.targets, loss: .binaryCrossEntropy(.sum)),
            nll, tolerance: 1e-12, source: "−Σ log Bern")

        session.section("Sweeping β1 over arange(−2, 6, 0.1)", part: "sweep")
        let betas = Tensor.arange(-2, 6, step: 0.1).scalars
        let (l, n) = ChapterFive.likelihoodSweeps(session, betas: betas) { beta in
            let lambda = ChapterFive.outputs(model(beta), x).reshaped([x.count]).map(sigmoid.value)
            return (
                Likelihood.bernoulli(y, probabilities: lambda),
                Likelihood.bernoulliNegativeLogLikelihood(y, probabilities: lambda)
            )
        }
        let sweeps = [l, n]
        session.check(
            "both optima at index 36", [l.optimum, n.optimum] == [36, 36], "indices \(l.optimum), \(n.optimum)")
        session.check("β1 at the optimum", betas[36], 1.6000000000000032, tolerance: 1e-15)
        session.checkRelative("maximum likelihood", l.values[36], 3.299686406772797e-04, tolerance: 1e-12)
        session.checkSeries(
            "NLL at indices 36, 35, 37, 0, 79", [36, 35, 37, 0, 79].map { n.values[$0] },
            [8.016512936269885, 8.021430374608, 8.042581914235, 27.661524202817, 28.658995660621], tolerance: 1e-11)
        let correct = [2.6, betas[36]].map { beta in
            let lambda = ChapterFive.outputs(model(beta), x).reshaped([x.count]).map(sigmoid.value)
            return zip(lambda.scalars, y.scalars).filter { ($0 >= 0.5) == ($1 == 1) }.count
        }
        session.say(
            "Points on the right side of λ = 0.5: \(correct[0]) of 20 with β1 = 2.6, \(correct[1]) of 20 with β1 = \(fixed(betas[36], 1))."
        )
        session.say(
            "Both criteria peak at the same β1 because −log is decreasing; the NLL's \(fixed(n.values[36], 3)) is the likelihood's \(fixed(l.values[36], 6)) on a usable scale."
        )

        session.part("figures")
        try drawFigures(session, x: x.scalars, y: y.scalars, model: model, betas: betas, sweeps: sweeps)
    }

    private func drawFigures(
        _ session: NotebookSession, x: [Double], y: [Double], model: (Double) -> Network, betas: [Double],
        sweeps: [ChapterFive.Sweep]
    ) throws {
        let grid = ChapterFive.xModel
        let sigmoid: Activation = .sigmoid(scale: 1)
        /// The notebook's `plot_binary_classification`: the model output, and λ = sig(output) with the data.
        func classification(_ figure: Figure, row: Int, betas shown: [Double], highlight: Double? = nil) {
            let output = figure.axes(row: row, column: 0), probability = figure.axes(row: row, column: 1)
            for (order, beta) in shown.enumerated() {
                let logits = ChapterFive.outputs(model(beta), grid).scalars
                let isBest = beta == highlight
                let color =
                    shown.count == 1 ? Color.cycle[0] : Colormap.viridis.color(at: Double(order) / Double(shown.count))
                // A typographic minus in the legend, as in the tick labels.
                let label =
                    "β$_1$ = " + String(fixedComma(beta, 1).map { $0 == "-" ? "−" : $0 })
                    + (isBest ? " (el mejor)" : "")
                output.line(
                    grid.scalars, logits, label: label, color: isBest ? .black : color, width: isBest ? 2.5 : 1.5,
                    style: isBest ? .dashed : .solid)
                probability.line(
                    grid.scalars, logits.map(sigmoid.value), label: label, color: isBest ? .black : color,
                    width: isBest ? 2.5 : 1.5, style: isBest ? .dashed : .solid)
            }
            probability.scatter(x, y, color: ChapterFive.data)
            output.xLabel = "Entrada, $x$"
            output.yLabel = "Salida del modelo"
            probability.xLabel = "Entrada, $x$"
            probability.yLabel = "λ o Pr(y = 1|x)"
            ChapterFour.limits(output, x: (0, 1), y: (-4, 4))
            ChapterFour.limits(probability, x: (0, 1), y: (-0.05, 1.05))
            if shown.count == 1 {
                output.title = "β$_1$ = \(fixedComma(shown[0], 3))"
                probability.title = output.title
                output.legendLocation = nil
                probability.legendLocation = nil
            } else {
                output.legendLocation = nil
                probability.legendLocation = .outsideRight
            }
        }
        try session.figure("5.2-model") {
            let figure = Figure(width: 900, height: 820, rows: 2, columns: 2, dpi: 100)
            classification(figure, row: 0, betas: [2.6])
            classification(figure, row: 1, betas: [betas[36]])
            figure.title = "Salida del modelo y λ = sig(salida) con las etiquetas: como viene, y con el mejor β$_1$"
            return figure
        }
        try session.figure("5.2-beta-fits") {
            let figure = Figure(width: 1080, height: 430, columns: 2, dpi: 100)
            classification(
                figure, row: 0, betas: stride(from: 0, to: betas.count, by: 20).map { betas[$0] } + [betas[36]],
                highlight: betas[36])
            figure.title = "Uno de cada 20 modelos del barrido de β$_1$"
            return figure
        }
        try session.figure("5.2-beta-sweep") {
            ChapterFive.sweepFigure(
                betas, sweeps, xLabel: "β$_1$",
                title: "Verosimilitud de Bernoulli y entropía cruzada binaria frente a β$_1$")
        }
    }
}
