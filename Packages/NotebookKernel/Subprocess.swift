import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program run to its end with its standard output and error captured together.
struct Subprocess {
    /// How it ended.
    struct Result {
        /// The exit code, or nil when a signal ended it.
        var exitCode: Int32?
        /// The signal that ended it, or nil.
        var signal: Int32?
        /// Standard output and error, interleaved as written.
        var output: String
    }

    /// Runs `arguments[0]` (looked up in `PATH` when it has no slash) with the rest as its arguments;
    /// `started` gets the process id as soon as it runs (for an interrupt to stop it). Standard input is
    /// empty; the parent's other descriptors are closed in the child (theirs are close-on-exec); SIGINT has its
    /// default action (the session ignores it), so an interrupt stops the program.
    static func run(_ arguments: [String], started: (pid_t) -> Void = { _ in }) throws(SystemError) -> Result {
        let ends = try KernelPaths.closeOnExecPipe()
        let pipeEnds = [ends.read, ends.write]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var cArguments = arguments.map { strdup($0) }
        cArguments.append(nil)
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, cArguments, environ)
        close(pipeEnds[1])
        guard status == 0 else {
            close(pipeEnds[0])
            throw SystemError(code: status)
        }
        started(pid)
        let bytes = (try? FileDescriptor(rawValue: pipeEnds[0]).readAll()) ?? []
        close(pipeEnds[0])
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        let signal = waitStatus & 0x7f
        return Result(
            exitCode: signal == 0 ? (waitStatus >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
            output: String(decoding: bytes, as: UTF8.self))
    }
}
