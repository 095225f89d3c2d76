#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The character between a number's integer part and its decimals.
public enum DecimalMark: Sendable, Equatable {
    /// `0.5`, as in English and in code.
    case point
    /// `0,5`, as in Spanish and most European languages.
    case comma
}

/// How the toolkit writes numbers for people, in one place: C's `printf` conversions with a precision
/// (fixed decimals, significant digits, scientific), the shortest round-trip form, the decimal mark, the
/// true minus sign and digit grouping. Reports, notebooks, figures and tools all write their numbers with
/// these, each choosing the pieces its medium wants:
///
/// ```swift
/// Numbers.fixed(0.40867, decimals: 3)                       // "0.409"
/// Numbers.significant(-8.32667268e-17, digits: 3)           // "-8.33e-17"
/// Numbers.spanish(Numbers.fixed(-0.25, decimals: 2))        // "−0,25"
/// Numbers.integralOrShortest(20)                            // "20" (and "0.001" for 0.001)
/// Numbers.grouped(10_000_400_001, separator: ",")           // "10,000,400,001"
/// ```
public enum Numbers {
    /// A `printf` conversion.
    public enum Conversion: String, Sendable {
        /// `%.*f`: fixed decimals.
        case fixed = "f"
        /// `%.*e`: one digit, the decimals, an exponent (`1.23e-04`).
        case scientific = "e"
        /// `%.*g`: significant digits, fixed or scientific as C chooses (`0.408672639`, `1e-06`).
        case significant = "g"
    }

    /// `x` as C's `printf` writes it with `%.*<conversion>` and the given precision (0 to 300), correctly
    /// rounded from the binary value, as Python's `%` operator does.
    public static func printed(_ x: Double, _ conversion: Conversion, precision: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 1024) { buffer in
            _ = withVaList([Int32(max(0, min(precision, 300))), x]) {
                vsnprintf(buffer.baseAddress!, 1024, "%.*" + conversion.rawValue, $0)
            }
            return String(cString: buffer.baseAddress!)
        }
    }

    /// `x` with exactly `decimals` decimals (`%.*f`): `0.409`, `-0.000`.
    public static func fixed(_ x: Double, decimals: Int) -> String { printed(x, .fixed, precision: decimals) }

    /// `x` with `digits` significant digits (`%.*g`): `0.409`, `-8.33e-17`, `1`.
    public static func significant(_ x: Double, digits: Int) -> String { printed(x, .significant, precision: digits) }

    /// The shortest text that reads back as `x` (Swift's `description`, Python's `repr`): `0.1`, `1.0`, `1e-05`.
    public static func shortest(_ x: Double) -> String { "\(x)" }

    /// `x` as an integer when it is one below 10¹⁵ in magnitude (`20`, `-3`), else ``shortest(_:)``: how
    /// PyTorch's keyword arguments, the study's tables and its report write settings and counts.
    public static func integralOrShortest(_ x: Double) -> String {
        x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : shortest(x)
    }

    /// `x` rounded to `digits` significant digits, as a number (0, infinities and NaN unchanged).
    public static func rounded(_ x: Double, significantDigits digits: Int) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let magnitude = Int(log10(Swift.abs(x)).rounded(.down))
        let scale = pow(10, Double(digits - 1 - magnitude))
        return (x * scale).rounded() / scale
    }

    /// `text`, a printed number, without the minus sign of a value that rounded to zero (`-0.000` → `0.000`,
    /// `-0` → `0`); any other text unchanged.
    public static func withoutRoundedAwayMinus(_ text: String) -> String {
        text.hasPrefix("-") && text.allSatisfy({ "-0.".contains($0) }) ? String(text.dropFirst()) : text
    }

    /// `text`, a number written with a decimal point, with `mark` instead: `0,5`. Any other character is kept.
    public static func marked(_ text: String, _ mark: DecimalMark) -> String {
        mark == .point ? text : String(text.map { $0 == "." ? "," : $0 })
    }

    /// `text` with a leading hyphen-minus written as the minus sign U+2212 (`−0.5`), as typesetting wants.
    public static func trueMinus(_ text: String) -> String {
        text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// `text` as Spanish text writes it: a decimal comma and the true minus sign (`−0,25`).
    public static func spanish(_ text: String) -> String { trueMinus(marked(text, .comma)) }

    /// The integer `n` with its digits grouped by three from the right with `separator`, once it has at least
    /// `minimumDigits` digits (English `10,000`; Spanish, from five digits on, `10 000` with a no-break
    /// space); a negative number takes `minus`.
    public static func grouped(_ n: Int, separator: String, minimumDigits: Int = 4, minus: String = "-") -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? minus : ""
        guard digits.count >= minimumDigits else { return sign + digits }
        var groups: [Substring] = []
        var rest = Substring(digits)
        while rest.count > 3 {
            groups.insert(rest.suffix(3), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(rest, at: 0)
        return sign + groups.joined(separator: separator)
    }
}
