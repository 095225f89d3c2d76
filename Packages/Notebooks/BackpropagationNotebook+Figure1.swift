import Datasets
import NN
import NNReports
import Plot
import Tensor

/// The evaluation question folded into notebook 7.2: the assignment's Figure 1 network through the same
/// forward and backward passes, checked by finite differences, and one gradient-descent step.
extension BackpropagationNotebook {
    /// `examples/figure1/model.json`, verbatim (a test checks this copy against the file), so the notebook
    /// runs from any directory.
    public static let figure1Model = """
        {"inputs": 2,
         "layers": [
           {"weights": [[0.2, -0.1], [0.5, 0.6], [-1.3, 1.2]], "biases": [0.3, 0.7, 0.1], "activation": "sigmoid"},
           {"weights": [[1.3, 0.6, -0.7], [-0.2, 0.1, 0.4]], "biases": [-0.3, 0.3], "activation": "sigmoid"},
           {"weights": [[-0.9, 2.1]], "biases": [0.2], "activation": "identity"}]}

        """

    /// `examples/figure1/data.csv`, verbatim (a test checks this copy against the file).
    public static let figure1Data = """
        x1,x2,y
        1,1,1
        0,2,1
        -1,1,0

        """

    /// Loss before and after the step α = 1 for each convention, from the independent NumPy computation
    /// `scripts/reference/backprop_figure1.py` (fixture `Tests/Fixtures/nn/figure1.json`).
    static let numpyLosses: [(loss: Loss, name: String, before: Double, after: Double)] = [
        (.mse, "mean (1/N)Σ(f − y)²", 0.4086726385726694, 2.1497934953167754),
        (.sse, "sum Σ(f − y)²", 1.2260179157180082, 55.31968516353764),
        (.squaredError(.halfSum), "half sum ½Σ(f − y)²", 0.6130089578590041, 7.48822705468141),
    ]

    func figure1(_ session: NotebookSession) throws {
        let network = try ModelFile.network(fromJSON: Self.figure1Model, file: "examples/figure1/model.json")
        let data = try CSVTable(text: Self.figure1Data, name: "examples/figure1/data.csv").labeled()
        let report = BackpropagationReport(
            network: network, inputs: data.inputs, targets: data.targets, loss: .mse, learningRate: 1)
        let v = { (values: [Double]) in ChapterSeven.array(values, decimals: 6) }

        session.section(
            "Evaluation question: the assignment's Figure 1 network (2 → 3 → 2 → 1, sigmoid hidden layers)",
            part: "figure1")
        session.say("model examples/figure1/model.json, data examples/figure1/data.csv (3 points)")
        session.say("loss: L = (1/3) Σ_i (f(x_i) − y_i)² (mean squared error); each point's term ℓ_i = (f(x_i) − y_i)²")
        for (i, point) in report.points.enumerated() {
            session.say("point \(i + 1): x = \(v(point.input)), y = \(fixed(point.target[0], 0))")
            session.say(
                "  forward  f_0 = β_0 + Ω_0 x   = \(v(point.preActivations[0]))   h_1 = σ[f_0] = \(v(point.activations[0]))"
            )
            session.say(
                "           f_1 = β_1 + Ω_1 h_1 = \(v(point.preActivations[1]))   h_2 = σ[f_1] = \(v(point.activations[1]))"
            )
            session.say(
                "           f_2 = β_2 + Ω_2 h_2 = \(v(point.preActivations[2]))   ℓ_i = \(fixed(point.loss, 6))")
            session.say(
                "  backward ∂ℓ/∂f_2 = 2(f_2 − y) = \(v(point.preActivationGradients[2]))   ∂ℓ/∂h_2 = Ω_2ᵀ ∂ℓ/∂f_2 = \(v(point.activationGradients[1]))"
            )
            session.say(
                "           σ′[f_1] = \(v(point.activationDerivatives[1]))   ∂ℓ/∂f_1 = σ′[f_1] ⊙ ∂ℓ/∂h_2 = \(v(point.preActivationGradients[1]))"
            )
            session.say("           ∂ℓ/∂h_1 = Ω_1ᵀ ∂ℓ/∂f_1 = \(v(point.activationGradients[0]))")
            session.say(
                "           σ′[f_0] = \(v(point.activationDerivatives[0]))   ∂ℓ/∂f_0 = σ′[f_0] ⊙ ∂ℓ/∂h_1 = \(v(point.preActivationGradients[0]))"
            )
        }
        session.say("L = \(fixed(report.lossBefore, 6))  (sum of squares \(fixed(3 * report.lossBefore, 6)))")
        session.checkPrinted(
            "Figure 1 initial loss (assignment's sanity value)", report.lossBefore, decimals: 6, stated: "0.408673")
        session.checkPrinted(
            "Figure 1 initial sum of squares (assignment's sanity value)", 3 * report.lossBefore, decimals: 6,
            stated: "1.226018")

        let gradient = Network(network.architecture, parameters: report.gradient)
        session.say(
            "the batch gradient ∂L/∂θ = (1/3) Σ_i ∂ℓ_i/∂θ, with ∂ℓ_i/∂Ω_k = ∂ℓ_i/∂f_k h_kᵀ and ∂ℓ_i/∂β_k = ∂ℓ_i/∂f_k:")
        for k in 0..<3 {
            let lines = ChapterSeven.matrix(
                gradient.weights(ofLayer: k).scalars, columns: network.layers[k].inputs, decimals: 6)
            say(session, "  ∂L/∂Ω_\(k) = ", lines)
            session.say("  ∂L/∂β_\(k) = " + v(gradient.biases(ofLayer: k).scalars))
        }

        let forwardCheck = network.gradientCheck(
            inputs: data.inputs, targets: data.targets, loss: .mse, step: 1e-6, difference: .forward)
        for (k, layer) in network.layers.enumerated() {
            for (kind, range) in [("weights Ω", ChapterSeven.weights(layer)), ("biases β", ChapterSeven.biases(layer))]
            {
                let matches = forwardCheck.allClose(range)
                session.check(
                    "Figure 1 \(kind)_\(k): forward differences (δ = 1e-6) allclose", matches,
                    "\(matches ? "Success!  Derivatives match." : "Failure!  Derivatives different.") max |fd − backprop| = \(ChapterSeven.scientific(forwardCheck.maxAbsoluteError(range)))"
                )
            }
        }
        session.check(
            "Figure 1 central differences (δ = 1e-6), every parameter and input",
            report.gradientCheck.maxAbsoluteError <= 1e-9,
            "max |fd − backprop| = \(ChapterSeven.scientific(report.gradientCheck.maxAbsoluteError)) (tolerance 1e-9)")

        session.section(
            "Evaluation question: one gradient-descent step θ ← θ − α ∂L/∂θ with α = 1", part: "figure1-step")
        for k in 0..<3 {
            let lines = ChapterSeven.matrix(
                report.updated.weights(ofLayer: k).scalars, columns: network.layers[k].inputs, decimals: 6)
            say(session, "  new Ω_\(k) = ", lines)
            session.say("  new β_\(k) = " + v(report.updated.biases(ofLayer: k).scalars))
        }
        session.say(
            "predictions f(x_i) for y = \(v(data.targets.scalars)): before \(v(network(data.inputs).scalars)), after \(v(report.updated(data.inputs).scalars))"
        )
        session.say(
            "L before = \(fixed(report.lossBefore, 6)), L after = \(fixed(report.lossAfter, 6)): the loss \(report.decreased ? "went down" : "went UP")"
        )
        for (loss, name, before, after) in Self.numpyLosses {
            let r =
                loss == .mse
                ? report
                : BackpropagationReport(
                    network: network, inputs: data.inputs, targets: data.targets, loss: loss, learningRate: 1)
            session.say("  \(name): \(fixed(r.lossBefore, 6)) → \(fixed(r.lossAfter, 6))")
            session.check("L before, \(name)", r.lossBefore, before, tolerance: 1e-12, source: "NumPy")
            session.check("L after the step α = 1, \(name)", r.lossAfter, after, tolerance: 1e-12, source: "NumPy")
        }
        // To first order L(θ − αg) = L(θ) − α‖g‖²: the gradient does point downhill.
        let alpha = 1e-6
        var small = network
        small.parameters.addScaled(report.gradient, by: -alpha)
        let workspace = NetworkWorkspace(network.architecture, capacity: 3)
        let slope =
            (report.lossBefore
                - workspace.loss(parameters: small.parameters, inputs: data.inputs, targets: data.targets, loss: .mse))
            / alpha
        let squaredNorm = report.gradient.squared().sum()
        session.check(
            "initial descent rate [L(θ) − L(θ − αg)]/α → ‖g‖² (α = 1e-6)", slope, squaredNorm, tolerance: 1e-5,
            source: "first-order Taylor")
        let largest = report.largestDecreasingRate ?? 0
        let best = report.bestScannedRate ?? (rate: 1, loss: report.lossAfter)
        session.say(
            "rates scanned from 1 down to 1e-4 (41, log-spaced): largest that lowers L: \(fixed(largest, 4)); best: α = \(fixed(best.rate, 4)) with L = \(fixed(best.loss, 6))"
        )
        // Between the grid's points: the exact threshold L(θ − α*∇L) = L(θ) (bisection) and the best rate
        // (golden section), against SciPy's brentq and minimize_scalar (scripts/reference/backprop_figure1.py).
        if let threshold = report.thresholdRate, let optimum = report.optimalRate {
            session.say(
                "refined: one step lowers L for every α < \(fixed(threshold, 6)); the best step is α = \(fixed(optimum.rate, 6)) with L = \(fixed(optimum.loss, 6))"
            )
            session.check(
                "threshold rate (bisection)", threshold, 0.40915987037043877, tolerance: 1e-9, source: "SciPy")
            session.check(
                "best rate (golden section)", optimum.rate, 0.20411456173310838, tolerance: 1e-6, source: "SciPy")
            session.check("L at the best rate", optimum.loss, 0.2797941804815248, tolerance: 1e-10, source: "SciPy")
        } else {
            session.check("the learning-rate scan brackets a threshold and an optimum", false, "none found")
        }
        session.answer(
            "Did the step with learning rate 1 lower the loss?",
            "No. The mean squared error rises from \(fixed(report.lossBefore, 6)) to \(fixed(report.lossAfter, 6)) (×\(fixed(report.lossAfter / report.lossBefore, 2))), and the sum and half-sum conventions rise too. The gradient is right (finite differences agree to \(ChapterSeven.scientific(report.gradientCheck.maxAbsoluteError))) and points downhill (L falls at rate ‖g‖² = \(fixed(squaredNorm, 4)) for small steps), but α = 1 is far past the minimum along −g: the step overshoots. Every rate below \(fixed(report.thresholdRate ?? largest, 3)) lowers the loss; the best, α = \(fixed(report.optimalRate?.rate ?? best.rate, 3)), brings it to \(fixed(report.optimalRate?.loss ?? best.loss, 4))."
        )

        try drawFigure1(session, report: report, data: data)
    }

    /// Prints `lines` (a matrix) after `prefix`, the continuation lines aligned under the first.
    private func say(_ session: NotebookSession, _ prefix: String, _ lines: [String]) {
        for (row, line) in lines.enumerated() {
            session.say((row == 0 ? prefix : String(repeating: " ", count: prefix.count)) + line)
        }
    }

    /// The loss along the gradient step, the gradient against its finite differences, and the predictions
    /// before and after the step.
    private func drawFigure1(_ session: NotebookSession, report: BackpropagationReport, data: LabeledData) throws {
        try session.figure("7.2-figure1") {
            let figure = Figure(width: 1500, height: 470, columns: 3, dpi: 100)
            let workspace = NetworkWorkspace(report.network.architecture, capacity: 3)
            let rates = Tensor.linspace(0, 1.2, count: 241).scalars
            let losses = rates.map { rate -> Double in
                var stepped = report.network.parameters
                stepped.addScaled(report.gradient, by: -rate)
                return workspace.loss(parameters: stepped, inputs: data.inputs, targets: data.targets, loss: .mse)
            }
            let squaredNorm = report.gradient.squared().sum()
            let path = figure.axes(column: 0)
            path.line(rates, losses, label: "L(θ − α ∂L/∂θ)")
            let tangent = [0, report.lossBefore / squaredNorm]
            path.line(
                tangent, tangent.map { report.lossBefore - $0 * squaredNorm }, label: "primer orden L − α‖∂L/∂θ‖$^2$",
                color: .black, width: 1, style: .dashed)
            path.scatter(
                [1], [report.lossAfter], label: "el paso α = 1: L = \(fixedComma(report.lossAfter, 4))",
                color: Color.cycle[3], size: 9)
            if let best = report.bestScannedRate {
                path.scatter(
                    [best.rate], [best.loss],
                    label: "mejor α explorada = \(fixedComma(best.rate, 3)): L = \(fixedComma(best.loss, 4))",
                    color: Color.cycle[2], marker: .star, size: 12)
            }
            path.horizontalLine(
                at: report.lossBefore, label: "L(θ) = \(fixedComma(report.lossBefore, 4))", color: Color.cycle[7],
                width: 1)
            path.title = "La pérdida a lo largo del paso de gradiente (ECM)"
            path.xLabel = "tasa de aprendizaje α"
            path.yLabel = "L"
            path.grid = .both
            path.legendLocation = .upperLeft

            let bars = figure.axes(column: 1)
            let count = report.gradient.count
            bars.bar((0..<count).map(Double.init), report.gradient.scalars, label: "retropropagación")
            bars.scatter(
                (0..<count).map(Double.init), report.gradientCheck.numeric.scalars,
                label: "diferencia central, δ = 10$^{-6}$",
                color: Color.cycle[1], marker: .diamond, size: 8)
            bars.horizontalLine(at: 0, color: .black, width: 0.8, style: .solid)
            var centres: [Double] = [], names: [String] = []
            for (k, layer) in report.network.layers.enumerated() {
                let w = ChapterSeven.weights(layer), b = ChapterSeven.biases(layer)
                centres += [Double(w.lowerBound + w.upperBound - 1) / 2, Double(b.lowerBound + b.upperBound - 1) / 2]
                names += ["$\\Omega_\(k)$", "$\\beta_\(k)$"]
                if k > 0 { bars.verticalLine(at: Double(w.lowerBound) - 0.5, color: Color.cycle[7], width: 0.8) }
            }
            bars.xTicks = (centres, names)
            bars.title = "∂L/∂θ, los \(count) parámetros"
            bars.yLabel = "∂L/∂θ"
            bars.grid = .y
            bars.legendLocation = .upperLeft

            let predictions = figure.axes(column: 2)
            let points = (0..<data.count).map(Double.init)
            predictions.bar(
                points.map { $0 - 0.27 }, data.targets.scalars, width: 0.27, label: "objetivo y", color: Color.cycle[7])
            predictions.bar(
                points, report.network(data.inputs).scalars, width: 0.27, label: "f(x) antes", color: Color.cycle[0])
            predictions.bar(
                points.map { $0 + 0.27 }, report.updated(data.inputs).scalars, width: 0.27, label: "f(x) tras α = 1",
                color: Color.cycle[3])
            predictions.horizontalLine(at: 0, color: .black, width: 0.8, style: .solid)
            predictions.xTicks = (points, ["x = (1, 1)", "x = (0, 2)", "x = (−1, 1)"])
            predictions.title = "Predicciones antes y después del paso"
            predictions.yLabel = "salida"
            predictions.grid = .y
            predictions.yLimits = (-1, 1.6)
            predictions.legendLocation = .upperRight
            figure.title =
                "Pregunta de evaluación: la red de la Figura 1 (capas ocultas sigmoides), un paso de gradiente con α = 1"
            return figure
        }
    }
}
