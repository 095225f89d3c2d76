import Datasets
import NN
import Plot
import Tensor

/// Notebook 5.1, "Least squares loss": a normal model of y given x whose mean is a shallow network; the
/// likelihood, the negative log-likelihood and the sum of squares, and sweeps of the offset β1 and of σ
/// showing that all three criteria pick the same β1 (UDL section 5.3).
public struct LeastSquaresLossNotebook: Notebook {
    /// The notebook's number.
    public let id = "5.1"
    /// The notebook's title.
    public let title = "Least squares loss"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap05/5_1_Least_Squares_Loss.ipynb"

    /// Creates the notebook.
    public init() {}

    static let omega1 = [[-2.0, -1.0, 7.0]]

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let data = NotebookData.leastSquares
        let (x, y) = (data.inputs, data.targets.reshaped([data.targets.count]))
        let model = { (beta1: Double) in ChapterFive.model(beta1: [beta1], omega1: Self.omega1) }
        let network = model(0.1)
        let sigma = 0.2
        ChapterFive.describe(network, session)
        let lowest = y.argmin()
        session.say(
            "The lowest point, (\(fixed(x.scalars[lowest], 4)), \(fixed(y.scalars[lowest], 4))), lies below the notebook's plot limits y ∈ [−1, 1]; the figures here show [−1.5, 1.5]."
        )

        session.section("TODO 1: normal_distribution(y, μ, σ), eq. 5.7", part: "normal")
        let density = Likelihood.normalDensity(1, mean: -1, standardDeviation: 2.3)
        ChapterFive.correctAnswer(session, "normal_distribution(1, −1, 2.3)", density, stated: "0.119", decimals: 3)
        session.check("normal_distribution(1, −1, 2.3)", density, 0.118846861853267, tolerance: 1e-14)
        session.check(
            "N(0; 0, 1)", Likelihood.normalDensity(0, mean: 0, standardDeviation: 1), 0.398942280401433,
            tolerance: 1e-14)
        let shapes = [(0.0, 1.0), (1.0, 1.0), (0.0, 2.0), (0.0, 0.5)]
        let peaks = shapes.map { Likelihood.normalDensity($0.0, mean: $0.0, standardDeviation: $0.1) }
        session.checkSeries(
            "peak heights N(μ; μ, σ) = 1/(σ√(2π))", peaks, shapes.map { 1 / ($0.1 * (2 * Double.pi).squareRoot()) },
            tolerance: 1e-15, source: "closed form")
        session.answer(
            "Predict what happens with μ = 1, σ = 1.",
            "The bell moves 1 to the right unchanged: the peak is at y = 1 and still \(fixed(peaks[1], 4)) high.")
        session.answer(
            "Predict what happens with μ = 0, σ = 2.",
            "Twice as wide and half as tall: the peak drops from \(fixed(peaks[0], 4)) to \(fixed(peaks[2], 4)), since the area stays 1."
        )
        session.answer(
            "Predict what happens with μ = 0, σ = 0.5.",
            "Half as wide and twice as tall: the peak rises to \(fixed(peaks[3], 4)).")

        let mu = ChapterFive.outputs(network, x).reshaped([x.count])
        session.section(
            "TODOs 2–4: likelihood, negative log-likelihood and sum of squares (β1 = 0.1, σ = 0.2)", part: "likelihood")
        session.checkSeries(
            "μ_pred = shallow_nn(x_train)", mu.scalars,
            [
                -0.31416432, 0.1, 0.159960865, -0.117027772, -0.221951536, -0.0116981775, 0.1, 0.1, -0.13312056,
                0.332974695,
                0.05681618, 0.1, -0.25888584, 0.079120334, 0.130158015, -0.280512575, -0.05485016, -0.393681,
                -0.0028607775, 0.040555226,
            ], tolerance: 1e-8)
        let likelihood = Likelihood.normal(y, means: mu, standardDeviation: sigma)
        ChapterFive.correctAnswer(session, "likelihood", likelihood, stated: "0.000010624", decimals: 9)
        session.checkRelative("likelihood", likelihood, 1.062373866390968e-05, tolerance: 1e-12)
        let nll = Likelihood.normalNegativeLogLikelihood(y, means: mu, standardDeviation: sigma)
        ChapterFive.correctAnswer(session, "negative log-likelihood", nll, stated: "11.452419564", decimals: 9)
        session.check("negative log-likelihood", nll, 11.452419564185830, tolerance: 1e-12)
        let squares = Likelihood.sumOfSquares(y, predictions: mu)
        ChapterFive.correctAnswer(session, "sum of squares", squares, stated: "2.020992572", decimals: 9)
        session.check("sum of squares", squares, 2.020992571901951, tolerance: 1e-12)
        let workspace = NetworkWorkspace(network.architecture, capacity: x.count)
        session.check(
            "the network's Gaussian loss (Loss.gaussianNegativeLogLikelihood) = NLL",
            workspace.loss(
                parameters: network.parameters, inputs: x, targets: data.targets,
                loss: .gaussianNegativeLogLikelihood(sigma: sigma)),
            nll, tolerance: 1e-12, source: "−Σ log N")
        session.check(
            "NLL = N/2·log(2πσ²) + SSQ/(2σ²)", nll,
            Double(x.count) / 2 * Double.log(2 * Double.pi * sigma * sigma) + squares / (2 * sigma * sigma),
            tolerance: 1e-12, source: "closed form")

        session.section("Sweeping β1 over arange(0, 1, 0.01) with σ = 0.2", part: "beta-sweep")
        let betas = Tensor.arange(0, 1, step: 0.01).scalars
        var betaSweep = [
            ChapterFive.Sweep(name: "verosimilitud", values: [], maximize: true),
            ChapterFive.Sweep(name: "log-verosimilitud negativa", values: [], maximize: false),
            ChapterFive.Sweep(name: "suma de cuadrados", values: [], maximize: false),
        ]
        for beta in betas {
            let mu = ChapterFive.outputs(model(beta), x).reshaped([x.count])
            betaSweep[0].values.append(Likelihood.normal(y, means: mu, standardDeviation: sigma))
            betaSweep[1].values.append(Likelihood.normalNegativeLogLikelihood(y, means: mu, standardDeviation: sigma))
            betaSweep[2].values.append(Likelihood.sumOfSquares(y, predictions: mu))
        }
        let (l, n, s) = (betaSweep[0], betaSweep[1], betaSweep[2])
        session.say("Maximum likelihood = \(fixed(l.values[l.optimum], 3)), at beta_1=\(fixed(betas[l.optimum], 3))")
        session.say(
            "Minimum negative log likelihood = \(fixed(n.values[n.optimum], 3)), at beta_1=\(fixed(betas[n.optimum], 3))"
        )
        session.say("Least squares = \(fixed(s.values[s.optimum], 3)), at beta_1=\(fixed(betas[s.optimum], 3))")
        session.check(
            "all three optima at index 27", [l.optimum, n.optimum, s.optimum] == [27, 27, 27],
            "indices \(l.optimum), \(n.optimum), \(s.optimum)")
        session.check("β1 at the optimum", betas[27], 0.27000000000000002, tolerance: 1e-15)
        session.checkRelative("maximum likelihood", l.values[27], 2.178592665507214e-02, tolerance: 1e-12)
        session.checkSeries(
            "NLL at indices 27, 26, 28, 0, 99", [27, 26, 28, 0, 99].map { n.values[$0] },
            [3.826491083935826, 3.875075112186, 3.827907055686, 22.688259846686, 131.728441049936], tolerance: 1e-11)
        session.checkSeries(
            "SSQ at indices 27, 0, 99", [27, 0, 99].map { s.values[$0] },
            [1.410918293481951, 2.919859794502, 11.643074290762], tolerance: 1e-11)
        session.answer(
            "Why do the three criteria agree?",
            "log is increasing, so the likelihood and −NLL peak together; and with σ fixed NLL = N/2·log(2πσ²) + SSQ/(2σ²), an increasing affine function of the sum of squares (eq. 5.11)."
        )

        session.section("Sweeping σ over arange(0.1, 0.5, 0.005) with β1 = 0.27", part: "sigma-sweep")
        let sigmas = Tensor.arange(0.1, 0.5, step: 0.005).scalars
        let best = ChapterFive.outputs(model(0.27), x).reshaped([x.count])
        let sigmaSweep = [
            ChapterFive.Sweep(
                name: "verosimilitud", values: sigmas.map { Likelihood.normal(y, means: best, standardDeviation: $0) },
                maximize: true),
            ChapterFive.Sweep(
                name: "log-verosimilitud negativa",
                values: sigmas.map { Likelihood.normalNegativeLogLikelihood(y, means: best, standardDeviation: $0) },
                maximize: false),
            ChapterFive.Sweep(
                name: "suma de cuadrados", values: sigmas.map { _ in Likelihood.sumOfSquares(y, predictions: best) },
                maximize: false, marked: false),
        ]
        let (sl, sn) = (sigmaSweep[0], sigmaSweep[1])
        session.say("Maximum likelihood = \(fixed(sl.values[sl.optimum], 3)), at sigma=\(fixed(sigmas[sl.optimum], 3))")
        session.say(
            "Minimum negative log likelihood = \(fixed(sn.values[sn.optimum], 3)), at sigma=\(fixed(sigmas[sn.optimum], 3))"
        )
        session.check(
            "both optima at index 33", [sl.optimum, sn.optimum] == [33, 33], "indices \(sl.optimum), \(sn.optimum)")
        session.check("σ at the optimum", sigmas[33], 0.26500000000000012, tolerance: 1e-15)
        session.check("minimum NLL", sn.values[33], 1.863959670974379, tolerance: 1e-12)
        session.checkRelative("maximum likelihood", sl.values[33], 0.1550574367579658, tolerance: 1e-12)
        let ssq = sigmaSweep[2].values[0]
        let sigmaStar = (ssq / Double(x.count)).squareRoot()
        session.check("continuous optimum σ* = √(SSQ/N)", sigmaStar, 0.265604809207397, tolerance: 1e-12)
        session.check(
            "the grid optimum is the grid point nearest σ*",
            sigmas.indices.min { abs(sigmas[$0] - sigmaStar) < abs(sigmas[$1] - sigmaStar) } == 33,
            "σ* = \(fixed(sigmaStar, 6)), grid optimum \(fixed(sigmas[33], 3))")
        session.answer(
            "Why is the sum of squares no use for choosing σ?",
            "It does not depend on σ (flat at \(fixed(ssq, 3))); setting ∂NLL/∂σ = −SSQ/σ³ + N/σ to 0 gives σ* = √(SSQ/N) = \(fixed(sigmaStar, 4)), and the grid's best σ = \(fixed(sigmas[33], 3)) is its nearest point."
        )

        session.part("figures")
        try drawFigures(
            session, x: x.scalars, y: y.scalars, model: model, betas: betas, betaSweep: betaSweep, sigmas: sigmas,
            sigmaSweep: sigmaSweep)
    }

    private func drawFigures(
        _ session: NotebookSession, x: [Double], y: [Double], model: (Double) -> Network, betas: [Double],
        betaSweep: [ChapterFive.Sweep], sigmas: [Double], sigmaSweep: [ChapterFive.Sweep]
    ) throws {
        let grid = ChapterFive.xModel
        func fit(_ axes: Axes, beta: Double, sigma: Double) {
            let mean = ChapterFive.outputs(model(beta), grid).scalars
            axes.band(
                grid.scalars, lower: mean.map { $0 - 2 * sigma }, upper: mean.map { $0 + 2 * sigma }, label: "μ ± 2σ",
                color: Color(gray: 0.83), alpha: 1)
            axes.line(grid.scalars, mean, label: "μ = f[x, φ]", color: Color.cycle[0])
            axes.scatter(x, y, label: "datos", color: ChapterFive.data, size: 6)
            axes.title = "β$_1$ = \(fixedComma(beta, 3)), σ = \(fixedComma(sigma, 3))"
            axes.xLabel = "Entrada, $x$"
            axes.yLabel = "Salida, $y$"
            // The notebook's y limits are [−1, 1], which hide the point (0.053, −1.244).
            ChapterFour.limits(axes, x: (0, 1), y: (-1.5, 1.5))
        }
        try session.figure("5.1-gaussian") {
            let figure = Figure(width: 640, height: 440, dpi: 100)
            let axes = figure.axes()
            let ys = Tensor.arange(-5, 5, step: 0.1).scalars
            for (mu, sigma) in [(0.0, 1.0), (1.0, 1.0), (0.0, 2.0), (0.0, 0.5)] {
                axes.line(
                    ys, ys.map { Likelihood.normalDensity($0, mean: mu, standardDeviation: sigma) },
                    label: "μ = \(fixed(mu, 0)), σ = \(comma("\(sigma)"))")
            }
            axes.xLabel = "$y$"
            axes.yLabel = "Densidad Pr($y$)"
            ChapterFour.limits(axes, x: (-5, 5), y: (0, 1))
            figure.title = "La distribución normal N(y; μ, σ²), ec. 5.7"
            return figure
        }
        try session.figure("5.1-model") {
            let figure = Figure(width: 1000, height: 500, columns: 2, dpi: 100)
            fit(figure.axes(row: 0, column: 0), beta: 0.1, sigma: 0.2)
            fit(figure.axes(row: 0, column: 1), beta: betas[27], sigma: sigmas[33])
            figure.title = "La media del modelo y su banda ±2σ: como viene, y con los mejores β$_1$ y σ"
            return figure
        }
        try session.figure("5.1-beta-fits") {
            let figure = Figure(width: 640, height: 500, dpi: 100)
            let axes = figure.axes()
            for index in stride(from: 0, to: betas.count, by: 20) {
                let t = Double(index) / 100
                axes.line(
                    grid.scalars, ChapterFive.outputs(model(betas[index]), grid).scalars,
                    label: "β$_1$ = \(fixedComma(betas[index], 1))",
                    color: Colormap.viridis.color(at: t))
            }
            axes.line(
                grid.scalars, ChapterFive.outputs(model(betas[27]), grid).scalars, label: "β$_1$ = 0,27 (el mejor)",
                color: .black, width: 2.5, style: .dashed)
            axes.scatter(x, y, color: ChapterFive.data)
            axes.xLabel = "Entrada, $x$"
            axes.yLabel = "Salida, $y$"
            axes.legendLocation = .lowerRight
            ChapterFour.limits(axes, x: (0, 1), y: (-1.5, 1.5))
            figure.title = "Uno de cada 20 modelos del barrido de β$_1$"
            return figure
        }
        try session.figure("5.1-beta-sweep") {
            ChapterFive.sweepFigure(
                betas, betaSweep, xLabel: "β$_1$",
                title: "Verosimilitud, log-verosimilitud negativa y suma de cuadrados frente a β$_1$ (σ = 0,2)")
        }
        try session.figure("5.1-sigma-fits") {
            let figure = Figure(width: 1500, height: 420, columns: 4, dpi: 100)
            for (column, index) in stride(from: 0, to: sigmas.count, by: 20).enumerated() {
                fit(figure.axes(row: 0, column: column), beta: betas[27], sigma: sigmas[index])
            }
            figure.title = "Uno de cada 20 valores del barrido de σ (β$_1$ = 0,27)"
            return figure
        }
        try session.figure("5.1-sigma-sweep") {
            ChapterFive.sweepFigure(
                sigmas, sigmaSweep, xLabel: "σ",
                title: "Verosimilitud, log-verosimilitud negativa y suma de cuadrados frente a σ (β$_1$ = 0,27)")
        }
    }
}
