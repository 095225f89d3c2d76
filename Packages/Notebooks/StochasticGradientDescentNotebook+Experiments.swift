import Optim
import Plot
import Tensor

/// The open TODOs of notebook 6.3, run with numbers: start points and local minima, the learning rate,
/// SGD's batch size, and a step-decay schedule.
extension StochasticGradientDescentNotebook {
    /// What the experiments produce for the figures.
    struct Experiments {
        /// The global minimum (a long line-search run).
        var minimum: Tensor
        /// Line-search runs from a grid of start points.
        var starts: [[Tensor]]
        /// Full-data loss curves of fixed-rate gradient descent, per α.
        var rates: [(rate: Double, losses: [Double])]
        /// Full-data loss curves of SGD with a constant rate and with the schedule (400 steps, seed 1).
        var schedule: (constant: [Double], decayed: [Double], factor: Double, every: Int)
    }

    func runExperiments(_ session: NotebookSession) throws -> Experiments {
        session.section(
            "Open TODO: other start points — line-search GD (max_dist 2) for 100 steps from a 5 × 5 grid",
            part: "start-points")
        func lineSearchRun(_ start: [Double], steps: Int) throws -> [Tensor] {
            var optimizer = try LineSearchGradientDescent(search: BracketingLineSearch(maximumDistance: 2.0))
            return ChapterSix.path(from: start, steps: steps) { _, phi in optimizer.step(&phi, problem.objective) }
        }
        let minimum = try lineSearchRun([-1.5, 8.5], steps: 500)[500]
        let lowest = problem.loss(at: minimum)
        let zeroModel = problem.y.reduce(0) { $0 + $1 * $1 }
        session.say(
            "Global minimum (500 steps from (−1.5, 8.5)): φ = (\(fixed(minimum[0], 4)), \(fixed(minimum[1], 4))), L = \(fixed(lowest, 6)), "
                + "‖∇L‖ = \(problem.gradient(at: minimum).norm())")
        session.check(
            "the global minimum is a stationary point", problem.gradient(at: minimum).norm() < 1e-6,
            "‖∇L‖ = \(problem.gradient(at: minimum).norm()) < 1e-6")
        var runs: [[Tensor]] = []
        for phi0 in [-8.0, -4, 0, 4, 8] {
            for phi1 in [4.5, 8.5, 12.5, 16.5, 20.5] {
                let path = try lineSearchRun([phi0, phi1], steps: 100)
                runs.append(path)
                let end = path[100], loss = problem.loss(at: end)
                session.say(
                    "start (\(fixed(phi0, 1)), \(fixed(phi1, 1))) → (\(fixed(end[0], 2)), \(fixed(end[1], 2))), L = \(fixed(loss, 3)), "
                        + "‖∇L‖ = \(fixed(problem.gradient(at: end).norm(), 4))")
            }
        }
        let finals = runs.map { problem.loss(at: $0[100]) }
        session.check(
            "no start ends below the global minimum", finals.allSatisfy { $0 >= lowest - 1e-9 },
            "lowest end loss \(fixed(finals.min()!, 6)) ≥ \(fixed(lowest, 6))")
        let kinds = finals.map { endKind($0, minimum: lowest) }
        var minima: [(end: Tensor, count: Int)] = []
        for (path, kind) in zip(runs, kinds) where kind == 1 {
            if let index = minima.firstIndex(where: { ($0.end - path[100]).norm() < 0.05 }) {
                minima[index].count += 1
            } else {
                minima.append((path[100], 1))
            }
        }
        let local = minima.map {
            "\($0.count) at (\(fixed($0.end[0], 2)), \(fixed($0.end[1], 2))) (L = \(fixed(problem.loss(at: $0.end), 3)))"
        }
        let stalled = zip(finals, kinds).filter { $0.1 == 2 }.map(\.0)
        session.answer(
            "Does gradient descent find the global minimum from any start?",
            "No. Only \(kinds.filter { $0 == 0 }.count) of 25 starts reach the global minimum (L = \(fixed(lowest, 3))); "
                + "local minima catch " + local.joined(separator: " and ")
                + ", where ‖∇L‖ ≈ 0; the other \(stalled.count) stall on "
                + "plateaus (L from \(fixed(stalled.min()!, 3)) to \(fixed(stalled.max()!, 3))) where the Gabor function lies away from "
                + "the data, ŷ ≈ 0 and L ≈ Σy² = \(fixed(zeroModel, 3)): the gradient vanishes there too.")

        session.section(
            "Open TODO: vary α — fixed-rate gradient descent from (−1.5, 8.5), 200 steps", part: "learning-rates")
        var rates: [(rate: Double, losses: [Double])] = []
        for rate in [0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6] {
            var optimizer = try SGD(learningRate: rate)
            let path = ChapterSix.path(from: [-1.5, 8.5], steps: 200) { _, phi in
                optimizer.step(&phi, problem.objective)
            }
            let losses = path.map(problem.loss(at:))
            rates.append((rate, losses))
            session.say(
                "α = \(rate): L after 21 steps = \(fixed(losses[21], 3)), after 200 = \(fixed(losses[200], 3)), "
                    + "φ₂₀₀ = (\(fixed(path[200][0], 3)), \(fixed(path[200][1], 3)))")
        }
        func loss(_ rate: Double, _ step: Int) -> String { fixed(rates.first { $0.rate == rate }!.losses[step], 3) }
        let point2 = rates.first { $0.rate == 0.2 }!.losses
        let best2 = point2.indices.min { point2[$0] < point2[$1] }!
        let tail2 = point2.suffix(50)
        session.answer(
            "What happens when α is too small or too large?",
            "Too small and progress is slow: α = 0.01 only gets from \(loss(0.01, 0)) to \(loss(0.01, 21)) in 21 steps and \(loss(0.01, 200)) in 200. "
                + "α = 0.1 is slow but sure (\(loss(0.1, 200)) after 200 steps, next to the minimum). The notebook's α = 0.2 is already too "
                + "large for the narrow valley floor: it reaches \(loss(0.2, best2)) at step \(best2), then bounces across the valley with L "
                + "between \(fixed(tail2.min()!, 3)) and \(fixed(tail2.max()!, 3)) over the last 50 steps. Larger still and the steps overshoot: "
                + "α = 0.4 is at \(loss(0.4, 21)) after 21 steps, and α ≥ 0.8 throws φ out of the valley to a plateau (\(loss(0.8, 200)), \(loss(1.6, 200)))."
        )

        session.section(
            "Open TODO: SGD with other batch sizes and learning rates (seed 1, from (3.5, 6.5))", part: "batch-sizes")
        var settings: [(batch: Int, rate: Double, at41: Double)] = []
        for (batch, rate) in [(1, 0.8), (2, 0.8), (5, 0.8), (10, 0.8), (30, 0.8), (5, 0.2), (5, 0.4), (5, 1.6)] {
            let path = try Self.sgd(problem, from: [3.5, 6.5], steps: 200, rate: rate, batchSize: batch).path
            settings.append((batch, rate, problem.loss(at: path[41])))
            session.say(
                "batch \(batch), α = \(rate): L after 41 steps = \(fixed(problem.loss(at: path[41]), 3)), after 200 = \(fixed(problem.loss(at: path[200]), 3))"
            )
        }
        let best = settings.min { $0.at41 < $1.at41 }!
        var fullBatch = try SGD(learningRate: 0.8)
        let full = ChapterSix.path(from: [3.5, 6.5], steps: 41) { _, phi in fullBatch.step(&phi, problem.objective) }
        let all = try Self.sgd(problem, from: [3.5, 6.5], steps: 41, rate: 0.8, batchSize: 30).path
        let gap = zip(full, all).map { ($0 - $1).norm() }.max()!
        session.check(
            "a batch of all 30 points is full-batch gradient descent (only the order of the sum differs)", gap < 1e-9,
            "largest distance between the two 41-step paths \(gap)")
        session.answer(
            "What do the batch size and α change?",
            "From this poor start, batches of 1–2 points are too noisy to settle, while the full batch with α = 0.8 jumps straight to a plateau "
                + "(L = \(fixed(problem.loss(at: full[41]), 3))). The lowest loss after 41 steps comes from batch \(best.batch) with α = \(best.rate) "
                + "(\(fixed(best.at41, 3))): the noise "
                + "helps to leave the start's basin, but it also keeps SGD from settling, which is what a schedule addresses."
        )

        return Experiments(
            minimum: minimum, starts: runs, rates: rates, schedule: try schedule(session, minimum: lowest))
    }

    /// The schedule of the last TODO: α multiplied by β every M steps.
    func schedule(_ session: NotebookSession, minimum: Double) throws -> (
        constant: [Double], decayed: [Double], factor: Double, every: Int
    ) {
        session.section(
            "Open TODO: learning-rate schedule α_k = α₀·β^⌊k/M⌋ (LearningRateSchedule.stepDecay), SGD α₀ = 0.8, batch 5",
            part: "schedule")
        let decay = LearningRateSchedule.stepDecay(every: 10, factor: 0.5)
        session.check(
            "α at step 40 with β = 0.5, M = 10 is 0.8·0.5⁴ (closed form)",
            decay.learningRate(base: 0.8, step: 40) == 0.05,
            "α₄₀ = \(decay.learningRate(base: 0.8, step: 40))")
        let constant = try Self.sgd(problem, from: [3.5, 6.5], steps: 41, rate: 0.8).path
        let unit = try Self.sgd(
            problem, from: [3.5, 6.5], steps: 41, rate: 0.8, schedule: .stepDecay(every: 10, factor: 1)
        ).path
        session.check(
            "β = 1 reproduces the constant-rate run bit for bit", constant == unit,
            constant == unit ? "identical" : "different")
        var curves: (constant: [Double], decayed: [Double]) = ([], [])
        for (steps, factor, every) in [(41, 0.5, 10), (200, 0.7, 20), (400, 0.7, 40)] {
            let plain = try Self.sgd(problem, from: [3.5, 6.5], steps: steps, rate: 0.8).path.map(problem.loss(at:))
            let decayed = try Self.sgd(
                problem, from: [3.5, 6.5], steps: steps, rate: 0.8, schedule: .stepDecay(every: every, factor: factor)
            )
            .path.map(problem.loss(at:))
            session.say(
                "\(steps) steps: constant α → L = \(fixed(plain[steps], 3)); β = \(factor), M = \(every) → L = \(fixed(decayed[steps], 3)) "
                    + "(final α = \(fixed(0.8 * LearningRateSchedule.stepDecay(every: every, factor: factor).learningRate(base: 1, step: steps - 1), 4)))"
            )
            curves = (plain, decayed)
        }
        var reached: (constant: [Double], decayed: [Double]) = ([], [])
        for seed in UInt32(1)...10 {
            reached.constant.append(
                problem.loss(at: try Self.sgd(problem, from: [3.5, 6.5], steps: 400, rate: 0.8, seed: seed).path[400]))
            reached.decayed.append(
                problem.loss(
                    at: try Self.sgd(
                        problem, from: [3.5, 6.5], steps: 400, rate: 0.8, schedule: .stepDecay(every: 40, factor: 0.7),
                        seed: seed
                    ).path[400]))
        }
        let found = (reached.constant.filter { $0 < 0.7 }.count, reached.decayed.filter { $0 < 0.7 }.count)
        session.say(
            "seeds 1–10, 400 steps: constant α ends below L = 0.7 in \(found.0) of 10 runs (best \(fixed(reached.constant.min()!, 4))), "
                + "β = 0.7, M = 40 in \(found.1) of 10 (best \(fixed(reached.decayed.min()!, 4)))")
        session.answer(
            "Does the schedule help?",
            "Not in the notebook's 41 steps: halving α every 10 steps freezes SGD before it reaches the good valley. Over longer runs it does: "
                + "with 400 steps and β = 0.7 every 40 steps, \(found.1) of 10 seeds settle in the global valley (best "
                + "\(fixed(reached.decayed.min()!, 4)) against the minimum's \(fixed(minimum, 4))), while a constant α = 0.8 keeps "
                + "jumping between valleys (\(found.0) of 10 below 0.7, best \(fixed(reached.constant.min()!, 4))).")
        return (curves.constant, curves.decayed, 0.7, 40)
    }

    /// How a run ended: 0 at the global minimum, 1 in a local minimum (a loss clearly below the ŷ = 0 plateau
    /// of Σy²), 2 on a plateau.
    func endKind(_ loss: Double, minimum: Double) -> Int {
        if Swift.abs(loss - minimum) < 1e-3 { return 0 }
        return loss < 0.75 * problem.y.reduce(0) { $0 + $1 * $1 } ? 1 : 2
    }
}
