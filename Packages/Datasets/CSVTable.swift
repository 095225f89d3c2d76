import Tensor

/// A numeric table read from CSV: column names and a matrix of values, one row per data line.
///
/// ```swift
/// let table = try CSVTable(path: "surface.csv")
/// let inputs = try table.columns(["x", "y"])   // [rows, 2]
/// let target = try table.columns(["z"])        // [rows, 1]
/// ```
public struct CSVTable: Equatable, Sendable {
    /// The column names, in file order.
    public var columnNames: [String]
    /// The values, of shape `[rows, columnNames.count]`.
    public var values: Tensor
    /// The file name used in messages (for an unknown column).
    public var name: String

    /// A table from names and a `[rows, names.count]` matrix.
    ///
    /// - Precondition: `values` is a matrix with one column per name.
    public init(columns: [String], values: Tensor, name: String = "<table>") {
        precondition(
            values.rank == 2 && values.shape[1] == columns.count,
            "a table with \(columns.count) columns needs a [rows, \(columns.count)] matrix, got \(values.shape)")
        self.columnNames = columns
        self.values = values
        self.name = name
    }

    /// Reads a whole CSV file (see ``CSVReader`` for the format).
    public init(path: String, options: CSVReader.Options = .init()) throws {
        self = try CSVReader(path: path, options: options).readTable()
    }

    /// Reads CSV text (see ``CSVReader`` for the format).
    public init(text: String, name: String = "<text>", options: CSVReader.Options = .init()) throws {
        self = try CSVReader(text: text, name: name, options: options).readTable()
    }

    /// The number of data rows.
    public var rowCount: Int { values.shape[0] }

    /// The position of a column.
    ///
    /// - Throws: ``CSVError`` `.unknownColumn`, naming the available columns.
    public func index(ofColumn column: String) throws -> Int {
        guard let index = columnNames.firstIndex(of: column) else {
            throw CSVError(.unknownColumn(column, available: columnNames), file: name)
        }
        return index
    }

    /// The named columns, in the order asked for, as a `[rows, names.count]` matrix.
    ///
    /// - Throws: ``CSVError`` `.unknownColumn` for the first name the table does not have.
    /// - Complexity: O(rows · names.count).
    public func columns(_ names: [String]) throws -> Tensor {
        let indices = try names.map { try index(ofColumn: $0) }
        let rows = rowCount, width = columnNames.count, k = indices.count
        var selected = [Double](repeating: 0, count: rows * k)
        values.withUnsafeBufferPointer { source in
            selected.withUnsafeMutableBufferPointer { target in
                for r in 0..<rows {
                    let from = r * width, to = r * k
                    for (j, index) in indices.enumerated() { target[to + j] = source[from + index] }
                }
            }
        }
        return Tensor(shape: [rows, k], scalars: selected)
    }
}
