import NumberFormatting

/// The language of a worked derivation (``PointDerivation``): its words and its decimal separator.
public enum ReportLanguage: String, Sendable, CaseIterable {
    /// English words and a decimal point.
    case english = "en"
    /// Spanish words and a decimal comma, as a course report in Spanish writes numbers.
    case spanish = "es"
}

/// How a written report prints its numbers: how many digits, and with a decimal point or comma.
public struct NumberStyle: Sendable, Equatable {
    /// How many digits.
    public enum Precision: Sendable, Equatable {
        /// Significant digits, as C's `%.*g` (`0.408672639`, `-8.32667268e-17`).
        case significant(Int)
        /// Fixed decimals, as C's `%.*f` (`0.4087`; a value that rounds to zero is `0.0000`, never `-0.0000`).
        case decimals(Int)
    }

    /// The digits.
    public var precision: Precision
    /// Write `0,5` (in LaTeX `0{,}5`) instead of `0.5`; in plain text a negative number then takes the true
    /// minus sign (`−0,5`), as Spanish typesetting does.
    public var decimalComma: Bool

    /// A style.
    public init(precision: Precision, decimalComma: Bool = false) {
        self.precision = precision
        self.decimalComma = decimalComma
    }

    /// The style for data given to the exercise (weights, inputs, targets, the learning rate): a number
    /// that has at most as many decimals as the style prints is written as short as it is (`0.3`, `1`, not
    /// `0.3000`, `1.0000`), so the givens read as the exercise states them.
    public var given: NumberStyle {
        var style = self
        style.shortWhenExact = true
        return style
    }

    private var shortWhenExact = false

    /// The number as C prints it, with a rounded-away minus sign removed.
    func printedNumber(_ x: Double) -> String {
        if shortWhenExact, case let .decimals(decimals) = precision {
            let short = printed(x, .significant, 15)
            let fraction = short.split(separator: ".", maxSplits: 1).dropFirst().first ?? ""
            if !short.contains("e") && fraction.count <= decimals { return short }
        }
        switch precision {
        case let .significant(digits): return Numbers.withoutRoundedAwayMinus(printed(x, .significant, digits))
        case let .decimals(decimals): return Numbers.withoutRoundedAwayMinus(printed(x, .fixed, decimals))
        }
    }

    /// Plain text: `-0.1991`, or `−0,1991` with a decimal comma; exponents stay as C writes them (`1e-06`).
    public func text(_ x: Double) -> String {
        let text = printedNumber(x)
        guard decimalComma else { return text }
        return Numbers.spanish(text)
    }

    /// LaTeX mathematics: `-0.1991`, `-0{,}1991`, `-8.33 \times 10^{-17}`.
    public func latex(_ x: Double) -> String {
        let number = latexNumber(printedNumber(x))
        return decimalComma ? number.replacing(".", with: "{,}") : number
    }
}
