import Optim
import Tensor
import Testing

/// `LBFGS(max_iter=1, line_search_fn="strong_wolfe")` — the configuration of the course's notebook — gets
/// `max_eval = 1·5/4 = 1`, so its line search cannot shrink a failing trial step and returns t = 0 for good.
/// The torch fixtures show the stall (t = 0 from some step on) on all three problems, and its absence with
/// `max_eval=2`; this library must stall at the same step and say so.
@Suite struct LBFGSTrapTests {
    @Test(arguments: TorchParityTests.files)
    func stallsWhereTorchStallsAndSaysSo(file: String) throws {
        let fixture = try TorchFixture.load(file)
        let trap = try #require(
            fixture.runs.first { $0.options == ["max_iter": .number(1), "line_search_fn": .text("strong_wolfe")] })
        let torchSteps = try #require(trap.lbfgs).t.map { $0! }
        let firstStall = try #require(torchSteps.firstIndex(of: 0), "torch's run should stall on \(file)")
        #expect(torchSteps[firstStall...].allSatisfy { $0 == 0 }, "once stalled, torch stays stalled")

        var optimizer = try LBFGS(learningRate: 1, maximumIterations: 1, lineSearch: .strongWolfe)
        #expect(optimizer.warnings.count == 1)
        #expect(optimizer.isLineSearchStarved && optimizer.maximumEvaluations == 1)
        let objective = torchProblemObjective(fixture.problem, sign: 1)
        var theta = Tensor(fixture.problem.start)
        var stalledAt: Tensor?
        for (step, t) in torchSteps.enumerated() {
            let result = optimizer.step(&theta, objective)
            #expect(result.isZeroStep == (t == 0), "\(file) step \(step + 1)")
            #expect(result.evaluations == 2, "one closure call plus the single trial")
            if step == firstStall { stalledAt = theta }
            if step > firstStall { #expect(theta == stalledAt, "parameters frozen after the stall") }
        }
        #expect(optimizer.zeroStepCount == torchSteps.count - firstStall)

        // The same settings with a budget of one more evaluation do not stall, in torch or here.
        let control = try #require(fixture.runs.first { $0.options["max_eval"] == .number(2) })
        #expect(control.lbfgs!.t.allSatisfy { $0 != 0 })
        var other = try LBFGS(maximumIterations: 1, maximumEvaluations: 2, lineSearch: .strongWolfe)
        #expect(other.warnings.isEmpty)
        theta = Tensor(fixture.problem.start)
        for _ in torchSteps { #expect(!other.step(&theta, objective).isZeroStep) }
    }
}
