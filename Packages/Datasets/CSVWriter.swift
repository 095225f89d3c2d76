import Platform
import Tensor

/// A streaming writer of numeric CSV that ``CSVReader`` reads back exactly.
///
/// The header is written when the writer is made; rows follow one by one, buffered in 64 KiB blocks
/// that go to a sink (a file descriptor, or any closure). Call ``flush()`` when done.
///
/// Numbers are written in their shortest round-trip form (see ``format(_:)``), so reading the file back
/// gives the same doubles bit for bit. Infinities are written `inf` and `-inf`, as NumPy, pandas and
/// C's `strtod` read them. In a row of `Double`s NaN is written as an empty field, the spelling of a
/// missing value (read back as NaN with ``CSVReader/Options/allowsMissing``), or as `nan` when it is the
/// row's only field (an empty line would be skipped as blank); a row of `Double?` tells
/// the two apart, writing `nil` as an empty field and NaN as `nan` (read back with
/// ``CSVReader/Options/allowsNonFinite``), as a metrics file with a diverged loss needs.
/// Column names are quoted when they would otherwise not read back as written.
///
/// ```swift
/// var writer = try CSVWriter(columns: ["x", "y"], fileDescriptor: 1, name: "<stdout>")
/// try writer.write(row: [0.5, 1])                  // "0.5,1"
/// try writer.flush()
/// ```
public struct CSVWriter {
    /// The column names.
    public let columns: [String]
    /// The destination's name, used in error messages.
    public let name: String

    private static let blockSize = 1 << 16
    private var buffer: [UInt8] = []
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    /// The number of lines written so far, the header included.
    private var lineCount = 0

    /// Creates a writer that hands its output to `sink` in blocks, and writes the header.
    ///
    /// - Parameters:
    ///   - columns: the column names (non-empty, distinct, without line breaks).
    ///   - name: the destination's name for error messages.
    ///   - sink: receives the bytes in order; an error it throws is passed on by the writing call.
    /// - Throws: ``CSVError`` `.unwritableColumnName` for a name that could not be read back.
    public init(
        columns: [String], name: String = "<output>", sink: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        self.columns = columns
        self.name = name
        self.sink = sink
        buffer.reserveCapacity(CSVWriter.blockSize + 1024)
        for (index, column) in columns.enumerated()
        where !CSVHeader.isWritable(column) || columns[..<index].contains(column) {
            throw CSVError(.unwritableColumnName(column), file: name, line: 1, column: index + 1)
        }
        buffer.append(contentsOf: columns.map(CSVHeader.spelling).joined(separator: ",").utf8)
        buffer.append(UInt8(ascii: "\n"))
        lineCount = 1
    }

    /// Creates a writer to an open file descriptor (not closed by the writer), and writes the header.
    ///
    /// - Throws: as ``init(columns:name:sink:)``; writing calls throw ``CSVError`` `.io` on failure.
    public init(columns: [String], fileDescriptor: Int32, name: String) throws {
        try self.init(columns: columns, name: name) { bytes in
            do throws(SystemError) {
                try FileDescriptor(rawValue: fileDescriptor).writeAll(bytes)
            } catch {
                throw CSVError(.io(reason: "write error: \(error.message)"), file: name)
            }
        }
    }

    /// Writes one row; NaN is written as an empty field (a missing value).
    ///
    /// - Precondition: `values.count == columns.count`.
    /// - Throws: the sink's error.
    public mutating func write(row values: [Double]) throws {
        try values.withUnsafeBufferPointer { try write(row: $0) }
    }

    /// Writes one row in which `nil` is a missing value (an empty field) and NaN is written `nan`.
    ///
    /// - Precondition: `values.count == columns.count`.
    /// - Throws: the sink's error.
    public mutating func write(row values: [Double?]) throws {
        precondition(values.count == columns.count, "a row of \(values.count) values for \(columns.count) columns")
        lineCount += 1
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if let value {
                CSVWriter.append(value, nanSpelling: "nan", to: &buffer)
            } else if values.count == 1 {
                buffer.append(contentsOf: "nan".utf8)
            }
        }
        try endRow()
    }

    /// Writes each row of a `[rows, columns.count]` matrix.
    ///
    /// - Precondition: `rows` is a matrix with one column per name.
    public mutating func write(rows: Tensor) throws {
        precondition(
            rows.rank == 2 && rows.shape[1] == columns.count,
            "writing \(columns.count) columns needs a [rows, \(columns.count)] matrix, got \(rows.shape)")
        let width = columns.count
        try rows.withUnsafeBufferPointer { all in
            for r in 0..<rows.shape[0] {
                try write(row: UnsafeBufferPointer(rebasing: all[r * width..<(r + 1) * width]))
            }
        }
    }

    private mutating func write(row values: UnsafeBufferPointer<Double>) throws {
        precondition(values.count == columns.count, "a row of \(values.count) values for \(columns.count) columns")
        lineCount += 1
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            // A lone missing value is `nan`: an empty field would make a blank line, which readers skip.
            CSVWriter.append(value, nanSpelling: values.count == 1 ? "nan" : "", to: &buffer)
        }
        try endRow()
    }

    /// Ends the row, handing a full buffer to the sink.
    private mutating func endRow() throws {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= CSVWriter.blockSize { try flush() }
    }

    /// Hands the buffered bytes to the sink. Call it once after the last row.
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The shortest text that reads back as exactly `value`.
    ///
    /// It is Swift's `description` (the shortest round-trip digits, as Python's `repr`), except that an
    /// integral value drops the `.0`: `1`, `-3`, `0.5`, `1e-07`, `1.2345678901234568e+17`, and `-0`
    /// for negative zero; infinities are `inf` and `-inf`. NaN gives the empty string (a missing value).
    public static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        append(value, nanSpelling: "", to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// CSV text of a header and a `[rows, columns.count]` matrix.
    ///
    /// - Throws: ``CSVError`` for an unwritable column name.
    public static func text(columns: [String], rows: Tensor) throws -> String {
        var bytes: [UInt8] = []
        var writer = try CSVWriter(columns: columns) { bytes.append(contentsOf: $0) }
        try writer.write(rows: rows)
        try writer.flush()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the shortest round-trip digits of a finite value, `inf` or `-inf` for an infinity, and
    /// `nanSpelling` for NaN.
    @inline(__always)
    private static func append(_ value: Double, nanSpelling: StaticString, to bytes: inout [UInt8]) {
        guard value.isFinite else {
            if value.isNaN {
                bytes.append(
                    contentsOf: UnsafeBufferPointer(start: nanSpelling.utf8Start, count: nanSpelling.utf8CodeUnitCount))
            } else {
                bytes.append(contentsOf: (value < 0 ? "-inf" : "inf").utf8)
            }
            return
        }
        let text = value.description.utf8
        var count = text.count
        if count >= 2 && text[text.index(text.endIndex, offsetBy: -1)] == UInt8(ascii: "0")
            && text[text.index(text.endIndex, offsetBy: -2)] == UInt8(ascii: ".")
        {
            count -= 2
        }
        bytes.append(contentsOf: text.prefix(count))
    }
}
