import Platform

/// An error found while reading or writing CSV, with the place it happened.
///
/// Its ``description`` is the compiler-style line that tools print:
///
/// ```
/// data.csv:17:3: expected a number, found "abc"
/// ```
///
/// `line` counts physical lines from 1 (comment and blank lines included); `column` is the 1-based field
/// number on that line, not a character offset. Errors that concern the whole file (an empty file, an
/// unknown column name, an I/O failure) have no line or column.
public struct CSVError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// A data field that is not a decimal number; `token` is the field as written (trimmed, shortened
        /// to 40 characters).
        case notANumber(token: String)
        /// A field or column name holding a NUL byte: the file holds binary data, not text; `token` is the
        /// field as written (trimmed, shortened to 40 characters).
        case nulByte(token: String)
        /// A field that spells a NaN or an infinity, or a number too large for a `Double` (`1e999`).
        case notFinite(token: String)
        /// An empty data field (allowed, and read as NaN, only with ``CSVReader/Options/allowsMissing``).
        case emptyField
        /// A row with more or fewer fields than the header; `column` is the first missing or extra field.
        case wrongFieldCount(expected: Int, found: Int)
        /// An empty column name in the header.
        case emptyColumnName
        /// A column name that appears twice in the header (`firstColumn` is where it first appears).
        case duplicateColumnName(String, firstColumn: Int)
        /// A quoted header name whose closing quote is missing, or followed by more than spaces.
        case badQuotes
        /// A header row made only of numbers: the file most likely has no header.
        case missingHeader
        /// No header row at all: the file is empty or holds only comments and blank lines (a file with a
        /// header and no rows is ``noDataRows(columns:)``).
        case emptyFile
        /// A column name that the file does not have.
        case unknownColumn(String, available: [String])
        /// A column name that cannot be written so that it reads back (empty, a line break, a duplicate).
        case unwritableColumnName(String)
        /// A table with a header but no data rows, where rows are needed (`columns` are the header's).
        case noDataRows(columns: [String])
        /// No column is left for a role (`inputs` or `targets`) once the others are taken.
        case noColumns(role: String, available: [String])
        /// A column chosen both as an input and as a target: the model would be given its answer.
        case inputIsTarget(String)
        /// The file could not be opened (it does not exist, cannot be read, or is a directory).
        case cannotOpen(reason: String)
        /// Reading or writing failed after the file was opened.
        case io(reason: String)
    }

    /// The file name as given, `<stdin>` for standard input, or `<text>` for an in-memory string.
    public var file: String
    /// The 1-based physical line, when the error belongs to one line.
    public var line: Int?
    /// The 1-based field number on that line, when the error belongs to one field.
    public var column: Int?
    /// What went wrong.
    public var kind: Kind

    /// Creates an error at a place in a file.
    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
    }

    /// The place, `file:line:column`, with the parts that are known.
    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }

    /// The message without the place.
    public var message: String {
        switch kind {
        case let .notANumber(token):
            return "expected a number, found \(quoted(token))"
        case let .nulByte(token):
            return "a NUL byte (\\0) in \(quoted(token)): the file holds binary data, not CSV text"
        case let .notFinite(token):
            return "expected a finite number, found \(quoted(token))"
        case .emptyField:
            return "expected a number, found an empty field"
        case let .wrongFieldCount(expected, found):
            return "expected \(expected) field\(expected == 1 ? "" : "s") as in the header, found \(found)"
        case .emptyColumnName:
            return "empty column name in the header"
        case let .duplicateColumnName(name, first):
            return "duplicate column name \(quoted(name)) (also column \(first))"
        case .badQuotes:
            return "unterminated quoted column name, or text after its closing quote"
        case .missingHeader:
            return "expected a header row of column names, found only numbers"
        case .emptyFile:
            return "empty file: expected a header row of column names"
        case let .unknownColumn(name, available):
            return "no column named \(quoted(name)); available: \(list(available))"
        case let .noDataRows(columns):
            return "no data rows, only the header (\(list(columns)))"
        case let .noColumns(role, available):
            return "no \(role) columns left among \(list(available))"
        case let .inputIsTarget(name):
            return "column \(quoted(name)) is both an input and the target; a model would be given its answer"
        case let .unwritableColumnName(name):
            return "column name \(quoted(name)) cannot be written (empty, a duplicate, a line feed or a NUL byte)"
        case let .cannotOpen(reason):
            return "cannot open: \(reason)"
        case let .io(reason):
            return reason
        }
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}

extension CSVError {
    /// Column names for a message, as tools echo them: separated by `separator`, each longer than 60
    /// characters cut to its first 50 and its length, at most 20 of them and the number of the others.
    public static func names(_ names: [String], separator: String = ",") -> String {
        let shown = names.prefix(20).map { String(quoted($0).dropFirst().dropLast()) }.joined(separator: separator)
        return names.count > 20 ? shown + "\(separator)… (\(names.count - 20) more)" : shown
    }
}

/// A string in double quotes, with inner quotes and backslashes escaped and control characters written as
/// escapes (a NUL byte as `\0`), as messages show tokens and names; a name longer than 60 characters is
/// cut to its first 50 and its length (a 1 MB column name is not echoed whole).
func quoted(_ text: String) -> String {
    escapedForMessage(text)
}

/// Quoted names separated by commas, at most 20 of them and the number of the others.
func list(_ names: [String]) -> String {
    let shown = names.prefix(20).map(quoted).joined(separator: ", ")
    return names.count > 20 ? shown + ", … (\(names.count - 20) more)" : shown
}
