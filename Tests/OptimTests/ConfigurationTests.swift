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
            let kind = try #require(OptimizerKind(rawValue: name))
            var given = torchDefaults
            if kind == .adamw {
                // Fixed for AdamW, not an option.
                #expect(given.removeValue(forKey: "decoupled_weight_decay") == .flag(true))
            }
            #expect(
                Set(kind.optionNames) == Set(given.keys),
                "\(name): options ours \(kind.optionNames), torch \(given.keys.sorted())")
            // torch's defaults given explicitly (max_eval as the 25 torch computes) build the optimizer the
            // initializer builds with none.
            let explicit = try kind.makeOptimizer(options: given)
            #expect(Self.contents(explicit) == Self.contents(try kind.makeOptimizer()), "\(name)")
        }
        #expect(Self.contents(try OptimizerKind.sgd.makeOptimizer()) == Self.contents(try SGD()))
        #expect(Self.contents(try OptimizerKind.adamw.makeOptimizer()) == Self.contents(try Adam.adamW()))
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

    @Test(arguments: OptimizerKind.allCases)
    func everyOptionReachesTheOptimizer(kind: OptimizerKind) throws {
        let standard = Self.contents(try kind.makeOptimizer())
        for option in kind.optionNames {
            let value = try #require(Self.otherValues[option], "\(kind.rawValue).\(option)")
            if kind == .sgd && option == "nesterov" {
                // Nesterov needs momentum: refused, so it was read.
                #expect(throws: ConfigurationError.self) { try kind.makeOptimizer(options: [option: value]) }
                continue
            }
            let changed = try kind.makeOptimizer(options: [option: value])
            #expect(Self.contents(changed) != standard, "\(kind.rawValue).\(option) is ignored")
        }
    }

    @Test func buildsByName() throws {
        let adam = try #require(
            try OptimizerKind.adam.makeOptimizer(options: [
                "lr": .number(0.01), "betas": .numbers([0.8, 0.95]), "amsgrad": .flag(true),
            ])
                as? Adam)
        #expect(
            adam.learningRate == 0.01 && adam.beta1 == 0.8 && adam.beta2 == 0.95 && adam.amsgrad
                && !adam.decoupledWeightDecay)
        #expect(adam.epsilon == 1e-8 && adam.weightDecay == 0)
        let adamW = try #require(try OptimizerKind.adamw.makeOptimizer() as? Adam)
        #expect(adamW.decoupledWeightDecay && adamW.weightDecay == 0.01)
        let options: [String: OptionValue] = ["max_iter": .number(4), "line_search_fn": .text("strong_wolfe")]
        let lbfgs = try #require(try OptimizerKind.lbfgs.makeOptimizer(options: options) as? LBFGS)
        #expect(lbfgs.maximumIterations == 4 && lbfgs.maximumEvaluations == 5 && lbfgs.lineSearch == .strongWolfe)
        let fixed = try #require(try OptimizerKind.lbfgs.makeOptimizer(options: ["line_search_fn": .none]) as? LBFGS)
        #expect(fixed.lineSearch == .none)
        let udl = try #require(
            try OptimizerKind.adamUDL.makeOptimizer(options: ["bias_correction": .flag(false)]) as? AdamUDL)
        #expect(!udl.biasCorrection && udl.epsilon == 1e-20 && udl.gamma == 0.99)
        let search = try #require(
            try OptimizerKind.gdLineSearch.makeOptimizer(options: ["max_dist": .number(2)])
                as? LineSearchGradientDescent)
        #expect(search.search == BracketingLineSearch(threshold: 1e-5, maximumDistance: 2, maximumIterations: 15))
    }

    /// Values torch refuses, built directly and by name: the same error, with the optimizer's name, torch's
    /// keyword and the value.
    static let refused:
        [(
            direct: @Sendable () throws -> any Optimizer, kind: OptimizerKind, options: [String: OptionValue],
            message: String
        )] = [
            ({ try Adam(learningRate: -1) }, .adam, ["lr": .number(-1)], "adam: lr=-1: expected a number >= 0"),
            (
                { try Adam.adamW(beta2: 1) }, .adamw, ["betas": .numbers([0.9, 1])],
                "adamw: betas=(0.9, 1): expected two numbers in [0, 1)"
            ),
            (
                { try SGD(nesterov: true) }, .sgd, ["nesterov": .flag(true)],
                "sgd: nesterov=True: expected momentum > 0 and dampening = 0 with nesterov=True"
            ),
            (
                { try SGD(dampening: .infinity) }, .sgd, ["dampening": .number(.infinity)],
                "sgd: dampening=inf: expected a number"
            ),
            (
                { try SGD(learningRate: -1, momentum: -1) }, .sgd, ["lr": .number(-1), "momentum": .number(-1)],
                "sgd: momentum=-1: expected a number >= 0"
            ),
            (
                { try Adagrad(initialAccumulatorValue: -0.5) }, .adagrad, ["initial_accumulator_value": .number(-0.5)],
                "adagrad: initial_accumulator_value=-0.5: expected a number >= 0"
            ),
            ({ try RMSprop(alpha: -1) }, .rmsprop, ["alpha": .number(-1)], "rmsprop: alpha=-1: expected a number >= 0"),
            (
                { try Adadelta(rho: 1.5) }, .adadelta, ["rho": .number(1.5)],
                "adadelta: rho=1.5: expected a number in [0, 1]"
            ),
            (
                { try LBFGS(historySize: 0) }, .lbfgs, ["history_size": .number(0)],
                "lbfgs: history_size=0: expected an integer >= 1"
            ),
            (
                { try LBFGS(maximumEvaluations: -1) }, .lbfgs, ["max_eval": .number(-1)],
                "lbfgs: max_eval=-1: expected an integer >= 0"
            ),
            (
                { try MomentumUDL(beta: 1) }, .momentumUDL, ["beta": .number(1)],
                "momentum-udl: beta=1: expected a number in [0, 1)"
            ),
            (
                { try NesterovMomentumUDL(learningRate: .nan) }, .nesterovUDL, ["lr": .number(.nan)],
                "nesterov-udl: lr=nan: expected a number >= 0"
            ),
            (
                { try AdamUDL(gamma: -0.1) }, .adamUDL, ["gamma": .number(-0.1)],
                "adam-udl: gamma=-0.1: expected a number in [0, 1)"
            ),
            (
                { try NormalizedGradientDescent(epsilon: .infinity) }, .normalizedGD, ["eps": .number(.infinity)],
                "normalized-gd: eps=inf: expected a number >= 0"
            ),
            (
                { try LineSearchGradientDescent(search: BracketingLineSearch(maximumDistance: 0)) }, .gdLineSearch,
                ["max_dist": .number(0)],
                "gd-line-search: max_dist=0: expected a number > 0"
            ),
        ]

    @Test(arguments: refused.indices)
    func initializersRefuseWhatTorchRefuses(index: Int) throws {
        let (direct, kind, options, message) = Self.refused[index]
        let directly = try #require(throws: ConfigurationError.self) { try direct() }
        let byName = try #require(throws: ConfigurationError.self) { try kind.makeOptimizer(options: options) }
        #expect(directly == byName)
        #expect(directly.description == message)
    }

    @Test func reportsOptionsByNameThatNoInitializerSees() {
        #expect(
            throws: ConfigurationError.unknownOption(name: "sgd", option: "betas", known: OptimizerKind.sgd.optionNames)
        ) {
            try OptimizerKind.sgd.makeOptimizer(options: ["betas": .numbers([0.9, 0.99]), "lr": .number(-1)])
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "lbfgs", option: "max_iter", value: "2.5", requirement: "an integer")
        ) {
            try OptimizerKind.lbfgs.makeOptimizer(options: ["max_iter": .number(2.5)])
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "adam", option: "amsgrad", value: "1", requirement: "True or False")
        ) {
            try OptimizerKind.adam.makeOptimizer(options: ["amsgrad": .number(1)])
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "lbfgs", option: "line_search_fn", value: "'wolfe'",
                requirement: "None or one of 'none', 'strong_wolfe'")
        ) {
            try OptimizerKind.lbfgs.makeOptimizer(options: ["line_search_fn": .text("wolfe")])
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
