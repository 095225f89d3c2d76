#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file, as the C library's integer descriptor, with the loops that read and write it whole.
///
/// The descriptor is not owned: whoever opened it closes it (``close()``).
public struct FileDescriptor: Sendable, Equatable {
    /// The C library's descriptor.
    public let rawValue: Int32

    /// Wraps an open descriptor.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Standard input (0).
    public static let standardInput = FileDescriptor(rawValue: STDIN_FILENO)
    /// Standard output (1).
    public static let standardOutput = FileDescriptor(rawValue: STDOUT_FILENO)
    /// Standard error (2).
    public static let standardError = FileDescriptor(rawValue: STDERR_FILENO)

    /// Opens an existing file for reading.
    ///
    /// - Throws: ``SystemError`` from `open(2)`.
    public static func open(readingFrom path: String) throws(SystemError) -> FileDescriptor {
        let descriptor = systemOpen(path, O_RDONLY)
        guard descriptor >= 0 else { throw SystemError.current }
        return FileDescriptor(rawValue: descriptor)
    }

    /// Opens an existing file, device or FIFO for writing in place (not created, not truncated): what
    /// ``AtomicFile`` does for a destination written in place, for a writer that keeps it open.
    ///
    /// - Throws: ``SystemError`` from `open(2)`.
    public static func open(writingTo path: String) throws(SystemError) -> FileDescriptor {
        let descriptor = systemOpen(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError.current }
        return FileDescriptor(rawValue: descriptor)
    }

    /// Closes the descriptor.
    ///
    /// - Throws: ``SystemError`` from `close(2)` (after which the descriptor is closed all the same).
    public func close() throws(SystemError) {
        guard systemClose(rawValue) == 0 else { throw SystemError.current }
    }

    /// Writes all of `bytes`, retrying partial writes and writes interrupted by a signal (`EINTR`).
    ///
    /// - Throws: ``SystemError`` from the first `write(2)` that fails otherwise; some bytes may have been
    ///   written by then.
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(rawValue, bytes.baseAddress! + offset, bytes.count - offset)
            if written >= 0 {
                offset += written
            } else if errno != EINTR {
                throw SystemError.current
            }
        }
    }

    /// Writes all of `bytes` (see ``writeAll(_:)-(UnsafeRawBufferPointer)``).
    public func writeAll(_ bytes: [UInt8]) throws(SystemError) {
        let failure = bytes.withUnsafeBytes { raw -> SystemError? in
            do throws(SystemError) {
                try writeAll(raw)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Reads until the end of the file, retrying reads interrupted by a signal (`EINTR`).
    ///
    /// - Throws: ``SystemError`` from the first `read(2)` that fails otherwise (`EISDIR` for a directory).
    public func readAll() throws(SystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { systemRead(rawValue, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: block[..<count])
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                throw SystemError.current
            }
        }
    }
}

// The C library's calls under names that the methods above do not shadow.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
private func systemRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, bytes, count)
}

/// Directories: creating one and the missing ones above it, as `mkdir -p` does, with the C library's error;
/// listing one.
public enum Directory {
    /// The names in a directory (without `.` and `..`), sorted; empty when it cannot be read.
    public static func entries(_ path: String) -> [String] {
        guard let stream = opendir(path) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Creates `path` and its missing parents (mode 0777, less the umask); an existing directory is fine.
    ///
    /// - Throws: ``SystemError`` of the `mkdir(2)` that failed: `ENOTDIR` when `path` or a parent exists
    ///   and is not a directory, `EACCES` or `EROFS` when it cannot be created, … .
    public static func create(_ path: String) throws(SystemError) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else { throw SystemError(code: ENOTDIR) }
            return
        }
        let parent = AtomicFile.directory(of: path)
        if parent != path && parent != "." && parent != "/" { try create(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw SystemError.current }
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { throw SystemError(code: ENOTDIR) }
    }
}
