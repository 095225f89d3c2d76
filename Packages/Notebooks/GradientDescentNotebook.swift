import Optim
import Plot
import Tensor

/// Notebook 6.2, "Gradient descent": the line ŷ = φ₀ + φ₁x fitted to twelve points by gradient descent
/// (UDL eq. 6.3) whose step length comes from the bracketing line search of notebook 6.1, which this
/// notebook runs first as its building block.
public struct GradientDescentNotebook: Notebook {
    /// The notebook's number.
    public let id = "6.2"
    /// The notebook's title.
    public let title = "Gradient descent"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap06/6_2_Gradient_Descent.ipynb"

    /// Creates the notebook.
    public init() {}

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        try lineSearch(session)
        let problem = LineFittingProblem.notebook

        session.section("TODO 1: compute_loss = Σᵢ (φ₀ + φ₁xᵢ − yᵢ)²", part: "loss")
        let phi = Tensor([0.6, -0.2])
        let loss = problem.loss(at: phi)
        session.say("Your loss = \(fixed(loss, 3)), Correct loss = 12.367")
        session.checkPrinted("loss at φ = (0.6, −0.2), printed %3.3f", loss, decimals: 3, stated: "12.367")
        session.check("loss at φ = (0.6, −0.2)", loss, 12.366904, tolerance: 1e-12)

        session.section("TODO 2: compute_gradient = (Σ 2(φ₀ + φ₁xᵢ − yᵢ), Σ 2xᵢ(φ₀ + φ₁xᵢ − yᵢ))", part: "gradient")
        let g = problem.gradient(at: phi)
        let fd = problem.forwardDifferenceGradient(at: phi, step: 1e-4)
        session.say("Your gradients: (\(fixed(g[0], 3)),\(fixed(g[1], 3)))")
        session.say("Approx gradients: (\(fixed(fd[0], 3)),\(fixed(fd[1], 3)))")
        session.check("∂L/∂φ₀ at (0.6, −0.2)", g[0], -21.904, tolerance: 1e-12)
        session.check("∂L/∂φ₁ at (0.6, −0.2)", g[1], -26.84044, tolerance: 1e-12)
        let printedFD = "(\(fixed(fd[0], 3)),\(fixed(fd[1], 3)))"
        session.check(
            "forward differences (δ = 1e−4) print as the reference", printedFD == "(-21.903,-26.839)",
            "prints \(printedFD), reference (-21.903,-26.839)")
        let gap = Swift.max(Swift.abs(g[0] - fd[0]), Swift.abs(g[1] - fd[1]))
        session.check(
            "gradient and finite differences agree to the printed precision (the notebook's criterion)",
            gap <= 2e-3, "largest difference \(fixed(gap, 6)) ≤ 0.002")
        let sumOfSquares = problem.x.reduce(0) { $0 + $1 * $1 }
        session.answer(
            "Why do the two gradients differ in the last digit?",
            "The loss is quadratic, so a forward difference overshoots by exactly δ/2·∂²L/∂φₖ²: δ·n = \(fixed(1e-4 * 12, 4)) for φ₀ "
                + "and δ·Σx² = \(fixed(1e-4 * sumOfSquares, 4)) for φ₁; the measured differences are \(fixed(fd[0] - g[0], 4)) "
                + "and \(fixed(fd[1] - g[1], 4)).")

        session.section(
            "TODO 3: gradient_descent_step — g = ∇L, α = line_search(−g, max_dist 0.1), φ ← φ − α·g", part: "descent")
        let start = Tensor([1.6, -0.5])
        let gStart = problem.gradient(at: start)
        session.check("loss at the start (1.6, −0.5)", problem.loss(at: start), 5.020124999999999, tolerance: 1e-12)
        session.check("∂L/∂φ₀ at the start", gStart[0], -4.749999999999998, tolerance: 1e-12)
        session.check("∂L/∂φ₁ at the start", gStart[1], -13.027699999999998, tolerance: 1e-12)
        var optimizer = try LineSearchGradientDescent()
        var alphas: [Double] = [], gradients: [Tensor] = [], searches: [BracketingLineSearch.Result] = []
        let path = ChapterSix.path(from: [1.6, -0.5], steps: 10) { _, phi in
            let result = optimizer.step(&phi, problem.objective)
            alphas.append(result.stepLength ?? .nan)
            gradients.append(optimizer.gradient)
            searches.append(optimizer.lastSearch!)
        }
        let losses = path.map(problem.loss(at:))
        let first = searches[0].passes[0]
        session.say("First line search, verbose (the notebook's trace of pass 1):")
        let p = first.points.map { fixed($0, 3) }
        session.say("Iter 1, a=\(p[0]), b=\(p[1]), c=\(p[2]), d=\(p[3])")
        let printedLosses = first.losses.map { fixed($0, 6) }
        session.say("a \(printedLosses[0]), b\(printedLosses[1]), c\(printedLosses[2]), d\(printedLosses[3])")
        session.check(
            "pass-1 losses of the first search (printed %f)",
            printedLosses == ["5.020125", "3.282064", "10.758588", "28.099335"],
            "prints \(printedLosses.joined(separator: ", ")); reference 5.020125, 3.282064, 10.758588, 28.099335")
        session.check(
            "pass 1 applies rule 2 and sets d = c = 0.066",
            first.rule == .dropRight && searches[0].passes[1].points[3] == 0.066,
            "rule \(first.rule.rawValue), d = \(searches[0].passes[1].points[3])")
        session.say("Initial parameters, Loss = \(fixed(losses[0], 6))")
        for k in 1...10 {
            session.say(
                "Iteration \(k), loss = \(fixed(losses[k], 6))   φ = (\(fixed(path[k][0], 6)), \(fixed(path[k][1], 6)))   α = \(fixed(alphas[k - 1], 7))"
            )
        }
        let reference = ChapterSixReference.gradientDescent62
        session.check("first line-search α", alphas[0], reference[1][3], tolerance: 1e-12)
        ChapterSix.checkPath(
            session, "φ after each of the 10 steps", path, ChapterSix.points(reference, columns: (1, 2)),
            tolerance: 1e-9)
        let worstLoss = zip(losses, reference).map { Swift.abs($0 - $1[0]) / Swift.max(1, $1[0]) }.max()!
        session.check(
            "loss after each step", worstLoss <= 1e-9, "largest deviation \(worstLoss) over 11 steps (tolerance 1e-09)")
        let worstAlpha = zip(alphas, reference.dropFirst()).map { Swift.abs($0 - $1[3]) }.max()!
        session.check(
            "α of each line search", worstAlpha <= 1e-9,
            "largest deviation \(worstAlpha) over 10 searches (tolerance 1e-09)")
        session.check("φ₀ after 10 steps", path[10][0], 0.867674833711402, tolerance: 1e-9)
        session.check("φ₁ after 10 steps", path[10][1], 0.467799061516177, tolerance: 1e-9)
        session.check("loss after 10 steps", losses[10], 0.213404982576477, tolerance: 1e-9)
        let widths = searches.map { Swift.abs($0.points[1] - $0.points[2]) }
        session.check(
            "every search stops at max_iter = 15, never at the threshold (reference)",
            searches.allSatisfy { $0.passes.count == 15 } && widths.allSatisfy { $0 > 1e-5 },
            "passes \(Set(searches.map(\.passes.count)).sorted()), final |b − c| from \(fixed(widths.min()!, 7)) to \(fixed(widths.max()!, 7))"
        )

        try answers(session, problem: problem, path: path, alphas: alphas, gradients: gradients)
        session.part("figures")
        try figures(session, problem: problem, path: path, losses: losses)
    }

    /// Notebook 6.1's bracketing search on its one-dimensional function, with its printed trace.
    func lineSearch(_ session: NotebookSession) throws {
        session.section(
            "Notebook 6.1's line search, the building block: f on [0, 1], threshold 1e−4, at most 10 passes",
            part: "line-search")
        let f = OneDimensionalTestFunction()
        let search = BracketingLineSearch.notebook61.minimize(f.value)
        for (n, pass) in search.passes.enumerated() {
            let p = pass.points.map { fixed($0, 3) }
            session.say("Iter \(n + 1), a=\(p[0]), b=\(p[1]), c=\(p[2]), d=\(p[3])   rule \(pass.rule.rawValue)")
        }
        session.say("Soln = \(fixed(search.step, 3)), loss = \(fixed(f.value(search.step), 3))")
        let trace: [[Double]] = [
            [0, 0.33, 0.66, 1], [0, 0.22, 0.44, 0.66], [0.22, 0.367, 0.513, 0.66], [0.22, 0.318, 0.416, 0.513],
            [0.318, 0.383, 0.448, 0.513], [0.318, 0.361, 0.405, 0.448], [0.318, 0.347, 0.376, 0.405],
            [0.347, 0.366, 0.385, 0.405], [0.366, 0.379, 0.392, 0.405], [0.366, 0.375, 0.383, 0.392],
        ]
        let printed = search.passes.map { $0.points.map { fixed($0, 3) } }
        session.check(
            "6.1 trace of (a, b, c, d), printed %3.3f, pass by pass", printed == trace.map { $0.map { fixed($0, 3) } },
            "\(printed.count) passes, reference 10")
        session.check("6.1 soln", search.step, 0.383231214753849, tolerance: 1e-12)
        session.check("6.1 loss at soln", f.value(search.step), 0.328758144741585, tolerance: 1e-12)
        let finalPoints = [0.374647157445511, 0.380369862317736, 0.386092567189961, 0.391815272062186]
        let worst = zip(search.points, finalPoints).map { Swift.abs($0 - $1) }.max()!
        session.check("6.1 final a, b, c, d", worst <= 1e-12, "largest deviation \(worst) (tolerance 1e-12)")
        session.answer(
            "Why does the search stop where it does?",
            "After \(search.passes.count) passes max_iter binds: |b − c| is still \(fixed(Swift.abs(search.points[1] - search.points[2]), 4)) > 1e−4. "
                + "It found the narrow, deeper well near 0.35 (f = \(fixed(f.value(search.step), 3))), not the broad one near 0.65 "
                + "(f(0.65) = \(fixed(f.value(0.65), 3))).")
        try session.figure("6.2-line-search") {
            let figure = Figure(width: 1000, height: 420, rows: 1, columns: 2)
            let curve = figure.axes(row: 0, column: 0)
            let grid = Tensor.arange(0, 1, step: 0.01).scalars
            curve.line(grid, grid.map(f.value), label: "f(φ)", color: Color.cycle[0])
            let firstPass = search.passes[0].points
            curve.scatter(
                firstPass, firstPass.map(f.value), label: "a, b, c, d (pasada 1)", color: Color.cycle[1], size: 8)
            curve.scatter(
                [search.step], [f.value(search.step)], label: "(b + c)/2 tras 10 pasadas", color: Color.cycle[3],
                marker: .star, size: 14)
            curve.xLabel = "φ"
            curve.yLabel = "f(φ)"
            curve.title = "La función de una variable del cuaderno 6.1"
            curve.grid = .both
            let brackets = figure.axes(row: 0, column: 1)
            for (n, pass) in search.passes.enumerated() {
                let y = Double(n + 1)
                brackets.line(
                    [pass.points[0], pass.points[3]], [y, y], label: n == 0 ? "[a, d]" : nil, color: Color.cycle[0],
                    width: 2.5)
                brackets.scatter(
                    [pass.points[1], pass.points[2]], [y, y], label: n == 0 ? "b, c" : nil, color: Color.cycle[1],
                    size: 6)
            }
            brackets.scatter(
                [search.step], [Double(search.passes.count) + 0.7], label: "(b + c)/2", color: Color.cycle[3],
                marker: .star, size: 12)
            brackets.yLimits = (11.5, 0.5)
            brackets.xLabel = "φ"
            brackets.yLabel = "pasada"
            brackets.title = "El intervalo se estrecha pasada a pasada"
            brackets.grid = .x
            return figure
        }
    }

    /// The zig-zag of steepest descent with a line search, and the least-squares optimum it heads for.
    func answers(
        _ session: NotebookSession, problem: LineFittingProblem, path: [Tensor], alphas: [Double], gradients: [Tensor]
    ) throws {
        session.section("Answers", part: "answers")
        let cosines = zip(gradients, gradients.dropFirst()).map { dot($0, $1) / ($0.norm() * $1.norm()) }
        let worstCosine = cosines.map { Swift.abs($0) }.max()!
        let odd = alphas.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let even = alphas.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        session.answer(
            "Why does the path zig-zag, with α alternating?",
            "A line search stops where the new gradient is orthogonal to the search direction: the cosine between successive "
                + "gradients is at most \(fixed(worstCosine, 4)) in absolute value. In this elongated valley the directions alternate "
                + "between two families, and so does α: steps 1, 3, … use α ≈ \(fixed(odd.min()!, 4))–\(fixed(odd.max()!, 4)), "
                + "steps 2, 4, … α ≈ \(fixed(even.min()!, 4))–\(fixed(even.max()!, 4)).")
        let optimum = leastSquaresOptimum(problem)
        session.check("closed-form least-squares φ₀* (reference)", optimum[0], 0.82595004513873, tolerance: 1e-12)
        session.check("closed-form least-squares φ₁* (reference)", optimum[1], 0.522226069968032, tolerance: 1e-12)
        session.check("loss at the optimum (reference)", problem.loss(at: optimum), 0.199866356934249, tolerance: 1e-12)
        let distance = (path[10] - optimum).norm()
        session.answer(
            "How close are ten steps to the best line?",
            "The normal equations give φ* = (\(fixed(optimum[0], 6)), \(fixed(optimum[1], 6))) with L = \(fixed(problem.loss(at: optimum), 6)). "
                + "After 10 steps φ is \(fixed(distance, 4)) away and L = \(fixed(problem.loss(at: path[10]), 6)), "
                + "\(fixed(problem.loss(at: path[10]) - problem.loss(at: optimum), 6)) above the minimum.")
    }

    /// The least-squares line from the normal equations (XᵀX)φ = Xᵀy with X = [1, x].
    func leastSquaresOptimum(_ problem: LineFittingProblem) -> Tensor {
        let n = problem.x.count
        let design = Tensor(shape: [n, 2], scalars: problem.x.flatMap { [1, $0] })
        let gram = matmul(design, design, transposeA: true)
        let moments = matmul(design, Tensor(shape: [n, 1], scalars: problem.y), transposeA: true)
        let determinant = gram[0, 0] * gram[1, 1] - gram[0, 1] * gram[1, 0]
        return Tensor([
            (gram[1, 1] * moments[0, 0] - gram[0, 1] * moments[1, 0]) / determinant,
            (gram[0, 0] * moments[1, 0] - gram[1, 0] * moments[0, 0]) / determinant,
        ])
    }

    func figures(_ session: NotebookSession, problem: LineFittingProblem, path: [Tensor], losses: [Double]) throws {
        try session.figure("6.2-fits") {
            let figure = Figure(width: 640, height: 600)
            let axes = figure.axes()
            let x = Tensor.arange(0, 2, step: 0.01).scalars
            for (k, phi) in path.enumerated() {
                let label = [0, 1, 2, 10].contains(k) ? "paso \(k), L = \(fixedComma(losses[k], 3))" : nil
                axes.line(
                    x, x.map { problem.prediction(phi, $0) }, label: label,
                    color: Colormap.viridis.color(at: 0.9 * Double(k) / 10),
                    width: k == 10 ? 2.5 : 1.3)
            }
            axes.scatter(problem.x, problem.y, label: "datos", color: Color.cycle[0], size: 7)
            axes.xLimits = (0, 2)
            axes.yLimits = (0, 2)
            axes.equalAspect = true
            axes.xLabel = "x"
            axes.yLabel = "y"
            axes.title = "La recta después de cada paso de descenso de gradiente"
            axes.legendLocation = .lowerRight
            return figure
        }
        try session.figure("6.2-loss-surface") {
            let figure = Figure(width: 760, height: 640)
            let axes = figure.axes()
            let field = ChapterSix.lossField(problem.loss(at:), x: (0, 2, 0.02), y: (-1, 1, 0.002))
            ChapterSix.drawLossSurface(axes, field)
            ChapterSix.drawPath(
                axes, path, label: "DG + búsqueda lineal, 10 pasos", color: ChapterSix.pathColors[0], markerSize: 4)
            let optimum = leastSquaresOptimum(problem)
            axes.scatter(
                [optimum[0]], [optimum[1]], label: "óptimo de mínimos cuadrados", color: Color(hex: 0xfde725),
                marker: .cross,
                size: 10)
            axes.title = "Pérdida del modelo lineal con el camino del descenso"
            axes.legendLocation = .lowerLeft
            return figure
        }
    }
}
