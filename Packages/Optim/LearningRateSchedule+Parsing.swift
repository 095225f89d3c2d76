extension LearningRateSchedule {
    /// The schedule names and the PyTorch keyword names of their options.
    static let optionNames: [(name: String, options: [String])] = [
        ("constant", []),
        ("step", ["step_size", "gamma"]),
        ("exponential", ["gamma"]),
        ("cosine", ["T_max", "eta_min"]),
    ]

    /// Parses a schedule in PyTorch's call syntax: `constant`, `step(step_size=M, gamma=γ)` (StepLR,
    /// γ = 0.1 by default), `exponential(gamma=γ)` (ExponentialLR) or `cosine(T_max=T, eta_min=η)`
    /// (CosineAnnealingLR, η = 0 by default).
    ///
    /// - Parameter text: the schedule, e.g. `step(step_size=10, gamma=0.5)`.
    /// - Throws: ``ConfigurationError`` naming the schedule and the option.
    public init(parsing text: String) throws {
        let call = try CallSyntax(parsing: text)
        guard let entry = LearningRateSchedule.optionNames.first(where: { $0.name == call.name }) else {
            throw ConfigurationError.unknownName(call.name, known: LearningRateSchedule.optionNames.map(\.name))
        }
        let r = try OptionReader(name: call.name, options: call.options, accepted: entry.options)
        switch call.name {
        case "step":
            self = .stepDecay(
                every: try r.integer("step_size", minimum: 1),
                factor: try r.number("gamma", or: 0.1, "a finite number > 0", where: Self.isFactor))
        case "exponential":
            self = .exponential(factor: try r.number("gamma", "a finite number > 0", where: Self.isFactor))
        case "cosine":
            self = .cosine(
                period: try r.integer("T_max", minimum: 1), minimum: try r.number("eta_min", or: 0, where: \.isFinite))
        default:
            self = .constant
        }
    }

    /// Whether `gamma` can scale a learning rate: finite and positive (a negative one makes every other
    /// epoch's rate negative, an ascent; zero stops learning after the first decay).
    static func isFactor(_ gamma: Double) -> Bool { gamma.isFinite && gamma > 0 }
}
