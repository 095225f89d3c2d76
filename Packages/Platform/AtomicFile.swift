import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file writes that readers never see half done.
///
/// Where the bytes go is an ``OutputDestination``: symbolic links are followed, and what they end at
/// decides how it is written.
///
/// - A regular file, or a name where nothing exists yet: the content goes to a new temporary file beside
///   it (`.NAME.tmp-PID-N`), which is flushed to disk and renamed over the destination only when
///   everything was written. A run that fails or is killed never leaves a half-written file (the
///   temporary file is removed on an error, and by ``TerminationSignals`` on a signal), and an existing
///   file stays as it was until the new one is complete. A process killed outright (SIGKILL, a power cut)
///   cannot remove its temporary file: the next write to the same destination removes the temporaries of
///   processes that no longer run (``removeStaleTemporaries(of:)``). A replaced file keeps its permissions; a new
///   one gets 0666 less the umask.
/// - A device, FIFO or socket (`/dev/null`, `/dev/full`, a named pipe): opened and written in place, as
///   every Unix tool does; a write error (`/dev/full`'s "No space left on device") is an error.
///
/// Callers hand over a closure that writes through a descriptor rather than a path or the bytes alone, so
/// how the destination is reached stays this type's business.
public enum AtomicFile {
    /// Writes the file at `path` through `body`, which gets a descriptor open for writing.
    ///
    /// A file replaces `path` only if `body` returns normally and the data reached the disk; if `body`
    /// throws, the temporary file is removed and the error passed on unchanged.
    /// - Throws: ``AtomicFileError`` when the destination cannot be resolved or opened, or the file cannot
    ///   be created, synced, closed or renamed; `body`'s errors.
    public static func write(to path: String, _ body: (FileDescriptor) throws -> Void) throws {
        let destination: OutputDestination
        do throws(SystemError) {
            destination = try OutputDestination(path)
        } catch {
            throw AtomicFileError(path: path, failed: .open, error)
        }
        switch destination.kind {
        case .inPlace: try writeInPlace(destination.resolvedPath, name: path, body)
        case .replace: try writeReplacing(destination.resolvedPath, name: path, body)
        }
    }

    /// Opens a device or FIFO and writes it through `body`.
    private static func writeInPlace(_ path: String, name: String, _ body: (FileDescriptor) throws -> Void) throws {
        let raw = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard raw >= 0 else { throw AtomicFileError(path: name, failed: .open, .current) }
        let descriptor = FileDescriptor(rawValue: raw)
        var closed = false
        defer { if !closed { _ = try? descriptor.close() } }
        try body(descriptor)
        closed = true
        do throws(SystemError) {
            try descriptor.close()
        } catch {
            throw AtomicFileError(path: name, failed: .close, error)
        }
    }

    /// Writes a temporary file beside `path` through `body` and renames it over `path`.
    private static func writeReplacing(_ path: String, name: String, _ body: (FileDescriptor) throws -> Void) throws {
        let (descriptor, temporary, slot) = try createTemporary(for: path, name: name)
        var closed = false
        var renamed = false
        defer {
            if !closed { _ = try? descriptor.close() }
            if !renamed { unlink(temporary) }
            TemporaryFiles.forget(slot)
        }
        try body(descriptor)
        var existing = stat()
        if stat(path, &existing) == 0 { fchmod(descriptor.rawValue, existing.st_mode & 0o7777) }
        guard fsync(descriptor.rawValue) == 0 else { throw AtomicFileError(path: name, failed: .sync, .current) }
        closed = true
        do throws(SystemError) {
            try descriptor.close()
        } catch {
            throw AtomicFileError(path: name, failed: .close, error)
        }
        guard rename(temporary, path) == 0 else { throw AtomicFileError(path: name, failed: .replace, .current) }
        renamed = true
    }

    /// Writes `bytes` as the whole content of the file at `path`.
    ///
    /// - Throws: ``AtomicFileError``, including `.write` when a `write(2)` fails.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { descriptor in
            do throws(SystemError) {
                try descriptor.writeAll(bytes)
            } catch {
                throw AtomicFileError(path: path, failed: .write, error)
            }
        }
    }

    /// The directory part of a path (`.` when there is none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// A new, empty temporary file beside `path`, opened for writing, its name, and its slot in
    /// ``TemporaryFiles``; the termination signals are blocked between its creation and its registration.
    private static func createTemporary(
        for path: String, name: String
    ) throws(AtomicFileError) -> (FileDescriptor, String, Int?) {
        let directory = self.directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if cleaned.withLock({ $0.insert(path).inserted }) { removeStaleTemporaries(of: path) }
        var failure = SystemError(code: EEXIST)
        for attempt in 0..<100 {
            let candidate = "\(directory)/.\(base).tmp-\(getpid())-\(attempt)"
            let (descriptor, slot, error) = TerminationSignals.blocked { () -> (Int32, Int?, SystemError) in
                let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
                return (descriptor, descriptor >= 0 ? TemporaryFiles.register(candidate) : nil, .current)
            }
            if descriptor >= 0 { return (FileDescriptor(rawValue: descriptor), candidate, slot) }
            failure = error
            if error.code != EEXIST { break }
        }
        throw AtomicFileError(path: name, failed: .createTemporary(directory: directory), failure)
    }
}

extension AtomicFile {
    /// Removes the temporary files `.NAME.tmp-PID-N` beside `path` whose process `PID` no longer runs: what a
    /// write killed before it could clean up (SIGKILL) left behind. A temporary of a process that still
    /// runs, this one or another writing the same destination, is left alone. Each destination is cleaned
    /// once per process, before its first atomic write.
    ///
    /// - Returns: the names of the files removed.
    @discardableResult
    public static func removeStaleTemporaries(of path: String) -> [String] {
        let directory = self.directory(of: path)
        let prefix = "." + (path.split(separator: "/").last.map(String.init) ?? path) + ".tmp-"
        var removed: [String] = []
        for name in Directory.entries(directory) where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: "-")
            guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, Int(parts[1]) != nil, pid != getpid()
            else { continue }
            // kill(pid, 0) fails with ESRCH exactly when no process has that id.
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            if unlink(directory + "/" + name) == 0 { removed.append(name) }
        }
        return removed
    }
}

/// The destinations cleaned of stale temporaries in this process.
private let cleaned = Mutex<Set<String>>([])

/// Why an ``AtomicFile`` write failed: the destination, the step, and the system's error.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
    /// A step of an atomic write.
    public enum Step: Equatable, Sendable {
        /// Resolving the destination, or opening a device or FIFO written in place.
        case open
        /// Creating the temporary file in `directory`.
        case createTemporary(directory: String)
        /// Writing the content.
        case write
        /// Flushing it to disk.
        case sync
        /// Closing the temporary file.
        case close
        /// Renaming it over the destination.
        case replace
    }

    /// The destination.
    public let path: String
    /// The step that failed.
    public let step: Step
    /// The system call's error.
    public let error: SystemError

    /// The error of `step` on the way to `path`.
    public init(path: String, failed step: Step, _ error: SystemError) {
        self.path = path
        self.step = step
        self.error = error
    }

    /// A one-line message naming the file, e.g. `out.csv: cannot sync: No space left on device`.
    public var description: String {
        switch step {
        case .open: "\(path): cannot open: \(error)"
        case let .createTemporary(directory): "\(path): cannot create a temporary file in \(directory): \(error)"
        case .write: "\(path): write error: \(error)"
        case .sync: "\(path): cannot sync: \(error)"
        case .close: "\(path): cannot close: \(error)"
        case .replace: "\(path): cannot replace: \(error)"
        }
    }
}
