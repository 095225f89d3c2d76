import Optim
import Plot
import Tensor

/// Notebook 6.4, "Momentum": SGD, momentum (UDL eq. 6.11) and Nesterov momentum (eq. 6.12) on the Gabor
/// model of notebook 6.3, each run on the same 81 minibatches of five (seed 1 before each run).
public struct MomentumNotebook: Notebook {
    /// The notebook's number.
    public let id = "6.4"
    /// The notebook's title.
    public let title = "Momentum"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap06/6_4_Momentum.ipynb"

    let problem = GaborFittingProblem.notebook
    static let start = [-1.5, 6.5]
    static let steps = 81

    /// Creates the notebook.
    public init() {}

    /// The three methods with the notebook's α = 0.6 and β = 0.6, and where the reference has them in its table
    /// (column of φ₀) and its final values.
    func methods() throws -> [(
        name: String, optimizer: any Optimizer, column: Int, final: (Double, Double, loss: Double)
    )] {
        try [
            ("SGD", SGD(learningRate: 0.6), 0, (0.036303218886453, 14.410116689444154, 0.936316108376032)),
            (
                "momentum (eq. 6.11)", MomentumUDL(learningRate: 0.6, beta: 0.6), 2,
                (0.020955045405029, 15.070487997431663, 0.745914970464290)
            ),
            (
                "Nesterov momentum (eq. 6.12)", NesterovMomentumUDL(learningRate: 0.6, beta: 0.6), 4,
                (0.037113437147633, 14.837198889954607, 0.800868149815885)
            ),
        ]
    }

    /// One 81-step run from (−1.5, 6.5) with batch 5 after seeding the generator.
    func minibatchRun(_ optimizer: any Optimizer, seed: UInt32 = 1) -> (path: [Tensor], batches: [[Int]]) {
        ChapterSix.minibatchPath(problem, optimizer, from: Self.start, steps: Self.steps, seed: seed)
    }

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        session.section(
            "Setup: the Gabor data of 6.3; np.random.seed(1) before each run; 81 steps, batch 5, α = 0.6, from (−1.5, 6.5)",
            part: "setup")
        let initial = problem.loss(at: Tensor(Self.start))
        session.say("Initial parameters, Loss = \(fixed(initial, 6))")
        session.check("loss at the start (−1.5, 6.5)", initial, 12.766467223816536, tolerance: 1e-12)

        var paths: [(name: String, path: [Tensor])] = []
        for method in try methods() {
            session.section(method.name, part: ["sgd", "momentum", "nesterov"][method.column / 2])
            let (path, batches) = minibatchRun(method.optimizer)
            paths.append((method.name, path))
            let final = path[Self.steps]
            session.say(
                "Iteration \(Self.steps), loss = \(fixed(problem.loss(at: final), 6))   φ = (\(fixed(final[0], 6)), \(fixed(final[1], 6)))"
            )
            session.check(
                "the 81 minibatches are NumPy's permutation(30)[:5] after seed(1)",
                batches == ChapterSixReference.batches,
                batches == ChapterSixReference.batches ? "81 of 81 equal the reference" : "differ from the reference")
            let reference = ChapterSixReference.momentum64.map {
                ($0.step, $0.phi[method.column], $0.phi[method.column + 1])
            }
            ChapterSix.checkPath(session, "φ at steps 0–5, 10, 20, …, 80, 81", path, reference, tolerance: 1e-9)
            session.check("final φ₀", final[0], method.final.0, tolerance: 1e-9)
            session.check("final φ₁", final[1], method.final.1, tolerance: 1e-9)
            session.check("final full-data loss", problem.loss(at: final), method.final.loss, tolerance: 1e-9)
            if method.column == 2 {
                session.check("momentum φ₀ after step 1", path[1][0], -1.727395474700473, tolerance: 1e-12)
                session.check("momentum φ₁ after step 1", path[1][1], 6.523162331817382, tolerance: 1e-12)
            }
            if method.column == 4 {
                session.check("Nesterov φ₀ after step 2", path[2][0], -1.534365433470761, tolerance: 1e-12)
                session.check("Nesterov φ₁ after step 2", path[2][1], 6.826475363912223, tolerance: 1e-12)
            }
        }
        try answers(session, paths: paths)
        session.part("figures")
        try figures(session, paths: paths)
    }

    func answers(_ session: NotebookSession, paths: [(name: String, path: [Tensor])]) throws {
        session.section("Answers", part: "answers")
        let losses = paths.map { problem.loss(at: $0.path[Self.steps]) }
        session.check(
            "Nesterov does not improve on momentum here (the notebook's closing remark)", losses[2] > losses[1],
            "final loss Nesterov \(fixed(losses[2], 6)) > momentum \(fixed(losses[1], 6))")
        func meanStep(_ path: [Tensor]) -> Double {
            zip(path, path.dropFirst()).reduce(0) { $0 + ($1.1 - $1.0).norm() } / Double(path.count - 1)
        }
        let steps = paths.map { fixed(meanStep($0.path), 3) }
        session.answer(
            "What does momentum change?",
            "It averages the noisy minibatch gradients: the mean step length drops from \(steps[0]) (SGD) to \(steps[1]) (momentum) and "
                + "\(steps[2]) (Nesterov), the path stops jumping across the valley, and the final full-data loss falls from "
                + "\(fixed(losses[0], 4)) to \(fixed(losses[1], 4)) and \(fixed(losses[2], 4)).")
        var wins = 0
        var finals: [[Double]] = [[], [], []]
        for seed in UInt32(1)...20 {
            let values = try methods().map { problem.loss(at: minibatchRun($0.optimizer, seed: seed).path[Self.steps]) }
            for k in 0..<3 { finals[k].append(values[k]) }
            if values[2] < values[1] { wins += 1 }
        }
        let medians = finals.map { fixed(median($0), 4) }
        session.say(
            "seeds 1–20, median final loss: SGD \(medians[0]), momentum \(medians[1]), Nesterov \(medians[2]); "
                + "Nesterov below momentum in \(wins) of 20")
        session.answer(
            "Does Nesterov momentum improve the result?",
            "Not with seed 1: it ends at L = \(fixed(losses[2], 4)) against momentum's \(fixed(losses[1], 4)), though both beat plain SGD "
                + "(\(fixed(losses[0], 4))). Over seeds 1–20 Nesterov ends lower than momentum in \(wins) of 20 runs (medians "
                + "\(medians[2]) and \(medians[1])): with minibatch noise the look-ahead gradient is as noisy as the ordinary one, so its "
                + "advantage on smooth problems does not show.")
    }

    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// The three methods' names in the figures' Spanish text.
    static let spanishNames = ["SGD", "momento (ec. 6.11)", "momento de Nesterov (ec. 6.12)"]

    func figures(_ session: NotebookSession, paths: [(name: String, path: [Tensor])]) throws {
        try session.figure("6.4-trajectories") {
            let figure = Figure(width: 1300, height: 620, rows: 1, columns: 2)
            let windows: [(String, (Double, Double, Double), (Double, Double, Double))] = [
                ("La ventana del cuaderno", (-10, 10, 0.1), (2.5, 22.5, 0.1)),
                ("Acercamiento a los caminos", (-4, 2.5, 0.025), (6, 16, 0.025)),
            ]
            for (column, (title, x, y)) in windows.enumerated() {
                let axes = figure.axes(row: 0, column: column)
                ChapterSix.drawLossSurface(axes, ChapterSix.lossField(problem.loss(at:), x: x, y: y))
                for (index, run) in paths.enumerated() {
                    ChapterSix.drawPath(
                        axes, run.path, label: Self.spanishNames[index],
                        color: ChapterSix.pathColors[[2, 0, 4][index]],
                        markerSize: column == 0 ? 1.5 : 3)
                }
                axes.xLimits = (x.0, x.1 - x.2)
                axes.yLimits = (y.0, y.1 - y.2)
                axes.title = title
                axes.legendLocation = column == 0 ? .upperLeft : nil
            }
            figure.title = "81 pasos sobre los mismos minilotes (semilla 1, minilote 5, α = 0,6, β = 0,6)"
            return figure
        }
        try session.figure("6.4-loss-curves") {
            let figure = Figure(width: 760, height: 460)
            let axes = figure.axes()
            let steps = Array(0...Self.steps).map(Double.init)
            for (index, run) in paths.enumerated() {
                axes.line(
                    steps, run.path.map(problem.loss(at:)), label: Self.spanishNames[index],
                    color: Color.cycle[[0, 1, 2][index]])
            }
            axes.yScale = .log
            axes.xLabel = "paso"
            axes.yLabel = "pérdida sobre todos los datos"
            axes.title = "SGD, momento y momento de Nesterov en el modelo de Gabor"
            axes.grid = .both
            return figure
        }
    }
}
