import Foundation
import NN
import TestSupport
import Testing
import ToolSupport

/// Issue #26, "One CLI": one version, the same flag names and initializers in every tool, a one-line error
/// and a sysexits status for every bad path, an example pipeline in every `--help`, and the hostile inputs
/// of the issue, each as the probe ran it.
@Suite struct OneCommandLineTests {
    static let tools = [
        "surface-data", "init-study", "train", "predict", "backprop-check", "surface-plot", "curve-plot",
        "plot-gallery",
        "notebook", "study", "swift-kernel",
    ]
    let helpers = HostileInputTests()

    /// `path` inside `directory`.
    func file(_ directory: URL, _ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test(arguments: tools)
    func everyToolReportsTheOneVersion(tool: String) throws {
        let result = try ToolRunner.run(tool, ["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == toolkitVersion + "\n", "\(tool): \(result.standardOutput)")
    }

    /// Every `--help` ends its discussion with examples, one of them a pipeline (`|`).
    @Test(arguments: tools + ["bench"])
    func everyHelpShowsAnExamplePipeline(tool: String) throws {
        let help = try ToolRunner.run(tool, ["--help"]).standardOutput
        let examples = try #require(help.range(of: "Example"), "\(tool) --help shows no examples")
        #expect(help[examples.upperBound...].contains(" |"), "\(tool) --help shows no pipeline")
    }

    /// An output is `-o/--output` wherever there is one; targets are `--targets` (train also takes
    /// `--target`); the seed is `--seed`.
    @Test(arguments: [
        ("surface-data", [String]()), ("init-study", []), ("predict", []), ("backprop-check", []),
        ("surface-plot", []), ("curve-plot", []), ("plot-gallery", []), ("study", ["report"]),
    ])
    func outputsAreDashO(tool: String, subcommand: [String]) throws {
        let help = try ToolRunner.run(tool, subcommand + ["--help"]).standardOutput
        #expect(help.contains("-o, --output"), "\(tool) \(subcommand)")
    }

    @Test func sameFlagNamesAcrossTools() throws {
        for tool in ["train", "backprop-check"] {
            #expect(try ToolRunner.run(tool, ["--help"]).standardOutput.contains("--targets"), "\(tool)")
        }
        for tool in ["train", "init-study", "surface-data"] {
            #expect(try ToolRunner.run(tool, ["--help"]).standardOutput.contains("--seed <seed>"), "\(tool)")
        }
        try helpers.inScratch { directory in
            for flag in ["--targets", "--target"] {
                let result = try ToolRunner.run(
                    "train",
                    ["--data", TrainToolTests.data, flag, "z", "--hidden", "none", "--epochs", "1", "--quiet"])
                #expect(result.status == 0, "\(flag): \(result.standardError)")
            }
        }
    }

    /// train and init-study offer the same initialisers, all of NN's, and refuse another word the same way.
    @Test func oneInitializerSet() throws {
        for tool in ["train", "init-study"] {
            let help = try ToolRunner.run(tool, ["--help"]).standardOutput
            for name in Initializer.names { #expect(help.contains("  \(name) "), "\(tool) --help lacks \(name)") }
            let refused = try ToolRunner.run(tool, ["--init", "gaussian"] + (tool == "train" ? ["--data", "-"] : []))
            #expect(refused.status == 64)
            #expect(
                refused.standardError.contains(
                    "unknown initialiser 'gaussian'; choose one of " + Initializer.names.joined(separator: ", ")),
                "\(tool): \(refused.standardError)")
        }
        // A name only init-study used to list works in train, and one only train listed works in init-study.
        let zeros = try ToolRunner.run("init-study", ["--init", "xavier-uniform", "--depth", "2"])
        #expect(zeros.status == 0, "\(zeros.standardError)")
    }

    /// Every tool's bad input or output path: one line on standard error, naming the path, and sysexits'
    /// status (66 for a missing input, 73 for a folder that cannot be made, 74 for a file that cannot be
    /// written).
    @Test(arguments: [
        ("surface-data", ["-o", "FILE/x.csv"], Int32(74)), ("init-study", ["-o", "FILE/x.csv"], 74),
        ("train", ["--data", "MISSING"], 66), ("train", ["--data", "DATA", "--metrics", "FILE/m.csv"], 74),
        ("predict", ["--model", "MISSING"], 66), ("backprop-check", ["--model", "MISSING", "--data", "MISSING"], 66),
        ("surface-plot", ["-o", "FILE/x.png"], 74), ("curve-plot", ["MISSING", "-o", "x.png"], 66),
        ("plot-gallery", ["-o", "FILE/gallery"], 73), ("notebook", ["run", "3.4", "--figures", "FILE/f"], 73),
        ("study", ["summarize", "--results", "MISSING"], 66), ("swift-kernel", ["--build-directory", "MISSING"], 69),
    ])
    func aBadPathIsOneLineAndASysexitsStatus(tool: String, arguments: [String], status: Int32) throws {
        try helpers.inScratch { directory in
            let regular = file(directory, "file")
            try "x".write(toFile: regular, atomically: true, encoding: .utf8)
            let resolved = arguments.map {
                $0.replacing("FILE", with: regular).replacing("MISSING", with: file(directory, "missing"))
                    .replacing("DATA", with: TrainToolTests.data)
            }
            let result = try ToolRunner.run(tool, resolved, in: directory)
            #expect(result.status == status, "\(tool) \(resolved): \(result.standardError)")
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("\(tool): "), "\(tool): \(result.standardError)")
            #expect(result.standardError.contains(directory.path), "\(tool): the message names the path")
        }
    }

    /// Negative numbers are values, not options: each reaches the option's own check (it said "Missing value").
    @Test(arguments: [
        (
            "surface-plot", ["--size", "-800x600", "-o", "x.png"],
            "--size -800x600: each side must be 100 to 10000 pixels"
        ),
        (
            "curve-plot", ["--smooth", "-1", "m.csv", "-o", "x.png"],
            "--smooth must be at least 1 (1: no smoothing), got -1"
        ),
        (
            "init-study", ["--sweep", "--variances", "-1,10,5"],
            "--variances must be low,high,count with 0 < low < high"
        ),
        (
            "backprop-check", ["--lr", "-1", "--model", "M", "--data", "D"],
            "--lr must be a finite number > 0, got -1.0"
        ),
    ])
    func negativeNumbersAreValues(tool: String, arguments: [String], message: String) throws {
        let arguments = arguments.map {
            $0 == "M" ? Figure1Fixture.model : $0 == "D" ? Figure1Fixture.data : $0
        }
        let result = try ToolRunner.run(tool, arguments)
        #expect(result.status == 64)
        #expect(!result.standardError.contains("Missing value"), "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(tool): \(result.standardError)")
        let surface = try ToolRunner.run("surface-data", ["--range", "-2,2", "--grid", "2"])
        #expect(surface.status == 0 && surface.standardOutput.hasPrefix("x,y,z\n-2,-2,"), "\(surface.standardError)")
    }

    /// The issue's wide files: a 1.5-million-column header with a row is read and trained in linear time
    /// (a linear model, well inside 30 s), and a network on it is refused at once with its memory; a
    /// 1-million-column row under a 3-column header fails at once naming the count.
    @Test func wideCSVsFinishOrFailFast() throws {
        try helpers.inScratch { directory in
            let columns = 1_500_000
            var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
            text += [String](repeating: "1", count: columns).joined(separator: ",") + "\n"
            let wide = file(directory, "wide-header.csv")
            try text.write(toFile: wide, atomically: true, encoding: .utf8)
            let clock = ContinuousClock()
            var linear: ToolRunner.Result?
            let elapsed = try clock.measure {
                linear = try ToolRunner.run(
                    "train", ["--data", wide, "--hidden", "none", "--epochs", "1", "--lr", "1e-9", "--quiet"])
            }
            #expect(linear?.status == 0, "\(linear?.standardError ?? "")")
            #expect(elapsed < .seconds(30), "\(elapsed)")
            let network = try ToolRunner.run("train", ["--data", wide, "--epochs", "1", "--max-memory", "1G"])
            #expect(network.status == 64)
            #expect(
                network.standardError.contains("(75,005,151 parameters) with its training buffers needs 4.85 GB"),
                "\(network.standardError)")

            let row = file(directory, "wide-row.csv")
            try ("x,y,z\n" + [String](repeating: "1", count: 1_000_000).joined(separator: ",") + "\n")
                .write(toFile: row, atomically: true, encoding: .utf8)
            let fast = try clock.measure {
                let result = try ToolRunner.run("train", ["--data", row, "--epochs", "1"])
                #expect(result.status == 65)
                #expect(
                    result.standardError == "train: \(row):2:4: expected 3 fields as in the header, found 1000000\n")
            }
            #expect(fast < .seconds(10), "\(fast)")
        }
    }

    /// A NUL byte in a field or a column name says what it is: binary data, not CSV text (exit 65).
    @Test(arguments: [
        ("x,y,z\n1,2,3\n4,\u{0}5,6\n", #"nul.csv:3:2: a NUL byte (\0) in "\05": the file holds binary data"#),
        ("x,y\u{0},z\n1,2,3\n", #"nul.csv:1:2: a NUL byte (\0) in "y\0": the file holds binary data"#),
    ])
    func aNulByteIsNamed(text: String, message: String) throws {
        try helpers.inScratch { directory in
            let path = file(directory, "nul.csv")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let result = try ToolRunner.run("train", ["--data", path, "--epochs", "1"])
            #expect(result.status == 65)
            #expect(result.standardError.contains(message), "\(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1)
        }
    }

    /// A SIGKILLed run leaves `.NAME.tmp-PID-N` behind (no handler runs); the next run to the same
    /// destination removes it. A temporary of a process that still runs (PID 1) is left alone.
    @Test func staleTemporariesOfAKilledRunAreRemoved() throws {
        try helpers.inScratch { directory in
            let metrics = file(directory, "met.csv")
            // A run killed while it rewrote its metrics file.
            let process = Process()
            process.executableURL = try ToolRunner.executable("train")
            process.arguments = [
                "--data", TrainToolTests.data, "--hidden", "200,200", "--epochs", "100000", "--metrics", metrics,
                "--quiet",
            ]
            try process.run()
            let dead = process.processIdentifier
            Thread.sleep(forTimeInterval: 1.5)
            kill(dead, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            // Whether or not the kill caught a rewrite in progress, its temporaries look like this one.
            let stale = file(directory, ".met.csv.tmp-\(dead)-0")
            try "epoch\n".write(toFile: stale, atomically: false, encoding: .utf8)
            let alive = file(directory, ".met.csv.tmp-1-0")
            try "epoch\n".write(toFile: alive, atomically: false, encoding: .utf8)
            let other = file(directory, ".other.csv.tmp-\(dead)-0")
            try "epoch\n".write(toFile: other, atomically: false, encoding: .utf8)
            let next = try ToolRunner.run(
                "train", ["--data", TrainToolTests.data, "--hidden", "none", "--epochs", "2", "--metrics", metrics])
            #expect(next.status == 0, "\(next.standardError)")
            let left = try helpers.leftovers(directory).sorted()
            #expect(left == [".met.csv.tmp-1-0", ".other.csv.tmp-\(dead)-0"], "\(left)")
        }
    }
}
