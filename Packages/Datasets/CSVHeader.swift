/// Parsing and writing of the header row: column names, optionally double-quoted.
enum CSVHeader {
    /// Parses a header line (without leading blanks, line break or comment) into column names.
    ///
    /// Unquoted names are trimmed of spaces and tabs. A quoted name runs to its closing quote, with `""`
    /// standing for one quote; only blanks may follow it before the comma. Names must be non-empty and
    /// distinct, and a header made only of unquoted numbers is taken for a data row.
    static func parse(
        _ first: UnsafePointer<UInt8>, _ last: UnsafePointer<UInt8>, reader: CSVReader
    ) throws -> [String] {
        var names: [String] = []
        // Each name's first column, so that finding a duplicate takes constant time: a header of a million
        // columns is read in linear time (a search of the names so far made it quadratic).
        var firstColumn: [String: Int] = [:]
        var allNumeric = true
        var p = first
        while true {
            let column = names.count + 1
            while p < last && CSVReader.isBlank(p.pointee) { p += 1 }
            var bytes: [UInt8] = []
            if p < last && p.pointee == UInt8(ascii: "\"") {
                allNumeric = false
                p += 1
                var closed = false
                while p < last {
                    if p.pointee == UInt8(ascii: "\"") {
                        if p + 1 < last && (p + 1).pointee == UInt8(ascii: "\"") {
                            bytes.append(UInt8(ascii: "\""))
                            p += 2
                            continue
                        }
                        closed = true
                        p += 1
                        break
                    }
                    bytes.append(p.pointee)
                    p += 1
                }
                while p < last && CSVReader.isBlank(p.pointee) { p += 1 }
                guard closed && (p == last || p.pointee == UInt8(ascii: ",")) else {
                    throw reader.error(.badQuotes, column)
                }
            } else {
                let fieldStart = p
                while p < last && p.pointee != UInt8(ascii: ",") { p += 1 }
                var fieldEnd = p
                while fieldEnd > fieldStart && CSVReader.isBlank((fieldEnd - 1).pointee) { fieldEnd -= 1 }
                bytes.append(contentsOf: UnsafeBufferPointer(start: fieldStart, count: fieldEnd - fieldStart))
                if allNumeric {
                    allNumeric = isNumber(bytes)
                }
            }
            let name = String(decoding: bytes, as: UTF8.self)
            guard !name.isEmpty else { throw reader.error(.emptyColumnName, column) }
            if bytes.contains(0) {
                throw reader.error(.nulByte(token: name.count > 40 ? String(name.prefix(37)) + "..." : name), column)
            }
            if let earlier = firstColumn[name] {
                throw reader.error(.duplicateColumnName(name, firstColumn: earlier), column)
            }
            firstColumn[name] = column
            names.append(name)
            if p == last { break }
            p += 1  // the comma
        }
        if allNumeric { throw reader.error(.missingHeader) }
        return names
    }

    /// Whether the bytes are exactly one number of the reader's grammar.
    static func isNumber(_ bytes: [UInt8]) -> Bool {
        // `scan` may read the byte after a number that stops early: give it a terminator.
        (bytes + [0]).withUnsafeBufferPointer { copy in
            let start = copy.baseAddress!, end = start + bytes.count
            guard let (_, next) = CSVNumber.scan(start, end) else { return false }
            return next == end
        }
    }

    /// A column name as the writer spells it: quoted when it would not read back as written
    /// (surrounding blanks, a comma, a quote, a leading `#`, the look of a number, a carriage return,
    /// which ends a line for other readers and before a line feed for this one, or a leading U+FEFF, which
    /// at the start of the file would be taken for a byte-order mark).
    ///
    /// Quotes are doubled byte by byte: a quote followed by a combining mark is one `Character` to Swift
    /// but still a quote to the reader.
    static func spelling(_ name: String) -> String {
        let bytes = Array(name.utf8)
        let needsQuotes =
            bytes.contains(UInt8(ascii: ",")) || bytes.contains(UInt8(ascii: "\""))
            || bytes.contains(UInt8(ascii: "\r")) || bytes.starts(with: [0xEF, 0xBB, 0xBF])
            || bytes.first == UInt8(ascii: "#") || CSVReader.isBlank(bytes.first ?? 0)
            || CSVReader.isBlank(bytes.last ?? 0)
            || isNumber(bytes)
        guard needsQuotes else { return name }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            quoted.append(byte)
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }

    /// Whether a name can be written so that it reads back: not empty, without a line feed (the reader
    /// splits lines before it parses quotes) and without a NUL byte (which the reader takes for binary data).
    static func isWritable(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains(UInt8(ascii: "\n")) && !name.utf8.contains(0)
    }
}
