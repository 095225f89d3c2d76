import Platform
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The signal that asked the work to stop (0: none yet); set by the handler, read by the work loop.
private let interruptSignal = Atomic<Int32>(0)

/// What the handler prints on the first Ctrl-C, and on the first SIGTERM or SIGHUP (static strings: a
/// signal handler may not allocate).
private let interruptNotice: StaticString =
    "\ninterrupted: finishing the current step and saving (press Ctrl-C again to stop at once)\n"
private let terminationNotice: StaticString =
    "\nterminated: finishing the current step and saving (send the signal again to stop at once)\n"

/// Stopping long runs cleanly on Ctrl-C, SIGTERM or SIGHUP: the first signal asks the work to stop; a
/// second one ends the process.
///
/// After ``install()``, the first of SIGINT, SIGTERM and SIGHUP only records the signal (and prints a
/// notice on standard error); the training loop polls ``isRequested`` (once per epoch, say), stops
/// cleanly and writes its outputs, so the best model is not lost, and the tool exits with 128 + the
/// signal's number (``exitStatus``; 130 for Ctrl-C). A second signal removes the temporary files of
/// writes in progress and ends the process by that signal (`TerminationSignals.terminate`), so a stuck
/// program still dies as usual and leaves nothing behind. A signal ignored when ``install()`` runs (SIGHUP
/// under `nohup`) stays ignored.
///
/// ```swift
/// Interrupt.install()
/// for epoch in 1...epochs {
///     trainOneEpoch()
///     if Interrupt.isRequested { break }
/// }
/// try OutputFile.write(modelPath, bytes: model)
/// ```
///
/// The handler does only async-signal-safe work: an atomic exchange, `write(2)`, `unlink(2)`, `signal`
/// and `raise`.
public enum Interrupt {
    /// Installs the handler of SIGINT, SIGTERM and SIGHUP, ignores SIGPIPE, and clears the request.
    ///
    /// The signals are also unblocked in the calling thread: a process started by a parent that blocks
    /// them (test runners do) inherits the blocked mask and would otherwise never see them. With SIGPIPE
    /// ignored, a reader that closes its pipe (`train … --metrics - | head`) makes the next write fail
    /// with `EPIPE` instead of killing the process, so the work can stop and save as on SIGTERM
    /// (``GrowingCSVOutput`` keeps the error for that).
    public static func install() {
        interruptSignal.store(0, ordering: .sequentiallyConsistent)
        TerminationSignals.ignoreBrokenPipes(true)
        for number in TerminationSignals.all {
            TerminationSignals.handle(number) { number in
                if interruptSignal.exchange(number, ordering: .sequentiallyConsistent) != 0 {
                    TerminationSignals.terminate(number)
                    return
                }
                let notice = number == SIGINT ? interruptNotice : terminationNotice
                _ = write(STDERR_FILENO, notice.utf8Start, notice.utf8CodeUnitCount)
            }
        }
    }

    /// Gives the signals back to `TerminationSignals` (ending the process after removing temporary
    /// files), SIGPIPE its default action, and clears the request.
    public static func uninstall() {
        TerminationSignals.install()
        TerminationSignals.ignoreBrokenPipes(false)
        interruptSignal.store(0, ordering: .sequentiallyConsistent)
    }

    /// Whether a stop was asked for since ``install()``.
    public static var isRequested: Bool {
        interruptSignal.load(ordering: .sequentiallyConsistent) != 0
    }

    /// The signal that asked for the stop, if any: `SIGINT`, `SIGTERM` or `SIGHUP`.
    public static var signal: Int32? {
        let number = interruptSignal.load(ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }

    /// The exit status after a stop asked for by ``signal``: 128 + its number, as a shell reports a
    /// process killed by it (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP).
    public static var exitStatus: Int32 { 128 + (signal ?? SIGINT) }
}
