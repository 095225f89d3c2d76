import Datasets
import Foundation
import TestSupport
import Testing

/// Issue #15, "Nothing lost, nothing hung, nothing crashed": every case it lists (outside Plot's axes),
/// run as the hostile user ran it. Each test is named after its case.
///
/// Devices are never the real ones: `/dev/null` and `/dev/full` are copied with `mknod` into a scratch
/// directory (the tests run as root, as CI does).
@Suite struct HostileInputTests {
    static let data = TrainToolTests.data, model = TrainToolTests.model

    /// A fresh scratch directory, removed after `body`.
    func inScratch(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    /// The temporary files (`.NAME.tmp-…`) left in a directory.
    func leftovers(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
    }

    /// A copy of a character device (`mknod path c major minor`; Linux's encoding of small numbers).
    func device(_ path: String, major: UInt32, minor: UInt32) throws {
        struct MknodFailed: Error { var errno: Int32 }
        guard mknod(path, S_IFCHR | 0o666, dev_t(major << 8 | minor)) == 0 else { throw MknodFailed(errno: errno) }
    }

    /// Whether `path` is a character device.
    func isCharacterDevice(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR
    }

    /// Starts a tool with standard output and error sent to `output` (a path) and `/dev/null`.
    func start(_ tool: String, _ arguments: [String], output: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = tool.hasPrefix("/") ? URL(fileURLWithPath: tool) : try ToolRunner.executable(tool)
        process.arguments = arguments
        if let output { process.standardOutput = FileHandle(forWritingAtPath: output) }
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls until `condition` holds (at most `seconds`).
    func wait(seconds: Double, until condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return try condition()
    }

    /// The status as a shell reports it: 128 + the signal for a process killed by one.
    func status(_ process: Process) -> Int32 {
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    // MARK: Crashes

    @Test func trainHidden100000x100000IsRefusedWithItsSize() throws {
        let result = try ToolRunner.run("train", ["--data", Self.data, "--hidden", "100000,100000", "--epochs", "1"])
        #expect(result.status == 64, "\(result.standardError)")
        // 10,000,500,001 parameters: 80 GB for the parameters alone, more for the training buffers.
        #expect(result.standardError.contains("2 → 100000 → 100000 → 1 (10,000,500,001 parameters)"))
        #expect(result.standardError.contains("needs 640 GB"), "\(result.standardError)")
        #expect(result.standardError.contains("--max-memory"))
    }

    @Test func maxMemoryChangesTheLimit() throws {
        let refused = try ToolRunner.run(
            "train", ["--data", Self.data, "--hidden", "50", "--epochs", "1", "--max-memory", "10k", "--quiet"])
        #expect(refused.status == 64)
        #expect(
            refused.standardError.contains("more than the limit of 10 kB (--max-memory)"), "\(refused.standardError)")
        let accepted = try ToolRunner.run(
            "train", ["--data", Self.data, "--hidden", "50", "--epochs", "1", "--max-memory", "1G", "--quiet"])
        #expect(accepted.status == 0, "\(accepted.standardError)")
        let bad = try ToolRunner.run("train", ["--data", Self.data, "--max-memory", "-1G"])
        #expect(bad.status == 64)
    }

    @Test(arguments: [
        ("classLabel1e300", "1e300", Int32(64), "for class labels up to 1e+300 ("),
        ("classLabel1e9", "1e9", 64, "1000000001 (51,000,005,251 parameters) for class labels up to 1000000000"),
        ("negativeClassLabel", "-1", 65, "labels.csv:3: column y: class label -1 is not an integer ≥ 0"),
        ("fractionalClassLabel", "0.5", 65, "labels.csv:3: column y: class label 0.5 is not an integer ≥ 0"),
    ])
    func crossEntropyLabels(case name: String, label: String, status: Int32, message: String) throws {
        try inScratch { directory in
            let file = directory.appendingPathComponent("labels.csv")
            try "x,y\n1,0\n2,\(label)\n3,1\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try ToolRunner.run("train", ["--data", file.path, "--loss", "ce", "--epochs", "1"])
            #expect(result.status == status, "\(name): \(result.standardError)")
            #expect(result.standardError.contains(message), "\(name): \(result.standardError)")
        }
    }

    // MARK: Hangs

    /// The 2.5-million-parameter case in small: a model larger than `--check-parameters` has a sample of
    /// that many parameters checked, and says so (the full case took 39 s of CPU instead of hours).
    @Test func backpropCheckOnALargeModelSamplesTheFiniteDifferenceCheck() throws {
        try inScratch { directory in
            let width = 120  // 2·120 + 120 + 120·120 + 120 + 120 + 1 = 15,001 parameters
            func layer(_ inputs: Int, _ outputs: Int, _ activation: String) -> String {
                let row =
                    "[" + (0..<inputs).map { "\(Double(($0 * 7 + outputs) % 11 - 5) / 100)" }.joined(separator: ",")
                return "{\"weights\": [\((0..<outputs).map { _ in row + "]" }.joined(separator: ","))], \"biases\": ["
                    + Array(repeating: "0.01", count: outputs).joined(separator: ",")
                    + "], \"activation\": \"\(activation)\"}"
            }
            let model = directory.appendingPathComponent("large.json")
            try
                "{\"inputs\": 2, \"layers\": [\(layer(2, width, "tanh")), \(layer(width, width, "tanh")), \(layer(width, 1, "identity"))]}"
                .write(to: model, atomically: true, encoding: .utf8)
            let result = try ToolRunner.run(
                "backprop-check",
                [
                    "--model", model.path, "--data", "examples/figure1/data.csv", "--format", "json",
                    "--check-parameters", "300",
                ], in: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../.."))
            #expect(result.status == 0, "\(result.standardError)")
            #expect(
                result.standardError.contains(
                    "the model has 15001 parameters; the finite-difference check samples 300 of them"))
            let json = try JSONSerialization.jsonObject(with: result.output) as! [String: Any]
            let check = json["gradient_check"] as! [String: Any]
            let layers = (check["numeric"] as! [String: Any])["layers"] as! [[String: Any]]
            var checked = 0
            for layer in layers {
                checked += (layer["weights"] as! [[Any]]).joined().filter { $0 is Double }.count
                checked += (layer["biases"] as! [Any]).filter { $0 is Double }.count
            }
            #expect(checked == 300)
            #expect((check["max_abs_error"] as! Double) < 1e-6)
        }
    }

    // MARK: Data lost or corrupted: destinations

    @Test func outputToDevNullKeepsTheDevice() throws {
        try inScratch { directory in
            let null = directory.appendingPathComponent("null").path
            try device(null, major: 1, minor: 3)
            let result = try ToolRunner.run("surface-data", ["--grid", "3", "-o", null])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(isCharacterDevice(null))
            #expect(try leftovers(directory).isEmpty)
        }
    }

    @Test func outputToDevFullIsAnIOError() throws {
        try inScratch { directory in
            let full = directory.appendingPathComponent("full").path
            try device(full, major: 1, minor: 7)
            let result = try ToolRunner.run("surface-data", ["--grid", "3", "-o", full])
            #expect(result.status == 74)
            #expect(result.standardError.contains("\(full): write error: No space left on device"))
            #expect(isCharacterDevice(full))
        }
    }

    @Test func outputToAFIFOWithAWaitingReaderReachesTheReader() throws {
        try inScratch { directory in
            let fifo = directory.appendingPathComponent("fifo").path
            try #require(mkfifo(fifo, 0o600) == 0)
            let received = directory.appendingPathComponent("received").path
            try Data().write(to: URL(fileURLWithPath: received))
            let reader = try start("/bin/cat", [fifo], output: received)
            let result = try ToolRunner.run("surface-data", ["--grid", "2", "-o", fifo])
            reader.waitUntilExit()
            #expect(result.status == 0)
            #expect(try String(contentsOfFile: received, encoding: .utf8).hasPrefix("x,y,z\n-3,-3,"))
            var status = stat()
            #expect(lstat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
        }
    }

    @Test func outputThroughASymlinkReplacesTheTargetNotTheLink() throws {
        try inScratch { directory in
            let target = directory.appendingPathComponent("target.csv").path
            let link = directory.appendingPathComponent("link.csv").path
            try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
            let result = try ToolRunner.run("surface-data", ["--grid", "2", "-o", link])
            #expect(result.status == 0)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.csv")
            #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("x,y,z\n"))
            #expect(try leftovers(directory).isEmpty)
        }
    }

    @Test(arguments: [
        ("sameName", ["--metrics", "X", "--save", "X"]), ("throughALink", ["--metrics", "X", "--save", "LINK"]),
        ("bothStandardOutput", ["--metrics", "-", "--save", "-"]),
    ])
    func metricsAndSaveNamingOneFileAreRefused(case name: String, outputs: [String]) throws {
        try inScratch { directory in
            let x = directory.appendingPathComponent("x.csv").path
            let link = directory.appendingPathComponent("link").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: x)
            let arguments = outputs.map { $0 == "X" ? x : $0 == "LINK" ? link : $0 }
            let result = try ToolRunner.run("train", ["--data", Self.data, "--epochs", "1"] + arguments)
            #expect(result.status == 64, "\(name): \(result.standardError)")
            #expect(result.standardError.contains("--metrics and --save both write"), "\(name)")
            #expect(!FileManager.default.fileExists(atPath: x))
        }
        // Two outputs sent to one device lose nothing and are allowed.
        try inScratch { directory in
            let null = directory.appendingPathComponent("null").path
            try device(null, major: 1, minor: 3)
            let result = try ToolRunner.run(
                "train", ["--data", Self.data, "--epochs", "1", "--metrics", null, "--save", null, "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
        }
    }

    // MARK: Data lost: divergence

    /// SGD with lr 2 on the course network: the loss overflows to inf at epoch 7. The metrics keep every
    /// epoch, inf included (as NumPy and pandas read it), the model after epoch 6 (the last with a finite
    /// loss, #28) is saved, and the exit status is 65.
    @Test func divergenceKeepsTheMetricsAndTheLastFiniteModel() throws {
        try inScratch { directory in
            let course = directory.appendingPathComponent("course.csv").path
            #expect(try ToolRunner.run("surface-data", ["--noise", "0.1", "-o", course]).status == 0)
            let metrics = directory.appendingPathComponent("m.csv").path
            let saved = directory.appendingPathComponent("m.json").path
            let result = try ToolRunner.run(
                "train",
                [
                    "--data", course, "--optimizer", "sgd", "--lr", "2", "--epochs", "50", "--metrics", metrics,
                    "--save", saved, "--quiet",
                ])
            #expect(result.status == 65, "\(result.standardError)")
            #expect(result.standardError.contains("diverged"))
            let text = try String(contentsOfFile: metrics, encoding: .utf8)
            #expect(text.hasSuffix(",inf,,1.0357076804776495e+116\n"), "\(text)")
            let table = try CSVTable(path: metrics, options: .init(allowsMissing: true, allowsNonFinite: true))
            #expect(try table.columns(["epoch"]).scalars == (0...7).map(Double.init))
            #expect(try table.columns(["train_loss"]).scalars.last == .infinity)
            let model = try JSONFixture(data: Data(contentsOf: URL(fileURLWithPath: saved)))
            #expect(model["layers"].array.count == 4)
            #expect(try leftovers(directory).isEmpty)
        }
    }

    // MARK: Reader and writer disagree

    @Test func predictRunTwiceAddsASecondPredictionColumn() throws {
        let first = try ToolRunner.run("predict", ["--model", Self.model, "--data", Self.data])
        #expect(first.status == 0)
        let second = try ToolRunner.run("predict", ["--model", Self.model, "--data", "-"], input: first.output)
        #expect(second.status == 0, "\(second.standardError)")
        let table = try CSVTable(text: second.standardOutput)
        #expect(table.columnNames == ["x", "y", "z", "prediction", "prediction.1"])
        #expect(try table.columns(["prediction"]) == table.columns(["prediction.1"]))
    }

    // MARK: Temporary files

    @Test(arguments: [("SIGTERM", SIGTERM), ("SIGHUP", SIGHUP)])
    func terminationMidTrainingSavesEverythingLikeCtrlC(case name: String, signal: Int32) throws {
        try inScratch { directory in
            let metrics = directory.appendingPathComponent("m.csv").path
            let saved = directory.appendingPathComponent("m.json").path
            let process = try start(
                "train",
                ["--data", Self.data, "--epochs", "100000000", "--metrics", metrics, "--save", saved, "--quiet"])
            Thread.sleep(forTimeInterval: 1)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(status(process) == 128 + signal, "\(name)")
            let table = try CSVTable(path: metrics, options: .init(allowsMissing: true))
            #expect(table.rowCount > 1)
            #expect(try JSONFixture(data: Data(contentsOf: URL(fileURLWithPath: saved)))["inputs"].int == 2)
            #expect(try leftovers(directory).isEmpty)
        }
    }

    /// A second Ctrl-C ends the run at once: no temporary file is left, and the metrics keep the rows
    /// last written (#28 case 9: they were all lost).
    @Test func secondCtrlCLeavesNoTemporaryFileAndKeepsTheMetrics() throws {
        try inScratch { directory in
            let metrics = directory.appendingPathComponent("m.csv").path
            let process = try start(
                "train", ["--data", Self.data, "--epochs", "100000000", "--metrics", metrics, "--quiet"])
            // The metrics are written from the first epoch on.
            #expect(try wait(seconds: 10) { FileManager.default.fileExists(atPath: metrics) })
            kill(process.processIdentifier, SIGINT)
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            #expect(status(process) == 128 + SIGINT)
            #expect(try leftovers(directory).isEmpty)
            let table = try CSVTable(path: metrics, options: .init(allowsMissing: true))
            #expect(table.columnNames == ["epoch", "seconds", "train_loss", "validation_loss", "batch_loss"])
            #expect(table.rowCount >= 1)
        }
    }

    @Test func sigtermDuringPredictsOutputLeavesNoTemporaryFile() throws {
        try inScratch { directory in
            let data = directory.appendingPathComponent("grid.csv").path
            #expect(try ToolRunner.run("surface-data", ["--grid", "1500", "-o", data]).status == 0)
            let output = directory.appendingPathComponent("out.csv").path
            let process = try start("predict", ["--model", Self.model, "--data", data, "-o", output])
            // Killed while the output is being written: its temporary file exists.
            let writing = try wait(seconds: 60) { !(try leftovers(directory).isEmpty) }
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            #expect(writing, "the output's temporary file never appeared")
            #expect(status(process) == 128 + SIGTERM)
            #expect(try leftovers(directory).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    // MARK: Wrong exit codes and unclear messages

    @Test(arguments: [
        ("hidden4,,4", ["--hidden", "4,,4"], Int32(64), "--hidden must be positive widths separated by commas"),
        ("epochsMinus1", ["--epochs", "-1"], 64, "--epochs must be ≥ 0, got -1"),
        ("evalEveryMinus1", ["--eval-every", "-1"], 64, "--eval-every must be ≥ 1, got -1"),
        ("inputsEmpty", ["--inputs", ""], 64, "--inputs is empty: name at least one column"),
        ("inputsTrailingComma", ["--inputs", "x,"], 64, "--inputs: expected comma-separated column names"),
        ("headerOnlyCSV", ["--data", "HEADER"], 65, "header.csv: no data rows, only the header (\"x\", \"y\", \"z\")"),
        ("megabyteColumnName", ["--data", "LONG", "--inputs", "w"], 65, "(1048576 characters)"),
        ("onlyOneColumn", ["--data", "ONE"], 65, "one.csv: no input columns left among \"z\""),
        ("negativeLearningRate", ["--lr", "-1"], 64, "lr"),
    ])
    func trainCommandLine(case name: String, arguments: [String], status: Int32, message: String) throws {
        try inScratch { directory in
            func file(_ name: String, _ text: String) throws -> String {
                let path = directory.appendingPathComponent(name).path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            let files = [
                "HEADER": try file("header.csv", "x,y,z\n"),
                "LONG": try file("long.csv", String(repeating: "n", count: 1 << 20) + ",z\n1,2\n"),
                "ONE": try file("one.csv", "z\n1\n"),
            ]
            var full = ["--data", Self.data, "--epochs", "1"]
            for index in stride(from: 0, to: arguments.count, by: 2) {
                let value = files[arguments[index + 1]] ?? arguments[index + 1]
                if let at = full.firstIndex(of: arguments[index]) {
                    full[at + 1] = value
                } else {
                    full += [arguments[index], value]
                }
            }
            let result = try ToolRunner.run("train", full)
            #expect(result.status == status, "\(name): \(result.standardError)")
            #expect(result.standardError.contains(message), "\(name): \(result.standardError)")
            #expect(result.standardError.count < 1000, "\(name): the message is \(result.standardError.count) long")
        }
    }

    @Test func studySummarizeWithACorruptRunFileNamesThePlace() throws {
        try inScratch { directory in
            let plan = try ToolRunner.run("study", ["plan", "--results", directory.path])
            #expect(plan.status == 0)
            // The metrics path of the first comparison run (the runs summarize reads), from its command line.
            let line = plan.standardOutput.split(separator: "\n").first { $0.contains("/runs/comparison-") }!
            let words = line.split(separator: " ")
            let metrics = String(words[words.firstIndex(of: "--metrics")! + 1])
            try FileManager.default.createDirectory(
                atPath: (metrics as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "epoch,seconds,train_loss,validation_loss,batch_loss\n0,0,0.5,0.5,\n5,1.2,abc,0.4,0.4\n".write(
                toFile: metrics, atomically: true, encoding: .utf8)
            let result = try ToolRunner.run("study", ["summarize", "--results", directory.path])
            #expect(result.status == 65, "\(result.standardError)")
            #expect(result.standardError.contains("\(metrics):3:3: expected a number, found \"abc\""))
            // A run not made yet is still "run the plan first", with 66.
            try FileManager.default.removeItem(atPath: metrics)
            let missing = try ToolRunner.run("study", ["summarize", "--results", directory.path])
            #expect(missing.status == 66)
            #expect(missing.standardError.contains("(run the plan first)"))
        }
    }

    @Test(arguments: [("notebookRun3.4", "notebook", ["run", "3.4"]), ("studyPlan", "study", ["plan"])])
    func standardOutputToDevFullIsAnIOError(case name: String, tool: String, arguments: [String]) throws {
        try inScratch { directory in
            let full = directory.appendingPathComponent("full").path
            try device(full, major: 1, minor: 7)
            let process = Process()
            process.executableURL = try ToolRunner.executable(tool)
            process.arguments = arguments
            process.standardOutput = FileHandle(forWritingAtPath: full)
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(status(process) == 74, "\(name): \(message)")
            #expect(message.contains("<stdout>: write error: No space left on device"), "\(name)")
        }
    }

    // MARK: Memory

    /// `surface-data --grid 10000` streams: its first rows come at once, from a process of a few MB
    /// (it took 5.4 GB before its first row).
    @Test func surfaceDataGrid10000StreamsRows() throws {
        let process = Process()
        process.executableURL = try ToolRunner.executable("surface-data")
        process.arguments = ["--grid", "10000"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        var received = Data()
        while received.count < 1 << 20 { received += pipe.fileHandleForReading.availableData }
        #expect(String(decoding: received.prefix(8), as: UTF8.self) == "x,y,z\n-3")
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        let kilobytes = try #require(Int(line.split(separator: " ")[1]))
        #expect(kilobytes < 100_000, "\(line)")
    }
}
