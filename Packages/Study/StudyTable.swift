/// A small table of text cells, the study's summaries: the first column is a unique key
/// (e.g. `adam400` or `adam400/0.1`), the others are numbers or names.
///
/// Written as CSV; a cell with a comma or a quote is quoted, `""` standing for a quote.
public struct StudyTable: Sendable, Equatable {
    /// The column names; the first is the key.
    public var columns: [String]
    /// The rows, each with one cell per column.
    public var rows: [[String]]

    /// A table with the given columns and no rows.
    public init(columns: [String], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Appends a row.
    public mutating func append(_ row: [String]) {
        precondition(row.count == columns.count, "a row of \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// The cell of `column` in the row whose key is `key`.
    public func value(key: String, column: String) -> String? {
        guard let c = columns.firstIndex(of: column), let row = rows.first(where: { $0.first == key }) else {
            return nil
        }
        return row[c]
    }

    /// The table as CSV text.
    public var csv: String {
        ([columns] + rows).map { $0.map(StudyTable.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Parses CSV written by ``csv``.
    public init(csv text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { StudyTable.split(String($0)) }
        columns = lines.first ?? []
        rows = Array(lines.dropFirst())
    }

    /// Reads a table file.
    public init(path: String) throws {
        self.init(csv: try StudyPreparation.readText(path))
    }

    /// Writes the table to `path`.
    public func write(to path: String) throws {
        try StudyPreparation.writeText(csv, to: path)
    }

    static func quote(_ cell: String) -> String {
        cell.contains(",") || cell.contains("\"") ? "\"" + cell.replacing("\"", with: "\"\"") + "\"" : cell
    }

    static func split(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        var characters = line.makeIterator()
        while let c = characters.next() {
            if quoted {
                if c == "\"" {
                    // A doubled quote is a quote; a single one ends the quoted part.
                    var lookahead = characters
                    if lookahead.next() == "\"" {
                        cell.append("\"")
                        characters = lookahead
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
        }
        cells.append(cell)
        return cells
    }
}
