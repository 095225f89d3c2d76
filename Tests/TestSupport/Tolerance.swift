import Testing

/// The largest of `|aᵢ − eᵢ| / max(absolute, relative·|eᵢ|)`, the error in units of the allowed one, with
/// its index (NaN counts as infinitely wrong). A value ≤ 1 passes.
public func worstError(
    _ actual: [Double], _ expected: [Double], absolute: Double, relative: Double
) -> (error: Double, index: Int) {
    precondition(actual.count == expected.count, "compared arrays differ in length")
    var worst = 0.0
    var index = 0
    for i in actual.indices {
        let allowed = max(absolute, relative * abs(expected[i]))
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

/// Expects two arrays to agree elementwise: `|aᵢ − eᵢ| ≤ max(absolute, relative·|eᵢ|)`.
///
/// Name the tolerance at every call: `absolute:` alone compares differences, `relative:` alone compares
/// differences to `|e|`, and both together (`absolute: t, relative: t`) allow `t·max(1, |e|)`: relative for
/// large values, absolute near zero.
public func expectClose(
    _ actual: [Double], _ expected: [Double], absolute: Double = 0, relative: Double = 0,
    _ label: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    precondition(absolute > 0 || relative > 0, "expectClose needs an absolute or a relative tolerance")
    #expect(
        actual.count == expected.count, "\(label()) count \(actual.count) vs \(expected.count)",
        sourceLocation: sourceLocation)
    guard actual.count == expected.count, !actual.isEmpty else { return }
    let (worst, i) = worstError(actual, expected, absolute: absolute, relative: relative)
    #expect(
        worst <= 1,
        """
        \(label()) worst at [\(i)]: \(actual[i]) vs \(expected[i]), difference \(abs(actual[i] - expected[i])) \
        (absolute \(absolute), relative \(relative))
        """,
        sourceLocation: sourceLocation)
}

/// Expects one value close to `expected`: `|a − e| ≤ max(absolute, relative·|e|)` (see the array form).
public func expectClose(
    _ actual: Double, _ expected: Double, absolute: Double = 0, relative: Double = 0,
    _ label: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose([actual], [expected], absolute: absolute, relative: relative, label(), sourceLocation: sourceLocation)
}
