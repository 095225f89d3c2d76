import ArgumentParser
import Datasets
import NN
import Optim
import Platform
import Tensor
import ToolSupport
import Training

/// `train`: fits a network to CSV data with any optimizer, writing metrics and the model.
@main
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a fully connected network on CSV data with any optimizer of torch.optim or UDL chapter 6.",
        discussion: """
            Inputs are the data's columns except the last, the target the last column (or --inputs/--targets). \
            The network is built from --hidden/--activation/--init/--seed (PyTorch's nn.Linear initialisation by \
            default), or read from --init-model. Each epoch runs one optimizer step per minibatch; with \
            --batch-size full, one step on the whole set, so the run matches torch.optim epoch by epoch. The \
            metrics CSV has the columns epoch,seconds,train_loss,validation_loss,batch_loss, with a row for epoch \
            0 before any step; seconds count optimizer steps only; a metrics file is rewritten (atomically) as \
            epochs complete, so a killed run keeps its metrics. --save keeps the model with the lowest \
            validation loss when there is a validation set, else the last one; files are written atomically, \
            and Ctrl-C ends training after the current epoch with everything written (exit status 130); so does \
            a metrics pipe whose reader has gone (exit status 74). A non-finite batch or evaluated loss stops \
            training with the last model whose evaluated loss is finite kept, and its epoch named (exit status \
            65; nothing is saved when even the starting model's loss is not finite).

            Examples:
              surface-data --noise 0.1 > d.csv && surface-data --clean > clean.csv
              train --data d.csv --validation clean.csv --validation-target z_clean --hidden 50,50,50 \\
                    --optimizer adam --lr 0.001 --batch-size 400 --epochs 2500 --save model.json --metrics m.csv
              train --data d.csv --epochs 0 --save init.json          # the initial model, to share between runs
              train --data d.csv --optimizer 'lion(lr=1e-4, betas=(0.9, 0.99))' --metrics - | curve-plot - -o lion.png
              train --init-model init.json --data d.csv --optimizer lbfgs --lr 1 --max-iter 1 \\
                    --line-search strong-wolfe --batch-size full --epochs 100 --metrics - | curve-plot - --log-y -o loss.png
            """,
        version: toolkitVersion)

    @Option(help: ArgumentHelp("Training data CSV ('-': standard input).", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("Input columns (default: all but the target).", valueName: "a,b,…"))
    var inputs: String?

    @Option(
        name: [.customLong("targets"), .customLong("target")],
        help: ArgumentHelp("Target column(s) (default: the last column; --target also works).", valueName: "a,b,…"))
    var target: String?

    @Option(
        help: ArgumentHelp(
            "Validation CSV, e.g. the clean surface (scored each epoch; picks the saved model).", valueName: "file"))
    var validation: String?

    @Option(
        help: ArgumentHelp(
            "Target column of the validation file (default: the training target's name).", valueName: "name"))
    var validationTarget: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Hold out this fraction of the training rows for validation.", valueName: "fraction"))
    var validationSplit: Double?

    @Option(help: ArgumentHelp("Hidden layer widths ('none': a linear model).", valueName: "w1,w2,…|none"))
    var hidden = "50,50,50"

    @Option(help: ArgumentHelp("Hidden activation.", valueName: "name"))
    var activation: Choice<Activation> = "relu"

    @Option(name: .customLong("init"), help: ArgumentHelp("Initialiser.", valueName: "name"))
    var initializer: Choice<Initializer> = "pytorch"

    @Option(parsing: .unconditional, help: "Seed of the initialisation, the minibatch order and the validation split.")
    var seed: UInt32 = 0

    @Option(
        help: ArgumentHelp(
            "Start from this model JSON instead (--hidden/--activation/--init are ignored).", valueName: "file"))
    var initModel: String?

    @Option(help: ArgumentHelp("Loss.", valueName: "name"))
    var loss: Choice<Loss> = "mse"

    @OptionGroup(title: "Optimizer")
    var optimizerOptions: OptimizerOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows per minibatch, or 'full'.", valueName: "n|full"))
    var batchSize: Choice<BatchSize> = "full"

    @Option(parsing: .unconditional, help: "Passes over the training set.")
    var epochs = 100

    @Option(
        help: ArgumentHelp(
            "The type the forward and backward passes compute in (the optimizer and the model file stay float64).",
            valueName: "type"))
    var dtype: Choice<Precision> = "float64"

    @Flag(inversion: .prefixedNo, help: "Draw a new row order every epoch.")
    var shuffle = true

    @Option(
        parsing: .unconditional,
        help: "Evaluate the whole training and validation sets every N epochs (and after the last).")
    var evalEvery = 1

    @Option(help: ArgumentHelp("Metrics CSV ('-': standard output).", valueName: "file"))
    var metrics: String?

    @Option(help: ArgumentHelp("Where to write the trained model JSON.", valueName: "file"))
    var save: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Refuse a network, batch or class count needing more memory than this (default: half the physical memory).",
            valueName: "size, e.g. 4G"))
    var maxMemory: MemorySize?

    @Flag(help: "No progress bar and no summary on standard error (warnings still print).")
    var quiet = false

    /// The memory limit of the run: `--max-memory`, or half the physical memory.
    var memoryLimit: MemoryLimit { maxMemory?.limit ?? .default }

    func validate() throws {
        guard epochs >= 0 else { throw ValidationError("--epochs must be ≥ 0, got \(epochs)") }
        guard evalEvery >= 1 else { throw ValidationError("--eval-every must be ≥ 1, got \(evalEvery)") }
        guard batchSize.value != nil else {
            throw ValidationError("--batch-size must be a positive integer or 'full', got '\(batchSize.word)'")
        }
        _ = try loss.resolved("loss")
        _ = try dtype.resolved("dtype")
        if let validationSplit, !(validationSplit > 0 && validationSplit < 1) {
            throw ValidationError("--validation-split must be between 0 and 1, got \(validationSplit)")
        }
        if validation != nil && validationSplit != nil {
            throw ValidationError("give --validation or --validation-split, not both")
        }
        if data == "-" && [initModel, validation].contains("-") {
            throw ValidationError("only one input can come from standard input")
        }
        if initModel == nil {
            _ = try hiddenWidths()
            _ = try initializer.resolved("initialiser")
        }
        if let inputs { _ = try columnNames(inputs, option: "--inputs") }
        if let target { _ = try columnNames(target, option: "--targets") }
        // Without --optimizer, an --init-model may name the optimizer: checked once it is read.
        if optimizerOptions.optimizer != nil || initModel == nil { _ = try optimizerOptions.configuration() }
        _ = try optimizerOptions.learningRateSchedule()
    }

    /// The widths of `--hidden`: positive integers separated by commas, or `none` for a linear model.
    func hiddenWidths() throws -> [Int] {
        guard hidden != "none" else { return [] }
        guard !hidden.isEmpty else {
            throw ValidationError("--hidden is empty: give widths such as 50,50,50, or 'none' for a linear model")
        }
        let widths = hidden.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--hidden must be positive widths separated by commas, got '\(hidden)'")
        }
        return widths.map { $0! }
    }

    /// The architecture of `--hidden`/`--activation`.
    func architecture(inputs: Int, outputs: Int) throws -> Architecture {
        let widths = try hiddenWidths()
        let activation = try activation.resolved("activation")
        _ = try initializer.resolved("initialiser")
        return Architecture(inputs: inputs, hidden: widths, activation: activation, outputs: outputs)
    }

    func run() throws {
        try runReportingErrors(tool: "train") {
            try OutputFile.validate(
                [("--metrics", metrics), ("--save", save)],
                inputs: [("--data", data), ("--validation", validation), ("--init-model", initModel)])
            let setup = try TrainingSetup(self)
            try setup.train(self)
        }
    }
}
