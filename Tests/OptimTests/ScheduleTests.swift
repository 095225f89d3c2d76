import Foundation
import Optim
import Tensor
import TestSupport
import Testing

/// Learning-rate schedules against `torch.optim.lr_scheduler` (`torch_schedules.json`, written by
/// `scripts/reference/optim_torch_fixtures.py`), and a schedule driving an optimizer against a closed form.
@Suite struct ScheduleTests {
    struct Fixture: Decodable {
        struct Schedule: Decodable {
            let schedule: String
            let options: [String: OptionValue]
            let base: Double
            let rates: [Double]
        }
        let schedules: [Schedule]
    }

    @Test func ratesMatchTorchsSchedulers() throws {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtureURL("torch_schedules.json")))
        #expect(fixture.schedules.count == 4)
        for entry in fixture.schedules {
            let arguments = entry.options.keys.sorted().map { "\($0)=\(entry.options[$0]!)" }.joined(separator: ", ")
            let schedule = try LearningRateSchedule(parsing: "\(entry.schedule)(\(arguments))")
            for (step, rate) in entry.rates.enumerated() {
                // torch computes the rates recursively and accumulates rounding (its cosine reaches
                // 0.05000000000000177 where cos(3π/2) gives 0.05); 1e-13 is 1e-12 of the base rate.
                expectClose(
                    schedule.learningRate(base: entry.base, step: step), rate, absolute: 1e-13,
                    "\(entry.schedule) step \(step)")
            }
        }
    }

    @Test func scheduleDrivesTheLearningRate() throws {
        // SGD on f(θ) = θ²/2 (gradient θ): θₖ₊₁ = θₖ·(1 − αₖ), so θ₁₀ = Π (1 − αₖ) from θ₀ = 1.
        let schedule = try LearningRateSchedule(parsing: "exponential(gamma=0.5)")
        var optimizer: any Optimizer = try SGD(learningRate: 0.4)
        var theta = Tensor([1.0])
        var expected = 1.0
        for step in 0..<10 {
            optimizer.learningRate = schedule.learningRate(base: 0.4, step: step)
            optimizer.step(&theta) { p, g in
                g[0] = p[0]
                return p[0] * p[0] / 2
            }
            expected *= 1 - 0.4 * pow(0.5, Double(step))
        }
        expectClose(theta[0], expected, absolute: 1e-15, "θ after 10 scheduled steps")
    }

    @Test func rejectsUnknownSchedules() throws {
        #expect(throws: ConfigurationError.self) { try LearningRateSchedule(parsing: "linear") }
        #expect(throws: ConfigurationError.self) { try LearningRateSchedule(parsing: "step(gamma=0.5)") }
        #expect(throws: ConfigurationError.self) { try LearningRateSchedule(parsing: "cosine(T_max=10, period=3)") }
        #expect(try LearningRateSchedule(parsing: "constant") == .constant)
    }

    /// PyTorch's call syntax: spaces, capitals and `_` for `-` in the name are accepted; a syntax error
    /// names its column, a repeated option its name, a bad value the requirement.
    @Test func readsTorchsCallSyntax() throws {
        #expect(
            try LearningRateSchedule(parsing: " Step( step_size = 10 , gamma=0.5 ) ")
                == .stepDecay(every: 10, factor: 0.5))
        #expect(try LearningRateSchedule(parsing: "cosine(T_max=20)") == .cosine(period: 20, minimum: 0))
        #expect(throws: ConfigurationError.syntax(text: "step(step_size=)", column: 16, message: "expected a value")) {
            try LearningRateSchedule(parsing: "step(step_size=)")
        }
        #expect(throws: ConfigurationError.duplicateOption(name: "exponential", option: "gamma")) {
            try LearningRateSchedule(parsing: "exponential(gamma=0.5, gamma=0.2)")
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "step", option: "step_size", value: "2.5", requirement: "an integer >= 1")
        ) {
            try LearningRateSchedule(parsing: "step(step_size=2.5)")
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "exponential", option: "gamma", value: "None", requirement: "a finite number > 0")
        ) {
            try LearningRateSchedule(parsing: "exponential")
        }
        // #28: a factor that makes the rate negative or zero is refused.
        for call in ["exponential(gamma=-1)", "exponential(gamma=0)", "step(step_size=3, gamma=-0.5)"] {
            #expect(throws: ConfigurationError.self) { try LearningRateSchedule(parsing: call) }
        }
    }
}
