import ArgumentParser
import Datasets
import Foundation
import NN
import Platform
import Plot
import Testing
import ToolSupport

/// ToolSupport's behaviour, specified by sysexits(3) and POSIX rename(2) semantics.
@Suite struct ToolSupportTests {
    /// A fresh empty directory, removed after `body`.
    func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test func exitStatusesAreSysexits() {
        #expect(
            [SysExit.ok, .usage, .dataError, .noInput, .software, .ioError].map(\.rawValue) == [0, 64, 65, 66, 70, 74])
        let place = (file: "d.csv", line: 2, column: 1)
        func status(_ kind: CSVError.Kind) -> SysExit {
            exitStatus(for: CSVError(kind, file: place.file, line: place.line, column: place.column))
        }
        #expect(status(.notANumber(token: "a")) == .dataError)
        #expect(status(.wrongFieldCount(expected: 2, found: 3)) == .dataError)
        #expect(status(.unknownColumn("w", available: ["x"])) == .dataError)
        #expect(status(.cannotOpen(reason: "No such file or directory")) == .noInput)
        #expect(status(.io(reason: "read error")) == .ioError)
        #expect(exitStatus(for: DatasetError.invalidFraction(2)) == .usage)
        #expect(exitStatus(for: ToolError(.noInput, "x")) == .noInput)
        let model = #expect(throws: ModelFileError.self) { _ = try ModelFile.network(fromJSON: "[]", file: "m.json") }
        #expect(model.map { exitStatus(for: $0) } == .dataError)
        struct Unexpected: Error {}
        #expect(exitStatus(for: Unexpected()) == .software)
    }

    @Test func plotErrorsAreDataIOOrInternalErrors() {
        for error in [
            PlotError.emptyData("line 1"), .nonFiniteData("heatmap", index: 2), .notAGrid("3 points"),
            .nonPositiveOnLogAxis("line 1 y", index: 0),
        ] {
            #expect(exitStatus(for: error) == .dataError, "\(error)")
        }
        #expect(exitStatus(for: PlotError.cannotWrite(path: "a.png", reason: "No space left on device")) == .ioError)
        #expect(exitStatus(for: PlotError.fontUnavailable(path: "DejaVuSans.ttf", reason: "missing")) == .software)
        #expect(exitStatus(for: PlotError.encodingFailed("out of memory")) == .software)
    }

    @Test func figureSizesAndRangesParse() {
        #expect(FigureSize(argument: "1600x1200").map { [$0.width, $0.height] } == [1600, 1200])
        #expect(FigureSize(argument: "640×480")?.description == "640x480")
        for bad in ["800", "800x", "x600", "800xx600", "800x600x2", "axb"] {
            #expect(FigureSize(argument: bad) == nil, "\(bad)")
        }
        // Sizes out of range parse, and their check says the range (#28).
        for outside in ["0x600", "99x600", "800x10001", "-800x600"] {
            let size = FigureSize(argument: outside)
            #expect(size != nil, "\(outside)")
            #expect(throws: ValidationError.self, "\(outside)") { try size?.check() }
        }
        #expect(throws: Never.self) { try FigureSize(argument: "100x10000")?.check() }
        #expect(AxisRange(argument: "-3,3").map { [$0.low, $0.high] } == [-3, 3])
        #expect(AxisRange(argument: "0.5,1e1")?.description == "0.5,10")
        for bad in ["3", "1,2,3", "a,1", "-inf,1", "1,nan", ","] { #expect(AxisRange(argument: bad) == nil, "\(bad)") }
    }

    @Test func reportingErrorsExitsWithTheErrorsStatus() throws {
        let exit = try #require(throws: ExitCode.self) {
            try runReportingErrors(tool: "test") { throw CSVError(.emptyFile, file: "empty.csv") }
        }
        #expect(exit.rawValue == 65)
        // ArgumentParser's errors pass through untouched.
        #expect(throws: ValidationError.self) { try runReportingErrors(tool: "test") { throw ValidationError("bad") } }
        try runReportingErrors(tool: "test") {}
    }

    @Test func atomicWriteReplacesOnlyOnSuccess() throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("out.txt").path
            try OutputFile.write(path, bytes: Array("first\n".utf8))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
            chmod(path, 0o640)

            struct Failure: Error {}
            #expect(throws: Failure.self) {
                try OutputFile.write(path) { descriptor in
                    _ = write(descriptor, "half", 4)
                    throw Failure()
                }
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")  // untouched
            // No temporary file is left.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.txt"])

            try OutputFile.writeCSV(path, columns: ["a", "b"]) { try $0.write(row: [1, 2.5]) }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,2.5\n")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o640)  // a replaced file keeps its permissions

            let failed = directory.appendingPathComponent("never.txt").path
            #expect(throws: Failure.self) { try OutputFile.write(failed) { _ in throw Failure() } }
            #expect(!FileManager.default.fileExists(atPath: failed))
        }
    }

    @Test func validateRejectsUnwritablePaths() throws {
        try OutputFile.validate("-")
        try withDirectory { directory in
            try OutputFile.validate(directory.appendingPathComponent("new.csv").path)
            let error = try #require(throws: ToolError.self) { try OutputFile.validate(directory.path) }
            #expect(error.exitStatus == .ioError && error.message == "\(directory.path): is a directory")
            let nested = directory.appendingPathComponent("missing/new.csv").path
            let missing = try #require(throws: ToolError.self) { try OutputFile.validate(nested) }
            #expect(missing.message == "\(nested): directory \(directory.path)/missing does not exist")
        }
        #expect(throws: ToolError.self) { try OutputFile.validate("") }
    }

    @Test func inputFiles() throws {
        #expect(InputFile.name("-") == "<stdin>" && OutputFile.name("-") == "<stdout>")
        let missing = try #require(throws: ToolError.self) { _ = try InputFile.contents("/nonexistent/model.json") }
        #expect(missing.exitStatus == .noInput)
        #expect(missing.message == "/nonexistent/model.json: cannot open: No such file or directory")
        let csv = try #require(throws: CSVError.self) { _ = try InputFile.readTable("/nonexistent/data.csv") }
        #expect(exitStatus(for: csv) == .noInput)
        try withDirectory { directory in
            let path = directory.appendingPathComponent("d.csv").path
            try Data("x\n1\n2\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(try InputFile.contents(path) == Array("x\n1\n2\n".utf8))
            #expect(try InputFile.readTable(path).values.scalars == [1, 2])
        }
    }

    @Test func firstInterruptOnlySetsTheFlag() {
        Interrupt.install()
        #expect(!Interrupt.isRequested)
        // Sent to the process: the test runner's threads may block SIGINT, so another thread may take it.
        kill(getpid(), SIGINT)
        for _ in 0..<200 where !Interrupt.isRequested { usleep(5_000) }
        #expect(Interrupt.isRequested)
        Interrupt.uninstall()
        #expect(!Interrupt.isRequested)
    }

    @Test func quietProgressBarDrawsNothing() {
        let bar = ProgressBar(total: 10, label: "work", quiet: true)
        #expect(!bar.isEnabled)
        bar.update(5)
        bar.finish()
    }

    @Test func runnerPassesStandardInput() throws {
        let cat = try ToolRunner.run(executable: URL(fileURLWithPath: "/bin/cat"), [], input: Data("a,b\n1,2\n".utf8))
        #expect(cat.status == 0 && cat.standardOutput == "a,b\n1,2\n")
    }
}
