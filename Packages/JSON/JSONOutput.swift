/// JSON to write: the one writer of the toolkit's JSON (Jupyter notebooks, the backpropagation report, model
/// files, the study's plan file), so that strings are escaped and numbers spelled one way.
///
/// ``indented()`` writes a document as Python's `json.dumps(value, indent=1, sort_keys=True,
/// ensure_ascii=False)` does (nbformat's own layout, so a notebook saved again by Jupyter keeps its bytes);
/// ``compact`` writes it on one line with `json.dumps`'s default separators (`{"a": 1, "b": [1, 2]}`). Formats
/// with a layout of their own (a model file's one layer per line) put ``quoted(_:)``, ``number(_:)`` and
/// ``compact`` pieces together.
///
/// ```swift
/// let value = JSONOutput.object([("name", .string("relu")), ("alpha", .number(0.2))])
/// value.compact        // {"name": "relu", "alpha": 0.2}
/// value.indented()     // {\n "alpha": 0.2,\n "name": "relu"\n}
/// ```
public indirect enum JSONOutput: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer, written without a fraction.
    case integer(Int)
    /// A number in shortest round-trip form (``number(_:)``); `null` when it is not finite.
    case number(Double)
    /// A string (``quoted(_:)``).
    case string(String)
    /// An array.
    case array([JSONOutput])
    /// An object's members, in the order given (``indented()`` sorts them by key).
    case object([(key: String, value: JSONOutput)])

    /// Compares kinds and contents, members in order.
    public static func == (a: JSONOutput, b: JSONOutput) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
        default: return false
        }
    }

    /// A string in double quotes with Python's escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u00XX` for
    /// the other control characters, and everything else as itself (UTF-8, not `\u` escapes).
    public static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    /// A finite number in shortest round-trip form (Swift's `description`: `0.1`, `1.0`, `1e-05`, which JSON
    /// readers take back to the same bits); `null` for NaN and the infinities, which JSON cannot spell.
    public static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

    /// The value on one line: `{"a": 1, "b": [1, 2]}`, members in their order.
    public var compact: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .integer(n): return String(n)
        case let .number(x): return Self.number(x)
        case let .string(s): return Self.quoted(s)
        case let .array(items): return "[" + items.map(\.compact).joined(separator: ", ") + "]"
        case let .object(members):
            return "{" + members.map { Self.quoted($0.key) + ": " + $0.value.compact }.joined(separator: ", ") + "}"
        }
    }

    /// The value as `json.dumps(indent=1, sort_keys=True, ensure_ascii=False)` writes it: one member or item a
    /// line, each level one space further in, keys sorted by code point, `[]` and `{}` when empty.
    public func indented() -> String {
        var text = ""
        write(to: &text, indent: "")
        return text
    }

    private func write(to text: inout String, indent: String) {
        let inner = indent + " "
        switch self {
        case .null, .bool, .integer, .number, .string: text += compact
        case let .array(items):
            guard !items.isEmpty else { return text += "[]" }
            text += "[\n"
            for (index, item) in items.enumerated() {
                text += inner
                item.write(to: &text, indent: inner)
                text += index + 1 < items.count ? ",\n" : "\n"
            }
            text += indent + "]"
        case let .object(members):
            guard !members.isEmpty else { return text += "{}" }
            text += "{\n"
            let sorted = members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
            for (index, member) in sorted.enumerated() {
                text += inner + Self.quoted(member.key) + ": "
                member.value.write(to: &text, indent: inner)
                text += index + 1 < sorted.count ? ",\n" : "\n"
            }
            text += indent + "}"
        }
    }
}
