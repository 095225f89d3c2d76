import ArgumentParser
import Datasets

/// The value of a `--range low,high` option: two finite numbers separated by a comma.
///
/// Parsing checks only the form; a command's `validate()` checks that `low < high` so the message can
/// name its option.
public struct AxisRange: ExpressibleByArgument, CustomStringConvertible, Sendable {
    /// The lower end.
    public var low: Double
    /// The upper end.
    public var high: Double

    /// A range from its ends.
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// Parses `low,high`; nil (a usage error naming the option) for anything else.
    public init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]),
            low.isFinite, high.isFinite
        else { return nil }
        self.init(low: low, high: high)
    }

    /// `low,high` in shortest round-trip form.
    public var description: String { "\(CSVWriter.format(low)),\(CSVWriter.format(high))" }

    /// The default as `--help` shows it.
    public var defaultValueDescription: String { description }
}
