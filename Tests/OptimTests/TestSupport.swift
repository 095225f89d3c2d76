import Testing

/// Expects |actual − expected| ≤ tolerance, naming the quantity on failure.
func expectClose(
    _ actual: Double, _ expected: Double, _ tolerance: Double, _ what: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        Swift.abs(actual - expected) <= tolerance,
        "\(what()): \(actual) vs \(expected) (difference \(Swift.abs(actual - expected)), tolerance \(tolerance))",
        sourceLocation: sourceLocation)
}
