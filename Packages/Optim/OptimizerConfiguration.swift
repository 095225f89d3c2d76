/// An optimizer chosen by name with PyTorch-style hyper-parameters, validated when it is created.
///
/// ```swift
/// let configuration = try OptimizerConfiguration(parsing: "lbfgs(lr=1, max_iter=1, line_search_fn='strong_wolfe')")
/// configuration.warnings        // explains the stall of this setting
/// var optimizer = configuration.makeOptimizer()
/// ```
///
/// Names are those of ``OptimizerKind`` (`sgd, adam, adamw, adagrad, rmsprop, adadelta, lbfgs, momentum-udl,
/// nesterov-udl, adam-udl, normalized-gd, gd-line-search`); options are PyTorch's keyword names with
/// PyTorch's defaults (``OptimizerKind/defaults``) and PyTorch's range checks. Bad input throws a
/// ``ConfigurationError`` that names the option.
public struct OptimizerConfiguration: Sendable, Equatable, CustomStringConvertible, Codable {
    /// The optimizer.
    public let kind: OptimizerKind
    /// The options given explicitly (the others take their defaults).
    public let options: [String: OptionValue]
    private let built: Built

    /// Creates and validates a configuration.
    ///
    /// - Parameters:
    ///   - kind: the optimizer.
    ///   - options: hyper-parameters by PyTorch keyword name.
    /// - Throws: ``ConfigurationError`` for an unknown option or an invalid value.
    public init(_ kind: OptimizerKind, options: [String: OptionValue] = [:]) throws {
        let known = kind.defaults.map(\.name)
        for key in options.keys.sorted() where !known.contains(key) {
            throw ConfigurationError.unknownOption(name: kind.rawValue, option: key, known: known)
        }
        self.kind = kind
        self.options = options
        self.built = try Built(kind: kind, reader: OptionReader(kind: kind, options: options))
    }

    /// Parses and validates `name` or `name(key=value, …)`, e.g. `adam(lr=0.01, betas=(0.9, 0.99))`.
    ///
    /// - Parameter text: the configuration in PyTorch's call syntax.
    /// - Throws: ``ConfigurationError`` for a syntax error, an unknown name or option, or a bad value.
    public init(parsing text: String) throws {
        let call = try CallSyntax(parsing: text)
        guard let kind = OptimizerKind(rawValue: call.name) else {
            throw ConfigurationError.unknownName(call.name, known: OptimizerKind.allCases.map(\.rawValue))
        }
        try self.init(kind, options: call.options)
    }

    /// A new optimizer with this configuration and empty state.
    public func makeOptimizer() -> any Optimizer {
        built.optimizer
    }

    /// Warnings about settings that are valid but known to misbehave; empty when there is none.
    ///
    /// Currently: L-BFGS with a strong-Wolfe line search and `max_eval ≤ 1` (the default when
    /// `max_iter = 1`), which stalls for good at the first trial step that does not lower the loss.
    public var warnings: [String] {
        guard let lbfgs = built.optimizer as? LBFGS, lbfgs.isLineSearchStarved else { return [] }
        return [
            "lbfgs: max_eval=\(lbfgs.maximumEvaluations) leaves the strong-Wolfe line search no evaluation of its own: "
                + "when the trial step t=lr does not lower the loss it returns t=0 and training stalls for good "
                + "(torch.optim.LBFGS does the same, silently); pass max_eval>=2 or max_iter>=2"
        ]
    }

    /// The configuration in PyTorch's call syntax, options in canonical order, e.g. `adam(lr=0.01)`.
    public var description: String {
        let given = kind.defaults.compactMap { name, _ in options[name].map { "\(name)=\($0)" } }
        return given.isEmpty ? kind.rawValue : "\(kind.rawValue)(\(given.joined(separator: ", ")))"
    }

    /// Two configurations are equal when they name the same optimizer with the same explicit options.
    public static func == (lhs: OptimizerConfiguration, rhs: OptimizerConfiguration) -> Bool {
        lhs.kind == rhs.kind && lhs.options == rhs.options
    }

    private enum CodingKeys: String, CodingKey { case name, options }

    /// Decodes `{"name": "adam", "options": {"lr": 0.01}}` and validates it.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: a decoding error, or ``ConfigurationError`` for invalid settings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        guard let kind = OptimizerKind(rawValue: name) else {
            throw ConfigurationError.unknownName(name, known: OptimizerKind.allCases.map(\.rawValue))
        }
        try self.init(kind, options: try container.decodeIfPresent([String: OptionValue].self, forKey: .options) ?? [:])
    }

    /// Encodes `{"name": …, "options": {…}}`.
    ///
    /// - Parameter encoder: the encoder to write to.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.rawValue, forKey: .name)
        try container.encode(options, forKey: .options)
    }
}

/// The validated optimizer, built once when the configuration is created.
private struct Built: Sendable {
    let optimizer: any Optimizer & Sendable

    init(kind: OptimizerKind, reader r: OptionReader) throws {
        switch kind {
        case .sgd:
            let momentum = try r.nonNegative("momentum")
            let dampening = try r.number("dampening")
            let nesterov = try r.flag("nesterov")
            if nesterov && (momentum <= 0 || dampening != 0) {
                throw r.invalid("nesterov", "momentum > 0 and dampening = 0 with nesterov=True")
            }
            optimizer = SGD(
                learningRate: try r.nonNegative("lr"), momentum: momentum,
                dampening: dampening, weightDecay: try r.nonNegative("weight_decay"),
                nesterov: nesterov, maximize: try r.flag("maximize"))
        case .adam, .adamw:
            let betas = try r.pair("betas", { $0 >= 0 && $0 < 1 }, "two numbers in [0, 1)")
            optimizer = Adam(
                learningRate: try r.nonNegative("lr"), beta1: betas.0, beta2: betas.1, epsilon: try r.nonNegative("eps"),
                weightDecay: try r.nonNegative("weight_decay"), amsgrad: try r.flag("amsgrad"), maximize: try r.flag("maximize"),
                decoupledWeightDecay: kind == .adamw ? true : try r.flag("decoupled_weight_decay"))
        case .adagrad:
            optimizer = Adagrad(
                learningRate: try r.nonNegative("lr"),
                learningRateDecay: try r.nonNegative("lr_decay"),
                weightDecay: try r.nonNegative("weight_decay"),
                initialAccumulatorValue: try r.nonNegative("initial_accumulator_value"),
                epsilon: try r.nonNegative("eps"), maximize: try r.flag("maximize"))
        case .rmsprop:
            optimizer = RMSprop(
                learningRate: try r.nonNegative("lr"),
                alpha: try r.nonNegative("alpha"),
                epsilon: try r.nonNegative("eps"),
                weightDecay: try r.nonNegative("weight_decay"),
                momentum: try r.nonNegative("momentum"),
                centered: try r.flag("centered"), maximize: try r.flag("maximize"))
        case .adadelta:
            optimizer = Adadelta(
                learningRate: try r.nonNegative("lr"),
                rho: try r.number("rho", { $0 >= 0 && $0 <= 1 }, "a number in [0, 1]"),
                epsilon: try r.nonNegative("eps"),
                weightDecay: try r.nonNegative("weight_decay"),
                maximize: try r.flag("maximize"))
        case .lbfgs:
            let search = try r.choice("line_search_fn", LBFGS.LineSearch.allCases.map(\.rawValue))
            optimizer = LBFGS(
                learningRate: try r.nonNegative("lr"),
                maximumIterations: try r.integer("max_iter", minimum: 0),
                maximumEvaluations: try r.optionalInteger("max_eval", minimum: 0),
                gradientTolerance: try r.number("tolerance_grad"), changeTolerance: try r.number("tolerance_change"),
                historySize: try r.integer("history_size", minimum: 1),
                lineSearch: search.flatMap(LBFGS.LineSearch.init(rawValue:)) ?? .none, maximize: try r.flag("maximize"))
        case .momentumUDL:
            optimizer = MomentumUDL(learningRate: try r.nonNegative("lr"), beta: try r.unitInterval("beta"))
        case .nesterovUDL:
            optimizer = NesterovMomentumUDL(learningRate: try r.nonNegative("lr"), beta: try r.unitInterval("beta"))
        case .adamUDL:
            optimizer = AdamUDL(
                learningRate: try r.nonNegative("lr"),
                beta: try r.unitInterval("beta"), gamma: try r.unitInterval("gamma"),
                epsilon: try r.nonNegative("eps"), biasCorrection: try r.flag("bias_correction"))
        case .normalizedGD:
            optimizer = NormalizedGradientDescent(
                learningRate: try r.nonNegative("lr"), epsilon: try r.nonNegative("eps"))
        case .gdLineSearch:
            optimizer = LineSearchGradientDescent(
                search: BracketingLineSearch(
                    threshold: try r.nonNegative("thresh"),
                    maximumDistance: try r.number("max_dist", { $0 > 0 }, "a number > 0"),
                    maximumIterations: try r.integer("max_iter", minimum: 0)))
        }
    }
}
