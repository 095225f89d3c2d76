extension NotebookSession {
    /// Checks many values at once, each within `tolerance·max(1, |expected|)` of its expected value (the rule
    /// of ``check(_:_:_:tolerance:source:)``), as one line reporting the largest deviation.
    func checkSeries(
        _ label: String, _ actual: [Double], _ expected: [Double], tolerance: Double, source: String = "reference"
    ) {
        precondition(actual.count == expected.count, "\(label): \(actual.count) values, \(expected.count) expected")
        var worst = 0.0
        for (a, e) in zip(actual, expected) {
            let error = Swift.abs(a - e) / Swift.max(1, Swift.abs(e))
            worst = error.isNaN ? .infinity : Swift.max(worst, error)
        }
        check(
            label, worst <= tolerance,
            "\(actual.count) values vs \(source), largest deviation \(format(worst)) (tolerance \(tolerance))")
    }

    /// Checks a value by its relative error, for quantities far below 1 (likelihoods) that the absolute rule
    /// of ``check(_:_:_:tolerance:source:)`` could not tell apart.
    func checkRelative(
        _ label: String, _ actual: Double, _ expected: Double, tolerance: Double, source: String = "reference"
    ) {
        let error = Swift.abs(actual - expected) / Swift.abs(expected)
        check(
            label, error <= tolerance,
            "\(format(actual)) vs \(source) \(format(expected)) (relative error \(format(error)), tolerance \(tolerance))"
        )
    }

    /// Checks an exact count.
    func checkCount(_ label: String, _ actual: Int, _ expected: Int, source: String) {
        check(label, actual == expected, "\(actual) vs \(source) \(expected)")
    }
}
