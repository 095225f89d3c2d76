import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many checks failed so far in this session's cells (each cell's process starts from its parent's count).
public nonisolated(unsafe) var failedChecks = 0

/// Checks a computed value against the value the original notebook states (or an independent reference),
/// and prints one line: `[PASA] pérdida tras 10 pasos: 0,0932 (esperado 0,0932)` or `[FALLA] …`.
///
/// The value passes when `|value − expected| ≤ tolerance · max(1, |expected|)`: an absolute tolerance for
/// values up to 1, a relative one above. The notebook tests read these lines; a `[FALLA]` fails them.
public func check(_ description: String, _ value: Double, expected: Double, tolerance: Double = 1e-9) {
    let passed = abs(value - expected) <= tolerance * max(1, abs(expected)) || value == expected
    // Enough digits to see a difference of `tolerance` (all 17 for an exact comparison).
    let digits = tolerance > 0 && tolerance.isFinite ? max(4, min(15, Int((-log10(tolerance)).rounded(.up)) + 1)) : 17
    report(
        passed,
        "\(description): \(es(value, digits: digits)) (esperado \(es(expected, digits: digits)))")
}

/// Checks a condition the notebook states, printing `[PASA] description` or `[FALLA] description`.
public func check(_ description: String, _ condition: Bool) {
    report(condition, description)
}

private func report(_ passed: Bool, _ line: String) {
    if !passed { failedChecks += 1 }
    print((passed ? "[PASA] " : "[FALLA] ") + line)
}
