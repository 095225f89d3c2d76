import Optim
import Plot
import Tensor

/// Notebook 6.5, "Adam": on the elongated Gaussian well L = 1 − exp(−2φ₁²)·exp(−(φ₀ − 0.7)²/8) (UDL
/// Figure 6.9), plain gradient descent with two learning rates, normalised gradients (eqs. 6.13–6.14) and
/// Adam (eqs. 6.15–6.17), plus Adam without its bias correction as an extra.
public struct AdamNotebook: Notebook {
    /// The notebook's number.
    public let id = "6.5"
    /// The notebook's title.
    public let title = "Adam"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap06/6_5_Adam.ipynb"

    let problem = GaussianWellProblem()
    static let start = [-0.7, -0.9]

    /// Creates the notebook.
    public init() {}

    /// `steps` steps of `optimizer` from (−0.7, −0.9) with the notebook's finite-difference gradient.
    func path(_ optimizer: some Optimizer, steps: Int) -> [Tensor] {
        var optimizer = optimizer
        return ChapterSix.path(from: Self.start, steps: steps) { _, phi in optimizer.step(&phi, problem.objective) }
    }

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        session.section(
            "The loss and its gradient (central differences, δ = 1e−5, as the notebook's get_loss_gradient)",
            part: "loss")
        let start = Tensor(Self.start)
        let g = problem.gradient(at: start), exact = GaussianWellProblem(gradientMethod: .analytic).gradient(at: start)
        session.say("L(−0.7, −0.9) = \(problem.loss(at: start)),  ∇L ≈ (\(g[0]), \(g[1]))")
        session.check("L at the start", problem.loss(at: start), 0.845103790115093, tolerance: 1e-14)
        session.check("finite-difference ∂L/∂φ₀ at the start", g[0], -0.054213673450487214, tolerance: 1e-9)
        session.check("finite-difference ∂L/∂φ₁ at the start", g[1], -0.557626355601748, tolerance: 1e-9)
        session.check("analytic ∂L/∂φ₀ at the start", exact[0], -0.054213673459717, tolerance: 1e-12)
        session.check("analytic ∂L/∂φ₁ at the start", exact[1], -0.557626355585665, tolerance: 1e-12)

        session.section("Gradient descent, α = 0.08 for 200 steps and α = 1.0 for 40 steps", part: "gradient-descent")
        let slow = path(try SGD(learningRate: 0.08), steps: 200), fast = path(try SGD(learningRate: 1.0), steps: 40)
        report(session, "α = 0.08", slow)
        report(session, "α = 1.0", fast)
        ChapterSix.checkPath(
            session, "α = 0.08, steps 1–3", slow,
            [
                (1, -0.695662906123961, -0.8553898915518602), (2, -0.6905985162262922, -0.8057271495654931),
                (3, -0.6846368291533949, -0.7504589400747378),
            ], tolerance: 1e-9)
        session.check("α = 0.08, final φ₀", slow[200][0], 0.6684043912345345, tolerance: 1e-9)
        session.check("α = 0.08, final φ₁", slow[200][1], -2.0975443604243083e-12, tolerance: 1e-9)
        session.check("α = 0.08, final loss", problem.loss(at: slow[200]), 0.000124777526294, tolerance: 1e-9)
        ChapterSix.checkPath(
            session, "α = 1.0, steps 1–5", fast,
            [
                (1, -0.6457863265495127, -0.342373644398252), (2, -0.4335697458633596, 0.5214468619155872),
                (3, -0.293464144653776, -0.5097398133332314), (4, -0.16290022927453118, 0.562123745443744),
                (5, -0.05842354777948412, -0.5268331749482706),
            ], tolerance: 1e-9)
        // The reference gives NumPy's final point (its SIMD exp differs from libm by an ulp now and then, which
        // this oscillating run amplifies) and that of an independent libm port. The two differ by more than 1e-5
        // in φ₁, so the reference's "~1e-5" is read as 2e-5 (as in the Optim tests).
        let (numpy, port) = ((0.6961307426146874, 0.19485597944436428), (0.696130780384475, 0.194868369511115))
        session.say(
            "α = 1.0 is sensitive: the reference's NumPy and libm-port final points differ by "
                + "(\(fixed(Swift.abs(numpy.0 - port.0), 10)), \(fixed(Swift.abs(numpy.1 - port.1), 10))), so NumPy's is checked to 2e-5"
        )
        session.check("α = 1.0, final φ₀ (NumPy's value; sensitive run)", fast[40][0], numpy.0, tolerance: 2e-5)
        session.check("α = 1.0, final φ₁ (NumPy's value; sensitive run)", fast[40][1], numpy.1, tolerance: 2e-5)
        session.check("α = 1.0, final φ₀ (the reference's libm port)", fast[40][0], port.0, tolerance: 1e-9)
        session.check("α = 1.0, final φ₁ (the reference's libm port)", fast[40][1], port.1, tolerance: 1e-9)
        session.check(
            "α = 1.0, final loss (NumPy's value)", problem.loss(at: fast[40]), 0.073127790588963, tolerance: 2e-5)

        session.section(
            "TODO: normalized gradients, m = ∇L, v = m², φ ← φ − α·m/(√v + ε) (eqs. 6.13–6.14), α = 0.08, 40 steps",
            part: "normalized")
        let normalized = path(try NormalizedGradientDescent(learningRate: 0.08), steps: 40)
        report(session, "normalized", normalized)
        let first: [(Double, Double)] = [
            (-0.7, -0.9), (-0.62, -0.82), (-0.54, -0.74), (-0.46, -0.66), (-0.38, -0.58), (-0.3, -0.5), (-0.22, -0.42),
            (-0.14, -0.34), (-0.06, -0.26), (0.02, -0.18), (0.1, -0.1), (0.18, -0.0200000000000002),
            (0.26, 0.0599999999999998),
            (0.34, -0.0200000000000002), (0.42, 0.0599999999999998), (0.5, -0.0200000000000002),
            (0.58, 0.0599999999999998),
            (0.66, -0.0200000000000002), (0.74, 0.0599999999999998), (0.66, -0.0200000000000002),
            (0.74, 0.0599999999999998),
        ]
        ChapterSix.checkPath(
            session, "steps 0–20", normalized, first.enumerated().map { ($0.offset, $0.element.0, $0.element.1) },
            tolerance: 1e-12)
        let alternating = (17...40).map { ($0, $0 % 2 == 0 ? 0.74 : 0.66, $0 % 2 == 0 ? 0.06 : -0.02) }
        ChapterSix.checkPath(
            session, "from step 17 on it alternates between (0.66, −0.02) and (0.74, 0.06)", normalized, alternating,
            tolerance: 1e-12)
        session.check("final loss", problem.loss(at: normalized[40]), 0.007372687412574, tolerance: 1e-12)
        let moves = zip(normalized, normalized.dropFirst()).flatMap {
            [Swift.abs($1[0] - $0[0]), Swift.abs($1[1] - $0[1])]
        }
        session.check(
            "every coordinate moves by exactly α = 0.08 each step (eq. 6.14 with ε ≈ 0)",
            moves.allSatisfy { Swift.abs($0 - 0.08) < 1e-12 },
            "|Δφ| from \(fixed(moves.min()!, 15)) to \(fixed(moves.max()!, 15))")

        session.section("TODO: Adam (eqs. 6.15–6.17), α = 0.05, β = 0.9, γ = 0.99, ε = 1e−20, 60 steps", part: "adam")
        let adam = path(try AdamUDL(learningRate: 0.05, beta: 0.9, gamma: 0.99, epsilon: 1e-20), steps: 60)
        report(session, "Adam", adam)
        session.check("Adam step 1 is exactly α·sign(g): φ₀ = −0.65", adam[1][0], -0.65, tolerance: 1e-15)
        session.check("Adam step 1: φ₁ = −0.85", adam[1][1], -0.85, tolerance: 1e-15)
        ChapterSix.checkPath(
            session, "Adam at steps 0–5, 10, 15, …, 60", adam,
            ChapterSixReference.adam65.map { ($0.step, $0.phi[0], $0.phi[1]) }, tolerance: 1e-9)
        session.check("Adam final loss", problem.loss(at: adam[60]), 0.001874291141445, tolerance: 1e-9)

        session.section("Extra: Adam without bias correction (m̃ = m, ṽ = v), same settings", part: "no-bias-correction")
        let uncorrected = path(
            try AdamUDL(learningRate: 0.05, beta: 0.9, gamma: 0.99, epsilon: 1e-20, biasCorrection: false), steps: 60)
        report(session, "Adam, no bias correction", uncorrected)
        ChapterSix.checkPath(
            session, "no correction, steps 0–5, 10, 15, …, 60", uncorrected,
            ChapterSixReference.adam65.map { ($0.step, $0.phi[2], $0.phi[3]) }, tolerance: 1e-9)
        session.check(
            "no correction, final loss", problem.loss(at: uncorrected[60]), 0.000386399900274, tolerance: 1e-9)

        let runs = [
            ("DG, α = 0,08", slow), ("DG, α = 1,0", fast), ("gradientes normalizados, α = 0,08", normalized),
            ("Adam, α = 0,05", adam), ("Adam sin corrección de sesgo", uncorrected),
        ]
        answers(session, runs: runs)
        session.part("figures")
        try figures(session, runs: runs)
    }

    /// Prints a run's last point and loss.
    func report(_ session: NotebookSession, _ name: String, _ path: [Tensor]) {
        let last = path[path.count - 1]
        session.say(
            "\(name): after \(path.count - 1) steps φ = (\(fixed(last[0], 6)), \(fixed(last[1], 6))), L = \(fixed(problem.loss(at: last), 6))"
        )
    }

    func answers(_ session: NotebookSession, runs: [(String, [Tensor])]) {
        session.section("Answers", part: "answers")
        let (slow, fast, normalized, adam, uncorrected) = (runs[0].1, runs[1].1, runs[2].1, runs[3].1, runs[4].1)
        let settled = slow.firstIndex { Swift.abs($0[1]) < 1e-3 }!
        let flips = zip(fast, fast.dropFirst()).filter { $0[1] * $1[1] < 0 }.count
        // At the minimum the Hessian is diag(1/4, 4): ∂²L/∂φ₀² = 1/4 and ∂²L/∂φ₁² = 4 (closed form).
        session.answer(
            "Why is there no good step size for gradient descent?",
            "At the minimum the curvature is 4 across φ₁ and 1/4 along φ₀, 16 times less. α = 0.08 settles φ₁ (|φ₁| < 0.001 from step "
                + "\(settled)) but after 200 steps φ₀ is still \(fixed(slow[200][0], 4)), \(fixed(0.7 - slow[200][0], 4)) short of 0.7. "
                + "α = 1.0 suits φ₀ (\(fixed(fast[40][0], 4)) after 40 steps) but exceeds 2/4, the stable limit across φ₁: φ₁ changes sign "
                + "in \(flips) of 40 steps and is still \(fixed(fast[40][1], 4)) at the end.")
        let pair = [normalized[39], normalized[40]].map { problem.loss(at: $0) }
        session.answer(
            "What do normalized gradients do?",
            "Each coordinate moves by exactly α = 0.08 in its downhill direction, so both coordinates progress at the same pace, "
                + "but the path never converges: from step 17 it jumps between (0.66, −0.02) and (0.74, 0.06), with L = \(fixed(pair[0], 5)) and \(fixed(pair[1], 5))."
        )
        func stepLength(_ path: [Tensor], _ k: Int) -> Double { (path[k] - path[k - 1]).norm() }
        func farthest(_ path: [Tensor]) -> Double { path.map { $0[0] }.max()! }
        session.answer(
            "What do Adam's moments and the bias correction add?",
            "Averaging g and g² removes the bouncing of normalized gradients: the steps shrink from \(fixed(stepLength(adam, 1), 4)) to "
                + "\(fixed(stepLength(adam, 60), 4)) as the averaged gradients cancel, although the path still spirals around the minimum "
                + "(φ₀ reaches \(fixed(farthest(adam), 4)) before turning back), so the loss rises and falls on its way to "
                + "\(fixed(problem.loss(at: adam[60]), 5)) at step 60. Without the correction the first step is the same "
                + "(m/√v = sign g at t = 0), but the next ones are longer (step 2: \(fixed(stepLength(uncorrected, 2), 4)) against "
                + "\(fixed(stepLength(adam, 2), 4)), \(fixed(stepLength(uncorrected, 2) / stepLength(adam, 2), 3)) times longer): the "
                + "uncorrected m builds up as 1 − β^t and √v as √(1 − γ^t), whose ratio at t = 2 is "
                + "\(fixed((1 - 0.9 * 0.9) / (1 - 0.99 * 0.99).squareRoot(), 3)). That run overshoots further, to φ₀ = "
                + "\(fixed(farthest(uncorrected), 4)), and happens to be closer at step 60 "
                + "(L = \(fixed(problem.loss(at: uncorrected[60]), 5))).")
    }

    func figures(_ session: NotebookSession, runs: [(String, [Tensor])]) throws {
        let field = ChapterSix.lossField(problem.loss(at:), x: (-1, 1.1, 0.01), y: (-1, 1, 0.01))
        try session.figure("6.5-trajectories") {
            let figure = Figure(width: 1150, height: 1000, rows: 2, columns: 2, dpi: 100)
            let panels: [(title: String, runs: [Int])] = [
                ("Descenso de gradiente, α = 0,08, 200 pasos", [0]), ("Descenso de gradiente, α = 1,0, 40 pasos", [1]),
                ("Gradientes normalizados, α = 0,08, 40 pasos", [2]), ("Adam, α = 0,05, 60 pasos", [3, 4]),
            ]
            for (index, panel) in panels.enumerated() {
                let axes = figure.axes(row: index / 2, column: index % 2)
                ChapterSix.drawLossSurface(axes, field)
                for run in panel.runs {
                    ChapterSix.drawPath(
                        axes, runs[run].1, label: runs[run].0, color: ChapterSix.pathColors[run == 4 ? 4 : 0])
                }
                axes.scatter(
                    [0.7], [0], label: "mínimo (0,7; 0)", color: Color(hex: 0xfde725), marker: .cross, size: 10)
                axes.xLimits = (-1, 1.09)
                axes.yLimits = (-1, 0.99)
                axes.title = panel.title
            }
            figure.title = "L = 1 − exp(−2φ₁²)·exp(−(φ₀ − 0,7)²/8) desde (−0,7; −0,9)"
            return figure
        }
        try session.figure("6.5-loss-curves") {
            let figure = Figure(width: 760, height: 480)
            let axes = figure.axes()
            for (index, run) in runs.enumerated() {
                let steps = Array(0..<run.1.count).map(Double.init)
                axes.line(steps, run.1.map(problem.loss(at:)), label: run.0, color: Color.cycle[index])
            }
            axes.yScale = .log
            axes.xLabel = "paso"
            axes.yLabel = "pérdida"
            axes.title = "La pérdida a lo largo de cada ejecución"
            axes.grid = .both
            axes.legendLocation = .upperRight
            return figure
        }
    }
}
