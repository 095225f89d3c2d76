import Optim
import Plot
import Tensor

/// What notebooks 6.2–6.5 share: recording an optimizer's path, checking it against the reference, and
/// drawing it over the loss surface.
enum ChapterSix {
    /// One reference point of a path: the parameters after `step` steps.
    typealias PathPoint = (step: Int, phi0: Double, phi1: Double)

    /// The points an optimizer visits: `start`, then the parameters after each of `steps` calls of `step`
    /// (which receives the step index 0, 1, … and updates the parameters in place).
    static func path(from start: [Double], steps: Int, _ step: (_ index: Int, _ phi: inout Tensor) -> Void) -> [Tensor]
    {
        var phi = Tensor(start)
        var points = [phi]
        for index in 0..<steps {
            step(index, &phi)
            points.append(phi)
        }
        return points
    }

    /// A minibatch run as notebooks 6.3 and 6.4 make it: `RandomState(seed:)` (NumPy's `np.random.seed`), then
    /// per step the batch `permutation(n)[0..<batchSize]` and one optimizer step on it, with the learning rate
    /// of step k set to `schedule.learningRate(base: α₀, step: k)` (α₀ = the optimizer's rate).
    static func minibatchPath(
        _ problem: some MinibatchProblem, _ optimizer: some Optimizer, from start: [Double], steps: Int,
        schedule: LearningRateSchedule = .constant, batchSize: Int = 5, seed: UInt32 = 1
    ) -> (path: [Tensor], batches: [[Int]]) {
        var random = RandomState(seed: seed)
        var optimizer = optimizer
        let rate = optimizer.learningRate
        var batches: [[Int]] = []
        let path = path(from: start, steps: steps) { k, phi in
            optimizer.learningRate = schedule.learningRate(base: rate, step: k)
            let batch = Array(random.permutation(problem.dataCount)[0..<batchSize])
            batches.append(batch)
            optimizer.step(&phi, problem.objective(batch: batch))
        }
        return (path, batches)
    }

    /// The rows of a full reference table (row k = [φ₀, φ₁] after k steps) as path points.
    static func points(_ table: [[Double]], columns: (Int, Int) = (0, 1)) -> [PathPoint] {
        table.enumerated().map { ($0.offset, $0.element[columns.0], $0.element[columns.1]) }
    }

    /// Checks every reference point of a path with the session's measure (absolute near 0, relative for
    /// large values) and records one check with the largest deviation.
    static func checkPath(
        _ session: NotebookSession, _ label: String, _ path: [Tensor], _ expected: [PathPoint], tolerance: Double
    ) {
        var worst = (error: 0.0, step: expected.first?.step ?? 0)
        for point in expected {
            for (actual, reference) in [(path[point.step][0], point.phi0), (path[point.step][1], point.phi1)] {
                let error = Swift.abs(actual - reference) / Swift.max(1, Swift.abs(reference))
                if !(error <= worst.error) { worst = (error, point.step) }
            }
        }
        session.check(
            label, worst.error <= tolerance,
            "largest deviation \(worst.error) (step \(worst.step)) over \(expected.count) reference points "
                + "(tolerance \(tolerance))")
    }

    /// The φ₀ and φ₁ coordinates of a path, for plotting.
    static func coordinates(_ path: [Tensor]) -> (phi0: [Double], phi1: [Double]) {
        (path.map { $0[0] }, path.map { $0[1] })
    }

    /// The loss on the NumPy grid `arange(x…)` × `arange(y…)` the notebooks plot.
    static func lossField(
        _ loss: (Tensor) -> Double, x: (Double, Double, Double), y: (Double, Double, Double)
    ) -> ScalarField {
        let xs = Tensor.arange(x.0, x.1, step: x.2).scalars, ys = Tensor.arange(y.0, y.1, step: y.2).scalars
        return ScalarField(x: xs, y: ys) { loss(Tensor([$0, $1])) }
    }

    /// Draws a loss surface as the notebooks do: filled bands (here on a square-root scale of levels, so the
    /// floor of the valleys keeps its detail) under thin grey contour lines, with a colorbar.
    static func drawLossSurface(_ axes: Axes, _ field: ScalarField, bands: Int = 24, lines: Int = 16) {
        let (low, high) = field.valueRange
        func levels(_ count: Int) -> [Double] {
            (0...count).map { k in
                let t = Double(k) / Double(count)
                return low + (high - low) * t * t
            }
        }
        axes.filledContour(field, levels: levels(bands), colormap: .magma)
        axes.contour(
            field, levels: Array(levels(lines).dropFirst().dropLast()), color: Color(gray: 0.55, alpha: 0.6), width: 0.6
        )
        axes.colorbar(label: "pérdida L[φ]")
        axes.xLabel = "$\\phi_0$"
        axes.yLabel = "$\\phi_1$"
    }

    /// Draws an optimizer's path with arrows, a ring at the start and a star at the end.
    static func drawPath(_ axes: Axes, _ path: [Tensor], label: String?, color: Color, markerSize: Double = 3) {
        let (x, y) = coordinates(path)
        axes.trajectory(x, y, label: label, color: color, width: 1.4, markerSize: markerSize)
    }

    /// Light colours that stand out on the dark-to-light magma bands.
    static let pathColors: [Color] = [0x4fd1c5, 0x7fff7f, 0x5aa9ff, 0xffffff, 0xff6fb0].map { Color(hex: $0) }
}
