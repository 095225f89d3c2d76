import Datasets
import Foundation
import Testing
import ToolSupport

/// `surface-data` run as a program: its CSV against NumPy's fixture, its outputs and its exit codes.
@Suite struct SurfaceDataToolTests {
    /// A case of `Tests/Fixtures/datasets/surface.json` (`scripts/reference/datasets_fixtures.py`).
    struct SurfaceFixture: Decodable {
        var provenance: String?
        var grid: Int, noise: Double, seed: UInt32
        var x: [Double], y: [Double], zLibm: [Double], zCleanLibm: [Double]
    }

    /// The fixture's cases: the course grid with noise 0.1 and seed 0, then 5×5 on [-2, 2]² with
    /// noise 0.5 and seed 7.
    static func fixture() throws -> [SurfaceFixture] {
        struct File: Decodable { var provenance: String, cases: [SurfaceFixture] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/datasets/surface.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file = try decoder.decode(File.self, from: Data(contentsOf: url))
        #expect(file.provenance.hasPrefix("scripts/reference/datasets_fixtures.py"))
        return file.cases
    }

    /// The CSV a run printed.
    func table(_ result: ToolRunner.Result) throws -> CSVTable {
        try CSVTable(text: result.standardOutput, name: "<stdout>")
    }

    @Test func defaultIsTheCoursesNoiseFreeGrid() throws {
        let course = try #require(try Self.fixture().first)
        let result = try ToolRunner.run("surface-data")
        #expect(result.status == 0 && result.standardError.isEmpty)
        let table = try table(result)
        #expect(table.columnNames == ["x", "y", "z"])
        #expect(table.rowCount == 1600)
        #expect(try table.columns(["x"]).scalars == course.x)
        #expect(try table.columns(["y"]).scalars == course.y)
        #expect(try table.columns(["z"]).scalars == course.zCleanLibm)  // bit for bit
    }

    @Test func noiseSeedRangeAndCleanColumnMatchNumPy() throws {
        for case_ in try Self.fixture() where case_.noise > 0 {
            let low = case_.x.first!, high = case_.x.last!
            let result = try ToolRunner.run(
                "surface-data",
                [
                    "--grid", "\(case_.grid)", "--range", "\(low),\(high)", "--noise", "\(case_.noise)",
                    "--seed", "\(case_.seed)", "--clean",
                ])
            #expect(result.status == 0)
            let table = try table(result)
            #expect(table.columnNames == ["x", "y", "z", "z_clean"])
            #expect(try table.columns(["x", "y"]).scalars == Array(zip(case_.x, case_.y).map { [$0, $1] }.joined()))
            #expect(try table.columns(["z"]).scalars == case_.zLibm)
            #expect(try table.columns(["z_clean"]).scalars == case_.zCleanLibm)
        }
    }

    @Test func writesAnOutputFileAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("surface-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("surface.csv")
        try Data("old".utf8).write(to: path)
        let result = try ToolRunner.run("surface-data", ["--grid", "3", "-o", "surface.csv"], in: directory)
        #expect(result.status == 0 && result.output.isEmpty)
        let written = try String(contentsOf: path, encoding: .utf8)
        #expect(written == (try ToolRunner.run("surface-data", ["--grid", "3"]).standardOutput))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["surface.csv"])
    }

    @Test(arguments: [
        (["--grid", "0"], "--grid must be from 1 to 10000"),
        (["--grid", "10001"], "--grid must be from 1 to 10000"),
        (["--grid", "many"], "invalid for '--grid"),
        (["--grid", "-5"], "--grid must be from 1 to 10000 (values per axis), got -5"),
        (["--range=-1e308,1e308"], "--range must lie within ±1e150"),
        (["--range", "3,-3"], "--range must be low,high with low < high, got 3,-3"),
        (["--range", "1"], "invalid for '--range"),
        (["--range", "-3,inf"], "invalid for '--range"),
        (["--noise", "-0.1"], "--noise must be a finite number ≥ 0"),
        (["--noise", "nan"], "--noise must be a finite number ≥ 0"),
        (["--seed", "-1"], "invalid for '--seed"),
        (["--seed", "4294967296"], "invalid for '--seed"),
        (["--unknown"], "Unknown option '--unknown'"),
    ])
    func badInputIsAUsageError(arguments: [String], message: String) throws {
        let result = try ToolRunner.run("surface-data", arguments)
        #expect(result.status == SysExit.usage.rawValue)
        #expect(result.output.isEmpty)
        #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
    }

    @Test func unwritableOutputIsAnIOErrorReportedBeforeAnyWork() throws {
        let missing = try ToolRunner.run("surface-data", ["-o", "/nonexistent/dir/s.csv"])
        #expect(missing.status == SysExit.ioError.rawValue)
        #expect(
            missing.standardError == "surface-data: /nonexistent/dir/s.csv: directory /nonexistent/dir does not exist\n"
        )
        let directory = try ToolRunner.run("surface-data", ["-o", NSTemporaryDirectory()])
        #expect(directory.status == SysExit.ioError.rawValue)
        #expect(directory.standardError.hasSuffix(": is a directory\n"))
    }

    @Test func helpAndVersion() throws {
        let help = try ToolRunner.run("surface-data", ["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("Examples:") && help.standardOutput.contains("surface-data --noise"))
        let version = try ToolRunner.run("surface-data", ["--version"])
        #expect(version.status == 0 && version.standardOutput == toolkitVersion + "\n")
    }
}
