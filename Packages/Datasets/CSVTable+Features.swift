import Tensor

/// A table split into the inputs and the targets of a model.
public struct LabeledData: Sendable {
    /// The input columns' names.
    public var inputNames: [String]
    /// The target columns' names.
    public var targetNames: [String]
    /// `[rows, inputNames.count]`.
    public var inputs: Tensor
    /// `[rows, targetNames.count]`.
    public var targets: Tensor

    /// The number of rows.
    public var count: Int { inputs.shape[0] }
}

extension CSVTable {
    /// Splits the table into inputs and targets by column name.
    ///
    /// - Parameters:
    ///   - inputs: the input columns; by default all columns but the targets, in file order.
    ///   - targets: the target columns; by default the last `targetCount` columns.
    ///   - targetCount: how many trailing columns are targets when `targets` is not given.
    /// - Throws: ``CSVError`` naming an unknown column and the available ones, no column left for the
    ///   inputs or the targets (`.noColumns`), a column that is both (`.inputIsTarget`), or a table
    ///   without rows (`.noDataRows`).
    public func labeled(inputs: [String]? = nil, targets: [String]? = nil, targetCount: Int = 1) throws -> LabeledData {
        guard rowCount > 0 else { throw CSVError(.noDataRows(columns: columnNames), file: name) }
        let targetNames = targets ?? Array(columnNames.suffix(targetCount))
        let targetSet = Set(targetNames)
        let inputNames = inputs ?? columnNames.filter { !targetSet.contains($0) }
        guard !inputNames.isEmpty, !targetNames.isEmpty else {
            throw CSVError(
                .noColumns(role: inputNames.isEmpty ? "input" : "target", available: columnNames), file: name)
        }
        if let both = inputNames.first(where: targetSet.contains) { throw CSVError(.inputIsTarget(both), file: name) }
        return LabeledData(
            inputNames: inputNames, targetNames: targetNames,
            inputs: try columns(inputNames), targets: try columns(targetNames))
    }
}
