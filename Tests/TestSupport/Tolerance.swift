import Testing

/// The largest of `|aᵢ − eᵢ| / max(1, |eᵢ|)`, with its index (NaN counts as infinitely wrong).
public func worstRelativeError(_ actual: [Double], _ expected: [Double]) -> (error: Double, index: Int) {
    precondition(actual.count == expected.count, "compared arrays differ in length")
    var worst = 0.0
    var index = 0
    for i in actual.indices {
        let error = abs(actual[i] - expected[i]) / max(1, abs(expected[i]))
        let value = error.isNaN ? .infinity : error
        if value > worst {
            worst = value
            index = i
        }
    }
    return (worst, index)
}

/// Expects two arrays to agree elementwise within `tolerance·max(1, |expected|)`: relative for large
/// values, absolute near zero.
public func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12, _ label: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(label) count \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    guard actual.count == expected.count, !actual.isEmpty else { return }
    let (worst, i) = worstRelativeError(actual, expected)
    #expect(
        worst <= tolerance, "\(label) worst error \(worst) at [\(i)]: \(actual[i]) vs \(expected[i])",
        sourceLocation: sourceLocation)
}

/// Expects one value within `tolerance·max(1, |expected|)` of `expected`.
public func expectClose(
    _ actual: Double, _ expected: Double, tolerance: Double = 1e-12, _ label: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose([actual], [expected], tolerance: tolerance, label, sourceLocation: sourceLocation)
}
