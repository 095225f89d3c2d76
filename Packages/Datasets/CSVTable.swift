import Tensor

/// A numeric table read from CSV: column names and a matrix of values, one row per data line.
///
/// ```swift
/// let table = try CSVTable(path: "surface.csv")
/// let inputs = try table.columns(["x", "y"])   // [rows, 2]
/// let target = try table.columns(["z"])        // [rows, 1]
/// ```
///
/// Two tables are equal when their names, values and file names are; where their rows were in the file
/// does not count.
public struct CSVTable: Equatable, Sendable {
    /// The column names, in file order.
    public var columnNames: [String]
    /// The values, of shape `[rows, columnNames.count]`.
    public var values: Tensor
    /// The file name used in messages (for an unknown column).
    public var name: String
    /// The physical line of each row in the file it was read from (empty for a table made in memory).
    public var rowLines = RowLines()

    /// The physical lines of a table's rows, kept as the rows where the numbering jumps (after a comment
    /// or a blank line), so that messages about a row can name its line at almost no memory cost.
    public struct RowLines: Sendable, Equatable {
        private var rows: [Int] = []
        private var lines: [Int] = []

        /// No rows.
        public init() {}

        /// Records that `row` (rows are recorded in order, from 0) is on `line`.
        public mutating func record(row: Int, line: Int) {
            if let last = rows.last, line - lines[lines.count - 1] == row - last { return }
            rows.append(row)
            lines.append(line)
        }

        /// The line of `row`, or `nil` when it was not recorded.
        public func line(ofRow row: Int) -> Int? {
            guard let run = rows.lastIndex(where: { $0 <= row }) else { return nil }
            return lines[run] + row - rows[run]
        }
    }

    /// `file:line` of a row (0-based), or `file: row N` (1-based) for a table made in memory.
    public func location(ofRow row: Int) -> String {
        rowLines.line(ofRow: row).map { "\(name):\($0)" } ?? "\(name): row \(row + 1)"
    }

    /// Equal names, values and file names.
    public static func == (a: CSVTable, b: CSVTable) -> Bool {
        a.columnNames == b.columnNames && a.values == b.values && a.name == b.name
    }

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
        // One dictionary of positions instead of a search per name: selecting all of a million columns is
        // linear, not quadratic.
        var positions: [String: Int] = [:]
        if names.count > 8 {
            positions.reserveCapacity(columnNames.count)
            for (i, column) in columnNames.enumerated().reversed() { positions[column] = i }
        }
        let indices = try names.map { name in
            guard let i = positions[name] else { return try index(ofColumn: name) }
            return i
        }
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
