import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A notebook's Swift session: each cell compiled into a library and run in the session's process, which
/// keeps every global that the cells before it defined.
///
/// A failing cell never costs the session: the process forks before running a cell, the child loads and runs
/// it, and only when the cell ends well does the child take over as the session while the parent leaves. A
/// cell that traps (an index out of range, `fatalError`, a precondition), throws, exits or is interrupted
/// (its process killed) ends only the child: the parent, untouched, is the session as it was before the
/// cell. So the next cell finds every variable that the earlier cells defined, with the values they had,
/// and none of the failing cell's half-done changes.
///
/// The process must stay single-threaded between cells for the fork to be safe (the toolkit's libraries are).
public final class KernelSession {
    /// The modules and names of the cells that ran to the end.
    public private(set) var scope: SessionScope
    /// The compiler.
    public let compiler: CellCompiler
    /// Where the session reports.
    public let events: KernelEvents
    private var counter = 0

    /// How a request ended, for Jupyter's reply.
    public enum Outcome: Sendable, Equatable {
        /// The cell ran to the end.
        case ok
        /// The cell failed: Jupyter's `ename`, `evalue` and the lines shown.
        case error(name: String, value: String, traceback: [String])
    }

    /// A session with the given compiler, cells importing `prelude`.
    public init(compiler: CellCompiler, events: KernelEvents, prelude: [String]) {
        self.compiler = compiler
        self.events = events
        scope = SessionScope(prelude: prelude)
    }

    /// The modules every cell imports: Foundation and the toolkit's libraries with the notebook helpers.
    public static let toolkitPrelude = [
        "Foundation", "Tensor", "NN", "Optim", "Datasets", "Training", "Plot", "Notebooks", "NotebookSupport",
    ]

    /// Compiles and runs a cell. When it returns `.ok`, this process may be a new one (the child that ran the
    /// cell); the process that called it has left.
    public func execute(_ cell: String) -> Outcome {
        counter += 1
        let program = CellProgram(cell: cell, index: counter, scope: scope)
        guard !program.analysis.items.isEmpty else { return .ok }
        let result: CellCompiler.Result
        do {
            result = try compiler.compile(program) { events.busy($0) }
        } catch {
            return .error(name: "ErrorDelNúcleo", value: "no se pudo compilar: \(error)", traceback: ["\(error)"])
        }
        switch result {
        case let .failed(diagnostics):
            let errors = diagnostics.filter { $0.severity == "error" }
            let shown = (errors.isEmpty ? diagnostics : errors).map { $0.rendered(cell: cell) }
            return .error(
                name: "ErrorDeCompilación", value: errors.first?.message ?? "el compilador falló",
                traceback: ["La celda no compiló; no cambió nada de la sesión."] + shown)
        case .stopped:
            return .error(
                name: "Interrumpida", value: "compilación interrumpida",
                traceback: ["Compilación interrumpida; no cambió nada de la sesión."])
        case let .library(path):
            return run(program, library: path)
        }
    }

    /// Exit status of a cell child whose library could not be loaded.
    static let loadFailure: Int32 = 125

    private func run(_ program: CellProgram, library: String) -> Outcome {
        fflush(nil)
        guard let ends = try? Subprocess.pipe() else { return systemFailure("pipe") }
        let handover = [ends.read, ends.write]
        let pid = fork()
        guard pid >= 0 else { return systemFailure("fork") }
        if pid == 0 {
            close(handover[0])
            // The cell's process takes an interrupt, even if whoever started the kernel blocked it.
            signal(SIGINT, SIG_DFL)
            var interrupt = sigset_t()
            sigemptyset(&interrupt)
            sigaddset(&interrupt, SIGINT)
            sigprocmask(SIG_UNBLOCK, &interrupt, nil)
            events.busy(getpid())
            guard let handle = dlopen(library, RTLD_NOW | RTLD_GLOBAL),
                let symbol = dlsym(handle, program.entrySymbol)
            else {
                StandardError.write("no se pudo cargar la celda: \(String(cString: dlerror()))\n")
                _exit(Self.loadFailure)
            }
            let entry = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)
            let status = entry()
            fflush(nil)
            if status != 0 { _exit(status) }
            signal(SIGINT, SIG_IGN)
            scope.add(program)
            var byte: UInt8 = 1
            _ = write(handover[1], &byte, 1)
            close(handover[1])
            return .ok
        }
        close(handover[1])
        var byte: UInt8 = 0
        var count = 0
        repeat { count = read(handover[0], &byte, 1) } while count < 0 && errno == EINTR
        close(handover[0])
        if count == 1 { _exit(0) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Self.failure(waitStatus: status)
    }

    private func systemFailure(_ call: String) -> Outcome {
        let error = SystemError.current
        return .error(name: "ErrorDelNúcleo", value: "\(call): \(error)", traceback: ["\(call): \(error)"])
    }

    /// What a cell child's wait status means for the notebook.
    static func failure(waitStatus status: Int32) -> Outcome {
        let kept = "Las variables de las celdas anteriores siguen como estaban; esta celda no cambió nada."
        let signal = status & 0x7f
        if signal == SIGKILL || signal == SIGINT {
            return .error(name: "Interrumpida", value: "celda interrumpida", traceback: ["Celda interrumpida. " + kept])
        }
        if signal == SIGILL || signal == SIGTRAP {
            return .error(
                name: "Trampa", value: "la celda se detuvo en una trampa de Swift",
                traceback: ["La celda se detuvo en una trampa de Swift (su mensaje está arriba). " + kept])
        }
        if signal != 0 {
            let name = String(cString: strsignal(signal))
            return .error(
                name: "Señal", value: "la celda terminó por la señal \(signal) (\(name))",
                traceback: ["La celda terminó por la señal \(signal) (\(name)). " + kept])
        }
        let code = (status >> 8) & 0xff
        if code == 1 {
            return .error(
                name: "ErrorLanzado", value: "la celda lanzó un error",
                traceback: ["La celda lanzó un error (arriba). " + kept])
        }
        if code == loadFailure {
            return .error(name: "ErrorDeCarga", value: "no se pudo cargar la celda", traceback: [kept])
        }
        return .error(
            name: "Salida", value: "la celda terminó el proceso con el código \(code)",
            traceback: ["La celda terminó el proceso con el código \(code). " + kept])
    }
}
