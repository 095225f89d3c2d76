import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The host process's setup: where the toolkit's build is, the session's directory and descriptors.
public enum KernelPaths {
    /// The directory of the running executable (symbolic links resolved).
    public static func executableDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return "." }
        let path = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return AtomicFile.directory(of: path)
    }

    /// The nearest directory above `build` that holds `Package.swift` (the repository root).
    public static func sourceRoot(ofBuild build: String) -> String {
        var directory = build
        while directory != "/" && !directory.isEmpty {
            directory = AtomicFile.directory(of: directory)
            if access("\(directory)/Package.swift", R_OK) == 0 { return directory }
        }
        return "."
    }

    /// A new private directory for a session's cells, `udl-swift-kernel-*` under `TMPDIR` (or `/tmp`), first
    /// removing those of sessions that have ended without removing theirs (a kernel killed with its process
    /// group). A session holds a lock on its directory's `.lock` for as long as any of its processes lives:
    /// the descriptor is inherited by every child that takes over the session.
    public static func makeSessionDirectory() throws(SystemError) -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        for name in Directory.entries(base) where name.hasPrefix("udl-swift-kernel-") {
            let lock = open("\(base)/\(name)/.lock", O_RDWR | O_CLOEXEC)
            guard lock >= 0 else { continue }
            if flock(lock, LOCK_EX | LOCK_NB) == 0 { KernelHost.removeDirectory("\(base)/\(name)") }
            close(lock)
        }
        var template = Array("\(base)/udl-swift-kernel-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw SystemError.current }
        let directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let lock = open("\(directory)/.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0, flock(lock, LOCK_EX) == 0 else { throw SystemError.current }
        return directory
    }

    /// The event channel's descriptor: the number in `UDL_KERNEL_EVENTS_FD`, or standard output (then named
    /// in the variable, so the cells' displays find it too).
    public static func eventDescriptor() -> FileDescriptor {
        if let value = getenv(KernelEvents.environmentVariable), let number = Int32(String(cString: value)) {
            return FileDescriptor(rawValue: number)
        }
        setenv(KernelEvents.environmentVariable, "1", 1)
        return .standardOutput
    }

    /// Moves the request stream off standard input, onto a descriptor that the cells and the compiler
    /// never see, and gives standard input `/dev/null` (a cell that reads input reads nothing).
    public static func detachStandardInput() -> FileDescriptor {
        let requests = fcntl(0, F_DUPFD_CLOEXEC, 10)
        let empty = open("/dev/null", O_RDONLY)
        if empty >= 0 && empty != 0 {
            dup2(empty, 0)
            close(empty)
        }
        return FileDescriptor(rawValue: requests)
    }
}
