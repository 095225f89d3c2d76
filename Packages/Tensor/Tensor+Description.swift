import NumberFormatting
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Tensor: CustomStringConvertible {
    /// The elements printed like NumPy: nested brackets, columns aligned on the decimal point, at most
    /// eight decimals with trailing zeros trimmed, scientific notation when magnitudes span more than
    /// three decades or fall outside [1e-4, 1e8).
    public var description: String {
        let cells = Tensor.formatCells(scalars)
        if rank == 0 { return cells.first ?? "" }
        var output = ""
        var position = 0
        func emit(_ dimension: Int, indent: Int) {
            output += "["
            if dimension == rank - 1 {
                let extent = shape[dimension]
                output += cells[position..<(position + extent)].joined(separator: " ")
                position += extent
            } else {
                for i in 0..<shape[dimension] {
                    if i > 0 {
                        output += String(repeating: "\n", count: rank - 1 - dimension)
                        output += String(repeating: " ", count: indent + 1)
                    }
                    emit(dimension + 1, indent: indent + 1)
                }
            }
            output += "]"
        }
        emit(0, indent: 0)
        return output
    }

    /// Formats values as NumPy's default float printing does, padded to a common width.
    static func formatCells(_ values: [Double]) -> [String] {
        let finite = values.filter { $0.isFinite && $0 != 0 }.map { Swift.abs($0) }
        let scientific: Bool
        if let largest = finite.max(), let smallest = finite.min() {
            scientific = largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3
        } else {
            scientific = false
        }
        var texts: [String]
        if scientific {
            let digits = values.map { decimalsNeeded(exponentialMantissa: $0) }.max() ?? 0
            texts = values.map { value in
                let text = format(value, style: "e", decimals: digits)
                // NumPy keeps the point of an integral mantissa: "1.e-05".
                guard digits == 0, let e = text.firstIndex(of: "e") else { return text }
                return String(text[..<e]) + "." + String(text[e...])
            }
        } else {
            let digits = values.map { decimalsNeeded(fixed: $0) }.max() ?? 0
            texts = values.map { format($0, style: "f", decimals: digits) }
            if digits == 0 {
                texts = texts.map { $0.contains("n") ? $0 : $0 + "." }
            } else {
                // Left-align the fractional part: trim trailing zeros, then pad on the right.
                texts = Swift.zip(values, texts).map { value, text in
                    guard value.isFinite, text.contains(".") else { return text }
                    var trimmed = Substring(text)
                    while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
                    return String(trimmed) + String(repeating: " ", count: text.count - trimmed.count)
                }
            }
        }
        let width = texts.map(\.count).max() ?? 0
        return texts.map { String(repeating: " ", count: width - $0.count) + $0 }
    }

    /// The decimals (≤ 8) that print `value` rounded to 8 decimals without trailing zeros.
    private static func decimalsNeeded(fixed value: Double) -> Int {
        guard value.isFinite else { return 0 }
        let text = format(value, style: "f", decimals: 8)
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        var fraction = text[text.index(after: dot)...]
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        return fraction.count
    }

    /// The mantissa decimals (≤ 8) that print `value` in scientific notation without trailing zeros.
    private static func decimalsNeeded(exponentialMantissa value: Double) -> Int {
        guard value.isFinite else { return 0 }
        let text = format(value, style: "e", decimals: 8)
        guard let dot = text.firstIndex(of: "."), let e = text.firstIndex(of: "e") else { return 0 }
        var fraction = text[text.index(after: dot)..<e]
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        return fraction.count
    }

    /// `printf`-style formatting of one double ("f" or "e" style).
    static func format(_ value: Double, style: Character, decimals: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return Numbers.printed(value, style == "e" ? .scientific : .fixed, precision: decimals)
    }
}
