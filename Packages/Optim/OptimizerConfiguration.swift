/// An optimizer and its settings, the one value that the `train` tool's flags, the study's plans and its
/// report produce and read: `adam(lr=0.001, betas=(0.9, 0.99), weight_decay=0)` in PyTorch's call syntax.
///
/// A configuration is checked when it is made: the name must be in ``OptimizerCatalog``, each setting one of
/// that optimizer's, of the right type and in range (the optimizer's initializer decides), so a configuration
/// always builds (``makeOptimizer()``). Errors name the optimizer and the setting:
/// `adam: betas=(0.9, 1): expected two numbers in [0, 1)`.
///
/// The settings kept are those given; the others take the optimizer's defaults (``value(_:)``,
/// ``resolvedDescription``). ``description`` writes the given ones in the optimizer's order, and reading it
/// back gives the same configuration.
///
/// ```swift
/// let configuration = try OptimizerConfiguration(parsing: "adam(lr=1e-3, betas=(0.9,0.99))")
/// configuration.description                // adam(lr=0.001, betas=(0.9, 0.99))
/// var optimizer = configuration.makeOptimizer()
/// ```
public struct OptimizerConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// The optimizer's name, a name of ``OptimizerCatalog``.
    public let name: String
    /// The settings given, by PyTorch keyword name.
    public let settings: [String: OptionValue]

    /// A configuration of the optimizer `name` with `settings` (the others at their defaults).
    ///
    /// - Throws: ``ConfigurationError`` for an unknown optimizer or setting, a value of the wrong type, or a
    ///   value out of range.
    public init(_ name: String, settings: [String: OptionValue] = [:]) throws(ConfigurationError) {
        guard let entry = OptimizerCatalog.entry(named: name) else {
            throw .unknownName(name, known: OptimizerCatalog.names)
        }
        _ = try entry.make(settings)
        self.name = name
        self.settings = settings
    }

    /// Reads a configuration in PyTorch's call syntax: `name` or `name(key=value, …)`, values as numbers,
    /// `True`/`False`, `None`, quoted words and tuples of numbers (`betas=(0.9, 0.99)`).
    ///
    /// - Throws: ``ConfigurationError`` for a syntax error (with its column) or what ``init(_:settings:)``
    ///   throws.
    public init(parsing text: String) throws(ConfigurationError) {
        let call = try CallSyntax(parsing: text)
        try self.init(call.name, settings: call.options)
    }

    /// The catalog entry of this optimizer.
    public var entry: OptimizerEntry {
        guard let entry = OptimizerCatalog.entry(named: name) else { preconditionFailure("checked when made") }
        return entry
    }

    /// The value of a setting: the one given, else the default; nil when the optimizer has no such setting.
    public func value(_ setting: String) -> OptionValue? {
        settings[setting] ?? entry.defaultValue(setting)
    }

    /// The number given for a setting, or nil when it is not given or not a number.
    public func number(_ setting: String) -> Double? {
        guard case let .number(x) = settings[setting] else { return nil }
        return x
    }

    /// The configuration with `setting` set to `value` (replacing a value given before).
    ///
    /// - Throws: what ``init(_:settings:)`` throws for the new setting.
    public func setting(_ setting: String, to value: OptionValue) throws(ConfigurationError) -> OptimizerConfiguration {
        var settings = self.settings
        settings[setting] = value
        return try OptimizerConfiguration(name, settings: settings)
    }

    /// The given settings in the optimizer's order.
    public var orderedSettings: [(name: String, value: OptionValue)] {
        entry.settingNames.compactMap { name in settings[name].map { (name, $0) } }
    }

    /// The configuration in PyTorch's call syntax with the settings given: `sgd(lr=0.1, nesterov=True)`, or the
    /// name alone when none is given.
    public var description: String {
        Self.call(name, orderedSettings)
    }

    /// The configuration with every setting, given or default:
    /// `sgd(lr=0.1, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False)`.
    public var resolvedDescription: String {
        Self.call(name, entry.defaults.map { ($0.name, settings[$0.name] ?? $0.value) })
    }

    /// `name(key=value, …)`, or `name` without settings.
    static func call(_ name: String, _ settings: [(name: String, value: OptionValue)]) -> String {
        settings.isEmpty ? name : "\(name)(" + settings.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + ")"
    }

    /// A new optimizer with these settings and empty state.
    public func makeOptimizer() -> any Optimizer & Sendable {
        do {
            return try entry.make(settings)
        } catch {
            preconditionFailure("\(self) was checked when it was made: \(error)")
        }
    }
}

extension OptimizerConfiguration {
    /// The settings that the `train` tool also takes as flags of their own, named `--` and the setting with `-`
    /// for `_` (`--weight-decay 0.3`), except `line_search_fn`, which is `--line-search strong-wolfe`. Any
    /// setting can be given inside `--optimizer` (`--optimizer 'adam(betas=(0.9, 0.99))'`).
    public static let flagSettings = [
        "lr", "momentum", "dampening", "nesterov", "weight_decay", "betas", "eps", "rho", "alpha", "centered",
        "amsgrad", "lr_decay", "max_iter", "max_eval", "history_size", "line_search_fn",
    ]

    /// The flag of one of ``flagSettings``: `--weight-decay`, `--line-search`.
    public static func flag(of setting: String) -> String {
        setting == "line_search_fn" ? "--line-search" : "--" + setting.replacing("_", with: "-")
    }

    /// The configuration as `train` arguments: `--optimizer sgd --lr 0.1 --momentum 0.9 --nesterov` when every
    /// setting given is a number, `True`, a word or a pair with a flag of its own (``flagSettings``), else
    /// `--optimizer 'name(settings)'` (``description``). Both read back to this configuration.
    public var commandLineArguments: [String] {
        var flags: [String] = []
        for (setting, value) in orderedSettings {
            guard Self.flagSettings.contains(setting) else { return ["--optimizer", description] }
            let flag = Self.flag(of: setting)
            switch value {
            case .flag(true): flags.append(flag)
            case .number: flags += [flag, value.description]
            case let .text(word): flags += [flag, word.replacing("_", with: "-")]
            case let .numbers(xs) where xs.count == 2:
                flags += [flag, xs.map(OptionValue.format).joined(separator: ",")]
            default: return ["--optimizer", description]
            }
        }
        return ["--optimizer", name] + flags
    }
}
