import Datasets
import Foundation
import NN
import Plot
import Tensor

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

    /// The `train` command of the final run.
    public static func command(optimizer: String, tools: String, results: String, model: String) -> String {
        let flags = StudyPlan.optimizers.first { $0.label == optimizer }!.flags
        let arguments = [
            "--init-model", "\(results)/\(StudyPlan.initialModel(hidden: StudyPlan.courseNetwork, seed: 0))",
            "--data", "\(results)/\(StudyPlan.dataFile(noise: noise))", "--validation-split", "\(validationFraction)",
            "--epochs", "\(epochs)", "--eval-every", "5", "--seed", "0",
        ] + flags + ["--metrics", "\(results)/final-metrics.csv", "--save", model, "--quiet"]
        return "\(tools)/train " + arguments.joined(separator: " ")
    }

    /// Scores the saved model on the clean surface and writes `<results>/final.csv` (key, value).
    public static func summarize(optimizer: String, results: String, model: String) throws -> StudyTable {
        let network = try ModelFile.network(fromJSON: try StudyPreparation.readText(model), file: model)
        let clean = SurfaceData(noise: 0)
        let workspace = NetworkWorkspace(network.architecture, capacity: clean.count)
        let test = workspace.loss(parameters: network.parameters, inputs: clean.inputs, targets: clean.clean, loss: .mse)
        let noisy = SurfaceData(noise: noise, seed: 0)
        let train = workspace.loss(parameters: network.parameters, inputs: noisy.inputs, targets: noisy.targets, loss: .mse)
        let metrics = try CSVTable(path: "\(results)/final-metrics.csv", options: .init(allowsMissing: true))
        let validation = try metrics.columns(["validation_loss"]).scalars
        let epochColumn = try metrics.columns(["epoch"]).scalars
        let best = validation.indices.filter { !validation[$0].isNaN }.min { validation[$0] < validation[$1] }!
        var table = StudyTable(columns: ["key", "value"])
        for (key, value) in [
            ("optimizer", optimizer), ("title", StudyFigures.title(optimizer)), ("title_es", spanishTitle(optimizer)),
            ("noise", StudyPlan.label(noise)),
            ("epochs", "\(epochs)"), ("validation_fraction", "\(validationFraction)"),
            ("best_epoch", StudySummary.number(epochColumn[best])), ("best_validation", StudySummary.number(validation[best])),
            ("final_validation", StudySummary.number(validation.last { !$0.isNaN }!)),
            ("train_mse", StudySummary.number(train)), ("test_mse", StudySummary.number(test)),
            ("noise_variance", StudySummary.number(noise * noise)), ("parameters", "\(network.architecture.parameterCount)"),
        ] { table.append([key, value]) }
        try table.write(to: "\(results)/final.csv")
        return table
    }

    /// A setting's name as the report writes it, e.g. `Adam (lr 0,001, lotes de 400)`.
    static func spanishTitle(_ label: String) -> String {
        let flags = StudyPlan.optimizers.first { $0.label == label }!.flags
        func value(_ flag: String) -> String? { flags.firstIndex(of: flag).map { flags[$0 + 1] } }
        let names = ["sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adadelta": "Adadelta", "lbfgs": "L-BFGS"]
        var parts = ["lr " + value("--lr")!.replacingOccurrences(of: ".", with: ",")]
        if let momentum = value("--momentum") { parts.append("momento " + momentum.replacingOccurrences(of: ".", with: ",")) }
        if flags.contains("--nesterov") { parts.append("Nesterov") }
        let batch = value("--batch-size")!
        parts.append(batch == "full" ? "lote completo" : "lotes de \(batch)")
        return "\(names[value("--optimizer")!]!) (\(parts.joined(separator: ", ")))"
    }

    /// The optimal model's surface beside its residuals against the clean surface.
    public static func surfaceFigure(model: String) throws -> Figure {
        let network = try ModelFile.network(fromJSON: try StudyPreparation.readText(model), file: model)
        let axis = Tensor.linspace(-3, 3, count: 60).scalars
        let points = Tensor(shape: [axis.count * axis.count, 2], scalars: axis.flatMap { y in axis.flatMap { x in [x, y] } })
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
        for (column, label) in [("train_loss", "training (80 % of the noisy points)"), ("validation_loss", "validation (the other 20 %)")] {
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
