#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Datasets

/// Opening a tool's inputs, where the path `-` means standard input.
public enum InputFile {
    /// The name used in messages: the path, or `<stdin>` for `-`.
    public static func name(_ path: String) -> String {
        path == "-" ? "<stdin>" : path
    }

    /// A streaming CSV reader on a file or on standard input, its header already read.
    ///
    /// - Throws: ``CSVError`` (`.cannotOpen` → exit 66, data errors → 65).
    public static func csvReader(_ path: String, options: CSVReader.Options = .init()) throws -> CSVReader {
        path == "-"
            ? try CSVReader(fileDescriptor: STDIN_FILENO, name: name(path), options: options)
            : try CSVReader(path: path, options: options)
    }

    /// A whole CSV file, or standard input, as a table.
    public static func readTable(_ path: String, options: CSVReader.Options = .init()) throws -> CSVTable {
        try csvReader(path, options: options).readTable()
    }

    /// The bytes of a file, or of standard input, for small inputs such as a model file.
    ///
    /// - Throws: ``ToolError`` with status 66 when the file cannot be opened, 74 when reading fails.
    public static func contents(_ path: String) throws -> [UInt8] {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ToolError(.noInput, "\(path): cannot open: \(systemMessage())") }
        defer { if path != "-" { close(descriptor) } }
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: block[..<count])
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                let status: SysExit = errno == EISDIR ? .noInput : .ioError
                throw ToolError(status, "\(name(path)): cannot read: \(systemMessage())")
            }
        }
    }
}

/// The C library's message for the current `errno`.
func systemMessage() -> String {
    String(cString: strerror(errno))
}
