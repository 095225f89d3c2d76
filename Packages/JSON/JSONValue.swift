/// A parsed JSON value that remembers where it stood in its text, so that a bad model file can be
/// reported as `model.json:3:17: …`.
///
/// Numbers are converted with Swift's correctly rounded `Double(String)`, so the shortest round-trip
/// text written by NN's `ModelFile` reads back to the same bits. Model files, the study's plan file
/// (`plan.json`) and the tests' fixtures are read with it.
public struct JSONValue {
    /// The value's type and contents.
    public enum Kind {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number, correctly rounded to the nearest `Double`.
        case number(Double)
        /// A string, with its escapes resolved.
        case string(String)
        /// An array of values.
        case array([JSONValue])
        /// An object's members in the order of the text (keys are distinct).
        case object([(key: String, value: JSONValue)])
    }

    /// The value's type and contents.
    public let kind: Kind
    /// 1-based line of the value's first character.
    public let line: Int
    /// 1-based column of the value's first character.
    public let column: Int

    /// The member `key` of an object, if present.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a Boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Parses a complete JSON document.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }
}

/// A JSON syntax error at a 1-based line and column.
public struct JSONSyntaxError: Error {
    /// 1-based line.
    public let line: Int
    /// 1-based column.
    public let column: Int
    /// What is wrong there.
    public let message: String
}

private struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    var line = 1
    var lineStart = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var column: Int { position - lineStart + 1 }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: column, message: message)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
                lineStart = position
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            default:
                return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < 512 else { throw error("nesting too deep") }
        guard position < bytes.count else { throw error("unexpected end of input") }
        let (startLine, startColumn) = (line, column)
        func value(_ kind: JSONValue.Kind) -> JSONValue { JSONValue(kind: kind, line: startLine, column: startColumn) }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
                position += 1
                return value(.object(members))
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw error("expected a quoted key")
                }
                let key = try parseString()
                skipWhitespace()
                try expect(":")
                skipWhitespace()
                if members.contains(where: { $0.key == key }) { throw error("duplicate key \"\(key)\"") }
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                if try endOfContainer("}") { return value(.object(members)) }
            }
        case UInt8(ascii: "["):
            position += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
                position += 1
                return value(.array(elements))
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if try endOfContainer("]") { return value(.array(elements)) }
            }
        case UInt8(ascii: "\""):
            return value(.string(try parseString()))
        case UInt8(ascii: "t"):
            try literal("true")
            return value(.bool(true))
        case UInt8(ascii: "f"):
            try literal("false")
            return value(.bool(false))
        case UInt8(ascii: "n"):
            try literal("null")
            return value(.null)
        default:
            return value(.number(try parseNumber()))
        }
    }

    /// After an element: `,` continues the container, `close` ends it.
    mutating func endOfContainer(_ close: Unicode.Scalar) throws(JSONSyntaxError) -> Bool {
        guard position < bytes.count else { throw error("unexpected end of input, expected , or \(close)") }
        if bytes[position] == UInt8(ascii: ",") {
            position += 1
            return false
        }
        if bytes[position] == UInt8(ascii: close) {
            position += 1
            return true
        }
        throw error("expected , or \(close)")
    }

    mutating func expect(_ character: Unicode.Scalar) throws(JSONSyntaxError) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else {
            throw error("expected \(character)")
        }
        position += 1
    }

    mutating func literal(_ word: String) throws(JSONSyntaxError) {
        for byte in word.utf8 {
            guard position < bytes.count, bytes[position] == byte else {
                throw error("invalid literal, expected \(word)")
            }
            position += 1
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        let allowed = Set("+-0123456789.eE".utf8)
        while position < bytes.count && allowed.contains(bytes[position]) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !text.isEmpty else {
            let found = position < bytes.count ? String(UnicodeScalar(bytes[position])) : "end of input"
            throw JSONSyntaxError(
                line: line, column: start - lineStart + 1, message: "expected a value, found \(found)")
        }
        guard let number = Double(text), isJSONNumber(text) else {
            throw JSONSyntaxError(line: line, column: start - lineStart + 1, message: "invalid number \(text)")
        }
        return number
    }

    /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    func isJSONNumber(_ text: String) -> Bool {
        var s = Substring(text)
        if s.hasPrefix("-") { s = s.dropFirst() }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if digits.isEmpty || (digits.count > 1 && digits.first == "0") { return false }
        s = s.dropFirst(digits.count)
        if s.hasPrefix(".") {
            let fraction = s.dropFirst().prefix { $0.isASCII && $0.isNumber }
            if fraction.isEmpty { return false }
            s = s.dropFirst(1 + fraction.count)
        }
        if s.hasPrefix("e") || s.hasPrefix("E") {
            s = s.dropFirst()
            if s.hasPrefix("+") || s.hasPrefix("-") { s = s.dropFirst() }
            let exponent = s.prefix { $0.isASCII && $0.isNumber }
            if exponent.isEmpty { return false }
            s = s.dropFirst(exponent.count)
        }
        return s.isEmpty
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars) }
            run.removeAll()
        }
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                        let code = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
                    else { throw error("invalid \\u escape") }
                    position += 4
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default:
                    throw error("invalid escape \\\(String(UnicodeScalar(escape)))")
                }
            case 0..<0x20:
                throw error("control character in string")
            default:
                run.append(byte)
                position += 1
            }
        }
        throw error("unterminated string")
    }
}
