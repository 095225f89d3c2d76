import Datasets
import Foundation
import NN
import TestSupport
import Testing

/// `train --optimizer`: an optimizer with any of its settings in PyTorch's call syntax, the same run as the
/// settings' own flags, errors that name the setting, and an optimizer that only the catalog knows (Lion).
@Suite struct TrainOptimizerTests {
    static let data = TrainToolTests.data, model = TrainToolTests.model

    /// The training losses of a full-batch run from the fixture's model.
    func trainLosses(_ optimizer: [String], epochs: Int = 5) throws -> [Double] {
        let result = try ToolRunner.run(
            "train",
            ["--init-model", Self.model, "--data", Self.data] + optimizer + [
                "--batch-size", "full", "--epochs", "\(epochs)", "--metrics", "-", "--quiet",
            ])
        #expect(result.status == 0, "\(optimizer): \(result.standardError)")
        let table = try CSVTable(text: result.standardOutput, name: "<stdout>", options: .init(allowsMissing: true))
        return try table.columns(["train_loss"]).scalars
    }

    @Test func callSyntaxAndFlagsAreTheSameRun() throws {
        let call = try trainLosses(["--optimizer", "adam(lr=1e-2, betas=(0.8,0.95), amsgrad=True)"])
        let flags = try trainLosses(["--optimizer", "adam", "--lr", "0.01", "--betas", "0.8,0.95", "--amsgrad"])
        #expect(call == flags)
        let mixed = try trainLosses(["--optimizer", "adam(betas=(0.8, 0.95))", "--lr", "0.01", "--amsgrad"])
        #expect(mixed == flags)
        #expect(call.count == 6 && call.last! < call.first!)
    }

    /// A setting without a flag of its own reaches the optimizer: L-BFGS with `tolerance_grad` above every
    /// gradient returns at once, so the loss never moves; with the default it does.
    @Test func settingsWithoutAFlagReachTheOptimizer() throws {
        let stopped = try trainLosses(["--optimizer", "lbfgs(tolerance_grad=1e30)"], epochs: 3)
        #expect(Set(stopped).count == 1)
        let moving = try trainLosses(["--optimizer", "lbfgs"], epochs: 3)
        #expect(moving.last! < moving.first!)
        // maximize=True climbs: the loss grows.
        let climbing = try trainLosses(["--optimizer", "sgd(lr=0.01, maximize=True)"], epochs: 3)
        #expect(climbing[3] > climbing[0] && climbing[1] > climbing[0])
    }

    /// Lion's first step from m = 0 moves every parameter by lr against the sign of its gradient
    /// (c = (1 − β₁)g): the loss after it, computed here from the network's gradient, is `train`'s epoch 1.
    @Test func lionTrainsFromTheCommandLine() throws {
        let lr = 0.01
        let losses = try trainLosses(["--optimizer", "lion(lr=\(lr), betas=(0.9, 0.99))"], epochs: 20)
        let network = try ModelFile.network(fromJSON: try String(contentsOfFile: Self.model, encoding: .utf8))
        let table = try CSVTable(text: try String(contentsOfFile: Self.data, encoding: .utf8), name: "data.csv")
        let (inputs, targets) = (try table.columns(["x", "y"]), try table.columns(["z"]))
        let workspace = NetworkWorkspace(network.architecture, capacity: inputs.shape[0])
        var gradient = network.parameters
        let start = workspace.lossAndGradient(
            parameters: network.parameters, inputs: inputs, targets: targets, loss: .mse, gradient: &gradient)
        var moved = network.parameters
        for i in 0..<moved.count { moved[i] -= lr * (gradient[i] > 0 ? 1 : gradient[i] < 0 ? -1 : 0) }
        let after = workspace.loss(parameters: moved, inputs: inputs, targets: targets, loss: .mse)
        expectClose(losses[0], start, absolute: 0, relative: 1e-12, "epoch 0")
        expectClose(losses[1], after, absolute: 0, relative: 1e-12, "epoch 1: one sign step")
        #expect(losses[20] < losses[0])
    }

    /// `--dtype float32` trains in Float32: the same losses as Float64 to Float32 precision (epoch 0 is the
    /// starting model's loss, computed once in each type), a Float64 model file, and an unknown type refused.
    @Test func float32TrainsToFloat32Precision() throws {
        let float64 = try trainLosses(["--optimizer", "adam(lr=1e-2)"], epochs: 10)
        let float32 = try trainLosses(["--optimizer", "adam(lr=1e-2)", "--dtype", "float32"], epochs: 10)
        expectClose(float32, float64, relative: 1e-4, "float32 against float64")
        #expect(float32 != float64)
        let bad = try ToolRunner.run("train", ["--data", Self.data, "--epochs", "1", "--dtype", "float16"])
        #expect(bad.status == 64 && bad.standardOutput.isEmpty)
        #expect(bad.standardError.contains("unknown dtype 'float16'; choose one of float64, float32"))
    }

    @Test(arguments: [
        (["--optimizer", "adam(betas=(0.9,0.99)"], "--optimizer: adam(betas=(0.9,0.99): column 22: expected ')'"),
        (["--optimizer", "adam(betas=(0.9, 1))"], "adam: betas=(0.9, 1): expected two numbers in [0, 1)"),
        (["--optimizer", "adam(lr=0.1)", "--lr", "0.2"], "--lr sets lr, which --optimizer 'adam(lr=0.1)' sets too"),
        (["--optimizer", "adamax"], "unknown optimizer 'adamax'; choose one of adadelta, adagrad, adam, adam-udl"),
        (["--optimizer", "lion", "--momentum", "0.9"], "lion: unknown option 'momentum'; lion accepts: lr, betas"),
        (["--optimizer", "sgd", "--betas", "0.9"], "--betas needs two numbers b1,b2, got '0.9'"),
    ])
    func badSettingsAreNamed(arguments: [String], message: String) throws {
        let result = try ToolRunner.run("train", ["--data", Self.data, "--epochs", "1"] + arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").first?.contains(message) == true)
    }

    /// `--help` lists every optimizer with every setting at its default.
    @Test func helpListsEverySetting() throws {
        let help = try ToolRunner.run("train", ["--help"]).standardOutput
        let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in [
            "lion(lr=0.0001, betas=(0.9, 0.99), weight_decay=0)", "adagrad(lr=0.01, lr_decay=0, weight_decay=0,",
            "tolerance_change=1e-09",
        ] {
            #expect(flat.contains(text), "\(text)")
        }
    }

    /// `--save` records the configuration (and the schedule) in the model's metadata; `--init-model` without
    /// `--optimizer` continues with it, the same run as naming it; a recorded configuration that is wrong
    /// is the model file's error (65), naming the file and the setting.
    @Test func savedModelsRecordTheirOptimizer() throws {
        try withScratchFiles([:]) { directory in
            let saved = directory.appendingPathComponent("saved.json").path
            let first = try ToolRunner.run(
                "train",
                [
                    "--init-model", Self.model, "--data", Self.data, "--optimizer", "adam(lr=0.01, betas=(0.8,0.9))",
                    "--schedule", "cosine(T_max=4)", "--epochs", "2", "--save", saved, "--quiet",
                ])
            #expect(first.status == 0, "\(first.standardError)")
            let text = try String(contentsOfFile: saved, encoding: .utf8)
            #expect(
                text.split(separator: "\n")[1]
                    == #" "metadata": {"optimizer": "adam(lr=0.01, betas=(0.8, 0.9))", "schedule": "cosine(T_max=4)"},"#
            )
            func continued(_ optimizer: [String]) throws -> [Double] {
                let result = try ToolRunner.run(
                    "train",
                    ["--init-model", saved, "--data", Self.data] + optimizer + [
                        "--batch-size", "full", "--epochs", "3", "--metrics", "-", "--quiet",
                    ])
                #expect(result.status == 0, "\(result.standardError)")
                let table = try CSVTable(text: result.standardOutput, options: .init(allowsMissing: true))
                return try table.columns(["train_loss"]).scalars
            }
            let recorded = try continued([])
            #expect(recorded == (try continued(["--optimizer", "adam(lr=0.01, betas=(0.8, 0.9))"])))
            #expect(recorded != (try continued(["--optimizer", "sgd"])))
            try text.replacing("lr=0.01", with: "lr=-1").write(toFile: saved, atomically: true, encoding: .utf8)
            let bad = try ToolRunner.run("train", ["--init-model", saved, "--data", Self.data, "--epochs", "1"])
            #expect(bad.status == 65)
            #expect(bad.standardError == "train: \(saved): metadata.optimizer: adam: lr=-1: expected a number >= 0\n")
        }
    }
}
