import Datasets
import Platform

/// Writing a tool's outputs atomically, where the path `-` means standard output.
///
/// A file is written through Platform's `AtomicFile`: a run that fails or is killed never leaves a
/// half-written output, and an existing file stays as it was until the new one is complete.
///
/// Check outputs before long work, so a typo in a path fails at once rather than after training:
///
/// ```swift
/// try OutputFile.validate(output)          // before the work
/// …
/// try OutputFile.writeCSV(output, table: table)
/// ```
public enum OutputFile {
    /// The name used in messages: the path, or `<stdout>` for `-`.
    public static func name(_ path: String) -> String {
        path == "-" ? "<stdout>" : path
    }

    /// Checks that `path` can be written: `-`, or a path whose directory exists and is writable and
    /// that is not itself a directory or a read-only file.
    ///
    /// - Throws: ``ToolError`` with status 74 saying what is wrong.
    public static func validate(_ path: String) throws {
        guard path != "-" else { return }
        guard !path.isEmpty else { throw ToolError(.usage, "empty output path") }
        var status = stat()
        if stat(path, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFDIR { throw ToolError(.ioError, "\(path): is a directory") }
            if access(path, W_OK) != 0 { throw ToolError(.ioError, "\(path): not writable: \(SystemError.current)") }
        } else if path.hasSuffix("/") {
            throw ToolError(.ioError, "\(path): is a directory name")
        }
        let directory = AtomicFile.directory(of: path)
        guard stat(directory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw ToolError(.ioError, "\(path): directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw ToolError(.ioError, "\(path): cannot write in directory \(directory): \(SystemError.current)")
        }
    }

    /// Writes an output through `body`, which receives a file descriptor to write to.
    ///
    /// For `-` the descriptor is standard output and the writing is not atomic. For a file, `body`
    /// writes through `AtomicFile`: the file replaces `path` only if `body` returns normally and the data
    /// reached the disk; if `body` throws, nothing is left behind and the error is passed on.
    /// - Throws: ``ToolError`` (74) when the file cannot be created, synced or renamed; `body`'s error.
    public static func write(_ path: String, _ body: (_ descriptor: Int32) throws -> Void) throws {
        if path == "-" {
            try body(STDOUT_FILENO)
            return
        }
        try validate(path)
        do {
            try AtomicFile.write(to: path) { try body($0.rawValue) }
        } catch let error as AtomicFileError {
            throw ToolError(.ioError, error.description)
        }
    }

    /// Writes bytes to a file (atomically) or to standard output.
    public static func write(_ path: String, bytes: [UInt8]) throws {
        try write(path) { descriptor in
            do throws(SystemError) {
                try FileDescriptor(rawValue: descriptor).writeAll(bytes)
            } catch {
                throw ToolError(.ioError, "\(name(path)): write error: \(error)")
            }
        }
    }

    /// Writes a table as CSV to a file (atomically) or to standard output.
    public static func writeCSV(_ path: String, table: CSVTable) throws {
        try writeCSV(path, columns: table.columnNames) { try $0.write(rows: table.values) }
    }

    /// Writes CSV row by row: `body` gets a writer whose header is written; it is flushed at the end.
    public static func writeCSV(
        _ path: String, columns: [String], _ body: (inout CSVWriter) throws -> Void
    ) throws {
        try write(path) { descriptor in
            var writer = try CSVWriter(columns: columns, fileDescriptor: descriptor, name: name(path))
            try body(&writer)
            try writer.flush()
        }
    }
}
