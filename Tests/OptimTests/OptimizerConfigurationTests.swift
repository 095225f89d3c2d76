import Optim
import Testing

/// ``OptimizerConfiguration``: PyTorch's call syntax read and written, errors that name the setting, and the
/// configuration as `train` arguments.
@Suite struct OptimizerConfigurationTests {
    @Test func readsAndWritesPyTorchsCallSyntax() throws {
        let adam = try OptimizerConfiguration(parsing: "adam(lr=1e-3, betas=(0.9,0.99), weight_decay=0)")
        #expect(adam.name == "adam")
        #expect(adam.settings == ["lr": .number(0.001), "betas": .numbers([0.9, 0.99]), "weight_decay": .number(0)])
        #expect(adam.description == "adam(lr=0.001, betas=(0.9, 0.99), weight_decay=0)")
        // The settings are written in torch's order, whatever the order given.
        #expect(
            try OptimizerConfiguration(parsing: "sgd(nesterov=True, momentum=0.9, lr=0.1)").description
                == "sgd(lr=0.1, momentum=0.9, nesterov=True)")
        #expect(try OptimizerConfiguration(parsing: "  Momentum_UDL ").description == "momentum-udl")
        let lbfgs = try OptimizerConfiguration(parsing: "lbfgs(max_iter=1, line_search_fn=\"strong_wolfe\")")
        #expect(lbfgs.description == "lbfgs(max_iter=1, line_search_fn='strong_wolfe')")
        #expect(adam.value("eps") == .number(1e-8) && adam.value("lr") == .number(0.001) && adam.value("rho") == nil)
        #expect(adam.number("lr") == 0.001 && adam.number("eps") == nil)
        let built = try #require(adam.makeOptimizer() as? Adam)
        #expect(built.beta1 == 0.9 && built.beta2 == 0.99 && built.learningRate == 0.001 && built.epsilon == 1e-8)
    }

    /// Every optimizer's description, with every setting at its default or with none, reads back to itself.
    @Test(arguments: OptimizerCatalog.names)
    func descriptionsReadBack(name: String) throws {
        let bare = try OptimizerConfiguration(name)
        #expect(bare.description == name)
        let full = try OptimizerConfiguration(parsing: bare.resolvedDescription)
        #expect(full.settings.count == bare.entry.defaults.count)
        #expect(try OptimizerConfiguration(parsing: full.description) == full)
        #expect(full.resolvedDescription == bare.resolvedDescription)
    }

    @Test(arguments: [
        ("adam(betas=(0.9,))", "adam: betas=(0.9): expected two numbers"),
        ("adam(betas=(0.9, 1))", "adam: betas=(0.9, 1): expected two numbers in [0, 1)"),
        ("adam(betas=0.9)", "adam: betas=0.9: expected two numbers"),
        ("adam(lr=-1)", "adam: lr=-1: expected a number >= 0"),
        ("adam(lr=fast)", "adam: lr='fast': expected a number"),
        ("adam(momentum=0.9)", "adam: unknown option 'momentum'; adam accepts: "),
        ("adam(lr=1, lr=2)", "adam: option 'lr' is given twice"),
        ("adam(lr=)", "adam(lr=): column 9: expected a value"),
        ("adam(lr=1", "adam(lr=1: column 10: expected ')'"),
        ("adam(betas=(0.9, 0.99)", "adam(betas=(0.9, 0.99): column 23: expected ')'"),
        ("adamax(lr=1)", "unknown name 'adamax'; expected one of: adadelta, adagrad, adam, "),
        ("lbfgs(max_iter=2.5)", "lbfgs: max_iter=2.5: expected an integer"),
    ])
    func errorsNameTheSetting(text: String, message: String) {
        let error = #expect(throws: ConfigurationError.self) { try OptimizerConfiguration(parsing: text) }
        #expect(error?.description.hasPrefix(message) == true, "\(text): \(error.map(String.init(describing:)) ?? "")")
    }

    @Test func settingsAreReplacedAndChecked() throws {
        let sgd = try OptimizerConfiguration(parsing: "sgd(lr=0.1)")
        #expect(try sgd.setting("momentum", to: .number(0.9)).description == "sgd(lr=0.1, momentum=0.9)")
        #expect(try sgd.setting("lr", to: .number(0.5)).description == "sgd(lr=0.5)")
        #expect(
            throws: ConfigurationError.invalidValue(
                name: "sgd", option: "lr", value: "-1", requirement: "a number >= 0")
        ) {
            try sgd.setting("lr", to: .number(-1))
        }
    }

    /// `train`'s flags where every setting has one (the form of the study's run lists), the call otherwise.
    @Test func commandLineArguments() throws {
        func arguments(_ text: String) throws -> [String] {
            try OptimizerConfiguration(parsing: text).commandLineArguments
        }
        #expect(
            try arguments("sgd(lr=0.1, momentum=0.9, nesterov=True)")
                == ["--optimizer", "sgd", "--lr", "0.1", "--momentum", "0.9", "--nesterov"])
        #expect(
            try arguments("lbfgs(lr=1, max_iter=1, line_search_fn='strong_wolfe')")
                == ["--optimizer", "lbfgs", "--lr", "1", "--max-iter", "1", "--line-search", "strong-wolfe"])
        #expect(try arguments("adam(betas=(0.9, 0.99))") == ["--optimizer", "adam", "--betas", "0.9,0.99"])
        #expect(try arguments("adam") == ["--optimizer", "adam"])
        #expect(try arguments("adam(amsgrad=False)") == ["--optimizer", "adam(amsgrad=False)"])
        #expect(try arguments("adam-udl(lr=0.05, gamma=0.9)") == ["--optimizer", "adam-udl(lr=0.05, gamma=0.9)"])
        #expect(try arguments("lbfgs(max_eval=None)") == ["--optimizer", "lbfgs(max_eval=None)"])
        #expect(OptimizerConfiguration.flag(of: "weight_decay") == "--weight-decay")
        #expect(OptimizerConfiguration.flag(of: "line_search_fn") == "--line-search")
    }
}
