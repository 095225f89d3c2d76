import Testing

// The tests' one tolerance rule: a value agrees with its reference when |a − e| ≤ max(absolute, relative·|e|,
// ulps·ulp(e)). Every comparison of computed numbers with independent ones goes through it (`expectClose`, or
// `worstError` where a test reports the worst of many), with its tolerances named at the call.

/// The largest of `|aᵢ − eᵢ| / max(absolute, relative·|eᵢ|, ulps·ulp(eᵢ))`, the error in units of the allowed
/// one, with its index (NaN counts as infinitely wrong). A value ≤ 1 passes.
public func worstError(
    _ actual: [Double], _ expected: [Double], absolute: Double, relative: Double, ulps: Double = 0
) -> (error: Double, index: Int) {
    precondition(actual.count == expected.count, "compared arrays differ in length")
    var worst = 0.0
    var index = 0
    for i in actual.indices {
        let allowed = max(absolute, relative * abs(expected[i]), ulps * expected[i].ulp)
        let difference = abs(actual[i] - expected[i])
        let error = difference == 0 ? 0 : difference / allowed
        let value = error.isNaN ? .infinity : error
        if value > worst {
            worst = value
            index = i
        }
    }
    return (worst, index)
}

/// Expects two arrays to agree elementwise: `|aᵢ − eᵢ| ≤ max(absolute, relative·|eᵢ|, ulps·ulp(eᵢ))`.
///
/// Name the tolerance at every call: `absolute:` alone compares differences, `relative:` alone compares
/// differences to `|e|`, and both together (`absolute: t, relative: t`) allow `t·max(1, |e|)`: relative for
/// large values, absolute near zero; `ulps:` counts units in the last place of `e` (a value computed the same
/// way in another order).
public func expectClose(
    _ actual: [Double], _ expected: [Double], absolute: Double = 0, relative: Double = 0, ulps: Double = 0,
    _ label: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    precondition(absolute > 0 || relative > 0 || ulps > 0, "expectClose needs a tolerance")
    #expect(
        actual.count == expected.count, "\(label()) count \(actual.count) vs \(expected.count)",
        sourceLocation: sourceLocation)
    guard actual.count == expected.count, !actual.isEmpty else { return }
    let (worst, i) = worstError(actual, expected, absolute: absolute, relative: relative, ulps: ulps)
    #expect(
        worst <= 1,
        """
        \(label()) worst at [\(i)]: \(actual[i]) vs \(expected[i]), difference \(abs(actual[i] - expected[i])) \
        (absolute \(absolute), relative \(relative), ulps \(ulps))
        """,
        sourceLocation: sourceLocation)
}

/// Expects one value close to `expected`: `|a − e| ≤ max(absolute, relative·|e|, ulps·ulp(e))` (see the array
/// form).
public func expectClose(
    _ actual: Double, _ expected: Double, absolute: Double = 0, relative: Double = 0, ulps: Double = 0,
    _ label: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(
        [actual], [expected], absolute: absolute, relative: relative, ulps: ulps, label(),
        sourceLocation: sourceLocation)
}
