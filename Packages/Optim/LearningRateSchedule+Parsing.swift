extension LearningRateSchedule {
    /// The schedule names and their options with PyTorch's keyword names (`None` marks a required option).
    static let parameterTable: [(name: String, options: [(name: String, value: OptionValue)])] = [
        ("constant", []),
        ("step", [("step_size", .none), ("gamma", .number(0.1))]),
        ("exponential", [("gamma", .none)]),
        ("cosine", [("T_max", .none), ("eta_min", .number(0))]),
    ]

    /// Parses a schedule in PyTorch's call syntax: `constant`, `step(step_size=M, gamma=γ)` (StepLR,
    /// γ = 0.1 by default), `exponential(gamma=γ)` (ExponentialLR) or `cosine(T_max=T, eta_min=η)`
    /// (CosineAnnealingLR, η = 0 by default).
    ///
    /// - Parameter text: the schedule, e.g. `step(step_size=10, gamma=0.5)`.
    /// - Throws: ``ConfigurationError`` naming the schedule and the option.
    public init(parsing text: String) throws {
        let call = try CallSyntax(parsing: text)
        guard let entry = LearningRateSchedule.parameterTable.first(where: { $0.name == call.name }) else {
            throw ConfigurationError.unknownName(call.name, known: LearningRateSchedule.parameterTable.map(\.name))
        }
        let known = entry.options.map(\.name)
        for key in call.options.keys.sorted() where !known.contains(key) {
            throw ConfigurationError.unknownOption(name: call.name, option: key, known: known)
        }
        let r = OptionReader(name: call.name, options: call.options, defaults: entry.options)
        switch call.name {
        case "step":
            self = .stepDecay(every: try r.integer("step_size", minimum: 1), factor: try r.number("gamma"))
        case "exponential":
            self = .exponential(factor: try r.number("gamma"))
        case "cosine":
            self = .cosine(period: try r.integer("T_max", minimum: 1), minimum: try r.number("eta_min"))
        default:
            self = .constant
        }
    }
}
