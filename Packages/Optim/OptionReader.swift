/// Reads PyTorch-style keyword options by name for an ``OptimizerEntry`` and
/// ``LearningRateSchedule/init(parsing:)``: rejects an option the configuration does not accept, converts
/// each value to its Swift type, and takes the default (or the given fallback) for an option that is absent.
///
/// The range checks are the initializers' (``HyperParameterChecks``); a value of the wrong type (a word
/// where a number belongs) is reported here, with the requirement the caller names.
struct OptionReader {
    /// The configuration's name in messages (`adam`, `step`).
    let name: String
    /// The options given.
    let options: [String: OptionValue]
    /// The values of the options not given.
    let defaults: [String: OptionValue]

    /// A reader of `options`, which may only name options in `accepted`; an option not given reads as its
    /// value in `defaults`.
    ///
    /// - Throws: ``ConfigurationError/unknownOption(name:option:known:)`` for the first other option, in
    ///   alphabetical order.
    init(
        name: String, options: [String: OptionValue], accepted: [String],
        defaults: [(name: String, value: OptionValue)] = []
    ) throws(ConfigurationError) {
        for key in options.keys.sorted() where !accepted.contains(key) {
            throw .unknownOption(name: name, option: key, known: accepted)
        }
        self.name = name
        self.options = options
        self.defaults = Dictionary(defaults.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value given for `key`, else its default.
    func given(_ key: String) -> OptionValue? { options[key] ?? defaults[key] }

    /// The error for option `key`, showing its value as given (`None` when absent).
    func invalid(_ key: String, _ requirement: String) -> ConfigurationError {
        .invalidValue(
            name: name, option: key, value: (options[key] ?? OptionValue.none).description, requirement: requirement)
    }

    /// The number given for `key`, or `fallback` when absent (a required option has none); it must satisfy
    /// `isValid`, else the error states `requirement`.
    func number(
        _ key: String, or fallback: Double? = nil, _ requirement: String = "a number",
        where isValid: (Double) -> Bool = { _ in true }
    ) throws(ConfigurationError) -> Double {
        switch given(key) ?? fallback.map(OptionValue.number) {
        case let .number(x)? where isValid(x): return x
        default: throw invalid(key, requirement)
        }
    }

    /// The integer given for `key` (a number without fraction), or `fallback` when absent; at least
    /// `minimum` when one is given.
    func integer(_ key: String, or fallback: Int? = nil, minimum: Int? = nil) throws(ConfigurationError) -> Int {
        let requirement = minimum.map { "an integer >= \($0)" } ?? "an integer"
        let x = try number(key, or: fallback.map(Double.init), requirement) {
            $0 == $0.rounded() && Swift.abs($0) < 1e15 && $0 >= Double(minimum ?? Int.min)
        }
        return Int(x)
    }

    /// The integer given for `key`, or nil when absent or `None`.
    func optionalInteger(_ key: String) throws(ConfigurationError) -> Int? {
        switch given(key) {
        case nil, OptionValue.none?: return nil
        default: return try integer(key)
        }
    }

    /// The flag given for `key` (`True`/`False`), or its default (or `fallback`) when absent.
    func flag(_ key: String, or fallback: Bool? = nil) throws(ConfigurationError) -> Bool {
        switch given(key) ?? fallback.map(OptionValue.flag) {
        case let .flag(b): return b
        default: throw invalid(key, "True or False")
        }
    }

    /// The two numbers given for `key` (`(0.9, 0.999)`), or its default when absent.
    func pair(_ key: String) throws(ConfigurationError) -> (Double, Double) {
        switch given(key) {
        case let .numbers(xs) where xs.count == 2: return (xs[0], xs[1])
        default: throw invalid(key, "two numbers")
        }
    }

    /// The choice given for `key` as a word (`'strong_wolfe'`) or `None` (the case named `none`), or its
    /// default when absent.
    func choice<Choice: RawRepresentable<String> & CaseIterable>(_ key: String) throws(ConfigurationError) -> Choice {
        switch given(key) {
        case OptionValue.none?: if let none = Choice(rawValue: "none") { return none }
        case let .text(word)?: if let choice = Choice(rawValue: word) { return choice }
        default: break
        }
        throw invalid(key, "None or one of " + Choice.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
    }
}
