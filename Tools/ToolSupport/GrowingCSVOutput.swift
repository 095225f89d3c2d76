import Datasets
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A CSV output that grows as a long run produces its rows, such as `train --metrics`, so that a run that
/// is killed or whose reader goes away keeps what was complete.
///
/// To standard output (`-`), and to a device or FIFO, each row is written and flushed as it comes. To a
/// file, the rows so far are
/// written atomically (``OutputFile/writeCSV(_:columns:_:)``) at the first row, then again at most once a
/// second and never taking more than about a twentieth of the time, and a last time by ``finish()``: the
/// file on disk is always a complete CSV of the rows up to some point, and a second Ctrl-C, a SIGKILL or
/// a power cut leaves the last one written.
///
/// A write error does not throw where the row is added: it is kept in ``failure``, later rows are not
/// written, and the caller, which polls ``failure``, stops its work cleanly, writes its other outputs and
/// then calls ``finish()``, which throws it. A reader that closes the pipe (`train … --metrics - | head`)
/// is such an error, `EPIPE`, once `SIGPIPE` is ignored (``Interrupt/install()`` does it).
///
/// ```swift
/// let metrics = try GrowingCSVOutput(path, columns: EpochMetrics.header)
/// for row in rows { metrics.append(row); if metrics.failure != nil { break } }
/// try saveModel()
/// try metrics.finish()        // ToolError 74: <stdout>: write error: Broken pipe
/// ```
public final class GrowingCSVOutput {
    /// The output's path (`-`: standard output).
    public let path: String
    /// The column names.
    public let columns: [String]
    /// The first write error, after which nothing more is written.
    public private(set) var failure: ToolError?

    private var stream: CSVWriter?
    /// The descriptor of a device or FIFO written in place (closed by ``finish()``).
    private var inPlace: FileDescriptor?
    private var rows: [[Double?]] = []
    private let clock = ContinuousClock()
    private var lastWrite: ContinuousClock.Instant?
    private var writeCost = Duration.zero
    private var rowsWritten = 0

    /// An output to `path`; for standard output the header is written at once.
    ///
    /// - Throws: ``ToolError`` 74 for a path that cannot be written, `CSVError` for a column name that
    ///   cannot be written.
    public init(_ path: String, columns: [String]) throws {
        self.path = path
        self.columns = columns
        try OutputFile.validate(path)
        if path != "-", (try? OutputDestination(path))?.kind == .inPlace {
            do throws(SystemError) {
                inPlace = try FileDescriptor.open(writingTo: path)
            } catch {
                throw ToolError(.ioError, "\(path): cannot open: \(error)")
            }
        }
        if path == "-" || inPlace != nil {
            let descriptor = inPlace?.rawValue ?? STDOUT_FILENO
            stream = try CSVWriter(columns: columns, fileDescriptor: descriptor, name: OutputFile.name(path))
            do { try stream!.flush() } catch { failure = Self.toolError(error, path) }
        }
    }

    /// Adds a row: written and flushed to standard output, or kept and the file rewritten when it is time.
    ///
    /// - Precondition: `row.count == columns.count`.
    public func append(_ row: [Double?]) {
        guard failure == nil else { return }
        if stream != nil {
            do {
                try stream!.write(row: row)
                try stream!.flush()
            } catch {
                failure = Self.toolError(error, path)
            }
            return
        }
        rows.append(row)
        let now = clock.now
        if let lastWrite, now - lastWrite < max(.seconds(1), writeCost * 20) { return }
        writeFile()
    }

    /// Writes the rows so far, if any were added since the last write, and throws the first write error.
    ///
    /// - Throws: ``failure``.
    public func finish() throws {
        if stream == nil && failure == nil && (rowsWritten < rows.count || lastWrite == nil) { writeFile() }
        if let descriptor = inPlace {
            inPlace = nil
            do throws(SystemError) {
                try descriptor.close()
            } catch {
                failure = failure ?? ToolError(.ioError, "\(path): close error: \(error)")
            }
        }
        if let failure { throw failure }
    }

    /// Replaces the file with every row so far.
    private func writeFile() {
        let started = clock.now
        do {
            try OutputFile.writeCSV(path, columns: columns) { writer in
                for row in rows { try writer.write(row: row) }
            }
            rowsWritten = rows.count
        } catch {
            failure = Self.toolError(error, path)
        }
        lastWrite = clock.now
        writeCost = lastWrite! - started
    }

    /// A write error as a tool reports it: 74 with the output's name.
    private static func toolError(_ error: any Error, _ path: String) -> ToolError {
        if let error = error as? ToolError { return error }
        if let error = error as? CSVError { return ToolError(.ioError, error.description) }
        return ToolError(.ioError, "\(OutputFile.name(path)): \(error)")
    }
}
