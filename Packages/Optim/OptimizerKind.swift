/// The optimizers that can be built by name, with the names the command-line tools use and PyTorch's
/// keyword names for their hyper-parameters.
///
/// ```swift
/// let options: [String: OptionValue] = ["max_iter": .number(1), "line_search_fn": .text("strong_wolfe")]
/// var optimizer = try OptimizerKind.lbfgs.makeOptimizer(options: options)
/// optimizer.warnings        // explains the stall of this setting
/// ```
public enum OptimizerKind: String, CaseIterable, Sendable {
    /// ``SGD`` (`torch.optim.SGD`).
    case sgd
    /// ``Adam`` (`torch.optim.Adam`).
    case adam
    /// ``Adam/adamW(learningRate:beta1:beta2:epsilon:weightDecay:amsgrad:maximize:)`` (`torch.optim.AdamW`).
    case adamw
    /// ``Adagrad`` (`torch.optim.Adagrad`).
    case adagrad
    /// ``RMSprop`` (`torch.optim.RMSprop`).
    case rmsprop
    /// ``Adadelta`` (`torch.optim.Adadelta`).
    case adadelta
    /// ``LBFGS`` (`torch.optim.LBFGS`).
    case lbfgs
    /// ``MomentumUDL``, UDL eq. 6.11.
    case momentumUDL = "momentum-udl"
    /// ``NesterovMomentumUDL``, UDL eq. 6.12.
    case nesterovUDL = "nesterov-udl"
    /// ``AdamUDL``, UDL eqs. 6.15–6.17.
    case adamUDL = "adam-udl"
    /// ``NormalizedGradientDescent``, UDL eqs. 6.13–6.14.
    case normalizedGD = "normalized-gd"
    /// ``LineSearchGradientDescent``, notebooks 6.2–6.3.
    case gdLineSearch = "gd-line-search"

    /// PyTorch's keyword names of the options this optimizer accepts, in PyTorch's order. The defaults are
    /// the initializers'.
    public var optionNames: [String] {
        switch self {
        case .sgd: return ["lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize"]
        case .adam: return OptimizerKind.adamw.optionNames + ["decoupled_weight_decay"]
        case .adamw: return ["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize"]
        case .adagrad: return ["lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "maximize"]
        case .rmsprop: return ["lr", "alpha", "eps", "weight_decay", "momentum", "centered", "maximize"]
        case .adadelta: return ["lr", "rho", "eps", "weight_decay", "maximize"]
        case .lbfgs:
            return [
                "lr", "max_iter", "max_eval", "tolerance_grad", "tolerance_change", "history_size", "line_search_fn",
                "maximize",
            ]
        case .momentumUDL, .nesterovUDL: return ["lr", "beta"]
        case .adamUDL: return ["lr", "beta", "gamma", "eps", "bias_correction"]
        case .normalizedGD: return ["lr", "eps"]
        case .gdLineSearch: return ["max_dist", "thresh", "max_iter"]
        }
    }

    /// A one-line description for `--help`.
    public var summary: String {
        switch self {
        case .sgd: return "SGD with momentum, dampening, Nesterov, weight decay (torch.optim.SGD)"
        case .adam: return "Adam with bias correction, amsgrad, weight decay (torch.optim.Adam)"
        case .adamw: return "Adam with decoupled weight decay (torch.optim.AdamW)"
        case .adagrad: return "Adagrad with lr decay and initial accumulator (torch.optim.Adagrad)"
        case .rmsprop: return "RMSprop, optionally centered and with momentum (torch.optim.RMSprop)"
        case .adadelta: return "Adadelta (torch.optim.Adadelta)"
        case .lbfgs: return "L-BFGS, fixed step or strong-Wolfe line search (torch.optim.LBFGS)"
        case .momentumUDL: return "momentum m = beta m + (1 - beta) g, UDL eq. 6.11"
        case .nesterovUDL: return "Nesterov momentum with the gradient at the look-ahead point, UDL eq. 6.12"
        case .adamUDL: return "Adam as in UDL eqs. 6.15-6.17, with or without bias correction"
        case .normalizedGD: return "normalized gradients, UDL eqs. 6.13-6.14"
        case .gdLineSearch: return "gradient descent with the bracketing line search of notebooks 6.1-6.3"
        }
    }
}

extension OptimizerKind {
    /// A new optimizer of this kind from PyTorch keyword options (the fixtures' `torch.optim` arguments,
    /// the `train` tool's flags); an option not given takes the initializer's default.
    ///
    /// - Parameter options: values by keyword name, among ``optionNames``.
    /// - Returns: the optimizer, with empty state.
    /// - Throws: ``ConfigurationError`` for an option this optimizer does not take, a value of the wrong
    ///   type, or the initializer's error for a value out of range.
    public func makeOptimizer(options: [String: OptionValue] = [:]) throws(ConfigurationError) -> any Optimizer
        & Sendable
    {
        let r = try OptionReader(name: rawValue, options: options, accepted: optionNames)
        switch self {
        case .sgd:
            let d = try SGD()
            return try SGD(
                learningRate: r.number("lr", or: d.learningRate), momentum: r.number("momentum", or: d.momentum),
                dampening: r.number("dampening", or: d.dampening),
                weightDecay: r.number("weight_decay", or: d.weightDecay),
                nesterov: r.flag("nesterov", or: d.nesterov), maximize: r.flag("maximize", or: d.maximize))
        case .adam, .adamw:
            let d = self == .adam ? try Adam() : try Adam.adamW()
            let betas = try r.pair("betas", or: (d.beta1, d.beta2))
            return try Adam(
                learningRate: r.number("lr", or: d.learningRate), beta1: betas.0, beta2: betas.1,
                epsilon: r.number("eps", or: d.epsilon), weightDecay: r.number("weight_decay", or: d.weightDecay),
                amsgrad: r.flag("amsgrad", or: d.amsgrad), maximize: r.flag("maximize", or: d.maximize),
                decoupledWeightDecay: r.flag("decoupled_weight_decay", or: d.decoupledWeightDecay))
        case .adagrad:
            let d = try Adagrad()
            return try Adagrad(
                learningRate: r.number("lr", or: d.learningRate),
                learningRateDecay: r.number("lr_decay", or: d.learningRateDecay),
                weightDecay: r.number("weight_decay", or: d.weightDecay),
                initialAccumulatorValue: r.number("initial_accumulator_value", or: d.initialAccumulatorValue),
                epsilon: r.number("eps", or: d.epsilon), maximize: r.flag("maximize", or: d.maximize))
        case .rmsprop:
            let d = try RMSprop()
            return try RMSprop(
                learningRate: r.number("lr", or: d.learningRate), alpha: r.number("alpha", or: d.alpha),
                epsilon: r.number("eps", or: d.epsilon), weightDecay: r.number("weight_decay", or: d.weightDecay),
                momentum: r.number("momentum", or: d.momentum), centered: r.flag("centered", or: d.centered),
                maximize: r.flag("maximize", or: d.maximize))
        case .adadelta:
            let d = try Adadelta()
            return try Adadelta(
                learningRate: r.number("lr", or: d.learningRate), rho: r.number("rho", or: d.rho),
                epsilon: r.number("eps", or: d.epsilon), weightDecay: r.number("weight_decay", or: d.weightDecay),
                maximize: r.flag("maximize", or: d.maximize))
        case .lbfgs:
            let d = try LBFGS()
            let lineSearch = try r.choice("line_search_fn", or: d.lineSearch)
            return try LBFGS(
                learningRate: r.number("lr", or: d.learningRate),
                maximumIterations: r.integer("max_iter", or: d.maximumIterations),
                maximumEvaluations: r.optionalInteger("max_eval"),
                gradientTolerance: r.number("tolerance_grad", or: d.gradientTolerance),
                changeTolerance: r.number("tolerance_change", or: d.changeTolerance),
                historySize: r.integer("history_size", or: d.historySize), lineSearch: lineSearch,
                maximize: r.flag("maximize", or: d.maximize))
        case .momentumUDL:
            let d = try MomentumUDL()
            return try MomentumUDL(learningRate: r.number("lr", or: d.learningRate), beta: r.number("beta", or: d.beta))
        case .nesterovUDL:
            let d = try NesterovMomentumUDL()
            return try NesterovMomentumUDL(
                learningRate: r.number("lr", or: d.learningRate), beta: r.number("beta", or: d.beta))
        case .adamUDL:
            let d = try AdamUDL()
            return try AdamUDL(
                learningRate: r.number("lr", or: d.learningRate), beta: r.number("beta", or: d.beta),
                gamma: r.number("gamma", or: d.gamma), epsilon: r.number("eps", or: d.epsilon),
                biasCorrection: r.flag("bias_correction", or: d.biasCorrection))
        case .normalizedGD:
            let d = try NormalizedGradientDescent()
            return try NormalizedGradientDescent(
                learningRate: r.number("lr", or: d.learningRate), epsilon: r.number("eps", or: d.epsilon))
        case .gdLineSearch:
            let d = try LineSearchGradientDescent().search
            return try LineSearchGradientDescent(
                search: BracketingLineSearch(
                    threshold: r.number("thresh", or: d.threshold),
                    maximumDistance: r.number("max_dist", or: d.maximumDistance),
                    maximumIterations: r.integer("max_iter", or: d.maximumIterations)))
        }
    }
}

extension OptimizerKind {
    /// Reads an optimizer in PyTorch's call syntax, e.g. `sgd(lr=0.1, momentum=0.9, nesterov=True)`: the
    /// kind and its explicit options, checked as ``makeOptimizer(options:)`` checks them.
    ///
    /// - Parameter call: `name` or `name(key=value, …)`.
    /// - Returns: the kind and the options given, by PyTorch keyword name.
    /// - Throws: ``ConfigurationError`` for a syntax error, an unknown name or option, or a bad value.
    public static func parse(_ call: String) throws(ConfigurationError) -> (
        kind: OptimizerKind, options: [String: OptionValue]
    ) {
        let syntax: CallSyntax
        do {
            syntax = try CallSyntax(parsing: call)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            preconditionFailure("CallSyntax throws only ConfigurationError")
        }
        guard let kind = OptimizerKind(rawValue: syntax.name) else {
            throw .unknownName(syntax.name, known: allCases.map(\.rawValue))
        }
        _ = try kind.makeOptimizer(options: syntax.options)
        return (kind, syntax.options)
    }
}
