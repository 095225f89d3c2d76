import ArgumentParser
import Datasets
import JSON
import NN
import NumberFormatting
import Optim
import Platform
import Tensor
import ToolSupport
import Training

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The data, network and optimizer a `train` command line describes, checked before any work.
struct TrainingSetup {
    var network: Network
    var training: LabeledData
    var validation: (inputs: Tensor, targets: Tensor)?
    var optimizer: any Optimizer & Sendable
    /// The optimizer's configuration, recorded in the saved model.
    var configuration: OptimizerConfiguration
    var options: TrainingOptions

    init(_ command: TrainCommand) throws {
        let loss = try command.loss.resolved("loss")
        var table = try InputFile.readTable(command.data)
        var start: Network? = nil
        var recorded: (call: String, file: String)? = nil
        if let path = command.initModel {
            let text = String(decoding: try InputFile.contents(path), as: UTF8.self)
            start = try ModelFile.network(fromJSON: text, file: InputFile.name(path))
            recorded = try ModelFile.metadata(fromJSON: text, file: InputFile.name(path))["optimizer"].map {
                ($0, InputFile.name(path))
            }
        }
        configuration = try command.optimizerOptions.configuration(recorded: recorded)
        let targetNames = try command.target.map { try columnNames($0, option: "--targets") }
        let inputNames = try command.inputs.map { try columnNames($0, option: "--inputs") }
        let targetCount = targetNames?.count ?? (start.map { loss.targetWidth(outputs: $0.outputs) } ?? 1)
        var data = try table.labeled(inputs: inputNames, targets: targetNames, targetCount: targetCount)
        // The inputs and targets are the data from here on: the table keeps only its names and row lines,
        // so that the data are held once.
        table.values = Tensor.zeros([0, table.columnNames.count])
        if inputNames == nil, let start, data.inputNames.count != start.inputs {
            throw ToolError(
                .dataError,
                "\(table.name): the model takes \(start.inputs) inputs but the file has \(data.inputNames.count) input columns (\(CSVError.names(data.inputNames))); choose them with --inputs"
            )
        }
        let batchRows = try command.batchSize.resolved("batch size").rowCount
        let outputs: Int
        if let start {
            guard data.inputs.shape[1] == start.inputs else {
                throw ToolError(
                    .dataError,
                    "\(table.name): --inputs selects \(data.inputs.shape[1]) columns (\(CSVError.names(data.inputNames))) but the model takes \(start.inputs) inputs"
                )
            }
            outputs = start.outputs
        } else {
            let hidden = try command.hiddenWidths()
            let classes = try Self.classCount(loss, data.targets, table: table, column: data.targetNames[0])
            // Checked in Double before any Int or allocation: a class label of 1e300 asks for 1e300 outputs.
            let widths =
                [Double(data.inputs.shape[1])] + hidden.map(Double.init)
                + [classes?.count ?? Double(data.targets.shape[1])]
            try Self.checkMemory(
                widths: widths, rows: data.count, batchRows: batchRows, limit: command.memoryLimit,
                note: classes.map {
                    " for class labels up to \(CSVWriter.format($0.count - 1)) (\(table.location(ofRow: $0.row)))"
                } ?? "")
            outputs = Int(widths.last!)
        }
        if let start {
            try Self.checkMemory(
                widths: start.architecture.widths.map(Double.init), rows: data.count, batchRows: batchRows,
                limit: command.memoryLimit)
            network = start
        } else {
            let architecture = try command.architecture(inputs: data.inputs.shape[1], outputs: outputs)
            network = Network(
                architecture, initializer: try command.initializer.resolved("initialiser"), seed: command.seed)
        }
        try Self.checkTargets(loss, data.targets, outputs: network.outputs, table: table, columns: data.targetNames)

        if let path = command.validation {
            var validationTable = try InputFile.readTable(path)
            let names = command.validationTarget.map { [$0] } ?? data.targetNames
            let held = try validationTable.labeled(inputs: data.inputNames, targets: names)
            validationTable.values = Tensor.zeros([0, validationTable.columnNames.count])
            try Self.checkTargets(
                loss, held.targets, outputs: network.outputs, table: validationTable, columns: held.targetNames)
            validation = (held.inputs, held.targets)
        } else if let fraction = command.validationSplit {
            let split = try DataSplit(count: data.count, validationFraction: fraction, seed: command.seed)
            validation = (data.inputs.rows(at: split.validation), data.targets.rows(at: split.validation))
            data.inputs = data.inputs.rows(at: split.training)
            data.targets = data.targets.rows(at: split.training)
        }
        training = data
        optimizer = configuration.makeOptimizer()
        options = TrainingOptions(epochs: command.epochs, batchSize: batchRows, loss: loss)
        options.shuffle = command.shuffle
        options.seed = command.seed
        options.schedule = try command.optimizerOptions.learningRateSchedule()
        options.evaluationInterval = command.evalEvery
        options.precision = try command.dtype.resolved("dtype")
    }

    /// Refuses a network whose training would need more memory than `limit` (exit 64, with the size).
    static func checkMemory(widths: [Double], rows: Int, batchRows: Int?, limit: MemoryLimit, note: String = "")
        throws
    {
        let needed = Trainer.memoryRequirement(widths: widths, rows: rows, batchSize: batchRows)
        let parameters = Architecture.parameterCount(widths: widths)
        let shape = widths.map { $0 < 1e15 ? String(Int($0)) : "\($0)" }.joined(separator: " → ")
        try limit.check(
            needing: needed,
            for: "the network \(shape) (\(grouped(parameters)) parameters)\(note) with its training buffers")
    }

    /// An integer with thousands separators (`10,000,400,001`), or in exponent form beyond 10¹⁵.
    static func grouped(_ x: Double) -> String {
        x < 1e15 ? Numbers.grouped(Int(x), separator: ",") : "\(x)"
    }

    /// The number of classes K for cross-entropy (the largest label + 1) and the row of the largest label,
    /// after checking that every label is an integer ≥ 0; `nil` for the other losses.
    static func classCount(
        _ loss: Loss, _ targets: Tensor, table: CSVTable, column: String
    ) throws -> (count: Double, row: Int)? {
        guard case .crossEntropy = loss else { return nil }
        var largest = 0.0, largestRow = 0
        for (row, value) in targets.scalars.enumerated() {
            guard value >= 0, value == value.rounded() else {
                throw ToolError(
                    .dataError,
                    "\(table.location(ofRow: row)): column \(column): class label \(CSVWriter.format(value)) is not an integer ≥ 0 (class labels are 0, 1, …, K − 1)"
                )
            }
            if value > largest { (largest, largestRow) = (value, row) }
        }
        return (largest + 1, largestRow)
    }

    /// Rejects targets the loss cannot take: class labels must be integers 0…D_o−1, BCE targets in [0, 1].
    static func checkTargets(_ loss: Loss, _ targets: Tensor, outputs: Int, table: CSVTable, columns: [String])
        throws
    {
        guard targets.shape[1] == loss.targetWidth(outputs: outputs) else {
            throw ToolError(
                .dataError, "\(table.name): \(targets.shape[1]) target columns for a model with \(outputs) outputs")
        }
        let width = targets.shape[1]
        for (index, value) in targets.scalars.enumerated() {
            let place = "\(table.location(ofRow: index / width)): column \(columns[index % width])"
            switch loss {
            case .crossEntropy:
                guard value >= 0, value < Double(outputs), value == value.rounded() else {
                    throw ToolError(
                        .dataError,
                        "\(place): class label \(CSVWriter.format(value)) is not an integer in 0…\(outputs - 1) (the model has \(outputs) outputs)"
                    )
                }
            case .binaryCrossEntropy:
                guard value >= 0 && value <= 1 else {
                    throw ToolError(
                        .dataError,
                        "\(place): binary cross-entropy targets must be in [0, 1], got \(CSVWriter.format(value))")
                }
            default:
                return
            }
        }
    }

    /// Trains, writing the metrics as the epochs complete, then saves the model.
    ///
    /// A metrics write that fails (a closed pipe: `--metrics - | head`) stops training as a signal does:
    /// the model is saved, then the write error ends the tool with 74. A divergence saves the last model
    /// whose evaluated loss was finite, or nothing when not even the starting model's was.
    func train(_ command: TrainCommand) throws {
        for warning in optimizer.warnings { StandardError.write("train: warning: \(warning)\n") }
        let trainer = Trainer(
            network: network, inputs: training.inputs, targets: training.targets, validation: validation,
            optimizer: optimizer, options: options)
        let progress = ProgressBar(total: max(options.epochs, 1), label: "train", quiet: command.quiet)
        Interrupt.install()
        defer { Interrupt.uninstall() }
        let metrics = try command.metrics.map { try GrowingCSVOutput($0, columns: EpochMetrics.header) }
        let result = trainer.run(
            onEpoch: { row in
                metrics?.append(row.values)
                if row.epoch > 0 {
                    progress.update(row.epoch, detail: row.trainLoss.map { "loss \(Self.short($0))" } ?? "")
                }
            }, shouldStop: { Interrupt.isRequested || metrics?.failure != nil })
        progress.finish()
        let keepsNothing = result.stopReason.keptEpoch == nil && result.best == nil
        if case .diverged = result.stopReason, keepsNothing {
            try metrics?.finish()
            throw ToolError(.dataError, "\(result.stopReason)\(command.save == nil ? "" : "; nothing saved")")
        }
        if let path = command.save {
            try OutputFile.write(
                path, bytes: Array(ModelFile.json(result.selected, metadata: modelMetadata(command)).utf8))
        }
        report(result, command)
        if let failure = metrics?.failure {
            let epoch = result.metrics.last?.epoch ?? 0
            throw ToolError(
                failure.exitStatus,
                "\(failure.message); training stopped after epoch \(epoch)"
                    + (command.save.map { ", the model saved to \($0)" } ?? ""))
        }
        try metrics?.finish()
        switch result.stopReason {
        case .completed: return
        case .interrupted: throw ExitCode(Interrupt.exitStatus)
        case .diverged:
            var message = "\(result.stopReason)"
            if let epoch = result.bestEpoch, command.save != nil {
                message += "; --save has the model of epoch \(epoch), the best by validation loss"
            }
            throw ToolError(.dataError, message)
        }
    }

    /// What a saved model records of its training: the optimizer's configuration (what `--init-model` reads
    /// back when `--optimizer` is not given) and the schedule when there is one.
    func modelMetadata(_ command: TrainCommand) -> String {
        var members: [(key: String, value: JSONOutput)] = [("optimizer", .string(configuration.description))]
        if let schedule = command.optimizerOptions.schedule { members.append(("schedule", .string(schedule))) }
        return JSONOutput.object(members).compact
    }

    func report(_ result: TrainingResult, _ command: TrainCommand) {
        if result.zeroSteps > 0 {
            StandardError.write(
                "train: warning: \(result.zeroSteps) of \(result.steps) steps made no progress (the line search returned a zero step)\n"
            )
        }
        if case .interrupted = result.stopReason, Interrupt.isRequested {
            StandardError.write("train: \(result.stopReason); outputs written\n")
        }
        if let (first, last) = result.lossGrowth() {
            StandardError.write(
                "train: warning: the training loss grew from \(Self.short(first.trainLoss!)) at epoch \(first.epoch) "
                    + "to \(Self.short(last.trainLoss!)) at epoch \(last.epoch); the learning rate may be too large\n")
        }
        guard !command.quiet, let last = result.metrics.last else { return }
        var line = "train: \(last.epoch) epochs, \(result.steps) steps, \(Self.short(last.seconds)) s"
        if let loss = last.trainLoss { line += "; train loss \(Self.short(loss))" }
        if let loss = last.validationLoss { line += ", validation loss \(Self.short(loss))" }
        if let epoch = result.bestEpoch, let best = result.metrics.first(where: { $0.epoch == epoch })?.validationLoss {
            line += "; best validation loss \(Self.short(best)) at epoch \(epoch)"
        }
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        line += "; peak memory \(usage.ru_maxrss / 1024) MB"
        // After a divergence the last row is not the model saved: say which epoch's model is.
        let savedEpoch = result.bestEpoch ?? result.stopReason.keptEpoch
        let which = result.stopReason.keptEpoch == nil ? "" : savedEpoch.map { " (the model of epoch \($0))" } ?? ""
        StandardError.write(line + (command.save.map { "; saved \($0)\(which)" } ?? "") + "\n")
    }

    /// A number with four significant digits.
    static func short(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return "\(x)" }
        return CSVWriter.format(Numbers.rounded(x, significantDigits: 4))
    }
}
