import ArgumentParser
import Optim
import ToolSupport

/// The optimizer flags of `train`, named like `torch.optim`'s keyword arguments.
struct OptimizerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The optimizer.", valueName: "name"))
    var optimizer: Choice<OptimizerKind> = "sgd"

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

    /// The optimizer with the torch keyword options given on the command line (the others keep their
    /// defaults).
    func makeOptimizer() throws -> any Optimizer & Sendable {
        let kind = try optimizer.resolved("optimizer")
        var options: [String: OptionValue] = [:]
        let momentumName = kind == .momentumUDL || kind == .nesterovUDL ? "beta" : "momentum"
        for (name, value) in [
            ("lr", lr), (momentumName, momentum), ("dampening", dampening), ("weight_decay", weightDecay),
            ("eps", eps), ("rho", rho), ("alpha", alpha), ("lr_decay", lrDecay),
        ] {
            if let value { options[name] = .number(value) }
        }
        for (name, value) in [("max_iter", maxIter), ("max_eval", maxEval), ("history_size", historySize)] {
            if let value { options[name] = .number(Double(value)) }
        }
        for (name, set) in [("nesterov", nesterov), ("centered", centered), ("amsgrad", amsgrad)] where set {
            options[name] = .flag(true)
        }
        if noBiasCorrection { options["bias_correction"] = .flag(false) }
        if let betas {
            let parts = betas.split(separator: ",").compactMap { Double($0) }
            guard parts.count == 2 else { throw ValidationError("--betas needs two numbers b1,b2, got '\(betas)'") }
            options["betas"] = .numbers(parts)
        }
        if let lineSearch {
            switch lineSearch.value {
            case .strongWolfe?: options["line_search_fn"] = .text(LBFGS.LineSearch.strongWolfe.rawValue)
            case LBFGS.LineSearch.none?: options["line_search_fn"] = OptionValue.none
            case nil: throw ValidationError("--line-search must be strong-wolfe or none, got '\(lineSearch.word)'")
            }
        }
        do {
            return try kind.makeOptimizer(options: options)
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

extension OptimizerKind: CommandLineChoice {
    /// The optimizers' names with their summaries.
    public static var choices: [(word: String, help: String)] { allCases.map { ($0.rawValue, $0.summary) } }

    /// The optimizer called `word`.
    public init?(word: String) {
        self.init(rawValue: word)
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
