import NumberFormatting
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `x` with `digits` significant digits, as C's `%.*g` writes it (`0.408672639`, `-8.32667268e-17`, `1`);
/// −0 is written `0`.
func formatted(_ x: Double, digits: Int) -> String {
    printed(x, .significant, digits)
}

/// `x` through ``Numbers/printed(_:_:precision:)`` (`%.*g`, `%.*f`); −0 is written `0`.
func printed(_ x: Double, _ conversion: Numbers.Conversion, _ precision: Int) -> String {
    Numbers.printed(x + 0, conversion, precision: precision)
}

/// A table of text cells, written aligned for a terminal or as a Markdown table.
struct Table {
    /// The column headings.
    var header: [String]
    /// The rows; each has one cell per column.
    var rows: [[String]] = []
    /// Columns aligned to the left (the others, numbers, to the right).
    var leftAligned: Set<Int> = [0]

    /// Columns padded with spaces and separated by two, with a rule under the header; each line starts
    /// with `indent`.
    func text(indent: String = "  ") -> String {
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { c, cell in
                let padding = String(repeating: " ", count: widths[c] - cell.count)
                return leftAligned.contains(c) ? cell + padding : padding + cell
            }
            var text = indent + padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// A GitHub/pandoc pipe table (cells must not contain `|`).
    var markdown: String {
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        let alignment = header.indices.map { leftAligned.contains($0) ? ":--" : "--:" }
        return ([line(header), line(alignment)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

extension Array where Element == Quantity {
    /// The quantities at some points as a table: a name and component column, then one column per point,
    /// the name only on a quantity's first row.
    func table(points: Range<Int>, name: (Quantity) -> String, pointHeading: (Int) -> String, digits: Int) -> Table {
        var table = Table(header: ["", ""] + points.map(pointHeading), leftAligned: [0, 1])
        for quantity in self {
            for (j, index) in quantity.indices.enumerated() {
                table.rows.append(
                    [j == 0 ? name(quantity) : "", index.isEmpty ? "" : "[\(index)]"]
                        + points.map { formatted(quantity.values[$0][j], digits: digits) })
            }
        }
        return table
    }
}

/// The points in groups of at most `size`, so that a table with one column per point stays readable.
func pointGroups(_ count: Int, size: Int = 6) -> [Range<Int>] {
    stride(from: 0, to: count, by: size).map { $0..<Swift.min($0 + size, count) }
}
