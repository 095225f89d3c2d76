/// An error in a request about a data set that does not come from a file: a split that cannot be made.
public enum DatasetError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A validation fraction outside [0, 1).
    case invalidFraction(Double)
    /// A split that would leave no training rows.
    case emptyTrainingSet(rows: Int, validation: Int)

    /// A human-readable explanation.
    public var description: String {
        switch self {
        case let .invalidFraction(fraction):
            return "the validation fraction must be at least 0 and less than 1, got \(fraction)"
        case let .emptyTrainingSet(rows, validation):
            return "a validation set of \(validation) of the \(rows) rows leaves no rows for training"
        }
    }
}
