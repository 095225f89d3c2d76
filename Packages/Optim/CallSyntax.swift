/// Parses PyTorch-style calls such as `adam(lr=0.01, betas=(0.9, 0.999))`: a name, optionally followed by
/// keyword arguments in parentheses. Values are numbers, `True`/`False`, `None`, quoted or bare words, and
/// tuples or lists of numbers. Names are lower-cased and `_` becomes `-` (`Momentum_UDL` → `momentum-udl`).
struct CallSyntax {
    /// The normalised name.
    let name: String
    /// The keyword arguments by name.
    let options: [String: OptionValue]

    /// Parses `text`, throwing ``ConfigurationError/syntax(text:column:message:)`` with the column of the
    /// first character it cannot read, or ``ConfigurationError/duplicateOption(name:option:)``.
    init(parsing text: String) throws(ConfigurationError) {
        var parser = CallParser(text: text)
        let (name, arguments) = try parser.parseCall()
        var options: [String: OptionValue] = [:]
        for (key, value) in arguments {
            guard options.updateValue(value, forKey: key) == nil else {
                throw .duplicateOption(name: name, option: key)
            }
        }
        (self.name, self.options) = (name, options)
    }
}

/// A recursive-descent reader over the characters of one call.
private struct CallParser {
    let text: String
    let characters: [Character]
    var position = 0

    init(text: String) {
        self.text = text
        self.characters = Array(text)
    }

    func failure(_ message: String) -> ConfigurationError {
        .syntax(text: text, column: position + 1, message: message)
    }

    var current: Character? { position < characters.count ? characters[position] : nil }

    mutating func skipSpaces() {
        while let c = current, c.isWhitespace { position += 1 }
    }

    mutating func expect(_ c: Character) throws(ConfigurationError) {
        skipSpaces()
        guard current == c else { throw failure("expected '\(c)'") }
        position += 1
    }

    mutating func word() -> String {
        skipSpaces()
        var result = ""
        while let c = current, c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." || c == "+" {
            result.append(c)
            position += 1
        }
        return result
    }

    mutating func parseCall() throws(ConfigurationError) -> (String, [(key: String, value: OptionValue)]) {
        let rawName = word()
        guard !rawName.isEmpty else { throw failure("expected a name") }
        let name = String(rawName.lowercased().map { $0 == "_" ? "-" : $0 })
        var arguments: [(key: String, value: OptionValue)] = []
        skipSpaces()
        if current == "(" {
            position += 1
            skipSpaces()
            if current == ")" {
                position += 1
            } else {
                while true {
                    let key = word()
                    guard !key.isEmpty else { throw failure("expected an option name") }
                    try expect("=")
                    arguments.append((key, try parseValue()))
                    skipSpaces()
                    if current == "," {
                        position += 1
                        continue
                    }
                    try expect(")")
                    break
                }
            }
        }
        skipSpaces()
        guard current == nil else { throw failure("unexpected '\(current!)'") }
        return (name, arguments)
    }

    mutating func parseValue() throws(ConfigurationError) -> OptionValue {
        skipSpaces()
        switch current {
        case "(", "[":
            let close: Character = current == "(" ? ")" : "]"
            position += 1
            var numbers: [Double] = []
            skipSpaces()
            while current != close {
                let start = position
                let token = word()
                guard let x = Double(token) else {
                    position = start
                    throw failure("expected a number")
                }
                numbers.append(x)
                skipSpaces()
                if current == "," {
                    position += 1
                } else if current != close {
                    throw failure("expected ',' or '\(close)'")
                }
                skipSpaces()
            }
            position += 1
            return .numbers(numbers)
        case "'", "\"":
            let quote = current!
            position += 1
            var result = ""
            while let c = current, c != quote {
                result.append(c)
                position += 1
            }
            guard current == quote else { throw failure("unterminated string") }
            position += 1
            return .text(result)
        default:
            let start = position
            let token = word()
            guard !token.isEmpty else {
                position = start
                throw failure("expected a value")
            }
            switch token {
            case "True", "true": return .flag(true)
            case "False", "false": return .flag(false)
            case "None", "none", "null": return .none
            default: return Double(token).map(OptionValue.number) ?? .text(token)
            }
        }
    }
}
