import ArgumentParser
import NotebookKernel
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Swift Jupyter kernel's host: the long-lived process that compiles and runs a notebook's cells.
///
/// Jupyter starts it through the Python wrapper kernel (`scripts/jupyter/udl_swift_kernel.py`, registered
/// by `make setup` as the kernel `swift`), which sends it cells on standard input and reads the cells'
/// output and the kernel's events (JSON lines after the byte U+001E) on standard output, in order, and the
/// cells' standard error.
@main
struct SwiftKernel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-kernel",
        abstract: "Host of the Swift Jupyter kernel: compiles and runs notebook cells (run by Jupyter).",
        discussion: """
            Requests on standard input: 'EXEC <byte count>' and a newline, then the cell's bytes; 'QUIT'.
            Events: JSON lines after the byte U+001E, among the cells' output on standard output (or on the
            descriptor in UDL_KERNEL_EVENTS_FD).

            Examples:
              .venv/bin/jupyter lab docs/notebooks/ipynb          # the notebooks, on this kernel
              .venv/bin/jupyter console --kernel swift            # a Swift REPL with the toolkit
              printf 'EXEC 12\\nprint(1 + 1)' | .build/release/swift-kernel | tr '\\036' '>'
            """,
        version: Toolkit.version)

    @Option(help: "The toolkit's release build directory (default: the directory of this executable).")
    var buildDirectory: String?

    @Option(help: "The repository root (default: two levels above the build directory's '.build').")
    var sourceRoot: String?

    @Option(help: "The Swift compiler (default: swiftc from PATH).")
    var swiftc = "swiftc"

    @Option(
        help:
            "A C header directory the toolkit's C modules include (repeatable; default: pkg-config's for freetype2 and libpng)."
    )
    var cInclude: [String] = []

    @Flag(help: "Compile cells optimised (-O): slower to compile, faster loops.")
    var optimize = false

    func run() throws {
        let build = buildDirectory ?? KernelPaths.executableDirectory()
        let root = sourceRoot ?? KernelPaths.sourceRoot(ofBuild: build)
        guard access("\(build)/libUDLNotebookCells.so", R_OK) == 0 else {
            StandardError.write("swift-kernel: \(build)/libUDLNotebookCells.so not found; run 'make build'\n")
            throw ExitCode(69)
        }
        let directory: String
        do {
            directory = try KernelPaths.makeSessionDirectory()
        } catch {
            StandardError.write("swift-kernel: cannot create the session directory: \(error)\n")
            throw ExitCode(73)
        }
        var compiler = CellCompiler(
            swiftc: swiftc,
            toolkitFlags: CellCompiler.toolkitFlags(
                buildDirectory: build, sourceRoot: root,
                cIncludeDirectories: cInclude.isEmpty ? CellCompiler.systemIncludeDirectories() : cInclude),
            workDirectory: directory)
        compiler.optimize = optimize
        let events = KernelEvents(descriptor: KernelPaths.eventDescriptor())
        let input = KernelPaths.detachStandardInput()
        KernelPaths.lineBufferStandardOutput()
        let session = KernelSession(compiler: compiler, events: events, prelude: KernelSession.toolkitPrelude)
        KernelHost.serve(session, input: input)
    }
}
