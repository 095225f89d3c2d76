import Datasets
import Foundation
import NN
import Optim
import Platform
import Plot
import Tensor
import Training

/// The final experiment: the best setting of the study, trained on noisy data with a held-out validation
/// split, its best checkpoint kept as the optimal model and scored on the clean surface.
public enum StudyFinal {
    /// The noise level of the final experiment's training data.
    public static let noise = 0.1
    /// Its epochs.
    public static let epochs = 5000
    /// The fraction of the points held out for validation.
    public static let validationFraction = 0.2

    /// The optimizer with the lowest clean-test error at σ = 0.1 in the noise experiment.
    public static func chooseOptimizer(_ noiseTable: StudyTable) -> String {
        StudyPlan.noiseOptimizers.min { a, b in
            Double(noiseTable.value(key: "\(a)/\(StudyPlan.label(noise))", column: "final_test")!)!
                < Double(noiseTable.value(key: "\(b)/\(StudyPlan.label(noise))", column: "final_test")!)!
        }!
    }

    /// Trains the final model with the setting labelled `optimizer`: from the course network's seed-0
    /// initial model, on the surface with noise σ = ``noise`` less the ``validationFraction`` held out
    /// (seed 0), for ``epochs`` epochs evaluated every 5, as the study's runs are.
    ///
    /// Writes the metrics to `<results>/final-metrics.csv` (the columns of `train --metrics`) and the model
    /// of the best validation loss to `model`, each atomically.
    /// - Throws: file and data errors; ``StudyError/finalRunDiverged(_:)`` (after writing both files) when
    ///   the loss stopped being finite.
    @discardableResult
    public static func train(optimizer: String, results: String, model: String) throws -> TrainingResult {
        let setting = StudyPlan.setting(optimizer)
        let initial = "\(results)/\(StudyPlan.initialModel(hidden: StudyPlan.courseNetwork, seed: 0))"
        let start = try ModelFile.network(fromJSON: try StudyPreparation.readText(initial), file: initial)
        let data = try CSVTable(path: "\(results)/\(StudyPlan.dataFile(noise: noise))").labeled()
        let split = try DataSplit(count: data.count, validationFraction: validationFraction, seed: 0)
        var options = TrainingOptions(epochs: epochs, batchSize: setting.batchSize)
        options.seed = 0
        options.evaluationInterval = 5
        let trainer = Trainer(
            network: start, inputs: data.inputs.rows(at: split.training),
            targets: data.targets.rows(at: split.training),
            validation: (data.inputs.rows(at: split.validation), data.targets.rows(at: split.validation)),
            optimizer: setting.makeOptimizer(), options: options)
        let metrics = "\(results)/final-metrics.csv"
        var result: TrainingResult? = nil
        try AtomicFile.write(to: metrics) { file in
            var writer = try CSVWriter(columns: EpochMetrics.header, fileDescriptor: file.rawValue, name: metrics)
            result = try trainer.run(onEpoch: { try writer.write(row: $0.row) })
            try writer.flush()
        }
        guard let result else { preconditionFailure("the final run wrote no metrics") }
        try StudyPreparation.writeText(ModelFile.json(result.selected), to: model)
        if case .diverged = result.stopReason { throw StudyError.finalRunDiverged("\(result.stopReason)") }
        return result
    }

    /// Scores the saved model on the clean surface and writes `<results>/final.csv` (key, value).
    public static func summarize(optimizer: String, results: String, model: String) throws -> StudyTable {
        let network = try ModelFile.network(fromJSON: try StudyPreparation.readText(model), file: model)
        let clean = SurfaceData(noise: 0)
        let workspace = NetworkWorkspace(network.architecture, capacity: clean.count)
        let test = workspace.loss(
            parameters: network.parameters, inputs: clean.inputs, targets: clean.clean, loss: .mse)
        let noisy = SurfaceData(noise: noise, seed: 0)
        let train = workspace.loss(
            parameters: network.parameters, inputs: noisy.inputs, targets: noisy.targets, loss: .mse)
        let metrics = try CSVTable(path: "\(results)/final-metrics.csv", options: .init(allowsMissing: true))
        let validation = try metrics.columns(["validation_loss"]).scalars
        let epochColumn = try metrics.columns(["epoch"]).scalars
        let best = validation.indices.filter { !validation[$0].isNaN }.min { validation[$0] < validation[$1] }!
        var table = StudyTable(columns: ["key", "value"])
        for (key, value) in [
            ("optimizer", optimizer), ("title", StudyFigures.title(optimizer)), ("title_es", spanishTitle(optimizer)),
            ("noise", StudyPlan.label(noise)),
            ("epochs", "\(epochs)"), ("validation_fraction", "\(validationFraction)"),
            ("best_epoch", StudySummary.number(epochColumn[best])),
            ("best_validation", StudySummary.number(validation[best])),
            ("final_validation", StudySummary.number(validation.last { !$0.isNaN }!)),
            ("train_mse", StudySummary.number(train)), ("test_mse", StudySummary.number(test)),
            ("noise_variance", StudySummary.number(noise * noise)),
            ("parameters", "\(network.architecture.parameterCount)"),
        ] { table.append([key, value]) }
        try table.write(to: "\(results)/final.csv")
        return table
    }

    /// A setting's name as the report writes it, e.g. `Adam (lr 0,001, lotes de 400)`.
    public static func spanishTitle(_ label: String) -> String {
        let setting = StudyPlan.setting(label)
        func spanish(_ x: Double) -> String { CSVWriter.format(x).replacingOccurrences(of: ".", with: ",") }
        let names: [OptimizerKind: String] = [
            .sgd: "SGD", .adam: "Adam", .adamw: "AdamW", .rmsprop: "RMSprop", .adadelta: "Adadelta", .lbfgs: "L-BFGS",
        ]
        var parts = ["lr " + spanish(setting.number("lr")!)]
        if let momentum = setting.number("momentum") { parts.append("momento " + spanish(momentum)) }
        if setting.options["nesterov"] == .flag(true) { parts.append("Nesterov") }
        parts.append(setting.batchSize.map { "lotes de \($0)" } ?? "lote completo")
        return "\(names[setting.kind]!) (\(parts.joined(separator: ", ")))"
    }

    /// The optimal model's surface beside its residuals against the clean surface.
    public static func surfaceFigure(model: String) throws -> Figure {
        let network = try ModelFile.network(fromJSON: try StudyPreparation.readText(model), file: model)
        let axis = Tensor.linspace(-3, 3, count: 60).scalars
        let points = Tensor(
            shape: [axis.count * axis.count, 2], scalars: axis.flatMap { y in axis.flatMap { x in [x, y] } })
        let predictions = network(points).scalars
        let field = ScalarField(x: axis, y: axis, values: predictions)
        let truth = ScalarField(x: axis, y: axis) { x, y in SurfaceData.height(x: x, y: y) }
        var figure = SurfaceFigure(field: field, style: .surface)
        figure.residuals = try field.residuals(against: truth)
        figure.title = "The optimal model (left) and its error against the true surface (right)"
        return figure.figure()
    }

    /// Training and validation loss of the final run against epochs.
    public static func lossFigure(results: String) throws -> Figure {
        let metrics = try CSVTable(path: "\(results)/final-metrics.csv", options: .init(allowsMissing: true))
        let epochs = try metrics.columns(["epoch"]).scalars
        let figure = Figure(width: 800, height: 480, dpi: 100)
        let axes = figure.axes()
        for (column, label) in [
            ("train_loss", "training (80 % of the noisy points)"), ("validation_loss", "validation (the other 20 %)"),
        ] {
            let values = try metrics.columns([column]).scalars
            let keep = values.indices.filter { !values[$0].isNaN }
            axes.line(keep.map { epochs[$0] }, keep.map { values[$0] }, label: label)
        }
        axes.horizontalLine(at: noise * noise, label: "σ² = \(StudyPlan.label(noise * noise))")
        axes.yScale = .log
        axes.xLabel = "epoch"
        axes.yLabel = "MSE"
        axes.title = "The final run: σ = \(noise), validation split \(Int(validationFraction * 100)) %"
        axes.grid = .both
        return figure
    }
}
