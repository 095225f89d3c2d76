import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A number as a Spanish text writes it: decimal comma, true minus sign, `digits` significant digits
/// (C's `%.*g`, so `0,1`, `−2,5`, `1,2346e-05`); infinities as `∞` and NaN as `NaN`.
///
/// ```swift
/// print("pérdida = \(es(0.123456789))")     // pérdida = 0,123457
/// print("α = \(es(1e-3, digits: 2))")        // α = 0,001
/// ```
public func es(_ x: Double, digits: Int = 6) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "−∞" : "∞" }
    var buffer = [CChar](repeating: 0, count: 64)
    let count = withVaList([Int32(max(1, min(17, digits))), x]) { vsnprintf(&buffer, 64, "%.*g", $0) }
    var text = String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.hasPrefix("-") && text.allSatisfy({ "-0.".contains($0) }) { text.removeFirst() }
    text = text.replacing(".", with: ",")
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}

/// A number with a fixed count of decimals, Spanish style: `es(0.5, decimals: 3)` is `0,500`.
public func es(_ x: Double, decimals: Int) -> String {
    if !x.isFinite { return es(x) }
    var buffer = [CChar](repeating: 0, count: 400)
    let count = withVaList([Int32(max(0, min(30, decimals))), x]) { vsnprintf(&buffer, 400, "%.*f", $0) }
    var text = String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.hasPrefix("-") && text.allSatisfy({ "-0.".contains($0) }) { text.removeFirst() }
    text = text.replacing(".", with: ",")
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}

/// Numbers Spanish style, separated by semicolons (the comma is the decimal separator): `[0,5; −1]`.
public func es(_ xs: [Double], digits: Int = 6) -> String {
    "[" + xs.map { es($0, digits: digits) }.joined(separator: "; ") + "]"
}
