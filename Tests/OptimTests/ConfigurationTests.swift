import Foundation
import Optim
import Testing

/// Building optimizers by name: the defaults against torch's own (`torch_defaults.json`, written by
/// `scripts/reference/optim_torch_fixtures.py`), the call syntax, and the errors for bad input.
@Suite struct ConfigurationTests {
    struct DefaultsFixture: Decodable {
        let defaults: [String: [String: OptionValue]]
    }

    @Test func defaultsAreTorchs() throws {
        let fixture = try JSONDecoder().decode(DefaultsFixture.self, from: Data(contentsOf: fixtureURL("torch_defaults.json")))
        #expect(fixture.defaults.count == 7)
        for (name, torchDefaults) in fixture.defaults {
            let kind = try #require(OptimizerKind(rawValue: name))
            let ours = Dictionary(uniqueKeysWithValues: kind.defaults.map { ($0.name, $0.value) })
            for (option, value) in torchDefaults {
                switch (name, option) {
                case ("adamw", "decoupled_weight_decay"):
                    // Fixed for AdamW, not an option.
                    #expect(ours[option] == nil && value == .flag(true))
                case ("lbfgs", "max_eval"):
                    // torch stores max_iter·5/4; the table says None (computed the same way).
                    let lbfgs = try #require(OptimizerConfiguration(.lbfgs).makeOptimizer() as? LBFGS)
                    #expect(value == .number(Double(lbfgs.maximumEvaluations)))
                default:
                    #expect(ours[option] == value, "\(name).\(option): ours \(String(describing: ours[option])), torch \(value)")
                }
            }
            #expect(Set(ours.keys).subtracting(torchDefaults.keys).isEmpty, "\(name): options torch does not have")
        }
    }

    @Test func parsesTorchCallSyntax() throws {
        let configuration = try OptimizerConfiguration(parsing: " adam( lr=0.01, betas=(0.8, 0.95), amsgrad=True ) ")
        let adam = try #require(configuration.makeOptimizer() as? Adam)
        #expect(adam.learningRate == 0.01 && adam.beta1 == 0.8 && adam.beta2 == 0.95 && adam.amsgrad && !adam.decoupledWeightDecay)
        #expect(configuration.description == "adam(lr=0.01, betas=(0.8, 0.95), amsgrad=True)")
        #expect(try OptimizerConfiguration(parsing: configuration.description) == configuration)

        let lbfgs = try #require(try OptimizerConfiguration(parsing: "LBFGS(max_iter=4, line_search_fn=\"strong_wolfe\")").makeOptimizer() as? LBFGS)
        #expect(lbfgs.maximumIterations == 4 && lbfgs.maximumEvaluations == 5 && lbfgs.lineSearch == .strongWolfe)
        let udl = try #require(try OptimizerConfiguration(parsing: "adam_udl(bias_correction=false)").makeOptimizer() as? AdamUDL)
        #expect(!udl.biasCorrection && udl.epsilon == 1e-20 && udl.gamma == 0.99)
        let search = try #require(try OptimizerConfiguration(parsing: "gd-line-search(max_dist=2)").makeOptimizer() as? LineSearchGradientDescent)
        #expect(search.search == BracketingLineSearch(threshold: 1e-5, maximumDistance: 2, maximumIterations: 15))
        for kind in OptimizerKind.allCases {
            #expect(try OptimizerConfiguration(parsing: kind.rawValue).kind == kind)
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let configuration = try OptimizerConfiguration(parsing: "rmsprop(lr=0.005, centered=True, momentum=0.9)")
        let data = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(OptimizerConfiguration.self, from: data) == configuration)
    }

    @Test func reportsBadInputByName() {
        #expect(throws: ConfigurationError.unknownName("adamx", known: OptimizerKind.allCases.map(\.rawValue))) {
            try OptimizerConfiguration(parsing: "adamx")
        }
        #expect(throws: ConfigurationError.unknownOption(name: "sgd", option: "betas", known: OptimizerKind.sgd.defaults.map(\.name))) {
            try OptimizerConfiguration(parsing: "sgd(betas=(0.9, 0.99))")
        }
        #expect(throws: ConfigurationError.invalidValue(name: "sgd", option: "lr", value: "-1", requirement: "a number >= 0")) {
            try OptimizerConfiguration(parsing: "sgd(lr=-1)")
        }
        #expect(throws: ConfigurationError.invalidValue(
            name: "sgd", option: "nesterov", value: "True", requirement: "momentum > 0 and dampening = 0 with nesterov=True")) {
            try OptimizerConfiguration(parsing: "sgd(nesterov=True)")
        }
        #expect(throws: ConfigurationError.invalidValue(name: "lbfgs", option: "max_iter", value: "2.5", requirement: "an integer >= 0")) {
            try OptimizerConfiguration(parsing: "lbfgs(max_iter=2.5)")
        }
        #expect(throws: ConfigurationError.syntax(text: "adam(lr=)", column: 9, message: "expected a value")) {
            try OptimizerConfiguration(parsing: "adam(lr=)")
        }
        #expect(throws: ConfigurationError.duplicateOption(name: "adam", option: "lr")) {
            try OptimizerConfiguration(parsing: "adam(lr=0.1, lr=0.2)")
        }
        let message = ConfigurationError.invalidValue(name: "sgd", option: "lr", value: "-1", requirement: "a number >= 0").description
        #expect(message == "sgd: lr=-1: expected a number >= 0")
    }

    @Test func warnsOnlyAboutTheStarvedLineSearch() throws {
        #expect(try OptimizerConfiguration(parsing: "lbfgs(max_iter=1, line_search_fn='strong_wolfe')").warnings.count == 1)
        #expect(try OptimizerConfiguration(parsing: "lbfgs(max_iter=1)").warnings.isEmpty)
        #expect(try OptimizerConfiguration(parsing: "lbfgs(line_search_fn='strong_wolfe')").warnings.isEmpty)
        #expect(try OptimizerConfiguration(parsing: "adam").warnings.isEmpty)
    }
}
