import NumberFormatting

/// A number as a Spanish text writes it: decimal comma, true minus sign, `digits` significant digits
/// (C's `%.*g`, so `0,1`, `−2,5`, `1e-05`); a value that rounds to zero has no sign; infinities as `∞` and
/// NaN as `NaN`.
///
/// ```swift
/// print("pérdida = \(es(0.123456789))")     // pérdida = 0,123457
/// print("α = \(es(1e-3, digits: 2))")        // α = 0,001
/// ```
public func es(_ x: Double, digits: Int = 6) -> String {
    spanish(x) { Numbers.significant($0, digits: max(1, min(17, digits))) }
}

/// A number with a fixed count of decimals, Spanish style: `es(0.5, decimals: 3)` is `0,500`.
public func es(_ x: Double, decimals: Int) -> String {
    spanish(x) { Numbers.fixed($0, decimals: max(0, min(30, decimals))) }
}

/// Numbers Spanish style, separated by semicolons (the comma is the decimal separator): `[0,5; −1]`.
public func es(_ xs: [Double], digits: Int = 6) -> String {
    "[" + xs.map { es($0, digits: digits) }.joined(separator: "; ") + "]"
}

/// `printed(x)` in Spanish, without the sign of a value that rounded to zero.
private func spanish(_ x: Double, _ printed: (Double) -> String) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "−∞" : "∞" }
    return Numbers.spanish(Numbers.withoutRoundedAwayMinus(printed(x)))
}
