import Datasets
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        let descriptor: FileDescriptor
        do throws(SystemError) {
            descriptor = path == "-" ? .standardInput : try .open(readingFrom: path)
        } catch {
            throw ToolError(.noInput, "\(path): cannot open: \(error)")
        }
        defer { if path != "-" { try? descriptor.close() } }
        do throws(SystemError) {
            return try descriptor.readAll()
        } catch {
            throw ToolError(error.code == EISDIR ? .noInput : .ioError, "\(name(path)): cannot read: \(error)")
        }
    }
}
