import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary files of atomic writes in progress, removed when a signal ends the process.
///
/// ``AtomicFile`` registers each temporary file it creates and forgets it once renamed or removed. A
/// signal that ends the process (SIGINT, SIGTERM, SIGHUP; see ``TerminationSignals``) first removes the
/// registered files, so no signal leaves a `.NAME.tmp-PID-N` file behind.
///
/// The registry is a fixed table of atomic slots holding C strings allocated at registration, so that a
/// signal handler can walk it without allocating or locking (`unlink(2)` is async-signal-safe).
public enum TemporaryFiles {
    /// How many temporary files can be registered at once (atomic writes in progress at the same time).
    public static let capacity = 16

    /// Registers a path; returns its slot, or `nil` when every slot is taken (the file is then not
    /// removed by a signal).
    static func register(_ path: String) -> Int? {
        let copy = strdup(path)!
        let bits = Int(bitPattern: copy)
        for slot in 0..<capacity
        where temporaryPaths[slot].compareExchange(expected: 0, desired: bits, ordering: .sequentiallyConsistent)
            .exchanged
        {
            return slot
        }
        free(copy)
        return nil
    }

    /// Forgets the path of `slot` (after the file was renamed or removed).
    static func forget(_ slot: Int?) {
        guard let slot else { return }
        let bits = temporaryPaths[slot].exchange(0, ordering: .sequentiallyConsistent)
        free(UnsafeMutablePointer<CChar>(bitPattern: bits))
    }

    /// Removes every registered file. Async-signal-safe: only atomic loads and `unlink(2)`.
    public static func removeAll() {
        for slot in 0..<capacity {
            let bits = temporaryPaths[slot].load(ordering: .sequentiallyConsistent)
            if let path = UnsafePointer<CChar>(bitPattern: bits) { unlink(path) }
        }
    }
}

/// The registered temporary paths, as C-string pointer bits (0: a free slot).
private let temporaryPaths = InlineArray<16, Atomic<Int>> { _ in Atomic<Int>(0) }

/// The signals that end a command-line program at a user's or system's request, and what happens then.
///
/// ``install()`` makes SIGINT, SIGTERM and SIGHUP remove the temporary files of atomic writes in
/// progress (``TemporaryFiles``) before the process dies of the signal as it would have (the parent sees
/// it killed by that signal). SIGHUP stays ignored when it is ignored at ``install()`` (under `nohup`);
/// SIGINT and SIGTERM are always handled, so that a job started in the background by a script, which
/// inherits an ignored SIGINT, can still be stopped cleanly with `kill -INT`. Long-running tools that stop cleanly on a signal install
/// their own handler and call ``terminate(_:)`` when they give up.
public enum TerminationSignals {
    /// SIGINT, SIGTERM and SIGHUP.
    public static let all: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the cleaning handler for every signal of ``all`` that is not ignored, and unblocks them
    /// (a parent that blocks them, as test runners do, would otherwise keep them from ever arriving).
    public static func install() {
        for number in all { handle(number) { TerminationSignals.terminate($0) } }
    }

    /// Sets `handler` for signal `number`, unless it is SIGHUP and ignored, and unblocks it in the calling
    /// thread.
    ///
    /// - Returns: `false` when the signal was an ignored SIGHUP and stays so.
    @discardableResult
    public static func handle(_ number: Int32, _ handler: @convention(c) (Int32) -> Void) -> Bool {
        let previous = signal(number, handler)
        if number == SIGHUP && isIgnore(previous) {
            signal(number, SIG_IGN)
            return false
        }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, number)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        return true
    }

    /// Ignores SIGPIPE (`true`) or gives it back its default action, ending the process (`false`).
    ///
    /// Ignored, a write to a pipe whose reader has gone fails with `EPIPE`, which a long run can treat as
    /// a request to stop and save, instead of killing the process at once.
    public static func ignoreBrokenPipes(_ ignore: Bool) {
        signal(SIGPIPE, ignore ? SIG_IGN : SIG_DFL)
    }

    /// Removes the temporary files and ends the process by signal `number`'s default action.
    /// Async-signal-safe.
    public static func terminate(_ number: Int32) {
        TemporaryFiles.removeAll()
        signal(number, SIG_DFL)
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, number)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        raise(number)
    }

    /// Whether a disposition returned by `signal(2)` is `SIG_IGN`.
    private static func isIgnore(_ disposition: (@convention(c) (Int32) -> Void)?) -> Bool {
        unsafeBitCast(disposition, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Blocks the signals of ``all`` in the calling thread while `body` runs, so that a temporary file is
    /// never created without being registered.
    static func blocked<T>(_ body: () throws -> T) rethrows -> T {
        var signals = sigset_t(), previous = sigset_t()
        sigemptyset(&signals)
        for signal in all { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_BLOCK, &signals, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }
}
