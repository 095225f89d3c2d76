import ArgumentParser
import Optim
import ToolSupport

/// The optimizer flags of `train`: `--optimizer` with an ``OptimizerConfiguration`` in PyTorch's call syntax
/// (every setting of every optimizer), and a flag of its own for the common settings
/// (``OptimizerConfiguration/flagSettings``), named like `torch.optim`'s keyword arguments.
struct OptimizerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The optimizer, alone or with settings in PyTorch's call syntax: adam, 'adam(lr=1e-3, betas=(0.9, 0.99))' (default: the one --init-model records, else sgd).",
            discussion: "Each optimizer with all its settings at their defaults:\n"
                + OptimizerCatalog.entries.map {
                    "  \(try! OptimizerConfiguration($0.name).resolvedDescription)\n      \($0.summary)"
                }.joined(separator: "\n"),
            valueName: "name|name(setting=value, …)"),
        completion: .list(OptimizerCatalog.names))
    var optimizer: String?

    @Option(
        parsing: .unconditional,
        help: "Learning rate (lr; default: the optimizer's, e.g. 0.001 for sgd and adam, 1 for lbfgs).")
    var lr: Double?
    @Option(parsing: .unconditional, help: "SGD/RMSprop momentum; β of the book's momentum-udl/nesterov-udl.")
    var momentum: Double?
    @Option(parsing: .unconditional, help: "SGD dampening.")
    var dampening: Double?
    @Flag(help: "SGD Nesterov momentum.")
    var nesterov = false
    @Option(parsing: .unconditional, help: "L2 penalty (weight_decay); decoupled for adamw.")
    var weightDecay: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp("Adam's (β₁, β₂).", valueName: "b1,b2"))
    var betas: String?
    @Option(parsing: .unconditional, help: "ε added to the denominator.")
    var eps: Double?
    @Option(parsing: .unconditional, help: "Adadelta's ρ.")
    var rho: Double?
    @Option(parsing: .unconditional, help: "RMSprop's smoothing constant α.")
    var alpha: Double?
    @Flag(help: "Centered RMSprop.")
    var centered = false
    @Flag(help: "AMSGrad variant of Adam/AdamW.")
    var amsgrad = false
    @Option(parsing: .unconditional, help: "Adagrad's learning-rate decay.")
    var lrDecay: Double?
    @Option(parsing: .unconditional, help: "L-BFGS iterations per step (max_iter).")
    var maxIter: Int?
    @Option(parsing: .unconditional, help: "L-BFGS function evaluations per step (max_eval; default max_iter·5/4).")
    var maxEval: Int?
    @Option(parsing: .unconditional, help: "L-BFGS history size.")
    var historySize: Int?
    @Option(help: ArgumentHelp("L-BFGS line search.", valueName: "name"))
    var lineSearch: Choice<LBFGS.LineSearch>?
    @Flag(help: "Adam without bias correction (adam-udl only).")
    var noBiasCorrection = false
    @Option(
        help: ArgumentHelp(
            "Learning-rate schedule stepped per epoch: step(step_size=M, gamma=γ), exponential(gamma=γ), cosine(T_max=T).",
            valueName: "schedule"))
    var schedule: String?

    /// The settings given by flags of their own, with the flag, by PyTorch keyword name; `--momentum` is
    /// `beta` for the book's momentum methods (`momentum-udl`, `nesterov-udl`).
    func flagSettings(for name: String) throws -> [(flag: String, setting: String, value: OptionValue)] {
        var settings: [(flag: String, setting: String, value: OptionValue)] = []
        func add(_ setting: String, _ value: OptionValue, flag: String? = nil) {
            settings.append((flag ?? OptimizerConfiguration.flag(of: setting), setting, value))
        }
        let bookMomentum = name == "momentum-udl" || name == "nesterov-udl"
        if let momentum { add(bookMomentum ? "beta" : "momentum", .number(momentum), flag: "--momentum") }
        for (setting, value) in [
            ("lr", lr), ("dampening", dampening), ("weight_decay", weightDecay), ("eps", eps), ("rho", rho),
            ("alpha", alpha), ("lr_decay", lrDecay),
        ] {
            if let value { add(setting, .number(value)) }
        }
        for (setting, value) in [("max_iter", maxIter), ("max_eval", maxEval), ("history_size", historySize)] {
            if let value { add(setting, .number(Double(value))) }
        }
        for (setting, set) in [("nesterov", nesterov), ("centered", centered), ("amsgrad", amsgrad)] where set {
            add(setting, .flag(true))
        }
        if noBiasCorrection { add("bias_correction", .flag(false), flag: "--no-bias-correction") }
        if let betas {
            let parts = betas.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
            guard parts.count == 2, let b1 = parts[0], let b2 = parts[1] else {
                throw ValidationError("--betas needs two numbers b1,b2, got '\(betas)'")
            }
            add("betas", .numbers([b1, b2]))
        }
        if let lineSearch {
            switch lineSearch.value {
            case .strongWolfe?: add("line_search_fn", .text(LBFGS.LineSearch.strongWolfe.rawValue))
            case LBFGS.LineSearch.none?: add("line_search_fn", OptionValue.none)
            case nil: throw ValidationError("--line-search must be strong-wolfe or none, got '\(lineSearch.word)'")
            }
        }
        return settings
    }

    /// The optimizer's configuration: `--optimizer` (else `recorded`, the one a model file names, else `sgd`)
    /// with the settings of the other flags added (a setting given both ways is refused).
    ///
    /// - Parameter recorded: the configuration an `--init-model` records and where, when it records one.
    func configuration(recorded: (call: String, file: String)? = nil) throws -> OptimizerConfiguration {
        let text = optimizer ?? recorded?.call ?? "sgd"
        let call: OptimizerConfiguration
        do {
            call = try OptimizerConfiguration(parsing: text)
        } catch {
            if optimizer == nil, let recorded {
                throw ToolError(.dataError, "\(recorded.file): metadata.optimizer: \(error)")
            }
            if case let .unknownName(name, known) = error {
                throw ValidationError("unknown optimizer '\(name)'; choose one of \(known.joined(separator: ", "))")
            }
            throw ValidationError("--optimizer: \(error)")
        }
        var settings = call.settings
        for (flag, setting, value) in try flagSettings(for: call.name) {
            guard settings.updateValue(value, forKey: setting) == nil else {
                throw ValidationError(
                    "\(flag) sets \(setting), which --optimizer '\(text)' sets too; give it once")
            }
        }
        do {
            return try OptimizerConfiguration(call.name, settings: settings)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The schedule, constant when not given.
    func learningRateSchedule() throws -> LearningRateSchedule {
        guard let schedule else { return .constant }
        do {
            return try LearningRateSchedule(parsing: schedule)
        } catch {
            throw ValidationError("--schedule: \(error)")
        }
    }
}

extension LBFGS.LineSearch: CommandLineChoice {
    /// `none` and `strong-wolfe` (torch's `strong_wolfe`, also accepted).
    public static var choices: [(word: String, help: String)] {
        [
            ("none", "a fixed step t = lr (torch's line_search_fn=None)"),
            ("strong-wolfe", "the strong-Wolfe search of torch.optim.LBFGS (line_search_fn='strong_wolfe')"),
        ]
    }

    /// The line search called `word`.
    public init?(word: String) {
        self.init(rawValue: word == "strong-wolfe" ? LBFGS.LineSearch.strongWolfe.rawValue : word)
    }
}
