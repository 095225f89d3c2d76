import Foundation
import Optim
import Tensor
import TestSupport
import Testing

/// ``Lion`` against the paper's update written out in NumPy (`scripts/reference/optim_lion_numpy.py`,
/// `Tests/Fixtures/optim/lion_numpy.json`), built by name from the fixture's settings, and against the
/// closed form of a linear objective.
@Suite struct LionTests {
    struct Fixture: Decodable {
        struct Provenance: Decodable {
            let script: String
            let dtype: String
        }

        struct Run: Decodable {
            let options: [String: OptionValue]
            let steps: Int
            let losses: [Double]
            let parameters: [[Double]]
            /// The smallest relative |c| over the steps: how far each sign is from a tie.
            let margin: Double
        }

        struct Problem: Decodable {
            let name: String
            let start: [Double]
            let A: [[Double]]?
            let b: [Double]?
            let runs: [Run]

            /// The problem as the torch fixtures' loader reads it.
            var torchProblem: TorchFixture.Problem {
                TorchFixture.Problem(name: name, start: start, A: A, b: b, x: nil, y: nil)
            }
        }

        let provenance: Provenance
        let problems: [Problem]
    }

    @Test func everyStepMatchesNumPy() throws {
        let fixture = try JSONDecoder().decode(
            Fixture.self, from: Data(contentsOf: fixtureURL("lion_numpy.json")))
        #expect(fixture.provenance.script == "scripts/reference/optim_lion_numpy.py")
        #expect(fixture.provenance.dtype == "float64")
        #expect(fixture.problems.map(\.name) == ["quadratic", "rosenbrock"])
        for problem in fixture.problems {
            let objective = torchProblemObjective(problem.torchProblem, sign: 1)
            for run in problem.runs {
                #expect(run.margin > 1e-6, "\(problem.name) \(run.options): a sign too close to a tie")
                var optimizer = try OptimizerConfiguration("lion", settings: run.options).makeOptimizer()
                var theta = Tensor(problem.start)
                for step in 0..<run.steps {
                    let loss = optimizer.step(&theta, objective).loss
                    let label = "\(problem.name) \(run.options) step \(step + 1)"
                    expectClose(
                        loss, run.losses[step], absolute: 1e-12 * Swift.abs(run.losses[0]), relative: 1e-12, label)
                    expectClose(theta.scalars, run.parameters[step + 1], absolute: 1e-12, relative: 1e-12, label)
                }
            }
        }
    }

    /// With a constant gradient g > 0 the momentum stays positive, so every step is
    /// θ ← θ(1 − αλ) − α, whose closed form is θ_t = (θ₀ + 1/λ)(1 − αλ)ᵗ − 1/λ (θ₀ − tα for λ = 0).
    @Test func linearObjectiveHasItsClosedForm() throws {
        let (alpha, lambda, theta0) = (0.01, 0.5, 2.0)
        for decay in [0, lambda] {
            var optimizer = try Lion(learningRate: alpha, weightDecay: decay)
            var theta = Tensor([theta0, -theta0])
            for t in 1...200 {
                optimizer.step(&theta) { parameters, gradient in
                    gradient[0] = 3
                    gradient[1] = -0.25
                    return 3 * parameters[0] - 0.25 * parameters[1]
                }
                let expected =
                    decay == 0
                    ? theta0 - Double(t) * alpha
                    : (theta0 + 1 / decay) * Foundation.pow(1 - alpha * decay, Double(t)) - 1 / decay
                expectClose(theta.scalars, [expected, -expected], absolute: 1e-12, "λ = \(decay), step \(t)")
            }
        }
    }

    @Test func settingsByNameAndTheirChecks() throws {
        let configuration = try OptimizerConfiguration(parsing: "lion")
        #expect(configuration.resolvedDescription == "lion(lr=0.0001, betas=(0.9, 0.99), weight_decay=0)")
        let lion = try #require(
            try OptimizerConfiguration(parsing: "lion(lr=3e-4, betas=(0.95,0.98), weight_decay=1)").makeOptimizer()
                as? Lion)
        #expect(lion.learningRate == 3e-4 && lion.beta1 == 0.95 && lion.beta2 == 0.98 && lion.weightDecay == 1)
        let error = #expect(throws: ConfigurationError.self) {
            try OptimizerConfiguration(parsing: "lion(betas=(0.9, 1.5))")
        }
        #expect(error?.description == "lion: betas=(0.9, 1.5): expected two numbers in [0, 1]")
        #expect(throws: ConfigurationError.self) { try Lion(weightDecay: -1) }
    }

    /// What a notebook cell does with it (the ARCHITECTURE example): by name on notebook 6.5's loss.
    @Test func byNameOnNotebook65sLoss() throws {
        let problem = GaussianWellProblem()
        var optimizer = try OptimizerConfiguration(parsing: "lion(lr=0.05)").makeOptimizer()
        var phi = Tensor([-0.7, -0.9])
        let start = optimizer.step(&phi, problem.objective).loss
        var last = start
        for _ in 0..<59 { last = optimizer.step(&phi, problem.objective).loss }
        #expect(last < start)
    }
}
