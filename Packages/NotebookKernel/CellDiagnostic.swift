/// A compiler message about a cell, at the cell's own line and column.
public struct CellDiagnostic: Sendable, Equatable {
    /// `error`, `warning` or `note`, as the compiler says.
    public var severity: String
    /// The line in the cell, from 1 (0 when the message is about no line of the cell).
    public var line: Int
    /// The column in the cell, from 1.
    public var column: Int
    /// The compiler's message.
    public var message: String

    /// A message.
    public init(severity: String, line: Int, column: Int, message: String) {
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
    }

    /// The messages about `program`'s cell in the compiler's output (`-diagnostic-style llvm`:
    /// `celda:3:5: error: cannot find 'x' in scope`). Messages about the generated module around the cell
    /// are kept with line 0, so a failure never goes unexplained.
    public static func parse(_ output: String, program: CellProgram) -> [CellDiagnostic] {
        var diagnostics: [CellDiagnostic] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let parsed = parseLine(Substring(line)) else { continue }
            if parsed.file == CellProgram.cellFileName {
                let column = program.cellColumn(line: parsed.line, column: parsed.column)
                diagnostics.append(
                    CellDiagnostic(
                        severity: parsed.severity, line: parsed.line, column: column, message: parsed.message))
            } else if parsed.severity == "error" {
                diagnostics.append(CellDiagnostic(severity: "error", line: 0, column: 0, message: parsed.message))
            }
        }
        if diagnostics.isEmpty, let last = output.split(separator: "\n").last(where: { $0.contains("error") }) {
            diagnostics.append(CellDiagnostic(severity: "error", line: 0, column: 0, message: String(last)))
        }
        return diagnostics
    }

    /// `file:line:column: severity: message`, or nil.
    static func parseLine(_ line: Substring) -> (
        file: String, line: Int, column: Int, severity: String, message: String
    )? {
        for severity in ["error", "warning", "note"] {
            guard let marker = line.firstRange(of: ": \(severity): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
                let column = Int(location[location.count - 1])
            else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            return (file, lineNumber, column, severity, String(line[marker.upperBound...]))
        }
        return nil
    }

    /// The message as the notebook shows it, with the cell's line and a caret under the column:
    ///
    ///     error: línea 3, columna 5: cannot find 'x' in scope
    ///         3 | y = x + 1
    ///           |     ^
    public func rendered(cell: String) -> String {
        guard line > 0 else { return "\(severity): \(message)" }
        let lines = cell.split(separator: "\n", omittingEmptySubsequences: false)
        var text = "\(severity): línea \(line), columna \(column): \(message)"
        if line <= lines.count {
            let number = String(line)
            let gutter = String(repeating: " ", count: number.count)
            text += "\n    \(number) | \(lines[line - 1])"
            text += "\n    \(gutter) | " + String(repeating: " ", count: max(0, column - 1)) + "^"
        }
        return text
    }
}
