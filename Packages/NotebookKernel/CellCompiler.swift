import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Compiles cells into shared libraries with `swiftc`, against the toolkit's release build.
///
/// A cell becomes `lib<Module>.so` and `<Module>.swiftmodule` in the session's directory, compiled in
/// Swift 5 language mode (a cell's globals are not concurrency-checked), with testing enabled (later cells
/// see its internal declarations), unoptimised (a small cell compiles in about 0.15 s) and without warnings.
/// The library links `libUDLNotebookCells.so`, the build's one shared copy of the toolkit's libraries.
public struct CellCompiler: Sendable {
    /// The compiler, a path or a name looked up in `PATH`.
    public var swiftc: String
    /// The flags that find the toolkit's modules, their C modules and the shared library.
    public var toolkitFlags: [String]
    /// Where the cells' sources, modules and libraries go.
    public var workDirectory: String
    /// Whether to optimise (`-O`): slower to compile, faster loops.
    public var optimize = false

    /// A compiler.
    public init(swiftc: String, toolkitFlags: [String], workDirectory: String) {
        self.swiftc = swiftc
        self.toolkitFlags = toolkitFlags
        self.workDirectory = workDirectory
    }

    /// The flags for the toolkit built in `buildDirectory` (SwiftPM's `.build/release`) from the sources
    /// under `sourceRoot`: its modules, the module maps of its C targets (generated in the build, the system
    /// libraries' under `Packages/`, the dependencies' under `.build/checkouts`), the C headers those include
    /// (`cIncludeDirectories`, e.g. FreeType's), and the shared library with its run path.
    public static func toolkitFlags(
        buildDirectory: String, sourceRoot: String, cIncludeDirectories: [String] = []
    ) -> [String] {
        var maps = Directory.entries(buildDirectory).filter { $0.hasSuffix(".build") }
            .map { "\(buildDirectory)/\($0)/module.modulemap" }
        maps += Directory.entries("\(sourceRoot)/Packages").map { "\(sourceRoot)/Packages/\($0)/module.modulemap" }
        let checkouts = "\(sourceRoot)/.build/checkouts"
        for checkout in Directory.entries(checkouts) {
            let sources = "\(checkouts)/\(checkout)/Sources"
            maps += Directory.entries(sources).map { "\(sources)/\($0)/include/module.modulemap" }
        }
        var flags = ["-I", "\(buildDirectory)/Modules"]
        flags += maps.filter { access($0, R_OK) == 0 }.flatMap { ["-Xcc", "-fmodule-map-file=\($0)"] }
        flags += cIncludeDirectories.flatMap { ["-Xcc", "-I\($0)"] }
        flags += ["-L", buildDirectory, "-lUDLNotebookCells", "-Xlinker", "-rpath", "-Xlinker", buildDirectory]
        flags += ["-module-cache-path", "\(buildDirectory)/notebook-kernel-module-cache"]
        return flags
    }

    /// The header directories of the C libraries the toolkit's C modules include (FreeType's, libpng's), as
    /// `pkg-config --cflags-only-I freetype2 libpng` gives them; empty when pkg-config is missing.
    public static func systemIncludeDirectories() -> [String] {
        guard let run = try? Subprocess.run(["pkg-config", "--cflags-only-I", "freetype2", "libpng"]),
            run.exitCode == 0
        else { return [] }
        return run.output.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("-I") }.map {
            String($0.dropFirst(2))
        }
    }

    /// What compiling a cell gave.
    public enum Result: Sendable, Equatable {
        /// The cell's shared library.
        case library(path: String)
        /// The compiler's messages about the cell.
        case failed([CellDiagnostic])
        /// The compiler was stopped by a signal (an interrupt).
        case stopped(signal: Int32)
    }

    /// The path of a cell's shared library.
    public func libraryPath(_ program: CellProgram) -> String { "\(workDirectory)/lib\(program.moduleName).so" }

    /// The command that compiles `program` from `source`.
    public func command(_ program: CellProgram, source: String) -> [String] {
        [
            swiftc, "-parse-as-library", "-emit-library", "-emit-module", "-enable-testing",
            "-swift-version", "5", optimize ? "-O" : "-Onone", "-suppress-warnings",
            "-diagnostic-style", "llvm", "-no-color-diagnostics",
            "-module-name", program.moduleName, "-I", workDirectory,
            "-emit-module-path", "\(workDirectory)/\(program.moduleName).swiftmodule",
            "-o", libraryPath(program), source,
        ] + toolkitFlags
    }

    /// Writes `program`'s source and compiles it; `started` gets the compiler's process id.
    public func compile(_ program: CellProgram, started: (pid_t) -> Void = { _ in }) throws -> Result {
        let source = "\(workDirectory)/\(program.moduleName).swift"
        try AtomicFile.write(Array(program.source.utf8), to: source)
        let run = try Subprocess.run(command(program, source: source), started: started)
        if let signal = run.signal { return .stopped(signal: signal) }
        if run.exitCode == 0 { return .library(path: libraryPath(program)) }
        return .failed(CellDiagnostic.parse(run.output, program: program))
    }
}
