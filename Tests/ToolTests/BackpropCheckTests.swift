import Foundation
import NN
import TestSupport
import Testing
import ToolSupport

/// `backprop-check` run on `examples/figure1` (the assignment's Figure 1) against the independent NumPy
/// computation of `scripts/reference/backprop_figure1.py` (`Tests/Fixtures/nn/figure1.json`): the options
/// and formats reaching the report, the chain of steps, and every kind of bad input. The reports' contents
/// are NNReportsTests' business.
@Suite struct BackpropCheckTests {
    static let model = Figure1Fixture.model
    static let data = Figure1Fixture.data

    static func expected(_ activation: String, _ loss: String) -> JSONFixture {
        Figure1Fixture.expected(activation, loss)
    }
    static func flat(weights: JSONFixture, biases: JSONFixture) -> [Double] {
        Figure1Fixture.flat(weights: weights, biases: biases)
    }
    static func flat(_ layers: JSONFixture) -> [Double] { Figure1Fixture.flat(layers) }

    /// Runs the tool on Figure 1 and expects success.
    static func run(_ arguments: [String], input: Data = Data()) throws -> ToolRunner.Result {
        let result = try ToolRunner.run("backprop-check", ["--model", model, "--data", data] + arguments, input: input)
        #expect(result.status == 0, "stderr: \(result.standardError)")
        return result
    }

    /// Each format reaches the report with the options given: the JSON of LeakyReLU under the half sum of
    /// squares, the text and Markdown of the default (sigmoid, mean squared error) state NumPy's losses.
    @Test func formatsAndOptionsReachTheReport() throws {
        let leaky = Self.expected("leaky-relu", "half-sse")
        let json = try JSONFixture(
            data: try Self.run(["--format", "json", "--activation", "leaky-relu", "--loss", "half-sse"]).output)
        #expect(json["loss"].string == "half-sse")
        expectClose(json["loss_before"].double, leaky["loss_before"].double, absolute: 1e-13, relative: 1e-13)
        expectClose(
            Self.flat(json["updated_model"]["layers"]),
            Self.flat(weights: leaky["updated"]["weights"], biases: leaky["updated"]["biases"]), absolute: 1e-13,
            relative: 1e-13)
        let sigmoid = Self.expected("sigmoid", "mse")
        for format in ["text", "markdown"] {
            let output = try Self.run(["--format", format]).standardOutput
            #expect(output.contains(Figure1Fixture.g(sigmoid["loss_before"].double)), "\(format)")
            #expect(output.contains(Figure1Fixture.g(sigmoid["loss_after"].double)), "\(format)")
        }
    }

    /// `--emit-model` writes exactly the model file of the updated network, which NumPy's step gives; the
    /// next run starts from it (here at the scan's rate 10^(−0.7), whose loss NumPy knows).
    @Test func emittedModelChainsSteps() throws {
        let expected = Self.expected("sigmoid", "mse")
        let emitted = try Self.run(["--emit-model"]).standardOutput
        let updated = try ModelFile.network(fromJSON: emitted)
        #expect(ModelFile.json(updated) == emitted)
        expectClose(
            updated.parameters.scalars,
            Self.flat(weights: expected["updated"]["weights"], biases: expected["updated"]["biases"]), absolute: 1e-13,
            relative: 1e-13)
        let json = try JSONFixture(data: try Self.run(["--format", "json"]).output)
        #expect(Self.flat(json["updated_model"]["layers"]) == updated.parameters.scalars)

        let step = expected["scan"][7]
        let stepped = try Self.run(["--lr", "\(step[0].double)", "--emit-model"])
        let next = try ToolRunner.run(
            "backprop-check", ["--model", "-", "--data", Self.data, "--format", "json"], input: stepped.output)
        #expect(next.status == 0, "stderr: \(next.standardError)")
        expectClose(
            try JSONFixture(data: next.output)["loss_before"].double, step[1].double, absolute: 1e-12, relative: 1e-12)
    }

    /// Columns chosen by name, in any order, and the data read from standard input.
    @Test func columnsByNameAndStandardInput() throws {
        let csv = Data("y,x2,x1\n1,1,1\n1,2,0\n0,1,-1\n".utf8)
        let result = try ToolRunner.run(
            "backprop-check",
            ["--model", Self.model, "--data", "-", "--inputs", "x1,x2", "--targets", "y", "--format", "json"],
            input: csv)
        #expect(result.status == 0, "stderr: \(result.standardError)")
        expectClose(
            try JSONFixture(data: result.output)["loss_before"].double,
            Self.expected("sigmoid", "mse")["loss_before"].double, absolute: 1e-13, relative: 1e-13)
    }

    @Test(
        arguments: [
            (
                "four.csv", "x1,x2,x3,y\n1,1,1,1\n", [String](), SysExit.dataError,
                "four.csv: the model \(BackpropCheckTests.model) takes 2 inputs and gives 1 output, so the data need 3 columns (the inputs, then the targets), found 4 columns: x1, x2, x3, y"
            ),
            (
                "data.csv", "x1,x2,y\n1,1,1\n", ["--inputs", "x1"], .dataError,
                "--inputs names 1 column (x1), but the model"
            ),
            (
                "data.csv", "x1,x2,y\n1,1,1\n", ["--targets", "z"], .dataError,
                "no column named \"z\"; available: \"x1\", \"x2\", \"y\""
            ),
            (
                "data.csv", "x1,x2,y\n1,1,1\n", ["--inputs", "x1,y", "--targets", "y"], .usage,
                "column y cannot be both an input and a target"
            ),
            ("empty.csv", "", [], .dataError, "empty.csv: empty file: expected a header row of column names"),
            ("header.csv", "x1,x2,y\n", [], .dataError, "header.csv: no data rows, only the header"),
            (
                "nan.csv", "x1,x2,y\n1,1,1\n0,nan,1\n", [], .dataError,
                "nan.csv:3:2: expected a finite number, found \"nan\""
            ),
            ("inf.csv", "x1,x2,y\n1,1,inf\n", [], .dataError, "inf.csv:2:3: expected a finite number, found \"inf\""),
            (
                "data.csv", "x1,x2,y\n1,1,1\n", ["--activation", "sigmoidal"], .usage,
                "--activation: unknown activation \"sigmoidal\""
            ),
            ("data.csv", "x1,x2,y\n1,1,1\n", ["--lr", "0"], .usage, "--lr must be a finite number > 0"),
        ] as [(String, String, [String], SysExit, String)])
    func badDataIsReported(file: String, contents: String, arguments: [String], status: SysExit, message: String) throws
    {
        try withFiles([file: contents]) { directory in
            let result = try ToolRunner.run(
                "backprop-check",
                ["--model", Self.model, "--data", directory.appendingPathComponent(file).path] + arguments)
            #expect(result.status == status.rawValue && result.output.isEmpty)
            #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
        }
    }

    @Test(arguments: [
        ("\"sigmoid\"", "\"sigmoidal\"", "bad.json:3:97: layers[0].activation: unknown activation \"sigmoidal\""),
        ("[0.3, 0.7, 0.1]", "[1e999, 0.7, 0.1]", "bad.json:3:67: layers[0].biases[0]: non-finite number"),
        ("[[-0.9, 2.1]]", "[[-0.9, 2.1, 0.5]]", "layers[2].weights: row 0 has 3 values, expected 2"),
        ("[0.2]", "[1e300]", "bad.json: the loss or its gradient overflows"),
    ])
    func badModelIsReported(original: String, replacement: String, message: String) throws {
        let text = try String(contentsOfFile: Self.model, encoding: .utf8)
        #expect(text.contains(original))
        try withFiles(["bad.json": text.replacingOccurrences(of: original, with: replacement)]) { directory in
            let result = try ToolRunner.run(
                "backprop-check", ["--model", "bad.json", "--data", Self.data], in: directory)
            #expect(result.status == SysExit.dataError.rawValue && result.output.isEmpty)
            #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
        }
    }

    @Test func missingFilesAndStandardInputTwice() throws {
        let missing = try ToolRunner.run("backprop-check", ["--model", "/nonexistent/m.json", "--data", Self.data])
        #expect(missing.status == SysExit.noInput.rawValue)
        #expect(
            missing.standardError == "backprop-check: /nonexistent/m.json: cannot open: No such file or directory\n")
        let twice = try ToolRunner.run("backprop-check", ["--model", "-", "--data", "-"])
        #expect(twice.status == SysExit.usage.rawValue && twice.standardError.contains("cannot both be standard input"))
    }

    @Test func helpAndVersion() throws {
        let help = try ToolRunner.run("backprop-check", ["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--emit-model |\n      backprop-check --model - --data data.csv"))
        let version = try ToolRunner.run("backprop-check", ["--version"])
        #expect(version.status == 0 && version.standardOutput == toolkitVersion + "\n")
    }

    /// Runs `body` in a fresh directory holding the given files.
    func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, contents) in files { try Data(contents.utf8).write(to: directory.appendingPathComponent(name)) }
        try body(directory)
    }
}
