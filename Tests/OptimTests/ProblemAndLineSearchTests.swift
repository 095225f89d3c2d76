import Optim
import Tensor
import TestSupport
import Testing

/// The chapter-6 problems' analytic gradients against central finite differences, and the strong-Wolfe
/// pieces against closed forms.
@Suite struct ProblemAndLineSearchTests {
    /// Central differences of `loss` at `point` with step h.
    func centralDifference(_ loss: (Tensor) -> Double, at point: [Double], h: Double = 1e-6) -> [Double] {
        point.indices.map { k in
            var plus = point, minus = point
            plus[k] += h
            minus[k] -= h
            return (loss(Tensor(plus)) - loss(Tensor(minus))) / (2 * h)
        }
    }

    func expectGradient(_ problem: some TestProblem, at point: [Double], _ name: String) {
        let analytic = problem.gradient(at: Tensor(point)).scalars
        let numeric = centralDifference(problem.loss(at:), at: point)
        for (a, n) in zip(analytic, numeric) {
            #expect(Swift.abs(a - n) <= 1e-6 * Swift.max(1, Swift.abs(n)), "\(name) at \(point): \(a) vs FD \(n)")
        }
    }

    @Test func analyticGradientsMatchFiniteDifferences() {
        for point in [[-1.5, 8.5], [3.5, 6.5], [0.2, 14.9], [-5, 25]] {
            expectGradient(GaborFittingProblem.notebook, at: point, "Gabor")
        }
        for point in [[0.6, -0.2], [1.6, -0.5], [0.8, 0.5]] {
            expectGradient(LineFittingProblem.notebook, at: point, "line")
        }
        for point in [[0.0], [0.35], [0.383], [0.9]] {
            expectGradient(OneDimensionalTestFunction(), at: point, "6.1 function")
        }
        for point in [[-0.7, -0.9], [0.7, 0.0], [0.3, 0.2]] {
            expectGradient(GaussianWellProblem(gradientMethod: .analytic), at: point, "6.5 well")
        }
    }

    @Test func minibatchGradientsMatchFiniteDifferencesOfTheBatchLoss() {
        let problem = GaborFittingProblem.notebook
        let batch = [17, 21, 10, 19, 14]
        var g = Tensor.zeros([2])
        problem.gradient(at: Tensor([3.5, 6.5]), batch: batch, into: &g)
        let numeric = centralDifference({ problem.loss(at: $0, batch: batch) }, at: [3.5, 6.5])
        for (a, n) in zip(g.scalars, numeric) { #expect(Swift.abs(a - n) <= 1e-6 * Swift.max(1, Swift.abs(n))) }
        // The batch of all points in order is the full sum, term for term.
        let all = Array(0..<problem.dataCount)
        #expect(problem.loss(at: Tensor([3.5, 6.5]), batch: all) == problem.loss(at: Tensor([3.5, 6.5])))
    }

    @Test func cubicInterpolationRecoversACubicsMinimum() {
        // f(x) = x³ − 3x + 1 has its local minimum at x = 1; through x = 0 (f 1, f′ −3) and x = 2 (f 3, f′ 9).
        #expect(StrongWolfeLineSearch.cubicMinimum(0, 1, -3, 2, 3, 9) == 1)
        #expect(StrongWolfeLineSearch.cubicMinimum(2, 3, 9, 0, 1, -3) == 1)
        #expect(StrongWolfeLineSearch.cubicMinimum(0, 1, -3, 2, 3, 9, bounds: (1.5, 4)) == 1.5)
        // No real minimiser (d₁² < g₁g₂): the midpoint of the bounds.
        #expect(StrongWolfeLineSearch.cubicMinimum(0, 0, 2, 1, 1.5, 2) == 0.5)
    }

    @Test func strongWolfeFindsTheMinimumOfAParabola() {
        // φ(t) = (t − 5)² along d = 1 from x = 0: the curvature condition with c₂ = 0.1 rejects t = 1, and the
        // cubic through t = 0 and t = 1 of a parabola is the parabola itself, so the next trial is t = 5.
        let search = StrongWolfeLineSearch(curvature: 0.1)
        let result = search.search(
            initialStep: 1, direction: Tensor([1]), loss: 25, gradient: Tensor([-10]), slope: -10
        ) { t in ((t - 5) * (t - 5), Tensor([2 * (t - 5)])) }
        #expect(result.stepLength == 5 && result.loss == 0 && result.evaluations == 2)
        // With no budget, a first trial that does not lower the loss gives t = 0 (the L-BFGS trap).
        let starved = StrongWolfeLineSearch(maximumIterations: 0).search(
            initialStep: 20, direction: Tensor([1]), loss: 25, gradient: Tensor([-10]), slope: -10
        ) { t in ((t - 5) * (t - 5), Tensor([2 * (t - 5)])) }
        #expect(starved.stepLength == 0 && starved.loss == 25 && starved.evaluations == 1)
    }

    @Test func resetRestartsTheTrajectory() throws {
        // After a reset the optimizer must follow torch's fresh trajectory again.
        let fixture = try TorchFixture.load("torch_quadratic.json")
        for run in fixture.runs where ["adam", "rmsprop", "lbfgs"].contains(run.optimizer) {
            var optimizer = try OptimizerConfiguration(run.optimizer, settings: run.options).makeOptimizer()
            let objective = torchProblemObjective(fixture.problem, sign: run.sign)
            var theta = Tensor(fixture.problem.start)
            for _ in 0..<3 { optimizer.step(&theta, objective) }
            optimizer.reset()
            theta = Tensor(fixture.problem.start)
            for step in 0..<run.steps {
                optimizer.step(&theta, objective)
                expectClose(
                    theta.scalars, run.parameters[step + 1], absolute: 1e-10, relative: 1e-10,
                    "\(run.label) step \(step + 1) after reset")
            }
        }
    }
}
