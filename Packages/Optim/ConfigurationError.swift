/// Errors from an optimizer's initializer (a hyper-parameter out of range) or from reading an optimizer or
/// schedule configuration by name (user input: the CLI's `--optimizer` and `--schedule`). Each message
/// names the configuration and the offending option by PyTorch's keyword.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The text is not `name` or `name(key=value, …)`; `column` is 1-based.
    case syntax(text: String, column: Int, message: String)
    /// No optimizer or schedule has this name.
    case unknownName(String, known: [String])
    /// The option does not belong to this optimizer or schedule.
    case unknownOption(name: String, option: String, known: [String])
    /// The option was given twice.
    case duplicateOption(name: String, option: String)
    /// The value has the wrong type or is out of range; `requirement` says what is expected.
    case invalidValue(name: String, option: String, value: String, requirement: String)

    /// A one-line explanation naming the configuration and the option.
    public var description: String {
        switch self {
        case let .syntax(text, column, message):
            return "\(text): column \(column): \(message)"
        case let .unknownName(name, known):
            return "unknown name '\(name)'; expected one of: \(known.joined(separator: ", "))"
        case let .unknownOption(name, option, known):
            return "\(name): unknown option '\(option)'; \(name) accepts: \(known.joined(separator: ", "))"
        case let .duplicateOption(name, option):
            return "\(name): option '\(option)' is given twice"
        case let .invalidValue(name, option, value, requirement):
            return "\(name): \(option)=\(value): expected \(requirement)"
        }
    }
}
