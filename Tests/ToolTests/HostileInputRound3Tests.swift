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
    /// The issue's data: `surface-data --noise 0.1 --grid 20`.
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

    /// Metrics sent to a FIFO are streamed row by row, each once (a file's rewrites would repeat them).
    @Test func metricsToAFIFOReachTheReaderOnce() throws {
        try inScratch { directory in
            let fifo = file(directory, "fifo")
            try #require(mkfifo(fifo, 0o600) == 0)
            let received = file(directory, "received")
            FileManager.default.createFile(atPath: received, contents: nil)
            let reader = try helpers.start("/bin/cat", [fifo], output: received)
            let result = try ToolRunner.run(
                "train", ["--data", Self.data, "--epochs", "30", "--metrics", fifo, "--quiet"])
            reader.waitUntilExit()
            #expect(result.status == 0, "\(result.standardError)")
            let table = try CSVTable(path: received, options: .init(allowsMissing: true))
            #expect(try table.columns(["epoch"]).scalars == (0...30).map(Double.init))
        }
    }

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

extension HostileInputRound3Tests {
    // MARK: 5 and 11. Two outputs on one file; an output that is an input

    /// Every tool refuses, with 64 and before writing anything, two outputs naming one file and an
    /// output that is one of its inputs; the file is left as it was.
    @Test(arguments: [
        ("initStudyOutputAndPlot", "init-study", ["-o", "SAME", "--plot", "SAME"], "-o and --plot both write"),
        (
            "initStudyPlotAndHeatmap", "init-study", ["--sweep", "--plot", "SAME", "--heatmap", "SAME"],
            "--plot and --heatmap"
        ),
        ("curvePlotOverItsInput", "curve-plot", ["SAME", "-o", "SAME"], "-o SAME is also an input (the file argument"),
        ("curvePlotOverItsSecondInput", "curve-plot", ["OTHER", "SAME", "-o", "SAME"], "is also an input"),
        (
            "predictOverItsData", "predict", ["--model", "MODEL", "--data", "SAME", "-o", "SAME"],
            "also an input (--data"
        ),
        ("predictOverItsModel", "predict", ["--model", "SAME", "--data", "OTHER", "-o", "SAME"], "(--model"),
        ("trainSavesOverItsData", "train", ["--data", "SAME", "--save", "SAME"], "--save SAME is also an input"),
        (
            "trainSavesOverItsInitModel", "train", ["--data", "OTHER", "--init-model", "SAME", "--save", "SAME"],
            "(--init"
        ),
        (
            "trainMetricsOverValidation", "train", ["--data", "OTHER", "--validation", "SAME", "--metrics", "SAME"],
            "(--validation"
        ),
        ("surfacePlotOverItsData", "surface-plot", ["--data", "SAME", "-o", "SAME"], "(--data"),
        (
            "backpropCheckOverItsData", "backprop-check", ["--model", "MODEL", "--data", "SAME", "-o", "SAME"],
            "(--data"
        ),
    ])
    func outputsNamingOneFileOrAnInputAreRefused(case name: String, tool: String, arguments: [String], message: String)
        throws
    {
        try inScratch { directory in
            let same = file(directory, "same.csv"), other = file(directory, "other.csv")
            let original = try String(contentsOfFile: Self.data, encoding: .utf8)
            try original.write(toFile: same, atomically: true, encoding: .utf8)
            try original.write(toFile: other, atomically: true, encoding: .utf8)
            let values = ["SAME": same, "OTHER": other, "MODEL": Self.model]
            let result = try ToolRunner.run(
                tool, arguments.map { values[$0] ?? $0 } + ["--epochs", "1"].filter { _ in tool == "train" })
            #expect(result.status == 64, "\(name): \(result.standardError)")
            #expect(
                result.standardError.contains(message.replacing("SAME", with: same)), "\(name): \(result.standardError)"
            )
            #expect(result.standardError.filter { $0 == "\n" }.count == 1, "\(name): \(result.standardError)")
            #expect(try String(contentsOfFile: same, encoding: .utf8) == original, "\(name)")
            #expect(try helpers.leftovers(directory).isEmpty)
        }
    }

    /// `train --inputs x,z --target z` would train on its answer: refused with 64, as is `--inputs x,z`
    /// with z the default target; predict and the other choices of columns still work.
    @Test(arguments: [
        (["--inputs", "x,z", "--target", "z"]), (["--inputs", "x,z"]), (["--inputs", "z", "--target", "y,z"]),
    ])
    func aTargetThatIsAlsoAnInputIsRefused(arguments: [String]) throws {
        let result = try ToolRunner.run("train", ["--data", Self.data, "--epochs", "1"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(
            result.standardError.contains("column \"z\" is both an input and the target"), "\(result.standardError)")
        let fine = try ToolRunner.run("train", ["--data", Self.data, "--epochs", "1", "--inputs", "x", "--quiet"])
        #expect(fine.status == 0, "\(fine.standardError)")
    }

    // MARK: 8. Hang

    /// The same FIFO as --data and --validation would block for ever on its second open: refused at once
    /// with 64 (no writer is ever started, so a hang would fail the test by never returning).
    @Test func oneFIFOAsDataAndValidationIsRefused() throws {
        try inScratch { directory in
            let fifo = file(directory, "fifo")
            try #require(mkfifo(fifo, 0o600) == 0)
            let result = try ToolRunner.run("train", ["--data", fifo, "--validation", fifo, "--epochs", "1"])
            #expect(result.status == 64, "\(result.standardError)")
            #expect(
                result.standardError.contains("\(fifo) is a FIFO given twice (--data and --validation)"),
                "\(result.standardError)")
            let plot = try ToolRunner.run("curve-plot", [fifo, fifo, "-o", file(directory, "x.png")])
            #expect(plot.status == 64, "\(plot.standardError)")
        }
    }
}

extension HostileInputRound3Tests {
    // MARK: 6. Traps

    /// An angle of 1e308° turned the view into NaN and trapped; angles are taken modulo 360°, so the
    /// figure is the one of the remainder (computed here with `fmod`), pixel for pixel.
    @Test(arguments: ["--azimuth", "--elevation"])
    func hugeViewAnglesDrawTheFigureOfTheirRemainder(option: String) throws {
        try inScratch { directory in
            let (huge, reduced) = (file(directory, "huge.png"), file(directory, "reduced.png"))
            let first = try ToolRunner.run("surface-plot", [option, "1e308", "--grid", "20", "-o", huge])
            #expect(first.status == 0, "\(first.standardError)")
            let remainder = fmod(1e308, 360.0)
            let second = try ToolRunner.run("surface-plot", [option, "\(remainder)", "--grid", "20", "-o", reduced])
            #expect(second.status == 0, "\(second.standardError)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: huge)) == Data(contentsOf: URL(fileURLWithPath: reduced)))
        }
    }

    /// `init-study --forward-samples 1000000000 --width 1000` is refused with its size before allocating
    /// (it aborted on a 160 TB allocation); --max-memory moves the limit as for train.
    @Test func initStudyTooLargeIsRefusedWithItsSize() throws {
        let result = try ToolRunner.run("init-study", ["--forward-samples", "1000000000", "--width", "1000"])
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("needs 160 TB"), "\(result.standardError)")
        let small = try ToolRunner.run("init-study", ["--forward-samples", "2000", "--max-memory", "1k"])
        #expect(small.status == 64 && small.standardError.contains("more than the limit of 1 kB (--max-memory)"))
        let fine = try ToolRunner.run("init-study", ["--forward-samples", "2000", "--max-memory", "1G"])
        #expect(fine.status == 0, "\(fine.standardError)")
    }

    // MARK: 7. Silent wrong results

    /// Spreads that overflow are written as `inf` or `nan`, not as empty (missing) fields, with a warning
    /// naming the first layer.
    @Test func initStudyOverflowIsWrittenAndWarnedAbout() throws {
        let result = try ToolRunner.run("init-study", ["--depth", "50", "--activation", "exp", "--init", "normal:10"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("init-study: warning: the forward spread is not finite from layer"))
        let table = try CSVTable(text: result.standardOutput, options: .init(allowsNonFinite: true))
        let forward = try table.columns(["forward_std"]).scalars
        #expect(forward.count == 50 && !forward.last!.isFinite)
        #expect(!result.standardOutput.contains(",,") && !result.standardOutput.contains(",\n"))
    }

    /// `backprop-check --lr 1e308`: no rate gives a finite loss, so there is no best rate to report.
    @Test func backpropCheckWithNoFiniteRateIsAnError() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        for format in ["json", "text"] {
            let result = try ToolRunner.run(
                "backprop-check",
                [
                    "--model", "examples/figure1/model.json", "--data", "examples/figure1/data.csv", "--lr", "1e308",
                    "--format", format,
                ], in: root)
            #expect(result.status == 65, "\(result.standardError)")
            #expect(
                result.standardError.contains("the step with --lr 1e+308 gives a loss of"), "\(result.standardError)")
            #expect(result.output.isEmpty)
        }
    }

    /// Adam with lr 10⁶ ends far above where it started: exit 0, but with a warning that names both losses.
    @Test func aLossThatGrowsIsWarnedAbout() throws {
        try inScratch { directory in
            let data = try surface(directory)
            let metrics = file(directory, "m.csv")
            let result = try ToolRunner.run(
                "train",
                [
                    "--data", data, "--hidden", "10,10", "--optimizer", "adam", "--lr", "1e6", "--epochs", "100",
                    "--metrics", metrics, "--quiet",
                ])
            #expect(result.status == 0, "\(result.standardError)")
            let losses = try CSVTable(path: metrics, options: .init(allowsMissing: true)).columns(["train_loss"])
                .scalars
            #expect(losses.last! > 10 * losses.first!)
            #expect(
                result.standardError.contains("train: warning: the training loss grew from"), "\(result.standardError)")
            // A run that learns says nothing of the kind.
            let fine = try ToolRunner.run("train", ["--data", data, "--epochs", "20", "--quiet"])
            #expect(fine.status == 0 && !fine.standardError.contains("grew"), "\(fine.standardError)")
        }
    }

    /// A schedule that makes the rate negative or zero, and L-BFGS with no iterations, are usage errors.
    @Test(arguments: [
        (["--schedule", "exponential(gamma=-1)"], "exponential: gamma=-1: expected a finite number > 0"),
        (["--schedule", "step(step_size=2, gamma=0)"], "step: gamma=0: expected a finite number > 0"),
        (["--optimizer", "lbfgs", "--max-iter", "0"], "lbfgs: max_iter=0: expected an integer >= 1"),
    ])
    func schedulesAndIterationsThatCannotTrainAreRefused(arguments: [String], message: String) throws {
        let result = try ToolRunner.run("train", ["--data", Self.data, "--epochs", "2"] + arguments)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}

extension HostileInputRound3Tests {
    // MARK: 10. Quadratic CSV headers

    /// A header of 200,000 columns (minutes with the quadratic name checks) is read by train and
    /// curve-plot, and the columns chosen are the right ones.
    @Test func wideHeadersAreReadByTrainAndCurvePlot() throws {
        try inScratch { directory in
            let n = 200_000
            let path = file(directory, "wide.csv")
            let header = (0..<n).map { "c\($0)" }.joined(separator: ",")
            try
                (header + "\n" + (0..<n).map { "\($0 % 7 + 1)" }.joined(separator: ",") + "\n"
                + (0..<n).map { "\($0 % 5 + 1)" }.joined(separator: ",") + "\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            let trained = try ToolRunner.run(
                "train", ["--data", path, "--inputs", "c3", "--target", "c199999", "--epochs", "1", "--quiet"])
            #expect(trained.status == 0, "\(trained.standardError)")
            let plotted = try ToolRunner.run(
                "curve-plot", [path, "--x", "c199998", "--y", "c3", "-o", file(directory, "wide.png")])
            #expect(plotted.status == 0, "\(plotted.standardError)")
        }
    }

    // MARK: 12. More silent results

    /// An exp layer with weights 1e300 overflows: predict names the row and writes nothing.
    @Test func predictionsThatOverflowAreAnError() throws {
        try inScratch { directory in
            let model = file(directory, "exp.json")
            try """
            {"inputs": 2, "layers": [{"weights": [[1e300, 0]], "biases": [0], "activation": "exp"},
            {"weights": [[1]], "biases": [0], "activation": "identity"}]}
            """.write(toFile: model, atomically: true, encoding: .utf8)
            let output = file(directory, "out.csv")
            let result = try ToolRunner.run("predict", ["--model", model, "--data", Self.data, "-o", output])
            #expect(result.status == 65, "\(result.standardError)")
            // The first row whose x is positive: exp(1e300·x) is inf there (x ≤ 0 gives 0 or 1).
            let table = try CSVTable(path: Self.data)
            let row = try #require(try table.columns(["x"]).scalars.firstIndex { $0 > 0 })
            #expect(
                result.standardError.contains("\(table.location(ofRow: row)): the prediction is inf"),
                "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    /// `--hidden ''` trained a linear model without a word: it is refused, and `--hidden none` asks for one.
    @Test func emptyHiddenIsRefusedAndNoneIsALinearModel() throws {
        let empty = try ToolRunner.run("train", ["--data", Self.data, "--hidden", "", "--epochs", "1"])
        #expect(empty.status == 64)
        #expect(empty.standardError.contains("--hidden is empty"), "\(empty.standardError)")
        try inScratch { directory in
            let model = file(directory, "linear.json")
            let linear = try ToolRunner.run(
                "train", ["--data", Self.data, "--hidden", "none", "--epochs", "1", "--save", model, "--quiet"])
            #expect(linear.status == 0, "\(linear.standardError)")
            #expect(try JSONFixture(data: Data(contentsOf: URL(fileURLWithPath: model)))["layers"].array.count == 1)
        }
    }

    /// A NUL byte in a field is shown escaped in the message, which stays one line.
    @Test func aNulByteIsEscapedInMessages() throws {
        try inScratch { directory in
            let path = file(directory, "nul.csv")
            try Data("x,y,z\n1,2\u{0}\n".utf8).write(to: URL(fileURLWithPath: path))
            let result = try ToolRunner.run("train", ["--data", path, "--epochs", "1"])
            #expect(result.status == 65, "\(result.standardError)")
            #expect(!result.standardError.contains("\u{0}"))
            #expect(result.standardError.contains(#""2\0""#), "\(result.standardError)")
        }
    }

    /// A literal NaN, which train refuses in its data, is a missing value to curve-plot (train writes a
    /// NaN loss so): the curve is drawn without it, and a note says so.
    @Test func aLiteralNaNIsLeftOutWithANote() throws {
        try inScratch { directory in
            let metrics = file(directory, "m.csv")
            try "epoch,train_loss\n0,1\n1,NaN\n2,0.5\n".write(toFile: metrics, atomically: true, encoding: .utf8)
            let result = try ToolRunner.run("curve-plot", [metrics, "-o", file(directory, "x.png")])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(
                result.standardError.contains("1 field spelled nan (first at line 3) read as missing values"),
                "\(result.standardError)")
            let trained = try ToolRunner.run("train", ["--data", metrics, "--epochs", "1"])
            #expect(trained.status == 65 && trained.standardError.contains("m.csv:3:2"), "\(trained.standardError)")
        }
    }

    /// With one file, --label was dropped silently: it now names the curve, as it does for several files.
    @Test func aLabelForOneFileNamesItsCurve() throws {
        try inScratch { directory in
            let metrics = file(directory, "m.csv")
            try "epoch,train_loss\n0,1\n1,0.5\n".write(toFile: metrics, atomically: true, encoding: .utf8)
            let (labelled, plain) = (file(directory, "a.png"), file(directory, "b.png"))
            #expect(try ToolRunner.run("curve-plot", [metrics, "--label", "run 1", "-o", labelled]).status == 0)
            #expect(try ToolRunner.run("curve-plot", [metrics, "-o", plain]).status == 0)
            // One curve and no legend either way, but the label shows in a legend asked for.
            let legend = file(directory, "c.png")
            #expect(
                try ToolRunner.run("curve-plot", [metrics, "--label", "run 1", "--legend", "best", "-o", legend]).status
                    == 0)
            let named = file(directory, "d.png")
            #expect(try ToolRunner.run("curve-plot", [metrics, "--legend", "best", "-o", named]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: legend)) != Data(contentsOf: URL(fileURLWithPath: named)))
        }
    }

    // MARK: 3. The README's pipeline breaks on divergence

    /// `train … --metrics - | curve-plot - --log-y`: the diverged run's curve is drawn up to the
    /// divergence, and the infinite value is noted; the same figure as of the metrics without that row.
    @Test func theReadmePipelineDrawsADivergedRun() throws {
        try inScratch { directory in
            let data = try surface(directory)
            let trained = try ToolRunner.run(
                "train",
                ["--data", data, "--hidden", "10,10", "--lr", "1e6", "--epochs", "100", "--metrics", "-", "--quiet"])
            #expect(trained.status == 65)
            let figure = file(directory, "loss.png")
            let plotted = try ToolRunner.run("curve-plot", ["-", "--log-y", "-o", figure], input: trained.output)
            #expect(plotted.status == 0, "\(plotted.standardError)")
            #expect(plotted.standardError.contains("column train_loss: 1 infinite value (first inf at line"))
            // The same rows with the infinite loss left empty by hand give the same figure.
            let lines = trained.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            let emptied = lines.map { $0.replacing(",inf,", with: ",,") }.joined(separator: "\n")
            let expected = file(directory, "expected.png")
            let reference = try ToolRunner.run(
                "curve-plot", ["-", "--log-y", "-o", expected], input: Data(emptied.utf8))
            #expect(reference.status == 0, "\(reference.standardError)")
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: figure)) == Data(contentsOf: URL(fileURLWithPath: expected)))
        }
    }
}

extension HostileInputRound3Tests {
    // MARK: 9 and 13. Messages and tool conventions

    /// A figures folder that cannot be made is a one-line error with 73 (EX_CANTCREAT), not a raw
    /// NSCocoaErrorDomain dump with 70, in every tool that writes into a folder.
    @Test(arguments: [
        ("notebookFiguresIsAFile", "notebook", ["run", "3.4", "--figures", "FILE"], "--figures"),
        ("notebookFiguresUnderAFile", "notebook", ["run", "3.4", "--figures", "FILE/sub"], "--figures"),
        ("notebookTranscriptsIsAFile", "notebook", ["run", "3.4", "--transcripts", "FILE"], "--transcripts"),
        ("plotGalleryOutputIsAFile", "plot-gallery", ["--output", "FILE"], "--output"),
    ])
    func anOutputFolderThatCannotBeMadeIsExit73(case name: String, tool: String, arguments: [String], option: String)
        throws
    {
        try inScratch { directory in
            let path = file(directory, "file")
            try "not a folder\n".write(toFile: path, atomically: true, encoding: .utf8)
            let result = try ToolRunner.run(tool, arguments.map { $0.replacing("FILE", with: path) })
            #expect(result.status == 73, "\(name): \(result.standardError)")
            #expect(
                result.standardError.hasPrefix("\(tool): \(option) \(path)")
                    && result.standardError.contains("cannot create the directory: exists and is not a directory"),
                "\(name): \(result.standardError)")
            #expect(!result.standardError.contains("NSCocoaErrorDomain"))
            #expect(result.standardError.filter { $0 == "\n" }.count == 1, "\(name): \(result.standardError)")
        }
    }

    /// `--size` outside 100–10000 says the range, in both plotting tools.
    @Test(arguments: [("curve-plot", ["M", "--size", "50x50"]), ("surface-plot", ["--size", "20000x600"])])
    func aSizeOutOfRangeStatesTheRange(tool: String, arguments: [String]) throws {
        try inScratch { directory in
            let metrics = file(directory, "m.csv")
            try "epoch,train_loss\n0,1\n1,0.5\n".write(toFile: metrics, atomically: true, encoding: .utf8)
            let result = try ToolRunner.run(
                tool, arguments.map { $0 == "M" ? metrics : $0 } + ["-o", file(directory, "x.png")])
            #expect(result.status == 64)
            #expect(result.standardError.contains("each side must be 100 to 10000 pixels"), "\(result.standardError)")
        }
    }

    /// bench has a --help on standard output, and its errors go to standard error with 64.
    @Test func benchHasHelpAndWritesErrorsToStandardError() throws {
        let help = try ToolRunner.run("bench", ["--help"])
        #expect(help.status == 0 && help.standardOutput.hasPrefix("USAGE: bench"), "\(help.standardOutput)")
        let unknown = try ToolRunner.run("bench", ["nosuch"])
        #expect(unknown.status == 64 && unknown.output.isEmpty)
        #expect(unknown.standardError.hasPrefix("bench: unknown group(s) nosuch"), "\(unknown.standardError)")
    }

    /// `study summarize --results nosuchdir` names the missing folder with 66, not a run in it.
    @Test func studyWithAMissingResultsFolderNamesIt() throws {
        try inScratch { directory in
            let missing = file(directory, "nosuchdir")
            for step in ["summarize", "final"] {
                let result = try ToolRunner.run("study", [step, "--results", missing])
                #expect(result.status == 66, "\(step): \(result.standardError)")
                #expect(
                    result.standardError.hasPrefix("study: --results \(missing): No such file or directory"),
                    "\(step): \(result.standardError)")
            }
        }
    }
}
