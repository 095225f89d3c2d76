#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a write to a path really goes, decided before writing: the file a chain of symbolic links ends
/// at, and whether that file is replaced as a whole or written in place.
///
/// - A regular file, or a name where nothing exists yet, is **replaced**: ``AtomicFile`` writes a
///   temporary file beside it and renames it over the name.
/// - A symbolic link is followed (relative targets from the link's directory, up to 40 links), so the
///   link stays and its target is written, as the shell's `>` does; a dangling link's target is created.
/// - Anything else (a character or block device such as `/dev/null` or `/dev/full`, a FIFO, a socket) is
///   **written in place**: opened for writing and written through, as every Unix tool writes it. A rename
///   would replace the device node or the FIFO by a regular file.
/// - A directory is refused.
public struct OutputDestination: Sendable, Equatable {
    /// How the destination is written.
    public enum Kind: Sendable, Equatable {
        /// A regular file, existing or not: written to a temporary file that is renamed over it.
        case replace
        /// A device, FIFO or socket: opened and written in place.
        case inPlace
    }

    /// The path as given.
    public let path: String
    /// The path written: `path` with its symbolic links followed.
    public let resolvedPath: String
    /// How it is written.
    public let kind: Kind

    /// Resolves `path`.
    ///
    /// - Throws: ``SystemError`` `EISDIR` for a directory, `ELOOP` for more than 40 links in a row, and the
    ///   error of `lstat(2)` or `readlink(2)` other than a missing file.
    public init(_ path: String) throws(SystemError) {
        self.path = path
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0 else {
                guard errno == ENOENT else { throw SystemError.current }
                (resolvedPath, kind) = (current, .replace)
                return
            }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                current = try Self.linkTarget(current)
            case S_IFREG:
                (resolvedPath, kind) = (current, .replace)
                return
            case S_IFDIR:
                throw SystemError(code: EISDIR)
            default:
                (resolvedPath, kind) = (current, .inPlace)
                return
            }
        }
        throw SystemError(code: ELOOP)
    }

    /// The path a symbolic link points at, relative targets taken from the link's directory.
    private static func linkTarget(_ link: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else { throw SystemError.current }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        let directory = AtomicFile.directory(of: link)
        return directory == "/" ? "/" + target : directory + "/" + target
    }

    /// What names the same file as another destination of a run, for refusing two outputs that would
    /// overwrite each other: the device and inode of an existing file, else its directory's real path
    /// and its name. `nil` for a destination written in place: writing a device or FIFO twice (two
    /// outputs sent to `/dev/null`) loses nothing.
    public var identity: String? {
        guard kind == .replace else { return nil }
        var status = stat()
        if stat(resolvedPath, &status) == 0 { return "inode \(status.st_dev):\(status.st_ino)" }
        let directory = AtomicFile.directory(of: resolvedPath)
        let name = resolvedPath.split(separator: "/").last.map(String.init) ?? resolvedPath
        guard let real = realpath(directory, nil) else { return "path \(resolvedPath)" }
        defer { free(real) }
        return "path \(String(cString: real))/\(name)"
    }

    /// The identity of an existing file that a run reads, in the form ``identity`` gives (its device and
    /// inode, symbolic links followed), and whether it is a FIFO (which can be read only once); `nil`
    /// when nothing readable exists at `path` or it is a device (reading `/dev/zero` twice is harmless).
    public static func inputIdentity(_ path: String) -> (identity: String, isFIFO: Bool)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFIFO else { return nil }
        return ("inode \(status.st_dev):\(status.st_ino)", type == S_IFIFO)
    }

    /// Why the destination cannot be written, checked without writing: `nil` when it looks writable.
    ///
    /// A file to be replaced needs an existing, writable directory (and, when it exists, to be writable
    /// itself); a destination written in place needs only write permission on it.
    public var problem: String? {
        if kind == .inPlace {
            return access(resolvedPath, W_OK) == 0 ? nil : "not writable: \(SystemError.current)"
        }
        if resolvedPath.hasSuffix("/") { return "is a directory name" }
        if access(resolvedPath, F_OK) == 0 && access(resolvedPath, W_OK) != 0 {
            return "not writable: \(SystemError.current)"
        }
        let directory = AtomicFile.directory(of: resolvedPath)
        var status = stat()
        guard stat(directory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            return "directory \(directory) does not exist"
        }
        guard access(directory, W_OK) == 0 else {
            return "cannot write in directory \(directory): \(SystemError.current)"
        }
        return nil
    }
}
