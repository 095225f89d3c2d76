import Foundation
import Testing

/// Runs the built command-line tools as a user would, and captures what they print.
///
/// The executables are found beside the test bundle: `swift test` builds every executable target the
/// test target depends on into the same directory (`.build/<triple>/<configuration>/`), and on Linux
/// `CommandLine.arguments[0]` is the test bundle's own executable there (on macOS it sits a few levels
/// down inside `X.xctest/Contents/MacOS/`, so parent directories are searched too). Setting
/// `UDL_TOOLS_DIR` overrides the search.
///
/// ```swift
/// let result = try ToolRunner.run("surface-data", ["--grid", "3"])
/// #expect(result.status == 0)
/// #expect(result.standardOutput.hasPrefix("x,y,z\n"))
/// ```
///
/// Standard input, output and error go through temporary files, so large outputs cannot dead-lock on
/// a full pipe.
enum ToolRunner {
    /// What a run produced.
    struct Result {
        /// The exit status, or 128 + the signal number when the tool was killed by a signal.
        var status: Int32
        /// Everything the tool wrote to standard output.
        var output: Data
        /// Everything the tool wrote to standard error, as text.
        var standardError: String

        /// Standard output as text.
        var standardOutput: String { String(decoding: output, as: UTF8.self) }
    }

    /// The directories where built tools are looked for, nearest first.
    static let searchDirectories: [URL] = {
        if let override = ProcessInfo.processInfo.environment["UDL_TOOLS_DIR"] {
            return [URL(fileURLWithPath: override)]
        }
        var directories: [URL] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            directories.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        return directories
    }()

    /// The path of a built tool; records an issue when it cannot be found.
    static func executable(_ tool: String) throws -> URL {
        let candidates = searchDirectories.map { $0.appendingPathComponent(tool) }
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "\(tool) is not built in \(searchDirectories.map(\.path)); make the test target depend on it, or set UDL_TOOLS_DIR"
        )
    }

    /// Runs a built tool.
    ///
    /// - Parameters:
    ///   - tool: the executable's name, e.g. `surface-data`.
    ///   - arguments: the command-line arguments.
    ///   - input: the bytes to give on standard input (empty input by default).
    ///   - directory: the working directory (the current one by default).
    static func run(
        _ tool: String, _ arguments: [String] = [], input: Data = Data(), in directory: URL? = nil
    ) throws -> Result {
        try run(executable: executable(tool), arguments, input: input, in: directory)
    }

    /// Runs any executable, as ``run(_:_:input:in:)`` does for a built tool.
    static func run(
        executable: URL, _ arguments: [String], input: Data = Data(), in directory: URL? = nil
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tool-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputURL = scratch.appendingPathComponent("stdin")
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        try input.write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let inputHandle = try FileHandle(forReadingFrom: inputURL)
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer {
            try? inputHandle.close()
            try? outputHandle.close()
            try? errorHandle.close()
        }
        process.standardInput = inputHandle
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()

        let status =
            process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return Result(
            status: status, output: try Data(contentsOf: outputURL),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}
