/// Whole-file writes that readers never see half done.
///
/// The content goes to a new temporary file beside the destination (`.NAME.tmp-PID-N`), which is flushed
/// to disk and renamed over the destination only when everything was written: a run that fails or is
/// killed never leaves a half-written file, and an existing file stays as it was until the new one is
/// complete. A replaced file keeps its permissions; a new one gets 0666 less the umask.
///
/// Callers hand over a closure that writes through a descriptor rather than a path or the bytes alone, so
/// how the destination is reached stays this type's business: destinations that are not regular files
/// (devices, FIFOs), which a rename would replace, and symbolic links, which it would replace rather than
/// follow, can be written differently here without changing any caller.
public enum AtomicFile {
    /// Writes the file at `path` through `body`, which gets a descriptor open for writing.
    ///
    /// The file replaces `path` only if `body` returns normally and the data reached the disk; if `body`
    /// throws, the temporary file is removed and the error passed on unchanged.
    /// - Throws: ``AtomicFileError`` when the file cannot be created, synced, closed or renamed; `body`'s
    ///   errors.
    public static func write(to path: String, _ body: (FileDescriptor) throws -> Void) throws {
        let (descriptor, temporary) = try createTemporary(for: path)
        var closed = false
        var renamed = false
        defer {
            if !closed { _ = try? descriptor.close() }
            if !renamed { unlink(temporary) }
        }
        try body(descriptor)
        var existing = stat()
        if stat(path, &existing) == 0 { fchmod(descriptor.rawValue, existing.st_mode & 0o7777) }
        guard fsync(descriptor.rawValue) == 0 else { throw AtomicFileError(path: path, failed: .sync, .current) }
        closed = true
        do throws(SystemError) {
            try descriptor.close()
        } catch {
            throw AtomicFileError(path: path, failed: .close, error)
        }
        guard rename(temporary, path) == 0 else { throw AtomicFileError(path: path, failed: .replace, .current) }
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

    /// A new, empty temporary file beside `path`, opened for writing, and its name.
    private static func createTemporary(for path: String) throws(AtomicFileError) -> (FileDescriptor, String) {
        let directory = self.directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        for attempt in 0..<100 {
            let candidate = "\(directory)/.\(base).tmp-\(getpid())-\(attempt)"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL, 0o666)
            if descriptor >= 0 { return (FileDescriptor(rawValue: descriptor), candidate) }
            if errno != EEXIST { break }
        }
        throw AtomicFileError(path: path, failed: .createTemporary(directory: directory), .current)
    }
}

/// Why an ``AtomicFile`` write failed: the destination, the step, and the system's error.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
    /// A step of an atomic write.
    public enum Step: Equatable, Sendable {
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
        case let .createTemporary(directory): "\(path): cannot create a temporary file in \(directory): \(error)"
        case .write: "\(path): write error: \(error)"
        case .sync: "\(path): cannot sync: \(error)"
        case .close: "\(path): cannot close: \(error)"
        case .replace: "\(path): cannot replace: \(error)"
        }
    }
}
