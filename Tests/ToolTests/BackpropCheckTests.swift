import Foundation
import NN
import TestSupport
import Testing
import ToolSupport

/// `backprop-check` run on `examples/figure1` (the assignment's Figure 1) against the independent NumPy
/// computation of `scripts/reference/backprop_figure1.py` (`Tests/Fixtures/nn/figure1.json`): every
/// loss convention, the tanh, SELU and LeakyReLU variants, every output format, the chain of steps, and
/// every kind of bad input.
@Suite struct BackpropCheckTests {
    static let fixture = try! JSONFixture(named: "nn/figure1.json")
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/figure1")
    static let model = examples.appendingPathComponent("model.json").standardizedFileURL.path
    static let data = examples.appendingPathComponent("data.csv").standardizedFileURL.path

    /// The fixture's case for an activation and a loss.
    static func expected(_ activation: String, _ loss: String) -> JSONFixture {
        fixture["cases"].array.first { $0["activation"].string == activation && $0["loss"].string == loss }!
    }

    /// Runs the tool on Figure 1 and expects success.
    static func run(_ arguments: [String], input: Data = Data()) throws -> ToolRunner.Result {
        let result = try ToolRunner.run("backprop-check", ["--model", model, "--data", data] + arguments, input: input)
        #expect(result.status == 0, "stderr: \(result.standardError)")
        return result
    }

    /// `%.9g`, as the text and Markdown outputs write numbers by default.
    static func g(_ x: Double) -> String { String(format: "%.9g", x) }

    /// A `{"layers": [{"weights", "biases"}]}` object as one flat list (Ω_0, β_0, Ω_1, …).
    static func flat(_ layers: JSONFixture) -> [Double] {
        layers.array.flatMap { $0["weights"].array.flatMap(\.doubles) + $0["biases"].doubles }
    }

    /// The fixture's weights and biases lists (`{"weights": [Ω_k…], "biases": [β_k…]}`) in the same order.
    static func flat(weights: JSONFixture, biases: JSONFixture) -> [Double] {
        zip(weights.array, biases.array).flatMap { $0.array.flatMap(\.doubles) + $1.doubles }
    }

    static let cases = fixture["cases"].array.map { ($0["activation"].string, $0["loss"].string) }

    @Test(arguments: cases)
    func jsonMatchesNumPy(activation: String, loss: String) throws {
        let expected = Self.expected(activation, loss)
        let label = "\(activation) \(loss)"
        let arguments = ["--loss", loss, "--format", "json"] + (activation == "sigmoid" ? [] : ["--activation", activation])
        let json = try JSONFixture(data: try Self.run(arguments).output)
        #expect(json["loss"].string == loss && json["learning_rate"].double == 1)
        expectClose(json["loss_before"].double, expected["loss_before"].double, tolerance: 1e-13, label)
        expectClose(json["loss_after"].double, expected["loss_after"].double, tolerance: 1e-12, label)
        #expect(json["decreased"].bool == (expected["loss_after"].double < expected["loss_before"].double))
        expectClose(Self.flat(json["gradient"]["layers"]), Self.flat(weights: expected["gradient"]["weights"], biases: expected["gradient"]["biases"]), tolerance: 1e-13, label)
        let updated = json["updated_model"]
        #expect(updated["inputs"].int == 2)
        #expect(updated["layers"].array.map { $0["activation"].string } == [activation, activation, "identity"])
        expectClose(Self.flat(updated["layers"]), Self.flat(weights: expected["updated"]["weights"], biases: expected["updated"]["biases"]), tolerance: 1e-13, label)

        #expect(json["points"].array.count == 3)
        for (point, p) in zip(json["points"].array, expected["points"].array) {
            expectClose(point["f"].array.flatMap(\.doubles), p["f"].array.flatMap(\.doubles), tolerance: 1e-14, label)
            expectClose(point["h"].array.flatMap(\.doubles), p["h"].array.flatMap(\.doubles), tolerance: 1e-14, label)
            expectClose(point["prediction"].doubles, [p["prediction"].double], tolerance: 1e-14, label)
            expectClose(point["loss"].double, p["loss"].double, tolerance: 1e-14, label)
            expectClose(point["dl_df"].array.flatMap(\.doubles), p["df"].array.flatMap(\.doubles), tolerance: 1e-13, label)
            expectClose(point["dl_dh"].array.flatMap(\.doubles), p["dh"].array.flatMap(\.doubles), tolerance: 1e-13, label)
            expectClose(point["a_prime"].array.flatMap(\.doubles), p["derivatives"].array.flatMap(\.doubles), tolerance: 1e-14, label)
            expectClose(Self.flat(point["gradient"]["layers"]), Self.flat(weights: p["gradient"]["weights"], biases: p["gradient"]["biases"]), tolerance: 1e-13, label)
        }

        // The tool's central differences against NumPy's, and against NumPy's backpropagation away from kinks.
        let check = json["gradient_check"], differences = expected["central_differences"]
        let numeric = Self.flat(check["numeric"]["layers"])
        expectClose(numeric, Self.flat(weights: differences["weights"], biases: differences["biases"]), tolerance: 1e-7, label)
        expectClose(check["inputs"]["numeric"].array.flatMap(\.doubles), differences["inputs"].array.flatMap(\.doubles), tolerance: 1e-7, label)
        #expect(check["max_abs_error_away_from_kinks"].double < 1e-7, "\(label)")
        if ["sigmoid", "tanh"].contains(activation) {
            #expect(json["kinks"].array.isEmpty)
            #expect(check["max_abs_error"].double < 1e-7, "\(label)")
        } else {
            // Figure 1's data put f_0[3] of point 1 and f_0[1] of point 3 at 0 (0.1 − 1.3 + 1.2, 0.3 − 0.2 − 0.1).
            #expect(json["kinks"].array.map { [$0["point"].int, $0["layer"].int, $0["unit"].int] } == [[0, 0, 2], [2, 0, 0]])
            #expect(check["max_abs_error"].double > 0.1, "\(label)")
        }

        // The scan, with its largest decreasing and best rates, as NumPy finds them.
        let scan = expected["scan"].array
        let toolScan = json["learning_rate_scan"].array
        #expect(toolScan.count == scan.count, "\(label)")
        guard toolScan.count == scan.count, !scan.isEmpty else {
            #expect(json["largest_decreasing_rate"].isNull && json["best_rate"].isNull)
            return
        }
        expectClose(toolScan.map { $0["learning_rate"].double }, scan.map { $0[0].double }, tolerance: 1e-15, label)
        expectClose(toolScan.map { $0["loss"].double }, scan.map { $0[1].double }, tolerance: 1e-11, label)
        let before = expected["loss_before"].double
        let largest = scan.filter { $0[1].double < before }.map { $0[0].double }.max()!
        let best = scan.min { $0[1].double < $1[1].double }!
        expectClose(json["largest_decreasing_rate"].double, largest, tolerance: 1e-15, label)
        expectClose(json["best_rate"]["learning_rate"].double, best[0].double, tolerance: 1e-15, label)
        expectClose(json["best_rate"]["loss"].double, best[1].double, tolerance: 1e-11, label)
    }

    /// The default run says, in the book's notation, what Figure 1's exercise finds: the loss goes up at
    /// learning rate 1, and the scan's rates that lower it.
    @Test func textStatesTheExercise() throws {
        let expected = Self.expected("sigmoid", "mse")
        let text = try Self.run([]).standardOutput
        let scan = expected["scan"].array
        let largest = scan.filter { $0[1].double < expected["loss_before"].double }.map { $0[0].double }.max()!
        let best = scan.min { $0[1].double < $1[1].double }!
        for fragment in [
            "L = (1/N) Σ_i (f(x_i) − y_i)²", "a′[f] = σ(f)(1 − σ(f))", "f_0 = β_0 + Ω_0 x_i", "h_1 = a[f_0]",
            "∂ℓ_i/∂f_2 = 2(f_2 − y_i)", "∂ℓ_i/∂Ω_0 = ∂ℓ_i/∂f_0 x_iᵀ", "∂ℓ_i/∂f_0 = a′[f_0] ⊙ ∂ℓ_i/∂h_1",
            "Loss before the step: \(Self.g(expected["loss_before"].double))",
            "Loss after the step:  \(Self.g(expected["loss_after"].double))",
            "The loss did NOT decrease", "lowers the loss: α = \(Self.g(largest))",
            "Best rate on the scan: α = \(Self.g(best[0].double)) (L = \(Self.g(best[1].double)))",
            Self.g(expected["points"][2]["dh"][1][1].double), Self.g(expected["updated"]["weights"][1][0][2].double),
        ] {
            #expect(text.contains(fragment), "missing \(fragment)")
        }
    }

    @Test func markdownStatesTheExerciseWithLaTeX() throws {
        let expected = Self.expected("leaky-relu", "half-sse")
        let markdown = try Self.run(["--format", "markdown", "--activation", "leaky-relu", "--loss", "half-sse"]).standardOutput
        for fragment in [
            "L = \\frac12 \\sum_{i=1}^{N}", "\\mathbf f_{0} = \\boldsymbol\\beta_{0} + \\boldsymbol\\Omega_{0}\\mathbf x_i",
            "a'[f] = \\begin{cases} 1 & f > 0 \\\\ \\alpha & f \\le 0 \\end{cases}", "\\alpha = 0.01", "**Kinks.**",
            "| before the step | \(Self.g(expected["loss_before"].double)) |", "| after the step | \(Self.g(expected["loss_after"].double)) |",
            "**The loss did not decrease:**", Self.g(expected["gradient"]["weights"][0][2][1].double),
        ] {
            #expect(markdown.contains(fragment), "missing \(fragment)")
        }
    }

    /// `--emit-model` writes exactly the model file of the updated network, which NumPy's step gives; the
    /// next run starts from it (here at the scan's rate 10^(−0.7), whose loss NumPy knows).
    @Test func emittedModelChainsSteps() throws {
        let expected = Self.expected("sigmoid", "mse")
        let emitted = try Self.run(["--emit-model"]).standardOutput
        let updated = try ModelFile.network(fromJSON: emitted)
        #expect(ModelFile.json(updated) == emitted)
        expectClose(updated.parameters.scalars, Self.flat(weights: expected["updated"]["weights"], biases: expected["updated"]["biases"]), tolerance: 1e-13)
        let json = try JSONFixture(data: try Self.run(["--format", "json"]).output)
        #expect(Self.flat(json["updated_model"]["layers"]) == updated.parameters.scalars)

        let step = expected["scan"][7]
        let stepped = try Self.run(["--lr", "\(step[0].double)", "--emit-model"])
        let next = try ToolRunner.run("backprop-check", ["--model", "-", "--data", Self.data, "--format", "json"], input: stepped.output)
        #expect(next.status == 0, "stderr: \(next.standardError)")
        expectClose(try JSONFixture(data: next.output)["loss_before"].double, step[1].double, tolerance: 1e-12)
    }

    /// Columns chosen by name, in any order, and the data read from standard input.
    @Test func columnsByNameAndStandardInput() throws {
        let csv = Data("y,x2,x1\n1,1,1\n1,2,0\n0,1,-1\n".utf8)
        let result = try ToolRunner.run(
            "backprop-check", ["--model", Self.model, "--data", "-", "--inputs", "x1,x2", "--targets", "y", "--format", "json"], input: csv)
        #expect(result.status == 0, "stderr: \(result.standardError)")
        expectClose(try JSONFixture(data: result.output)["loss_before"].double, Self.expected("sigmoid", "mse")["loss_before"].double, tolerance: 1e-13)
    }

    @Test(arguments: [
        ("four.csv", "x1,x2,x3,y\n1,1,1,1\n", [String](), SysExit.dataError,
         "four.csv: the model \(BackpropCheckTests.model) takes 2 inputs and gives 1 output, so the data need 3 columns (the inputs, then the targets), found 4 columns: x1, x2, x3, y"),
        ("data.csv", "x1,x2,y\n1,1,1\n", ["--inputs", "x1"], .dataError, "--inputs names 1 column (x1), but the model"),
        ("data.csv", "x1,x2,y\n1,1,1\n", ["--targets", "z"], .dataError, "no column named \"z\"; available: \"x1\", \"x2\", \"y\""),
        ("data.csv", "x1,x2,y\n1,1,1\n", ["--inputs", "x1,y", "--targets", "y"], .usage, "column y cannot be both an input and a target"),
        ("empty.csv", "", [], .dataError, "empty.csv: empty file: expected a header row of column names"),
        ("header.csv", "x1,x2,y\n", [], .dataError, "header.csv: no data rows, only the header"),
        ("nan.csv", "x1,x2,y\n1,1,1\n0,nan,1\n", [], .dataError, "nan.csv:3:2: expected a finite number, found \"nan\""),
        ("inf.csv", "x1,x2,y\n1,1,inf\n", [], .dataError, "inf.csv:2:3: expected a finite number, found \"inf\""),
        ("data.csv", "x1,x2,y\n1,1,1\n", ["--activation", "sigmoidal"], .usage, "--activation: unknown activation \"sigmoidal\""),
        ("data.csv", "x1,x2,y\n1,1,1\n", ["--lr", "0"], .usage, "--lr must be a finite number > 0"),
    ] as [(String, String, [String], SysExit, String)])
    func badDataIsReported(file: String, contents: String, arguments: [String], status: SysExit, message: String) throws {
        try withFiles([file: contents]) { directory in
            let result = try ToolRunner.run(
                "backprop-check", ["--model", Self.model, "--data", directory.appendingPathComponent(file).path] + arguments)
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
            let result = try ToolRunner.run("backprop-check", ["--model", "bad.json", "--data", Self.data], in: directory)
            #expect(result.status == SysExit.dataError.rawValue && result.output.isEmpty)
            #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
        }
    }

    @Test func missingFilesAndStandardInputTwice() throws {
        let missing = try ToolRunner.run("backprop-check", ["--model", "/nonexistent/m.json", "--data", Self.data])
        #expect(missing.status == SysExit.noInput.rawValue)
        #expect(missing.standardError == "backprop-check: /nonexistent/m.json: cannot open: No such file or directory\n")
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
