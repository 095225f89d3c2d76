import Datasets
import Foundation
import TestSupport
import Testing

/// `predict` as a program, against PyTorch's forward pass of the same model (train_torch_fixtures.py).
@Suite struct PredictToolTests {
    static let model = TrainToolTests.model, data = TrainToolTests.data

    @Test func appendsTorchsPredictions() throws {
        let result = try ToolRunner.run("predict", ["--model", Self.model, "--data", Self.data])
        #expect(result.status == 0, "\(result.standardError)")
        let table = try CSVTable(text: result.standardOutput)
        #expect(table.columnNames == ["x", "y", "z", "prediction"])
        let expected = TrainToolTests.runs["initial_predictions"].doubles
        expectClose(try table.columns(["prediction"]).scalars, expected, absolute: 1e-14, relative: 1e-14)
        // The input columns are passed through unchanged.
        let original = try CSVTable(path: Self.data)
        #expect(try table.columns(["x", "y", "z"]) == original.values)
    }

    @Test func readsStandardInputAndNamedColumns() throws {
        let text = "z,b,a\n5,2,1\n"
        let result = try ToolRunner.run("predict", ["--model", Self.model, "--inputs", "a,b"], input: Data(text.utf8))
        #expect(result.status == 0, "\(result.standardError)")
        let byName = try CSVTable(text: result.standardOutput).columns(["prediction"]).scalar
        let direct = try ToolRunner.run("predict", ["--model", Self.model], input: Data("x,y\n1,2\n".utf8))
        #expect(byName == (try CSVTable(text: direct.standardOutput).columns(["prediction"]).scalar))
    }

    @Test(arguments: [
        (["--data", "ONE"], Int32(65), "the model takes 2 inputs but the file has only 1 columns (x)"),
        (["--inputs", "x,q"], 65, "no column named \"q\""),
        (["--model", "/nonexistent.json"], 66, "/nonexistent.json"),
        (["--model", "-"], 64, "cannot both come from standard input"),
        (["-o", "/nonexistent/out.csv"], 74, "/nonexistent"),
    ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let one = FileManager.default.temporaryDirectory.appendingPathComponent("one-\(UUID().uuidString).csv")
        try "x\n1\n".write(to: one, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: one) }
        var full = ["--model", Self.model, "--data", Self.data]
        for (flag, value) in stride(from: 0, to: arguments.count, by: 2).map({ (arguments[$0], arguments[$0 + 1]) }) {
            let resolved = value == "ONE" ? one.path : value
            if let index = full.firstIndex(of: flag) { full[index + 1] = resolved } else { full += [flag, resolved] }
        }
        if full.contains("-") && full[full.firstIndex(of: "--model")! + 1] == "-" {
            full[full.firstIndex(of: "--data")! + 1] = "-"
        }
        let result = try ToolRunner.run("predict", full)
        #expect(result.status == status, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
