import Optim
import Tensor
import TestSupport
import Testing

/// Step-for-step parity with torch.optim in float64: fixtures written by
/// `scripts/reference/optim_torch_fixtures.py` (a quadratic, the Rosenbrock function and a 2→4→1 tanh
/// network; every optimizer and option; L-BFGS with and without line search). Each optimizer is built by
/// name from the fixture's torch keyword options, so this also checks ``OptimizerConfiguration``.
///
/// The tolerance is the tests' one rule (`TestSupport.worstError`), relative with a floor: 1e-10·max(|torch|, 1)
/// per parameter (the problems' parameters are of order one) and 1e-10·max(|torch loss|, |initial loss|) per
/// loss.
@Suite struct TorchParityTests {
    static let files = ["torch_quadratic.json", "torch_rosenbrock.json", "torch_mlp.json"]
    static let tolerance = 1e-10

    @Test(arguments: files)
    func everyStepMatchesTorch(file: String) throws {
        let fixture = try TorchFixture.load(file)
        #expect(fixture.provenance.script == "scripts/reference/optim_torch_fixtures.py")
        #expect(fixture.provenance.dtype == "float64")
        #expect(fixture.runs.count >= 29)
        var worst = (deviation: 0.0, run: "")
        for run in fixture.runs {
            var optimizer = try OptimizerConfiguration(run.optimizer, settings: run.options).makeOptimizer()
            let objective = torchProblemObjective(fixture.problem, sign: run.sign)
            var theta = Tensor(fixture.problem.start)
            let lossScale = Swift.abs(run.losses[0])
            #expect(run.sensitivity <= 1e-12, "\(file) \(run.label): the reference is too ill-conditioned for 1e-10")
            #expect(run.losses.count == run.steps && run.parameters.count == run.steps + 1)
            for step in 0..<run.steps {
                let result = optimizer.step(&theta, objective)
                let t = Self.tolerance
                let deviation =
                    t
                    * Swift.max(
                        worstError([result.loss], [run.losses[step]], absolute: t * lossScale, relative: t).error,
                        worstError(theta.scalars, run.parameters[step + 1], absolute: t, relative: t).error)
                #expect(deviation <= t, "\(file) \(run.label) step \(step + 1): deviation \(deviation)")
                #expect(
                    result.evaluations == run.evaluations[step], "\(file) \(run.label) step \(step + 1): evaluations")
                if deviation > worst.deviation { worst = (deviation, run.label) }
                if let record = run.lbfgs {
                    let lbfgs = try #require(optimizer as? LBFGS)
                    #expect(
                        lbfgs.iterationCount == record.n_iter[step], "\(file) \(run.label) step \(step + 1): n_iter")
                    #expect(
                        lbfgs.evaluationCount == record.func_evals[step],
                        "\(file) \(run.label) step \(step + 1): func_evals")
                    let t = try #require(record.t[step])
                    expectClose(
                        lbfgs.stepLength, t, absolute: Self.tolerance, relative: Self.tolerance,
                        "\(file) \(run.label) step \(step + 1): t")
                    if result.iterations > 0 && lbfgs.lineSearch == .strongWolfe {
                        #expect(result.isZeroStep == (t == 0), "\(file) \(run.label) step \(step + 1): zero step flag")
                    }
                }
            }
        }
        print("\(file): largest relative deviation from torch \(worst.deviation) (\(worst.run))")
    }
}
