#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program run to its end with its output captured: the toolkit's one way to start another program
/// (the kernel's compiler, fontconfig's `fc-match`).
public enum Subprocess {
    /// How it ended.
    public struct Result: Sendable, Equatable {
        /// The exit code, or nil when a signal ended it.
        public var exitCode: Int32?
        /// The signal that ended it, or nil.
        public var signal: Int32?
        /// Standard output (and error, when captured), interleaved as written.
        public var output: String
    }

    /// Where the program's standard error goes.
    public enum ErrorOutput: Sendable {
        /// Into ``Result/output``, with standard output.
        case captured
        /// To `/dev/null`.
        case discarded
    }

    /// A pipe whose two ends are closed on `exec` (so a program started meanwhile does not hold them open).
    public static func pipe() throws(SystemError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard ends.withUnsafeMutableBufferPointer({ systemPipe($0.baseAddress!) }) == 0 else {
            throw SystemError.current
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// Runs `arguments[0]` (looked up in `PATH` when it has no slash) with the rest as its arguments;
    /// `started` gets the process id as soon as it runs (for an interrupt to stop it). Standard input is
    /// empty; the parent's close-on-exec descriptors are closed in the child; SIGINT has its default action
    /// there even when this process ignores it, so an interrupt stops the program.
    ///
    /// - Throws: ``SystemError`` when the pipe cannot be made or the program cannot be started.
    public static func run(
        _ arguments: [String], standardError: ErrorOutput = .captured, started: (pid_t) -> Void = { _ in }
    ) throws(SystemError) -> Result {
        let ends = try pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends.write, 1)
        switch standardError {
        case .captured: posix_spawn_file_actions_adddup2(&actions, ends.write, 2)
        case .discarded: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, cArguments, environment)
        close(ends.write)
        defer { close(ends.read) }
        guard status == 0 else { throw SystemError(code: status) }
        started(pid)
        let bytes = (try? FileDescriptor(rawValue: ends.read).readAll()) ?? []
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        let signal = waitStatus & 0x7f
        return Result(
            exitCode: signal == 0 ? (waitStatus >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
            output: String(decoding: bytes, as: UTF8.self))
    }

    /// The process's environment, for the child.
    private static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        #if canImport(Darwin)
            _NSGetEnviron().pointee
        #else
            environ
        #endif
    }
}

/// The C library's `pipe(2)`, under a name that ``Subprocess/pipe()`` does not shadow.
private func systemPipe(_ ends: UnsafeMutablePointer<Int32>) -> Int32 { pipe(ends) }
