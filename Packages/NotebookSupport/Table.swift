/// A table a notebook shows as HTML (and as aligned text elsewhere).
///
/// ```swift
/// Table(["α", "pérdida"], rows: rates.map { [es($0), es(loss($0))] })
/// ```
public struct Table: NotebookDisplayable, Sendable, Equatable {
    /// The column headings.
    public var columns: [String]
    /// The rows, each as many cells as there are columns.
    public var rows: [[String]]

    /// A table; rows shorter than the headings are padded with empty cells.
    public init(_ columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows.map { $0 + Array(repeating: "", count: max(0, columns.count - $0.count)) }
    }

    /// The rows as aligned text columns under a rule.
    public var text: String {
        let all = [columns] + rows
        let widths = columns.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { c in
                cells[c] + String(repeating: " ", count: max(0, (c < widths.count ? widths[c] : 0) - cells[c].count))
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(columns), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// The table as an HTML `<table>` (cells escaped).
    public var html: String {
        func escaped(_ text: String) -> String {
            text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        }
        let head = columns.map { "<th>\(escaped($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\(escaped($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
        return "<table>\n<thead><tr>\(head)</tr></thead>\n<tbody>\n\(body)\n</tbody>\n</table>"
    }

    /// `text/html` with the aligned text.
    public func mimeBundle() throws -> MimeBundle { MimeBundle(text: text, [("text/html", html)]) }
}
