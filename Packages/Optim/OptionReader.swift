/// Reads typed options by name, falling back to a table of defaults, and reports bad values with the
/// option's name. Shared by ``OptimizerConfiguration`` and ``LearningRateSchedule``'s parser.
struct OptionReader {
    let name: String
    let options: [String: OptionValue]
    let defaults: [String: OptionValue]

    init(name: String, options: [String: OptionValue], defaults: [(name: String, value: OptionValue)]) {
        self.name = name
        self.options = options
        self.defaults = Dictionary(uniqueKeysWithValues: defaults.map { ($0.name, $0.value) })
    }

    init(kind: OptimizerKind, options: [String: OptionValue]) {
        self.init(name: kind.rawValue, options: options, defaults: kind.defaults)
    }

    func value(_ key: String) -> OptionValue {
        guard let value = options[key] ?? defaults[key] else { preconditionFailure("no default for option \(key)") }
        return value
    }

    func invalid(_ key: String, _ requirement: String) -> ConfigurationError {
        .invalidValue(name: name, option: key, value: value(key).description, requirement: requirement)
    }

    func number(_ key: String, _ check: (Double) -> Bool = { $0.isFinite }, _ requirement: String = "a number") throws -> Double {
        guard case let .number(x) = value(key), x.isFinite, check(x) else { throw invalid(key, requirement) }
        return x
    }

    func nonNegative(_ key: String) throws -> Double {
        try number(key, { $0 >= 0 }, "a number >= 0")
    }

    func unitInterval(_ key: String) throws -> Double {
        try number(key, { $0 >= 0 && $0 < 1 }, "a number in [0, 1)")
    }

    func integer(_ key: String, minimum: Int) throws -> Int {
        let requirement = "an integer >= \(minimum)"
        guard case let .number(x) = value(key), x == x.rounded(), x >= Double(minimum), x < 1e15 else {
            throw invalid(key, requirement)
        }
        return Int(x)
    }

    func optionalInteger(_ key: String, minimum: Int) throws -> Int? {
        if case .none = value(key) { return nil }
        return try integer(key, minimum: minimum)
    }

    func flag(_ key: String) throws -> Bool {
        guard case let .flag(b) = value(key) else { throw invalid(key, "True or False") }
        return b
    }

    func pair(_ key: String, _ check: (Double) -> Bool, _ requirement: String) throws -> (Double, Double) {
        guard case let .numbers(xs) = value(key), xs.count == 2, xs.allSatisfy(check) else {
            throw invalid(key, requirement)
        }
        return (xs[0], xs[1])
    }

    func choice(_ key: String, _ allowed: [String]) throws -> String? {
        switch value(key) {
        case .none: return nil
        case let .text(s) where allowed.contains(s): return s == "none" ? nil : s
        default: throw invalid(key, "None or one of " + allowed.map { "'\($0)'" }.joined(separator: ", "))
        }
    }
}
