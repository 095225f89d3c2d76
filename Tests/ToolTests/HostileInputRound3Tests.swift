import Datasets
import Foundation
import TestSupport
import Testing

/// Issue #28, "Nothing wrong kept, nothing injected, nothing lost": the third hostile-input round, each
/// case run as the probe ran it against the release tools. Each test is named after its case and says its
/// number in the issue.
@Suite struct HostileInputRound3Tests {
    static let data = TrainToolTests.data, model = TrainToolTests.model
    let helpers = HostileInputTests()

    /// A fresh scratch directory, removed after `body`.
    func inScratch(_ body: (URL) throws -> Void) throws { try helpers.inScratch(body) }

    /// `path` inside `directory`.
    func file(_ directory: URL, _ name: String) -> String { directory.appendingPathComponent(name).path }

    // MARK: 1. Shell injection

    /// Every value `study slurm-script` writes into the script is checked: a line break in the job name
    /// (the reproduction), the partition, the time or the output is refused with 64 and nothing printed.
    @Test(arguments: [
        ("jobNameLineBreak", "--job-name", "x\necho INJECTED"), ("jobNameCommand", "--job-name", "$(id)"),
        ("partitionLineBreak", "--partition", "short\necho INJECTED"), ("timeLineBreak", "--time", "1:00\nid"),
        ("timeNotATime", "--time", "tomorrow"), ("outputLineBreak", "--output", "o-%a.out\necho INJECTED"),
        ("outputSpace", "--output", "a b-%a.out"), ("listLineBreak", "--lines", "LIST\necho INJECTED"),
        ("parallelZero", "--parallel", "0"),
    ])
    func slurmScriptRefusesValuesThatWouldRun(case name: String, option: String, value: String) throws {
        try inScratch { directory in
            let list = file(directory, "pending.txt")
            try "echo one\necho two\n".write(toFile: list, atomically: true, encoding: .utf8)
            if option == "--lines" {
                try "echo one\n".write(toFile: list + "\necho INJECTED", atomically: true, encoding: .utf8)
            }
            var arguments = ["slurm-script", "--lines", list, "--output", file(directory, "plan-%a.out")]
            let shown = value.replacing("LIST", with: list)
            if let at = arguments.firstIndex(of: option) {
                arguments[at + 1] = shown
            } else {
                arguments += [option, shown]
            }
            let result = try ToolRunner.run("study", arguments)
            #expect(result.status == 64, "\(name): \(result.standardError)")
            #expect(result.standardError.hasPrefix("study: \(option) "), "\(name): \(result.standardError)")
            #expect(result.standardError.filter { $0 == "\n" }.count == 1, "\(name): \(result.standardError)")
            #expect(result.output.isEmpty, "\(name)")
        }
    }

    /// The defaults `make study RUNNER=slurm` uses still give a script.
    @Test func slurmScriptWithTheMakefilesValuesWorks() throws {
        try inScratch { directory in
            let list = file(directory, "pending.txt")
            try "echo one\n".write(toFile: list, atomically: true, encoding: .utf8)
            let result = try ToolRunner.run(
                "study",
                [
                    "slurm-script", "--lines", list, "--output", file(directory, "plan-%a.out"), "--partition", "short",
                    "--time", "02:00:00", "--parallel", "64", "--job-name", "udl-study",
                ])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("#SBATCH --job-name=udl-study\n"))
            #expect(result.standardOutput.contains("#SBATCH --array=1-1%1\n"))
        }
    }
}

extension HostileInputRound3Tests {
    /// The data: `surface-data --noise 0.1 --grid 20`.
    func surface(_ directory: URL) throws -> String {
        let path = file(directory, "d.csv")
        let made = try ToolRunner.run("surface-data", ["--noise", "0.1", "--grid", "20", "-o", path])
        try #require(made.status == 0)
        return path
    }

    /// The mean squared error of a model on a CSV file, from `predict`'s output.
    func meanSquaredError(model: String, data: String) throws -> Double {
        let predicted = try ToolRunner.run("predict", ["--model", model, "--data", data])
        try #require(predicted.status == 0, "\(predicted.standardError)")
        let table = try CSVTable(text: predicted.standardOutput)
        let z = try table.columns(["z"]).scalars, p = try table.columns(["prediction"]).scalars
        return zip(z, p).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(z.count)
    }

    // MARK: 2. Wrong model kept on divergence

    /// lr 10⁶: the training loss is inf after epoch 3 while every batch loss was finite. The model saved
    /// is the one of the last epoch with a finite training loss, named in the message; its loss computed
    /// from `predict`'s output is that epoch's in the metrics.
    @Test func divergenceSeenOnlyByTheEvaluationKeepsTheLastFiniteModel() throws {
        try inScratch { directory in
            let data = try surface(directory)
            let (model, metrics) = (file(directory, "m.json"), file(directory, "met.csv"))
            let result = try ToolRunner.run(
                "train",
                [
                    "--data", data, "--hidden", "10,10", "--lr", "1e6", "--epochs", "100", "--save", model,
                    "--metrics", metrics, "--quiet",
                ])
            #expect(result.status == 65, "\(result.standardError)")
            let table = try CSVTable(path: metrics, options: .init(allowsMissing: true, allowsNonFinite: true))
            let losses = try table.columns(["train_loss"]).scalars
            #expect(losses.last == .infinity)
            let kept = try #require(losses.lastIndex { $0.isFinite })
            #expect(
                result.standardError.contains("the model kept is the one after epoch \(kept)"),
                "\(result.standardError)")
            let loss = try meanSquaredError(model: model, data: data)
            #expect(loss.isFinite)
            expectClose(loss, losses[kept], absolute: 0, relative: 1e-9)
        }
    }

    /// A starting model whose loss is already infinite is not saved at all.
    @Test func divergenceAtTheStartSavesNothing() throws {
        try inScratch { directory in
            let model = file(directory, "huge.json")
            try """
            {"inputs": 2, "layers": [{"weights": [[1e300, 1e300]], "biases": [0], "activation": "identity"}]}
            """.write(toFile: model, atomically: true, encoding: .utf8)
            let saved = file(directory, "out.json")
            let result = try ToolRunner.run(
                "train", ["--data", Self.data, "--init-model", model, "--epochs", "5", "--save", saved, "--quiet"])
            #expect(result.status == 65, "\(result.standardError)")
            #expect(
                result.standardError.contains("no model has a finite loss; nothing saved"), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: saved))
        }
    }

    // MARK: 4. Model lost when the metrics pipe closes

    /// `train … --metrics - --save m2.json | head -c 10`: the closed pipe stops training like SIGTERM, the
    /// model is saved and the exit status is 74 with a message.
    @Test func closedMetricsPipeStopsAndSavesTheModel() throws {
        try inScratch { directory in
            let model = file(directory, "m2.json")
            let errors = file(directory, "errors")
            FileManager.default.createFile(atPath: errors, contents: nil)
            let process = Process()
            process.executableURL = try ToolRunner.executable("train")
            process.arguments = ["--data", Self.data, "--epochs", "100000000", "--metrics", "-", "--save", model]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle(forWritingAtPath: errors)
            try process.run()
            var received = Data()
            while received.count < 10 { received += pipe.fileHandleForReading.availableData }
            try pipe.fileHandleForReading.close()
            process.waitUntilExit()
            let message = try String(contentsOfFile: errors, encoding: .utf8)
            #expect(helpers.status(process) == 74, "\(message)")
            #expect(message.contains("train: <stdout>: write error: Broken pipe; training stopped after epoch"))
            #expect(message.contains("the model saved to \(model)"), "\(message)")
            #expect(try JSONFixture(data: Data(contentsOf: URL(fileURLWithPath: model)))["inputs"].int == 2)
        }
    }

    // MARK: 14. Metrics only at the end

    /// A long run's metrics file is written as epochs complete: killed with SIGKILL (nothing can run
    /// then), the run leaves a complete CSV of its first epochs.
    @Test func metricsAreOnDiskWhileTheRunGoesOn() throws {
        try inScratch { directory in
            let metrics = file(directory, "m.csv")
            let process = try helpers.start(
                "train", ["--data", Self.data, "--epochs", "100000000", "--metrics", metrics, "--quiet"])
            defer { process.waitUntilExit() }
            let written = try helpers.wait(seconds: 30) {
                guard let text = try? String(contentsOfFile: metrics, encoding: .utf8) else { return false }
                return text.split(separator: "\n").count > 2
            }
            kill(process.processIdentifier, SIGKILL)
            #expect(written, "no metrics while the run was going on")
            let table = try CSVTable(path: metrics, options: .init(allowsMissing: true))
            #expect(try table.columns(["epoch"]).scalars == (0..<table.rowCount).map(Double.init))
        }
    }
}
