import Datasets
import Foundation
import TestSupport
import Testing

/// `init-study` as a program, against notebook 7.3's values in the UDL reference.
@Suite struct InitStudyToolTests {
    func table(_ result: ToolRunner.Result) throws -> CSVTable {
        try CSVTable(text: result.standardOutput, name: "<stdout>")
    }

    @Test func reproducesNotebook73() throws {
        let result = try ToolRunner.run(
            "init-study", ["--depth", "5", "--width", "8", "--init", "normal:1", "--numpy-compatible"])
        #expect(result.status == 0, "\(result.standardError)")
        let table = try table(result)
        #expect(table.columnNames == ["layer", "forward_std", "backward_std"])
        #expect(try table.columns(["layer"]).scalars == [1, 2, 3, 4, 5])
        expectClose(
            try table.columns(["forward_std"]).scalars,
            [0.810840828685945, 1.472262339198876, 4.546916412160579, 8.896092020950714, 10.105919198452590],
            absolute: 1e-12, relative: 1e-12)
        expectClose(
            Array(try table.columns(["backward_std"]).scalars.prefix(4)),
            [446.654208321153192, 340.657347160579775, 109.131694559336779, 56.471977475824438], absolute: 1e-12,
            relative: 1e-12)
        // He in the notebook's setting: σ² = 2/D = 0.25.
        let he = try self.table(try ToolRunner.run("init-study", ["--init", "he", "--numpy-compatible"]))
        expectClose(
            try he.columns(["forward_std"]).scalars,
            [0.4054204143, 0.3680655848, 0.5683645515, 0.5560057513, 0.315809975], absolute: 1e-10, relative: 1e-10)
    }

    /// The sweep finds the stable variance of ReLU near 2/D and of tanh near 1/D (UDL §7.5).
    @Test func sweepLocatesTheStableVariance() throws {
        for (activation, expected) in [("relu", 2.0 / 20), ("tanh", 1.0 / 20)] {
            let result = try ToolRunner.run(
                "init-study",
                [
                    "--sweep", "--depth", "30", "--width", "20", "--activation", activation,
                    "--variances", "0.01,1,41", "--forward-samples", "2000",
                ])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(try table(result).rowCount == 41 * 30)
            let text = result.standardError
            let value = text.split(separator: "≈")[1].split(separator: " ")[0]
            let stable = try #require(Double(value))
            #expect(abs(stable / expected - 1) < 0.25, "\(activation): \(text)")
        }
    }

    @Test(arguments: [
        (["--activation", "swish2"], "unknown activation 'swish2'"),
        (["--init", "gaussian"], "unknown initialiser 'gaussian'"),
        (["--depth", "0"], "--depth must be"),
        (["--sweep", "--variances", "1,0.1,5"], "--variances must be"),
        (["--init", "xavier", "--numpy-compatible"], "--numpy-compatible draws N(0, σ²) weights"),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try ToolRunner.run("init-study", arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test func drawsTheSweepsFigures() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let depth = directory.appendingPathComponent("depth.png"), map = directory.appendingPathComponent("map.png")
        let result = try ToolRunner.run(
            "init-study",
            [
                "--sweep", "--depth", "10", "--width", "16", "--variances", "0.01,1,9", "--plot", depth.path,
                "--heatmap", map.path,
            ])
        #expect(result.status == 0, "\(result.standardError)")
        for file in [depth, map] {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(bytes.count > 10_000 && bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        }
        let misuse = try ToolRunner.run("init-study", ["--heatmap", map.path])
        #expect(misuse.status == 64 && misuse.standardError.contains("--heatmap needs --sweep"))
    }

    @Test func unwritableOutputFailsBeforeWork() throws {
        let result = try ToolRunner.run("init-study", ["-o", "/nonexistent-directory/out.csv"])
        #expect(result.status == 74)
    }
}
