import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A seeded random division of the rows of a data set into a training part and a validation part.
///
/// The rule is scikit-learn's `train_test_split(..., test_size=f, random_state=seed)` (its
/// `ShuffleSplit`): with n rows, the validation part has ⌈f·n⌉ rows; one `permutation(n)` is drawn, the
/// first ⌈f·n⌉ indices of it are the validation rows and the rest, in permutation order, the training
/// rows. With an integer seed scikit-learn uses NumPy's legacy generator, which `RandomState`
/// reproduces, so the same seed gives the same split in both.
///
/// With f = 0 there is no validation part: the training rows are 0..<n in order and nothing is drawn.
///
/// ```swift
/// let split = try DataSplit(count: 1600, validationFraction: 0.2, seed: 0)
/// let train = inputs.rows(at: split.training)       // 1280 rows
/// let validation = inputs.rows(at: split.validation) // 320 rows
/// ```
public struct DataSplit: Equatable, Sendable {
    /// The row indices of the training part.
    public var training: [Int]
    /// The row indices of the validation part (empty when the fraction is 0).
    public var validation: [Int]

    /// Splits `count` rows with a permutation drawn from `random` (when `validationFraction > 0`).
    ///
    /// - Throws: ``DatasetError/invalidFraction(_:)`` unless 0 ≤ fraction < 1;
    ///   ``DatasetError/emptyTrainingSet(rows:validation:)`` when ⌈f·n⌉ = n > 0.
    public init(count: Int, validationFraction: Double, random: inout RandomState) throws {
        precondition(count >= 0, "a data set cannot have \(count) rows")
        guard validationFraction >= 0 && validationFraction < 1 else {
            throw DatasetError.invalidFraction(validationFraction)
        }
        guard validationFraction > 0 else {
            training = Array(0..<count)
            validation = []
            return
        }
        let validationCount = Int(ceil(validationFraction * Double(count)))
        guard validationCount < count || count == 0 else {
            throw DatasetError.emptyTrainingSet(rows: count, validation: validationCount)
        }
        let permutation = random.permutation(count)
        validation = Array(permutation[..<validationCount])
        training = Array(permutation[validationCount...])
    }

    /// Splits `count` rows with a generator seeded like `np.random.seed(seed)`.
    ///
    /// - Throws: as ``init(count:validationFraction:random:)``.
    public init(count: Int, validationFraction: Double, seed: UInt32) throws {
        var random = RandomState(seed: seed)
        try self.init(count: count, validationFraction: validationFraction, random: &random)
    }
}
