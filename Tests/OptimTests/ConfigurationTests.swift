import Foundation
import Optim
import Testing

/// The optimizers' hyper-parameters: the initializers' defaults against torch's own (`torch_defaults.json`,
/// written by `scripts/reference/optim_torch_fixtures.py`), building by name, and the errors for values
/// out of range, which must be the same whether an optimizer is built directly or by name.
@Suite struct ConfigurationTests {
    struct DefaultsFixture: Decodable {
        let defaults: [String: [String: OptionValue]]
    }

    /// Everything an optimizer holds (hyper-parameters and state), to compare two optimizers.
    static func contents(_ optimizer: any Optimizer) -> String {
        String(describing: optimizer)
    }

    @Test func defaultsAreTorchs() throws {
        let fixture = try JSONDecoder().decode(
            DefaultsFixture.self, from: Data(contentsOf: fixtureURL("torch_defaults.json")))
        #expect(fixture.defaults.count == 7)
        for (name, torchDefaults) in fixture.defaults {
            let entry = try #require(OptimizerCatalog.entry(named: name))
            var given = torchDefaults
            if name == "adamw" {
                // Fixed for AdamW, not an option.
                #expect(given.removeValue(forKey: "decoupled_weight_decay") == .flag(true))
            }
            #expect(
                Set(entry.settingNames) == Set(given.keys),
                "\(name): options ours \(entry.settingNames), torch \(given.keys.sorted())")
            // torch's defaults given explicitly (max_eval as the 25 torch computes) build the optimizer the
            // initializer builds with none.
            let explicit = try OptimizerConfiguration(name, settings: given).makeOptimizer()
            #expect(
                Self.contents(explicit) == Self.contents(try OptimizerConfiguration(name).makeOptimizer()), "\(name)")
            // The catalog's defaults are torch's, apart from max_eval's None (torch computes 25 from it).
            for (setting, value) in entry.defaults where setting != "max_eval" {
                #expect(value == torchDefaults[setting], "\(name).\(setting): ours \(value)")
            }
        }
        #expect(Self.contents(try OptimizerConfiguration("sgd").makeOptimizer()) == Self.contents(try SGD()))
        #expect(Self.contents(try OptimizerConfiguration("adamw").makeOptimizer()) == Self.contents(try Adam.adamW()))
        #expect(try LBFGS().maximumEvaluations == 25)
    }

    /// A value other than the default for each option, valid on its own except sgd's `nesterov`.
    static let otherValues: [String: OptionValue] = [
        "lr": .number(0.5), "momentum": .number(0.5), "dampening": .number(0.5), "weight_decay": .number(0.5),
        "nesterov": .flag(true), "maximize": .flag(true), "betas": .numbers([0.5, 0.5]), "eps": .number(0.5),
        "amsgrad": .flag(true), "decoupled_weight_decay": .flag(true), "lr_decay": .number(0.5),
        "initial_accumulator_value": .number(0.5), "alpha": .number(0.5), "rho": .number(0.5), "centered": .flag(true),
        "max_iter": .number(3), "max_eval": .number(3), "tolerance_grad": .number(0.5),
        "tolerance_change": .number(0.5),
        "history_size": .number(3), "line_search_fn": .text("strong_wolfe"), "beta": .number(0.5),
        "gamma": .number(0.5),
        "bias_correction": .flag(false), "max_dist": .number(0.5), "thresh": .number(0.5),
    ]

    @Test(arguments: OptimizerCatalog.names)
    func everyOptionReachesTheOptimizer(name: String) throws {
        let entry = try #require(OptimizerCatalog.entry(named: name))
        let standard = Self.contents(try OptimizerConfiguration(name).makeOptimizer())
        // The defaults given explicitly build the default optimizer: the entry's defaults are the initializer's.
        let defaults = Dictionary(uniqueKeysWithValues: entry.defaults.map { ($0.name, $0.value) })
        #expect(Self.contents(try OptimizerConfiguration(name, settings: defaults).makeOptimizer()) == standard)
        for option in entry.settingNames {
            let value = try #require(Self.otherValues[option], "\(name).\(option)")
            if name == "sgd" && option == "nesterov" {
                // Nesterov needs momentum: refused, so it was read.
                #expect(throws: ConfigurationError.self) { try OptimizerConfiguration(name, settings: [option: value]) }
                continue
            }
            let changed = try OptimizerConfiguration(name, settings: [option: value]).makeOptimizer()
            #expect(Self.contents(changed) != standard, "\(name).\(option) is ignored")
        }
    }

    @Test func buildsByName() throws {
        let adam = try #require(
            try OptimizerConfiguration(
                "adam", settings: ["lr": .number(0.01), "betas": .numbers([0.8, 0.95]), "amsgrad": .flag(true)]
            ).makeOptimizer() as? Adam)
        #expect(
            adam.learningRate == 0.01 && adam.beta1 == 0.8 && adam.beta2 == 0.95 && adam.amsgrad
                && !adam.decoupledWeightDecay)
        #expect(adam.epsilon == 1e-8 && adam.weightDecay == 0)
        let adamW = try #require(try OptimizerConfiguration("adamw").makeOptimizer() as? Adam)
        #expect(adamW.decoupledWeightDecay && adamW.weightDecay == 0.01)
        let options: [String: OptionValue] = ["max_iter": .number(4), "line_search_fn": .text("strong_wolfe")]
        let lbfgs = try #require(try OptimizerConfiguration("lbfgs", settings: options).makeOptimizer() as? LBFGS)
        #expect(lbfgs.maximumIterations == 4 && lbfgs.maximumEvaluations == 5 && lbfgs.lineSearch == .strongWolfe)
        let fixed = try #require(
            try OptimizerConfiguration("lbfgs", settings: ["line_search_fn": .none]).makeOptimizer() as? LBFGS)
        #expect(fixed.lineSearch == .none)
        let udl = try #require(
            try OptimizerConfiguration("adam-udl", settings: ["bias_correction": .flag(false)]).makeOptimizer()
                as? AdamUDL)
        #expect(!udl.biasCorrection && udl.epsilon == 1e-20 && udl.gamma == 0.99)
        let search = try #require(
            try OptimizerConfiguration("gd-line-search", settings: ["max_dist": .number(2)]).makeOptimizer()
                as? LineSearchGradientDescent)
        #expect(search.search == BracketingLineSearch(threshold: 1e-5, maximumDistance: 2, maximumIterations: 15))
    }

    /// Values torch refuses, built directly and by name: the same error, with the optimizer's name, torch's
    /// keyword and the value.
    static let refused:
        [(
            direct: @Sendable () throws -> any Optimizer, kind: String, options: [String: OptionValue],
            message: String
        )] = [
            ({ try Adam(learningRate: -1) }, "adam", ["lr": .number(-1)], "adam: lr=-1: expected a number >= 0"),
            (
                { try Adam.adamW(beta2: 1) }, "adamw", ["betas": .numbers([0.9, 1])],
                "adamw: betas=(0.9, 1): expected two numbers in [0, 1)"
            ),
            (
                { try SGD(nesterov: true) }, "sgd", ["nesterov": .flag(true)],
                "sgd: nesterov=True: expected momentum > 0 and dampening = 0 with nesterov=True"
            ),
            (
                { try SGD(dampening: .infinity) }, "sgd", ["dampening": .number(.infinity)],
                "sgd: dampening=inf: expected a number"
            ),
            (
                { try SGD(learningRate: -1, momentum: -1) }, "sgd", ["lr": .number(-1), "momentum": .number(-1)],
                "sgd: momentum=-1: expected a number >= 0"
            ),
            (
                { try Adagrad(initialAccumulatorValue: -0.5) }, "adagrad", ["initial_accumulator_value": .number(-0.5)],
                "adagrad: initial_accumulator_value=-0.5: expected a number >= 0"
            ),
            (
                { try RMSprop(alpha: -1) }, "rmsprop", ["alpha": .number(-1)],
                "rmsprop: alpha=-1: expected a number >= 0"
            ),
            (
                { try Adadelta(rho: 1.5) }, "adadelta", ["rho": .number(1.5)],
                "adadelta: rho=1.5: expected a number in [0, 1]"
            ),
            (
                { try LBFGS(historySize: 0) }, "lbfgs", ["history_size": .number(0)],
                "lbfgs: history_size=0: expected an integer >= 1"
            ),
            (
                { try LBFGS(maximumEvaluations: -1) }, "lbfgs", ["max_eval": .number(-1)],
                "lbfgs: max_eval=-1: expected an integer >= 0"
            ),
            (
                { try MomentumUDL(beta: 1) }, "momentum-udl", ["beta": .number(1)],
                "momentum-udl: beta=1: expected a number in [0, 1)"
            ),
            (
                { try NesterovMomentumUDL(learningRate: .nan) }, "nesterov-udl", ["lr": .number(.nan)],
                "nesterov-udl: lr=nan: expected a number >= 0"
            ),
            (
                { try AdamUDL(gamma: -0.1) }, "adam-udl", ["gamma": .number(-0.1)],
                "adam-udl: gamma=-0.1: expected a number in [0, 1)"
            ),
            (
                { try NormalizedGradientDescent(epsilon: .infinity) }, "normalized-gd", ["eps": .number(.infinity)],
                "normalized-gd: eps=inf: expected a number >= 0"
            ),
            (
                { try LineSearchGradientDescent(search: BracketingLineSearch(maximumDistance: 0)) }, "gd-line-search",
                ["max_dist": .number(0)],
                "gd-line-search: max_dist=0: expected a number > 0"
            ),
        ]

    @Test(arguments: refused.indices)
    func initializersRefuseWhatTorchRefuses(index: Int) throws {
        let (direct, kind, options, message) = Self.refused[index]
        let directly = try #require(throws: ConfigurationError.self) { try direct() }
        let byName = try #require(throws: ConfigurationError.self) {
            try OptimizerConfiguration(kind, settings: options)
        }
        #expect(directly == byName)
        #expect(directly.description == message)
    }

    @Test func reportsOptionsByNameThatNoInitializerSees() {
        #expect(
            throws: ConfigurationError.unknownOption(
                name: "sgd", option: "betas", known: OptimizerCatalog.entry(named: "sgd")!.settingNames)
        ) {
            try OptimizerConfiguration("sgd", settings: ["betas": .numbers([0.9, 0.99]), "lr": .number(-1)])
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "lbfgs", option: "max_iter", value: "2.5", requirement: "an integer")
        ) {
            try OptimizerConfiguration("lbfgs", settings: ["max_iter": .number(2.5)])
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "adam", option: "amsgrad", value: "1", requirement: "True or False")
        ) {
            try OptimizerConfiguration("adam", settings: ["amsgrad": .number(1)])
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "lbfgs", option: "line_search_fn", value: "'wolfe'",
                requirement: "None or one of 'none', 'strong_wolfe'")
        ) {
            try OptimizerConfiguration("lbfgs", settings: ["line_search_fn": .text("wolfe")])
        }
    }

    @Test func warnsOnlyAboutTheStarvedLineSearch() throws {
        #expect(try LBFGS(maximumIterations: 1, lineSearch: .strongWolfe).warnings.count == 1)
        #expect(try LBFGS(maximumIterations: 1).warnings.isEmpty)
        #expect(try LBFGS(maximumIterations: 1, maximumEvaluations: 2, lineSearch: .strongWolfe).warnings.isEmpty)
        #expect(try LBFGS(lineSearch: .strongWolfe).warnings.isEmpty)
        #expect(try Adam().warnings.isEmpty)
    }
}
