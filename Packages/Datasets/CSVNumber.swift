import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decimal-number parsing for the CSV reader: a strict grammar, an exact fast path, `strtod` otherwise.
///
/// The accepted grammar is `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`. Hexadecimal
/// floats, `nan`, `inf`, and digit-group separators, which `strtod` would take, are rejected.
///
/// Conversion is correctly rounded in both paths:
/// - the fast path (Clinger's): when the significant digits form an integer m < 2⁵³ and the decimal
///   exponent e has |e| ≤ 22, both m and 10^|e| are exact doubles, so the single product m·10^e or
///   quotient m/10^|e| is correctly rounded by IEEE arithmetic;
/// - otherwise the C library's `strtod`, which glibc rounds correctly for any length. `strtod` reads the
///   C locale's decimal point only when the process has not changed `LC_NUMERIC`; when it has, Swift's
///   locale-independent `Double(_:)` is used instead.
enum CSVNumber {
    /// Exact powers of ten 10⁰ … 10²².
    static let powersOfTen: [Double] = {
        var powers = [1.0]
        for _ in 1...22 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// Whether `strtod` reads `.` as the decimal point in this process.
    static let strtodUsesDot: Bool = {
        guard let point = localeconv()?.pointee.decimal_point else { return false }
        return String(cString: point) == "."
    }()

    /// Scans a number that starts at `start` and ends before `end`.
    ///
    /// - Returns: the value and the position just past the last character of the number, or `nil` when
    ///   the text at `start` does not begin with the grammar above. The caller checks that the number is
    ///   followed by a field delimiter; when the number ends before `end`, the byte there is readable.
    @inline(__always)
    static func scan(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> (Double, UnsafePointer<UInt8>)? {
        var p = start
        var negative = false
        if p < end && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0  // digits held in `mantissa` (leading zeros excluded)
        var exponent = 0  // decimal exponent to apply to `mantissa`
        var overflowed = false  // more than 19 significant digits: the fast path cannot be used
        var digits = 0
        while p < end, case let d = p.pointee &- UInt8(ascii: "0"), d < 10 {
            if mantissa == 0 && d == 0 {
                // leading zero
            } else if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                significant += 1
            } else {
                exponent += 1
                overflowed = true
            }
            digits += 1
            p += 1
        }
        if p < end && p.pointee == UInt8(ascii: ".") {
            p += 1
            while p < end, case let d = p.pointee &- UInt8(ascii: "0"), d < 10 {
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significant += 1
                    exponent -= 1
                } else {
                    overflowed = true
                }
                digits += 1
                p += 1
            }
        }
        guard digits > 0 else { return nil }
        if p < end && (p.pointee | 0x20) == UInt8(ascii: "e") {
            var q = p + 1
            var exponentNegative = false
            if q < end && (q.pointee == UInt8(ascii: "-") || q.pointee == UInt8(ascii: "+")) {
                exponentNegative = q.pointee == UInt8(ascii: "-")
                q += 1
            }
            var written = 0
            var exponentDigits = 0
            while q < end, case let d = q.pointee &- UInt8(ascii: "0"), d < 10 {
                if written < 100_000 { written = written * 10 + Int(d) }
                exponentDigits += 1
                q += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
            p = q
        }
        if mantissa == 0 {
            return (negative ? -0.0 : 0.0, p)
        }
        if !overflowed && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            let magnitude = Double(mantissa)
            let value = exponent < 0 ? magnitude / powersOfTen[-exponent] : magnitude * powersOfTen[exponent]
            return (negative ? -value : value, p)
        }
        return (slowPath(start, p), p)
    }

    /// Converts an already validated token with the C library (or Swift when the locale is not C's).
    ///
    /// The byte at `end` is readable and is not part of a number (a delimiter or the buffer's sentinel),
    /// so `strtod` stops exactly there.
    static func slowPath(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double {
        if strtodUsesDot {
            return start.withMemoryRebound(to: CChar.self, capacity: end - start + 1) { strtod($0, nil) }
        }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        return Double(text) ?? .nan
    }

    /// Whether a token spells a NaN or an infinity (`nan`, `inf`, `infinity`, any case, optional sign),
    /// so that the error can say "not finite" instead of "not a number".
    static func spellsNonFinite(_ token: String) -> Bool {
        var word = token.lowercased()
        if word.hasPrefix("-") || word.hasPrefix("+") { word.removeFirst() }
        return word == "nan" || word == "inf" || word == "infinity"
    }
}
