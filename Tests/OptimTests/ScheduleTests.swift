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
                expectClose(schedule.learningRate(base: entry.base, step: step), rate, absolute: 1e-13, "\(entry.schedule) step \(step)")
            }
        }
    }

    @Test func scheduleDrivesTheLearningRate() throws {
        // SGD on f(θ) = θ²/2 (gradient θ): θₖ₊₁ = θₖ·(1 − αₖ), so θ₁₀ = Π (1 − αₖ) from θ₀ = 1.
        let schedule = try LearningRateSchedule(parsing: "exponential(gamma=0.5)")
        var optimizer: any Optimizer = SGD(learningRate: 0.4)
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
}
