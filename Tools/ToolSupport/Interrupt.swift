import Platform
import Synchronization

/// Set by the SIGINT handler; read by the work loop.
private let interruptRequested = Atomic<Bool>(false)

/// What the handler prints on the first Ctrl-C (a static string: a signal handler may not allocate).
private let interruptNotice: StaticString =
    "\ninterrupted: finishing the current step and saving (press Ctrl-C again to stop at once)\n"

/// Ctrl-C handling for long runs: the first SIGINT asks the work to stop; a second one ends the process.
///
/// After ``install()``, the first Ctrl-C only sets a flag (and prints a notice on standard error); the
/// training loop polls ``isRequested`` (once per epoch, say), stops cleanly and writes its outputs, so
/// the best model is not lost. A second Ctrl-C restores the default action and re-raises the signal, so
/// a stuck program still dies as usual (and the shell sees it killed by SIGINT).
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
/// The handler does only async-signal-safe work: an atomic exchange, `write(2)`, `signal` and `raise`.
public enum Interrupt {
    /// Installs the SIGINT handler and clears the flag.
    ///
    /// SIGINT is also unblocked in the calling thread: a process started by a parent that blocks it (test
    /// runners do) inherits the blocked mask and would otherwise never see Ctrl-C.
    public static func install() {
        interruptRequested.store(false, ordering: .sequentiallyConsistent)
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        signal(SIGINT) { _ in
            if interruptRequested.exchange(true, ordering: .sequentiallyConsistent) {
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
                return
            }
            _ = write(STDERR_FILENO, interruptNotice.utf8Start, interruptNotice.utf8CodeUnitCount)
        }
    }

    /// Restores the default action of SIGINT (ending the process) and clears the flag.
    public static func uninstall() {
        signal(SIGINT, SIG_DFL)
        interruptRequested.store(false, ordering: .sequentiallyConsistent)
    }

    /// Whether Ctrl-C was pressed since ``install()``.
    public static var isRequested: Bool {
        interruptRequested.load(ordering: .sequentiallyConsistent)
    }
}
