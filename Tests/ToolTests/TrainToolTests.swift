import Datasets
import Foundation
import TestSupport
import Testing

/// `train` as a program: epoch-by-epoch parity with torch.optim (`scripts/reference/train_torch_fixtures.py`),
/// its outputs, and every bad-input exit status.
@Suite struct TrainToolTests {
    static let fixtures = fixtureURL("train")
    static let model = fixtures.appendingPathComponent("model.json").path
    static let data = fixtures.appendingPathComponent("data.csv").path
    static let runs = try! JSONFixture(named: "train/torch_runs.json")

    func metrics(_ result: ToolRunner.Result) throws -> CSVTable {
        try CSVTable(text: result.standardOutput, name: "<stdout>", options: .init(allowsMissing: true))
    }

    /// Full-batch training matches torch.optim (float64) on the same model and data, every epoch.
    @Test(arguments: runs["runs"].array.indices)
    func matchesTorchEpochByEpoch(run index: Int) throws {
        let run = Self.runs["runs"][index]
        let arguments =
            ["--init-model", Self.model, "--data", Self.data, "--optimizer", run["optimizer"].string]
            + run["flags"].array.map(\.string)
            + ["--batch-size", "full", "--epochs", "\(run["epochs"].int)", "--metrics", "-", "--quiet"]
        let result = try ToolRunner.run("train", arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let table = try metrics(result)
        #expect(table.columnNames == ["epoch", "seconds", "train_loss", "validation_loss", "batch_loss"])
        #expect(try table.columns(["epoch"]).scalars == (0...run["epochs"].int).map(Double.init))
        let label = "\(run["optimizer"].string) \(run["flags"].array.map(\.string).joined(separator: " "))"
        expectClose(
            try table.columns(["train_loss"]).scalars, run["train_loss"].doubles, absolute: 1e-10, relative: 1e-10,
            label)
        // batch_loss of epoch e is the loss where step e started: the train loss of epoch e − 1.
        let batch = try table.columns(["batch_loss"]).scalars
        expectClose(
            Array(batch.dropFirst()), Array(run["train_loss"].doubles.dropLast()), absolute: 1e-10, relative: 1e-10,
            label)
        let validation = try table.columns(["validation_loss"]).scalars
        #expect(batch[0].isNaN && validation.allSatisfy(\.isNaN))
    }

    @Test func lbfgsTrapIsWarnedAbout() throws {
        let result = try ToolRunner.run(
            "train",
            [
                "--init-model", Self.model, "--data", Self.data, "--optimizer", "lbfgs", "--lr", "1", "--max-iter", "1",
                "--line-search", "strong-wolfe", "--epochs", "100", "--quiet",
            ])
        #expect(result.status == 0)
        #expect(result.standardError.contains("max_eval=1 leaves the strong-Wolfe line search no evaluation"))
        // On this data the stall starts at step 37 and lasts: 64 of the 100 steps.
        #expect(result.standardError.contains("64 of 100 steps made no progress"))
    }

    @Test func savesTheBestValidationModelAndSharesInitialModels() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let initial = directory.appendingPathComponent("init.json").path
        let first = try ToolRunner.run(
            "train", ["--data", Self.data, "--hidden", "6,6", "--epochs", "0", "--save", initial, "--seed", "4"])
        #expect(first.status == 0, "\(first.standardError)")
        let again = directory.appendingPathComponent("again.json").path
        _ = try ToolRunner.run(
            "train", ["--data", Self.data, "--hidden", "6,6", "--epochs", "0", "--save", again, "--seed", "4"])
        #expect(try String(contentsOfFile: initial, encoding: .utf8) == String(contentsOfFile: again, encoding: .utf8))
        let model = try JSONFixture(data: Data(contentsOf: URL(fileURLWithPath: initial)))
        // PyTorch's Linear default: weights and biases within ±1/√fan_in.
        let weights = model["layers"][1]["weights"].matrix.flatMap { $0 }
        #expect(weights.count == 36 && weights.allSatisfy { abs($0) <= 1 / 6.0.squareRoot() })

        let saved = directory.appendingPathComponent("best.json").path
        let result = try ToolRunner.run(
            "train",
            [
                "--init-model", initial, "--data", Self.data, "--validation-split", "0.25", "--optimizer", "adam",
                "--lr", "0.05",
                "--batch-size", "16", "--epochs", "60", "--save", saved, "--metrics", "-", "--quiet",
            ])
        #expect(result.status == 0, "\(result.standardError)")
        let table = try metrics(result)
        let validation = try table.columns(["validation_loss"]).scalars
        let best = validation.min()!
        #expect(validation.last! > best, "the run should overfit a little so that best ≠ last")
        // The saved model's validation loss, recomputed by a zero-epoch run, is the best one.
        let check = try ToolRunner.run(
            "train",
            [
                "--init-model", saved, "--data", Self.data, "--validation-split", "0.25", "--epochs", "0", "--metrics",
                "-", "--quiet",
            ])
        expectClose(try metrics(check).columns(["validation_loss"]).scalars[0], best, absolute: 1e-14, relative: 1e-14)
    }

    @Test(arguments: [
        (["--data", "/nonexistent/data.csv"], Int32(66), "/nonexistent/data.csv"),
        (["--data", "BAD"], 65, ":3:2: expected a number, found \"abc\""),
        (["--data", "NAN"], 65, "nan.csv:2:2: expected a finite number, found \"nan\""),
        (
            ["--data", "DATA", "--init-model", "THREE"], 65,
            "the model takes 3 inputs but the file has 2 input columns (x,y)"
        ),
        (["--data", "DATA", "--inputs", "x,w"], 65, "no column named \"w\"; available: \"x\", \"y\", \"z\""),
        (
            ["--data", "DATA", "--optimizer", "adamax"], 64,
            "unknown optimizer 'adamax'; choose one of adadelta, adagrad, adam"
        ),
        (["--data", "DATA", "--optimizer", "adam", "--momentum", "0.9"], 64, "momentum"),
        (["--data", "DATA", "--learning-rate", "0.1"], 64, "Unknown option '--learning-rate'"),
        (["--data", "DATA", "--save", "/nonexistent/m.json"], 74, "/nonexistent"),
        (["--data", "DATA", "--metrics", "/nonexistent/m.csv"], 74, "/nonexistent"),
        (["--data", "DATA", "--batch-size", "0"], 64, "--batch-size"),
    ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("train-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let replacements = [
            "DATA": Self.data,
            "BAD": try file("bad.csv", "x,y,z\n1,2,3\n4,abc,5\n"),
            "NAN": try file("nan.csv", "x,y,z\n1,nan,3\n"),
            "THREE": try file(
                "three.json",
                "{\"inputs\": 3, \"layers\": [{\"weights\": [[1, 2, 3]], \"biases\": [0], \"activation\": \"identity\"}]}"
            ),
        ]
        let result = try ToolRunner.run(
            "train", arguments.map { replacements[$0] ?? $0 } + ["--epochs", "3", "--quiet"], in: directory)
        #expect(result.status == status, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
    }

    /// Ctrl-C finishes the epoch, writes the metrics and the model, and exits with 130.
    @Test func interruptWritesEverything() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("train-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = try ToolRunner.executable("train")
        let metricsPath = directory.appendingPathComponent("m.csv").path,
            modelPath = directory.appendingPathComponent("m.json").path
        process.arguments = [
            "--data", Self.data, "--epochs", "100000000", "--metrics", metricsPath, "--save", modelPath, "--quiet",
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let table = try CSVTable(path: metricsPath, options: .init(allowsMissing: true))
        #expect(table.rowCount > 1)
        #expect(try table.columns(["epoch"]).scalars == (0..<table.rowCount).map(Double.init))
        let model = try JSONFixture(data: Data(contentsOf: URL(fileURLWithPath: modelPath)))
        #expect(model["inputs"].int == 2)
    }
}
