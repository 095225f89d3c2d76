import NumberFormatting

/// A hyper-parameter value as written in a configuration: a number, a flag, a word, a tuple of numbers, or
/// none (Python's `None`).
///
/// Configurations use PyTorch's keyword names and value syntax, e.g. `betas=(0.9, 0.999)`,
/// `nesterov=True`, `line_search_fn='strong_wolfe'`, `max_eval=None`. In JSON the same values are a number,
/// `true`/`false`, a string, an array of numbers, or `null`.
public enum OptionValue: Sendable, Equatable, Hashable, CustomStringConvertible, Decodable {
    /// A number (integers are numbers with no fractional part).
    case number(Double)
    /// `True` / `False`.
    case flag(Bool)
    /// A word such as `strong_wolfe`.
    case text(String)
    /// A tuple of numbers such as `(0.9, 0.999)`.
    case numbers([Double])
    /// `None`.
    case none

    /// The value in PyTorch's keyword-argument syntax (numbers in shortest round-trip form).
    public var description: String {
        switch self {
        case let .number(x): return OptionValue.format(x)
        case let .flag(b): return b ? "True" : "False"
        case let .text(s): return "'\(s)'"
        case let .numbers(xs): return "(" + xs.map(OptionValue.format).joined(separator: ", ") + ")"
        case .none: return "None"
        }
    }

    /// Formats a number as Python's `repr` would for floats and ints (`20` rather than `20.0`).
    static func format(_ x: Double) -> String { Numbers.integralOrShortest(x) }

    /// Decodes `null`, a boolean, a number, a string or an array of numbers.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: `DecodingError.typeMismatch` for any other JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .none
        } else if let b = try? container.decode(Bool.self) {
            self = .flag(b)
        } else if let x = try? container.decode(Double.self) {
            self = .number(x)
        } else if let s = try? container.decode(String.self) {
            self = .text(s)
        } else if let xs = try? container.decode([Double].self) {
            self = .numbers(xs)
        } else {
            throw DecodingError.typeMismatch(
                OptionValue.self,
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected null, a bool, a number, a string or numbers"))
        }
    }
}

/// A Swift value that a catalog entry gives as a setting's default: a number, an integer, a flag, a pair of
/// numbers, or an ``OptionValue`` itself (`.none`, a word).
protocol OptionValueConvertible {
    /// The value as a setting.
    var optionValue: OptionValue { get }
}

extension Double: OptionValueConvertible {
    /// `.number`.
    var optionValue: OptionValue { .number(self) }
}

extension Int: OptionValueConvertible {
    /// `.number`.
    var optionValue: OptionValue { .number(Double(self)) }
}

extension Bool: OptionValueConvertible {
    /// `.flag`.
    var optionValue: OptionValue { .flag(self) }
}

extension Array: OptionValueConvertible where Element == Double {
    /// `.numbers`.
    var optionValue: OptionValue { .numbers(self) }
}

extension OptionValue: OptionValueConvertible {
    /// Itself.
    var optionValue: OptionValue { self }
}
