import Optim
import Plot
import Tensor

/// Notebook 6.3, "Stochastic gradient descent": the Gabor model ŷ = sin(z)·exp(−z²/32), z = φ₀ + 0.06φ₁x
/// (UDL Figure 6.5) fitted to thirty points by gradient descent with a line search, with a fixed learning
/// rate, and by SGD on minibatches of five (eq. 6.10), then the notebook's open experiments: other start
/// points, other learning rates and batch sizes, and a step-decay learning-rate schedule.
public struct StochasticGradientDescentNotebook: Notebook {
    /// The notebook's number.
    public let id = "6.3"
    /// The notebook's title.
    public let title = "Stochastic gradient descent"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap06/6_3_Stochastic_Gradient_Descent.ipynb"

    let problem = GaborFittingProblem.notebook

    /// Creates the notebook.
    public init() {}

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        checkModelLossAndGradient(session)

        session.section(
            "(i) Gradient descent with line search (max_dist 2.0), 21 steps from (−1.5, 8.5)", part: "line-search")
        var lineSearch = try LineSearchGradientDescent(search: BracketingLineSearch(maximumDistance: 2.0))
        var alphas: [Double] = []
        let searched = ChapterSix.path(from: [-1.5, 8.5], steps: 21) { _, phi in
            alphas.append(lineSearch.step(&phi, problem.objective).stepLength ?? .nan)
        }
        printAndCheck(
            session, searched, every: 4, reference: ChapterSixReference.lineSearch63,
            losses: [
                1: 9.325499277322967, 5: 2.311964729156311, 9: 1.426214650481665, 13: 1.070143814314826,
                17: 0.884877144317036, 21: 0.783154251575728,
            ])
        session.check("first line-search α", alphas[0], 0.69626104622463592, tolerance: 1e-12)
        session.check("second line-search α (close to max_dist)", alphas[1], 1.9977049234481763, tolerance: 1e-9)
        session.check("φ₀ after 21 steps", searched[21][0], 0.025038129373409, tolerance: 1e-9)
        session.check("φ₁ after 21 steps", searched[21][1], 14.908545518104468, tolerance: 1e-9)

        session.section(
            "(ii) TODO 2: gradient_descent_step_fixed_learning_rate, φ ← φ − α·∇L with α = 0.2, 21 steps",
            part: "fixed-rate")
        var fixedRate = try SGD(learningRate: 0.2)
        let fixedPath = ChapterSix.path(from: [-1.5, 8.5], steps: 21) { _, phi in
            fixedRate.step(&phi, problem.objective)
        }
        printAndCheck(
            session, fixedPath, every: 4, reference: ChapterSixReference.fixedRate63,
            losses: [
                1: 10.800399088988513, 5: 7.716315924776437, 9: 4.818621086609084, 13: 2.750013539932660,
                17: 1.825303878310397, 21: 1.388375676848121,
            ])
        session.check("φ₀ after 21 steps", fixedPath[21][0], 0.113348874030530, tolerance: 1e-9)
        session.check("φ₁ after 21 steps", fixedPath[21][1], 13.469440111825431, tolerance: 1e-9)

        session.section(
            "(iii) TODO 3: stochastic_gradient_descent_step, seed 1, α = 0.8, batch 5, 41 steps from (3.5, 6.5)",
            part: "sgd")
        let stochastic = try Self.sgd(problem, from: [3.5, 6.5], steps: 41, rate: 0.8)
        printAndCheck(
            session, stochastic.path, every: 8, reference: ChapterSixReference.stochastic63,
            losses: [
                0: 17.285136517574351, 1: 17.712672481218167, 9: 10.037474489183714, 17: 12.918912335439083,
                25: 8.145605573051613, 33: 5.007204986669747, 41: 4.624355461081189,
            ])
        session.check(
            "first minibatch after seed(1) is [17, 21, 10, 19, 14]", stochastic.batches[0] == [17, 21, 10, 19, 14],
            "\(stochastic.batches[0])")
        let sameBatches = stochastic.batches == Array(ChapterSixReference.batches.prefix(41))
        session.check(
            "all 41 minibatches equal NumPy's permutation(30)[:5]", sameBatches,
            sameBatches ? "41 of 41 equal" : "differ")
        session.check("φ₀ after 41 steps", stochastic.path[41][0], -0.496680212868869, tolerance: 1e-9)
        session.check("φ₁ after 41 steps", stochastic.path[41][1], 12.268408962523838, tolerance: 1e-9)
        let loss = [searched[21], fixedPath[21]].map { fixed(problem.loss(at: $0), 3) }
        let noisy = [0, 1, 9, 17].map { fixed(problem.loss(at: stochastic.path[$0]), 3) }
        let end = fixed(problem.loss(at: stochastic.path[41]), 3)
        session.answer(
            "What do the three runs show?",
            "With a line search the loss falls fastest (\(loss[0]) after 21 steps); a fixed α = 0.2 follows the same valley more slowly "
                + "(\(loss[1])). SGD's full-data loss is noisy: it rises from \(noisy[0]) to \(noisy[1]) at step 1 and from \(noisy[2]) "
                + "at step 9 to \(noisy[3]) at step 17, yet it leaves the poor start (3.5, 6.5) and ends at \(end).")

        let experiments = try runExperiments(session)
        session.part("figures")
        try figures(
            session,
            runs: [
                ("DG + búsqueda lineal", searched), ("α fija = 0,2", fixedPath),
                ("SGD, α = 0,8, minilote 5", stochastic.path),
            ],
            experiments: experiments)
    }

    /// The stated loss, the model's values, the given gradient against finite differences, and the losses
    /// and gradients at the start points (all from the reference).
    func checkModelLossAndGradient(_ session: NotebookSession) {
        session.section("TODO 1: compute_loss = Σᵢ (ŷᵢ − yᵢ)²", part: "model")
        let loss = problem.loss(at: Tensor([0.6, -0.2]))
        session.say("Your loss = \(fixed(loss, 3)), Correct loss = 16.419")
        session.checkPrinted("loss at φ = (0.6, −0.2), printed %3.3f", loss, decimals: 3, stated: "16.419")
        session.check("loss at φ = (0.6, −0.2)", loss, 16.418825107628539, tolerance: 1e-12)
        let predictions = [-14.22, 0, 1.49].map { problem.prediction(Tensor([0.6, -0.2]), $0) }
        for (x, (actual, expected)) in zip(
            [-14.22, 0, 1.49], zip(predictions, [0.6837857305381807, 0.558325843234562, 0.5440046630182983]))
        {
            session.check("model ŷ(x = \(x)) at φ = (0.6, −0.2)", actual, expected, tolerance: 1e-12)
        }

        session.section("The given gradient at φ = (−5, 25), against forward differences (δ = 1e−4)")
        let phi = Tensor([-5, 25])
        let g = problem.gradient(at: phi), fd = problem.forwardDifferenceGradient(at: phi, step: 1e-4)
        session.say("Initial parameters, Loss = \(fixed(problem.loss(at: phi), 6))")
        session.say("Your gradients: (\(fixed(g[0], 3)),\(fixed(g[1], 3)))")
        session.say("Approx gradients: (\(fixed(fd[0], 3)),\(fixed(fd[1], 3)))")
        session.check("loss at (−5, 25)", problem.loss(at: phi), 6.297675888793567, tolerance: 1e-12)
        session.check("∂L/∂φ₀ at (−5, 25)", g[0], 3.343805095491922, tolerance: 1e-12)
        session.check("∂L/∂φ₁ at (−5, 25)", g[1], 0.519155895054583, tolerance: 1e-12)
        let printed = ["(\(fixed(g[0], 3)),\(fixed(g[1], 3)))", "(\(fixed(fd[0], 3)),\(fixed(fd[1], 3)))"]
        session.check(
            "gradient and finite differences both print (3.344,0.519) (reference)",
            printed.allSatisfy { $0 == "(3.344,0.519)" },
            printed.joined(separator: " and "))

        session.section("Losses and gradients at the start points")
        let starts: [([Double], Double, [Double]?)] = [
            ([-1.5, 8.5], 11.696016951389643, [-2.162315508781568, 0.334053878276509]),
            ([3.5, 6.5], 17.285136517574351, [-3.527035820688057, 0.707906059440165]),
            ([-1.5, 6.5], 12.766467223816536, nil),
        ]
        for (start, loss, gradient) in starts {
            let at = Tensor(start)
            session.check("loss at (\(start[0]), \(start[1]))", problem.loss(at: at), loss, tolerance: 1e-12)
            guard let gradient else { continue }
            let g = problem.gradient(at: at)
            session.check(
                "∇L at (\(start[0]), \(start[1]))",
                Swift.max(Swift.abs(g[0] - gradient[0]), Swift.abs(g[1] - gradient[1])) <= 1e-12,
                "(\(g[0]), \(g[1])) vs reference (\(gradient[0]), \(gradient[1])) (tolerance 1e-12)")
        }
    }

    /// Prints the notebook's "Iteration k, loss = …" lines (steps 1, 1 + every, …) and checks the path and
    /// the printed losses against the reference.
    func printAndCheck(
        _ session: NotebookSession, _ path: [Tensor], every: Int, reference: [[Double]], losses: [Int: Double]
    ) {
        let values = path.map(problem.loss(at:))
        session.say("Initial parameters, Loss = \(fixed(values[0], 6))")
        for k in stride(from: 1, to: path.count, by: every) {
            session.say(
                "Iteration \(k), loss = \(fixed(values[k], 6))   φ = (\(fixed(path[k][0], 6)), \(fixed(path[k][1], 6)))"
            )
        }
        ChapterSix.checkPath(
            session, "φ after each of the \(path.count - 1) steps", path, ChapterSix.points(reference), tolerance: 1e-9)
        let worst = losses.map { Swift.abs(values[$0.key] - $0.value) / Swift.max(1, $0.value) }.max()!
        session.check(
            "loss at the printed steps \(losses.keys.sorted().map(String.init).joined(separator: ", "))", worst <= 1e-9,
            "largest deviation \(worst) (tolerance 1e-09)")
        let last = losses.keys.max()!
        session.check("loss after \(last) steps", values[last], losses[last]!, tolerance: 1e-9)
    }

    /// SGD as the notebook runs it (see ``ChapterSix/minibatchPath(_:_:from:steps:schedule:batchSize:seed:)``).
    static func sgd(
        _ problem: GaborFittingProblem, from start: [Double], steps: Int, rate: Double,
        schedule: LearningRateSchedule = .constant,
        batchSize: Int = 5, seed: UInt32 = 1
    ) throws -> (path: [Tensor], batches: [[Int]]) {
        ChapterSix.minibatchPath(
            problem, try SGD(learningRate: rate), from: start, steps: steps, schedule: schedule, batchSize: batchSize,
            seed: seed)
    }
}
