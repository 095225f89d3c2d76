/// A value as an error message shows it: in double quotes, with quotes and backslashes escaped and every
/// control character written as an escape (`\n`, `\t`, `\0`, `\u{1B}`), so that a message stays one line
/// and a NUL byte or a terminal escape in a user's value never reaches the terminal raw.
///
/// A value longer than `limit` characters is cut to its first `limit - 10` and its length
/// (`"nnnn…" (1048576 characters)`), so a megabyte of input is not echoed whole.
public func escapedForMessage(_ text: String, limit: Int = 60) -> String {
    var result = "\""
    var count = 0
    for character in text {
        count += 1
        if count > limit {
            let total = text.count
            return String(escapedForMessage(String(text.prefix(limit - 10)), limit: limit).dropLast())
                + "…\" (\(total) characters)"
        }
        for scalar in character.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
    }
    return result + "\""
}
