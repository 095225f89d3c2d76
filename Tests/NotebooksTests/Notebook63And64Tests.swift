import Optim
import Tensor
import TestSupport
import Testing

/// Notebooks 6.3 (GD, line search, SGD on the Gabor model) and 6.4 (SGD, momentum, Nesterov), against the
/// values the UDL notebooks print when run (NumPy float64). Minibatches come from NumPy's legacy stream
/// (`RandomState(seed: 1)`, `permutation(30)[0..<5]` per step), as in the notebooks.
@Suite struct Notebook63And64Tests {
    let problem = GaborFittingProblem.notebook

    @Test func lossGradientAndModel() {
        expectClose(problem.loss(at: Tensor([0.6, -0.2])), 16.418825107628539, absolute: 1e-12, "loss(0.6, -0.2)")
        expectClose(problem.loss(at: Tensor([-5, 25])), 6.297675888793567, absolute: 1e-12, "loss(-5, 25)")
        let g = problem.gradient(at: Tensor([-5, 25]))
        expectClose(g[0], 3.343805095491922, absolute: 1e-12, "dL/dphi0 at (-5, 25)")
        expectClose(g[1], 0.519155895054583, absolute: 1e-12, "dL/dphi1 at (-5, 25)")
        let delta = 1e-4, base = problem.loss(at: Tensor([-5, 25]))
        expectClose(
            (problem.loss(at: Tensor([-5 + delta, 25])) - base) / delta, 3.344025077005597, absolute: 1e-8, "FD phi0")
        expectClose(
            (problem.loss(at: Tensor([-5, 25 + delta])) - base) / delta, 0.519162252698990, absolute: 1e-8, "FD phi1")
        let points: [([Double], Double, [Double]?)] = [
            ([-1.5, 8.5], 11.696016951389643, [-2.162315508781568, 0.334053878276509]),
            ([3.5, 6.5], 17.285136517574351, [-3.527035820688057, 0.707906059440165]),
            ([-1.5, 6.5], 12.766467223816536, nil),
        ]
        for (phi, loss, gradient) in points {
            expectClose(problem.loss(at: Tensor(phi)), loss, absolute: 1e-12, "loss at \(phi)")
            if let gradient {
                let g = problem.gradient(at: Tensor(phi))
                expectClose(g[0], gradient[0], absolute: 1e-12, "dL/dphi0 at \(phi)")
                expectClose(g[1], gradient[1], absolute: 1e-12, "dL/dphi1 at \(phi)")
            }
        }
        let predictions = [-14.22, 0, 1.49].map { problem.prediction(Tensor([0.6, -0.2]), $0) }
        for (actual, expected) in zip(predictions, [0.6837857305381807, 0.558325843234562, 0.5440046630182983]) {
            expectClose(actual, expected, absolute: 1e-14, "model prediction")
        }
    }

    @Test func lineSearchGradientDescent() throws {
        var optimizer = try LineSearchGradientDescent(search: BracketingLineSearch(maximumDistance: 2.0))
        var phi = Tensor([-1.5, 8.5])
        let losses = [
            1: 9.325499277322967, 5: 2.311964729156311, 9: 1.426214650481665, 13: 1.070143814314826,
            17: 0.884877144317036, 21: 0.783154251575728,
        ]
        for row in notebook63LineSearchTrajectory.dropFirst() {
            let result = optimizer.step(&phi, problem.objective)
            if row.step == 1 { expectClose(result.stepLength!, 0.69626104622463592, absolute: 1e-12, "first alpha") }
            if row.step == 2 { expectClose(result.stepLength!, 1.9977049234481763, absolute: 1e-10, "second alpha") }
            // Rule 1 (20 times in this run) halves towards 0 as the notebook's code does, which is "towards a"
            // only because a = 0 whenever it fires.
            for pass in optimizer.lastSearch!.passes where pass.rule == .shrink { #expect(pass.points[0] == 0) }
            expectClose(phi[0], row.phi0, absolute: 1e-9, "phi0 at step \(row.step)")
            expectClose(phi[1], row.phi1, absolute: 1e-9, "phi1 at step \(row.step)")
            if let loss = losses[row.step] {
                expectClose(problem.loss(at: phi), loss, absolute: 1e-9, "loss at step \(row.step)")
            }
        }
    }

    @Test func fixedLearningRate() throws {
        var optimizer = try SGD(learningRate: 0.2)
        var phi = Tensor([-1.5, 8.5])
        let losses = [
            1: 10.800399088988513, 5: 7.716315924776437, 9: 4.818621086609084, 13: 2.750013539932660,
            17: 1.825303878310397, 21: 1.388375676848121,
        ]
        for row in notebook63FixedRateTrajectory.dropFirst() {
            optimizer.step(&phi, problem.objective)
            expectClose(phi[0], row.phi0, absolute: 1e-9, "phi0 at step \(row.step)")
            expectClose(phi[1], row.phi1, absolute: 1e-9, "phi1 at step \(row.step)")
            if let loss = losses[row.step] {
                expectClose(problem.loss(at: phi), loss, absolute: 1e-9, "loss at step \(row.step)")
            }
        }
    }

    @Test func minibatchesReproduceNumPysPermutations() {
        var random = RandomState(seed: 1)
        for (step, expected) in notebook64Batches.enumerated() {
            #expect(Array(random.permutation(30)[0..<5]) == expected, "batch of step \(step + 1)")
        }
    }

    @Test func stochasticGradientDescent() throws {
        var random = RandomState(seed: 1)
        var optimizer = try SGD(learningRate: 0.8)
        var phi = Tensor([3.5, 6.5])
        let losses = [
            1: 17.712672481218167, 9: 10.037474489183714, 17: 12.918912335439083, 25: 8.145605573051613,
            33: 5.007204986669747, 41: 4.624355461081189,
        ]
        for row in notebook63SGDTrajectory.dropFirst() {
            let batch = Array(random.permutation(30)[0..<5])
            optimizer.step(&phi, problem.objective(batch: batch))
            expectClose(phi[0], row.phi0, absolute: 1e-9, "phi0 at step \(row.step)")
            expectClose(phi[1], row.phi1, absolute: 1e-9, "phi1 at step \(row.step)")
            if let loss = losses[row.step] {
                expectClose(problem.loss(at: phi), loss, absolute: 1e-9, "loss at step \(row.step)")
            }
        }
    }

    /// Runs 81 notebook-6.4 steps and returns φ after each step (index 0 = start).
    func run64(_ optimizer: some Optimizer) -> [Tensor] {
        var optimizer = optimizer
        var random = RandomState(seed: 1)
        var phi = Tensor([-1.5, 6.5])
        var path = [phi]
        for _ in 1...81 {
            optimizer.step(&phi, problem.objective(batch: Array(random.permutation(30)[0..<5])))
            path.append(phi)
        }
        return path
    }

    @Test func sgdMomentumAndNesterov() throws {
        let sgd = run64(try SGD(learningRate: 0.6))
        let momentum = run64(try MomentumUDL(learningRate: 0.6, beta: 0.6))
        let nesterov = run64(try NesterovMomentumUDL(learningRate: 0.6, beta: 0.6))
        for row in notebook64Trajectories {
            for (name, path, expected) in [
                ("SGD", sgd, row.sgd), ("momentum", momentum, row.momentum), ("Nesterov", nesterov, row.nesterov),
            ] {
                expectClose(path[row.step][0], expected.0, absolute: 1e-9, "6.4 \(name) phi0 at step \(row.step)")
                expectClose(path[row.step][1], expected.1, absolute: 1e-9, "6.4 \(name) phi1 at step \(row.step)")
            }
        }
        expectClose(momentum[1][0], -1.727395474700473, absolute: 1e-12, "momentum phi0 after step 1")
        expectClose(momentum[1][1], 6.523162331817382, absolute: 1e-12, "momentum phi1 after step 1")
        expectClose(nesterov[2][0], -1.534365433470761, absolute: 1e-12, "Nesterov phi0 after step 2")
        expectClose(nesterov[2][1], 6.826475363912223, absolute: 1e-12, "Nesterov phi1 after step 2")
        expectClose(problem.loss(at: sgd[81]), 0.936316108376032, absolute: 1e-9, "SGD final loss")
        expectClose(problem.loss(at: momentum[81]), 0.745914970464290, absolute: 1e-9, "momentum final loss")
        expectClose(problem.loss(at: nesterov[81]), 0.800868149815885, absolute: 1e-9, "Nesterov final loss")
    }

    @Test func stepDecayScheduleOfTheExercise() {
        // 6.3's exercise: multiply α by β every M iterations. With M = 10, β = 0.5 the rates of steps
        // 0…9, 10…19, 20… are α, α/2, α/4 (closed form).
        let schedule = LearningRateSchedule.stepDecay(every: 10, factor: 0.5)
        for step in 0..<30 {
            let expected = 0.8 * [1, 0.5, 0.25][step / 10]
            #expect(schedule.learningRate(base: 0.8, step: step) == expected)
        }
    }
}
