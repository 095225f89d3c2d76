import Datasets
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing a tool's outputs atomically, where the path `-` means standard output.
///
/// A file is written through Platform's `AtomicFile`: a run that fails or is killed never leaves a
/// half-written output, and an existing file stays as it was until the new one is complete. Symbolic
/// links are followed; devices and FIFOs (`/dev/null`, a named pipe) are written in place.
///
/// Check outputs before long work, so a typo in a path fails at once rather than after training:
///
/// ```swift
/// try OutputFile.validate([("--metrics", metrics), ("--save", save)])     // before the work
/// …
/// try OutputFile.writeCSV(output, table: table)
/// ```
public enum OutputFile {
    /// The name used in messages: the path, or `<stdout>` for `-`.
    public static func name(_ path: String) -> String {
        path == "-" ? "<stdout>" : path
    }

    /// Checks that `path` can be written: `-`, a device or FIFO that is writable, or a file (through its
    /// symbolic links) whose directory exists and is writable and that is not a directory or a read-only
    /// file.
    ///
    /// - Throws: ``ToolError`` with status 74 saying what is wrong (64 for an empty path).
    public static func validate(_ path: String) throws {
        _ = try destination(path)
    }

    /// Checks every output of a run as ``validate(_:)`` does, that no two of them name the same file
    /// (standard output counts as one file; devices and FIFOs may be shared), that no output is one of
    /// the run's inputs (writing it would replace the data being read, or the figure drawn from it), and
    /// that no FIFO is read twice (its second open would wait forever for a writer that has gone).
    ///
    /// Every tool calls it with all its outputs and inputs, before any work.
    ///
    /// - Parameters:
    ///   - outputs: each output's option name (for messages) and path, `nil` when not given.
    ///   - inputs: each input's option name (`--data`, or empty for an argument) and path, `nil` when not
    ///     given; `-` (standard input) and paths that do not exist are left to the reading.
    /// - Throws: ``ToolError`` 64 for two outputs naming the same file, an output that is an input, or a
    ///   FIFO given twice; 74 for an output that cannot be written.
    public static func validate(
        _ outputs: [(option: String, path: String?)], inputs: [(option: String, path: String?)] = []
    ) throws {
        var read: [String: (option: String, path: String)] = [:]
        for (option, path) in inputs {
            guard let path, path != "-", let (identity, isFIFO) = OutputDestination.inputIdentity(path) else {
                continue
            }
            if isFIFO, let other = read[identity] {
                throw ToolError(
                    .usage,
                    "\(path) is a FIFO given twice (\(role(other.option)) and \(role(option))); it can be read only "
                        + "once: give one of them a copy")
            }
            read[identity] = read[identity] ?? (option, path)
        }
        var seen: [String: String] = [:]
        for (option, path) in outputs {
            guard let path else { continue }
            let identity = path == "-" ? "standard output" : try destination(path)?.identity
            guard let identity else { continue }
            if let other = seen[identity] {
                throw ToolError(
                    .usage,
                    "\(other) and \(option) both write \(name(path)); give each output its own file")
            }
            if let input = read[identity] {
                throw ToolError(
                    .usage,
                    "\(option) \(path) is also an input (\(role(input.option)) \(input.path)); writing it would "
                        + "replace what is read: choose another output")
            }
            seen[identity] = option
        }
    }

    /// An input's option name for a message; an empty name is a file argument.
    private static func role(_ option: String) -> String { option.isEmpty ? "the file argument" : option }

    /// Creates an output directory and its missing parents (`--figures`), and checks that files can be
    /// written in it.
    ///
    /// - Parameter option: the option's name for the message.
    /// - Throws: ``ToolError`` 73 naming the option, the path and the reason (`is not a directory`,
    ///   `Permission denied`), instead of Foundation's `NSCocoaErrorDomain` dump.
    public static func createDirectory(_ path: String, option: String) throws {
        guard !path.isEmpty else { throw ToolError(.usage, "\(option) is empty: name a directory") }
        do throws(SystemError) {
            try Directory.create(path)
        } catch {
            let reason = error.code == ENOTDIR ? "exists and is not a directory" : error.message
            throw ToolError(.cannotCreate, "\(option) \(path): cannot create the directory: \(reason)")
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw ToolError(.cannotCreate, "\(option) \(path): cannot write in the directory: \(SystemError.current)")
        }
    }

    /// The resolved destination of `path` (`nil` for `-`), checked for writability.
    private static func destination(_ path: String) throws -> OutputDestination? {
        guard path != "-" else { return nil }
        guard !path.isEmpty else { throw ToolError(.usage, "empty output path") }
        let destination: OutputDestination
        do throws(SystemError) {
            destination = try OutputDestination(path)
        } catch {
            throw ToolError(.ioError, "\(path): \(error.code == EISDIR ? "is a directory" : error.message)")
        }
        if let problem = destination.problem { throw ToolError(.ioError, "\(path): \(problem)") }
        return destination
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
