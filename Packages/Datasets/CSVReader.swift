import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming reader of numeric CSV: a header row of column names, then rows of decimal numbers.
///
/// The reader pulls its input in 64 KiB blocks (from a file, a file descriptor such as standard input,
/// or memory) and parses one line at a time, so neither the text nor more than one line of it is ever
/// held whole. ``readTable()`` collects the rows into a ``CSVTable``; ``readRow(into:)`` hands them out
/// one by one.
///
/// The format:
/// - the first line that is neither blank nor a comment is the header; names are separated by commas,
///   trimmed of spaces and tabs, and may be double-quoted (`"x, in m"`, with `""` for a quote inside);
///   names must be non-empty and distinct;
/// - every later non-blank, non-comment line is a row with exactly one field per column; a field is a
///   decimal number (`-1`, `2.5`, `.5`, `1e-07`, `+3E2`), optionally surrounded by spaces or tabs;
/// - lines whose first non-blank character is `#` are comments; blank lines are skipped;
/// - lines end in LF or CRLF, the last one optionally without; a UTF-8 byte-order mark is skipped.
///
/// NaN and infinities are rejected (with their place) unless ``Options/allowsNonFinite`` is set, and so
/// is an empty field unless ``Options/allowsMissing`` is set, in which case it reads as NaN (a missing
/// value). Every error is a ``CSVError`` carrying `file:line:column`, where column is the field number.
///
/// ```swift
/// let reader = try CSVReader(path: "data.csv")
/// let table = try reader.readTable()
/// let inputs = try table.columns(["x", "y"])     // Tensor of shape [rows, 2]
/// ```
///
/// - Complexity: O(n) in the input size; about 20–70 ns per number in a release build (`bench datasets`).
public final class CSVReader {
    /// Choices about what the reader accepts.
    public struct Options: Sendable {
        /// Whether an empty data field, or `nan`, is accepted and read as NaN, the writer's spellings of
        /// a missing value (as in the validation-loss column of a metrics file; `nan` where an empty
        /// field would leave a blank line, in a one-column table). Off by default.
        public var allowsMissing: Bool
        /// Whether `inf`, `-inf`, `nan` (any case, also `infinity`, with an optional sign) and numbers too
        /// large for a `Double` are accepted, as the writer spells the losses of a diverged run. Off by
        /// default: training data must be finite.
        public var allowsNonFinite: Bool

        /// Options with the given choices; the defaults are strict.
        public init(allowsMissing: Bool = false, allowsNonFinite: Bool = false) {
            self.allowsMissing = allowsMissing
            self.allowsNonFinite = allowsNonFinite
        }
    }

    /// The file name used in error messages.
    public let name: String
    /// The column names of the header, in order.
    public private(set) var columns: [String] = []
    /// The reader's options.
    public let options: Options
    /// The physical line number of the row last returned by ``readRow(into:)`` (0 before the header).
    public private(set) var lineNumber = 0
    /// How many fields spelled NaN (`nan`, any case) were read so far, and the line of the first: read
    /// as missing values under ``Options/allowsMissing``, so that a tool can say it did so.
    public private(set) var spelledNaN: (count: Int, firstLine: Int?) = (0, nil)

    private static let blockSize = 1 << 16
    private var fileDescriptor: Int32
    private let ownsFileDescriptor: Bool
    /// Input bytes in `buffer[start..<end]`; `buffer[end]` is a 0 sentinel; capacity + 1 bytes allocated.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var reachedEnd = false
    /// One row of values, reused for every row.
    private var row: UnsafeMutablePointer<Double>

    /// Opens a file and reads its header.
    ///
    /// - Throws: ``CSVError`` `.cannotOpen` when the file cannot be opened, and any header error.
    public convenience init(path: String, options: Options = Options()) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CSVError(.cannotOpen(reason: String(cString: strerror(errno))), file: path)
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CSVError(.cannotOpen(reason: "is a directory"), file: path)
        }
        try self.init(descriptor: descriptor, owned: true, name: path, bytes: [], options: options)
    }

    /// Reads from an open file descriptor, such as 0 for standard input, and reads the header.
    ///
    /// The descriptor is not closed by the reader.
    /// - Parameters:
    ///   - fileDescriptor: the descriptor to read from.
    ///   - name: the name used in messages, e.g. `<stdin>`.
    ///   - options: whether missing and non-finite values are accepted (neither, by default).
    public convenience init(fileDescriptor: Int32, name: String, options: Options = Options()) throws {
        try self.init(descriptor: fileDescriptor, owned: false, name: name, bytes: [], options: options)
    }

    /// Reads CSV bytes held in memory (any bytes, as a file would hold them), and reads the header.
    public convenience init(bytes: [UInt8], name: String = "<bytes>", options: Options = Options()) throws {
        try self.init(descriptor: -1, owned: false, name: name, bytes: bytes, options: options)
    }

    /// Reads CSV held in memory, and reads the header.
    public convenience init(text: String, name: String = "<text>", options: Options = Options()) throws {
        try self.init(descriptor: -1, owned: false, name: name, bytes: Array(text.utf8), options: options)
    }

    private init(descriptor: Int32, owned: Bool, name: String, bytes: [UInt8], options: Options) throws {
        self.fileDescriptor = descriptor
        self.ownsFileDescriptor = owned
        self.name = name
        self.options = options
        capacity = max(CSVReader.blockSize, bytes.count)
        buffer = .allocate(capacity: capacity + 1)
        row = .allocate(capacity: 1)
        if descriptor < 0 {
            bytes.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { buffer.update(from: base, count: source.count) }
            }
            end = bytes.count
            reachedEnd = true
        }
        buffer[end] = 0
        try readHeader()
    }

    deinit {
        buffer.deallocate()
        row.deallocate()
        if ownsFileDescriptor { close(fileDescriptor) }
    }

    // MARK: Reading rows

    /// Reads the next data row into `values`, which is resized to the number of columns.
    ///
    /// - Returns: `false` at the end of the input (and `values` is left unchanged).
    /// - Throws: ``CSVError`` for a field that is not a finite number, a row of the wrong length, or a
    ///   read failure.
    public func readRow(into values: inout [Double]) throws -> Bool {
        guard try nextRow() else { return false }
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: UnsafeBufferPointer(start: row, count: columns.count))
        return true
    }

    /// Reads every remaining row into a table.
    ///
    /// Rows are collected in blocks of 8 MB and copied once into a matrix of the exact size, so reading
    /// takes at most twice the table's bytes (a growing array would take up to three times, and keep a
    /// third more than needed).
    /// - Complexity: O(n); the table's values are the only copy of the data kept in memory.
    public func readTable() throws -> CSVTable {
        let width = columns.count
        let blockRows = max(1, (1 << 20) / max(width, 1))
        var blocks: [[Double]] = []
        var block: [Double] = []
        var rows = 0
        var lines = CSVTable.RowLines()
        while try nextRow() {
            if block.count == blockRows * width {
                blocks.append(block)
                block = []
            }
            // The first block grows as needed (small tables stay small); the others are full-sized.
            if block.isEmpty && !blocks.isEmpty { block.reserveCapacity(blockRows * width) }
            block.append(contentsOf: UnsafeBufferPointer(start: row, count: width))
            lines.record(row: rows, line: lineNumber)
            rows += 1
        }
        blocks.append(block)
        block = []
        let values = [Double](unsafeUninitializedCapacity: rows * width) { buffer, count in
            count = 0
            guard var next = buffer.baseAddress else { return }
            for index in blocks.indices {
                blocks[index].withUnsafeBufferPointer { part in
                    if let base = part.baseAddress, part.count > 0 { next.initialize(from: base, count: part.count) }
                }
                next += blocks[index].count
                blocks[index] = []
            }
            count = rows * width
        }
        var table = CSVTable(columns: columns, values: Tensor(shape: [rows, width], scalars: values), name: name)
        table.rowLines = lines
        return table
    }

    /// Parses the next data row into `row`; `false` at the end of the input.
    private func nextRow() throws -> Bool {
        while let (first, last) = try nextLine() {
            guard let content = CSVReader.content(first, last) else { continue }
            try parseRow(content.first, content.last)
            return true
        }
        return false
    }

    // MARK: Lines

    /// The next physical line, without its line break (LF or CRLF), as a byte range; `nil` at the end.
    ///
    /// The range stays valid until the next call. `lineNumber` is advanced.
    private func nextLine() throws -> (UnsafePointer<UInt8>, UnsafePointer<UInt8>)? {
        while true {
            let searched = end - start
            if searched > 0, let newline = memchr(buffer + start, Int32(UInt8(ascii: "\n")), searched) {
                let lineEnd = newline.assumingMemoryBound(to: UInt8.self)
                let lineStart = buffer + start
                start = lineEnd - buffer + 1
                lineNumber += 1
                var last = lineEnd
                if last > lineStart && (last - 1).pointee == UInt8(ascii: "\r") { last -= 1 }
                return (UnsafePointer(lineStart), UnsafePointer(last))
            }
            if reachedEnd {
                guard end > start else { return nil }
                // A last line without a line break; the sentinel at `end` terminates it.
                let lineStart = buffer + start
                var last = buffer + end
                start = end
                lineNumber += 1
                if last > lineStart && (last - 1).pointee == UInt8(ascii: "\r") { last -= 1 }
                return (UnsafePointer(lineStart), UnsafePointer(last))
            }
            try fill()
        }
    }

    /// Moves the unread bytes to the front of the buffer (growing it when one line fills it) and reads
    /// one more block.
    private func fill() throws {
        let unread = end - start
        if start > 0 {
            if unread > 0 { memmove(buffer, buffer + start, unread) }
            start = 0
            end = unread
        }
        if capacity - end < CSVReader.blockSize / 2 {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + 1)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        while true {
            let count = read(fileDescriptor, buffer + end, capacity - end)
            if count > 0 {
                end += count
                break
            }
            if count == 0 {
                reachedEnd = true
                break
            }
            if errno == EINTR { continue }
            throw CSVError(.io(reason: "read error: \(String(cString: strerror(errno)))"), file: name)
        }
        buffer[end] = 0
    }

    /// A line's content without its leading whitespace, or `nil` for a blank or comment line.
    private static func content(
        _ first: UnsafePointer<UInt8>, _ last: UnsafePointer<UInt8>
    ) -> (first: UnsafePointer<UInt8>, last: UnsafePointer<UInt8>)? {
        var p = first
        while p < last && isBlank(p.pointee) { p += 1 }
        if p == last || p.pointee == UInt8(ascii: "#") { return nil }
        return (p, last)
    }

    /// Space or tab.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    // MARK: Fields

    /// Parses one row of numbers into `row`.
    private func parseRow(_ first: UnsafePointer<UInt8>, _ last: UnsafePointer<UInt8>) throws {
        let expected = columns.count
        var p = first
        var field = 0
        while true {
            while p < last && CSVReader.isBlank(p.pointee) { p += 1 }
            guard field < expected else {
                throw error(.wrongFieldCount(expected: expected, found: CSVReader.fieldCount(first, last)), field + 1)
            }
            let fieldStart = p
            if let (value, next) = CSVNumber.scan(p, last) {
                p = next
                while p < last && CSVReader.isBlank(p.pointee) { p += 1 }
                if p == last || p.pointee == UInt8(ascii: ",") {
                    guard value.isFinite || options.allowsNonFinite else {
                        throw error(.notFinite(token: token(fieldStart, last)), field + 1)
                    }
                    row[field] = value
                } else {
                    throw fieldError(fieldStart, last, field + 1)
                }
            } else if p == last || p.pointee == UInt8(ascii: ",") {
                guard options.allowsMissing else { throw error(.emptyField, field + 1) }
                row[field] = .nan
            } else if options.allowsNonFinite || options.allowsMissing,
                let (value, next) = CSVReader.nonFinite(p, last),
                value.isNaN || options.allowsNonFinite
            {
                row[field] = value
                p = next
                if value.isNaN { spelledNaN = (spelledNaN.count + 1, spelledNaN.firstLine ?? lineNumber) }
            } else {
                throw fieldError(fieldStart, last, field + 1)
            }
            field += 1
            if p == last { break }
            p += 1  // the comma
        }
        if field < expected {
            throw error(.wrongFieldCount(expected: expected, found: field), field + 1)
        }
    }

    /// A field spelling NaN or an infinity (``CSVNumber/spellsNonFinite(_:)``) at `start`, with its
    /// value and the position after it and its trailing blanks, when a delimiter follows.
    private static func nonFinite(
        _ start: UnsafePointer<UInt8>, _ last: UnsafePointer<UInt8>
    ) -> (Double, UnsafePointer<UInt8>)? {
        var end = start
        while end < last && end.pointee != UInt8(ascii: ",") { end += 1 }
        var trimmed = end
        while trimmed > start && isBlank((trimmed - 1).pointee) { trimmed -= 1 }
        guard trimmed - start <= 9 else { return nil }
        let word = String(decoding: UnsafeBufferPointer(start: start, count: trimmed - start), as: UTF8.self)
        guard CSVNumber.spellsNonFinite(word) else { return nil }
        let magnitude = word.lowercased().hasSuffix("nan") ? Double.nan : .infinity
        return (word.hasPrefix("-") ? -magnitude : magnitude, end)
    }

    /// The error for a field that is not a number.
    private func fieldError(_ fieldStart: UnsafePointer<UInt8>, _ last: UnsafePointer<UInt8>, _ column: Int) -> CSVError
    {
        let text = token(fieldStart, last)
        if text.utf8.contains(0) { return error(.nulByte(token: text), column) }
        return error(CSVNumber.spellsNonFinite(text) ? .notFinite(token: text) : .notANumber(token: text), column)
    }

    /// The text of the field starting at `fieldStart`, trimmed and cut to 40 characters, for messages.
    private func token(_ fieldStart: UnsafePointer<UInt8>, _ last: UnsafePointer<UInt8>) -> String {
        var p = fieldStart
        while p < last && p.pointee != UInt8(ascii: ",") { p += 1 }
        while p > fieldStart && CSVReader.isBlank((p - 1).pointee) { p -= 1 }
        let text = String(decoding: UnsafeBufferPointer(start: fieldStart, count: p - fieldStart), as: UTF8.self)
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }

    /// The number of comma-separated fields of a data line.
    private static func fieldCount(_ first: UnsafePointer<UInt8>, _ last: UnsafePointer<UInt8>) -> Int {
        var count = 1
        var p = first
        while p < last {
            if p.pointee == UInt8(ascii: ",") { count += 1 }
            p += 1
        }
        return count
    }

    /// An error at the current line.
    func error(_ kind: CSVError.Kind, _ column: Int? = nil) -> CSVError {
        CSVError(kind, file: name, line: lineNumber, column: column)
    }

    // MARK: Header

    /// Reads the header: the first line that is neither blank nor a comment.
    private func readHeader() throws {
        while let (first, last) = try nextLine() {
            var p = first
            if lineNumber == 1 && last - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { p += 3 }
            guard let content = CSVReader.content(p, last) else { continue }
            columns = try CSVHeader.parse(content.first, content.last, reader: self)
            row.deallocate()
            row = .allocate(capacity: columns.count)
            return
        }
        throw CSVError(.emptyFile, file: name)
    }
}
