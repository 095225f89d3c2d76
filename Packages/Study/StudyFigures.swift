import Datasets
import Foundation
import NN
import NumberFormatting
import Plot
import Tensor

/// The figures of the report, drawn from the runs' metrics and the summary tables, with their text in
/// Spanish (the report's language).
///
/// Each figure spans the report's text width (A4 with 2 cm margins, ``textWidth`` inches) and is drawn for
/// that size: ``pixelsPerInch`` pixels per printed inch, its text scaled so that it prints at about 8.5 points.
public enum StudyFigures {
    /// The report's text width in inches (21 cm − 2 × 2 cm).
    public static let textWidth = 17 / 2.54
    /// Pixels per printed inch of a report figure.
    public static let pixelsPerInch = 200.0
    /// The figures' dpi setting, which scales their text: 10-point text prints at 10 · 170/200 = 8.5 points,
    /// above the report's footnotes (8 points in its 10-point body).
    static let textDPI = 170.0

    /// A report figure `height` inches tall with a grid of panels.
    static func reportFigure(height: Double, rows: Int = 1, columns: Int = 1) -> Figure {
        Figure(
            width: Int(textWidth * pixelsPerInch), height: Int(height * pixelsPerInch), rows: rows, columns: columns,
            dpi: textDPI)
    }

    /// Every figure of the report passes through here before it is written: its text is Spanish already,
    /// and here its tick labels get decimal commas.
    public static func spanish(_ figure: Figure) -> Figure {
        figure.numberFormat = .decimalComma
        return figure
    }

    /// A number with a decimal comma for a label, e.g. `0,05`.
    static func comma(_ x: Double) -> String { Numbers.marked(StudyPlan.label(x), .comma) }

    /// The settings' short Spanish names in legends.
    static let legendNames: [String: String] = [
        "gd": "GD (lote 1600)", "sgd40": "SGD (lote 40)", "nesterov400": "Nesterov (lote 400)",
        "adam400": "Adam (lote 400)", "lbfgs-course": "L-BFGS del curso", "momentum400": "momento (lote 400)",
        "adamw400": "AdamW (lote 400)", "rmsprop400": "RMSprop (lote 400)", "adadelta400": "Adadelta (lote 400)",
        "lbfgs": "L-BFGS (max_eval 4)",
    ]

    /// A setting's short Spanish name.
    static func name(_ label: String) -> String { legendNames[label] ?? label }

    /// A setting's number in the report (1–5 the course's, 6–10 the additions) and its shortest name, for
    /// the narrow panels of the comparison: `4 Adam`.
    static func numbered(_ label: String) -> String {
        let number = StudyPlan.optimizers.firstIndex { $0.label == label }.map { $0 + 1 } ?? 0
        let short = [
            "gd": "GD", "sgd40": "SGD", "nesterov400": "Nesterov", "adam400": "Adam", "lbfgs-course": "L-BFGS curso",
            "momentum400": "momento", "adamw400": "AdamW", "rmsprop400": "RMSprop", "adadelta400": "Adadelta",
            "lbfgs": "L-BFGS",
        ]
        return "\(number) \(short[label] ?? label)"
    }

    /// The course's five settings, then the five additions.
    static let groups = [
        ("los cinco ajustes del curso", ["gd", "sgd40", "nesterov400", "adam400", "lbfgs-course"]),
        ("los cinco añadidos", ["momentum400", "adamw400", "rmsprop400", "adadelta400", "lbfgs"]),
    ]

    /// Training loss against epochs for every optimizer of the comparison (median over seeds, band from the
    /// best to the worst seed), and the final clean-test MSE of each (median and range).
    public static func comparison(results: String, summary: StudyTable) throws -> Figure {
        let figure = reportFigure(height: 2.1, columns: 3)
        for (column, (name, labels)) in groups.enumerated() {
            let axes = figure.axes(row: 0, column: column)
            try drawComparisonCurves(labels, results: results, againstSeconds: false, on: axes, names: numbered)
            axes.title = name
            // The curves fall from the upper left: the lower left corner is free.
            axes.legendLocation = .lowerLeft
            if column == 0 { axes.yLabel = "MSE de entrenamiento" }
        }
        let axes = figure.axes(row: 0, column: 2)
        drawComparisonFinal(summary, on: axes)
        return figure
    }

    /// The five settings of the report's table of epochs against time: full-batch GD, SGD, Nesterov and Adam
    /// on minibatches, and the L-BFGS that works.
    static let timedSettings = ["gd", "sgd40", "nesterov400", "adam400", "lbfgs"]

    /// Epochs against time: the training loss of ``timedSettings`` against epochs (left) and against the
    /// seconds of optimizer steps (right, both axes logarithmic), median over seeds with their range.
    public static func epochsAndSeconds(results: String) throws -> Figure {
        let figure = reportFigure(height: 1.6, columns: 2)
        for (column, seconds) in [false, true].enumerated() {
            let axes = figure.axes(row: 0, column: column)
            try drawComparisonCurves(timedSettings, results: results, againstSeconds: seconds, on: axes)
            axes.title = seconds ? "frente al tiempo" : "frente a las épocas"
            axes.yLabel = column == 0 ? "MSE de entrenamiento" : nil
            // The panels are short: the legend goes beside them.
            axes.legendLocation = seconds ? .outsideRight : nil
        }
        return figure
    }

    static func drawComparisonCurves(
        _ labels: [String], results: String, againstSeconds: Bool, on axes: Axes, names: (String) -> String = name
    ) throws {
        let scope = try StudyScope.read(results: results)
        for label in labels {
            let runs = try scope.seeds.map {
                try RunMetrics(
                    run: StudyRun(
                        experiment: "comparison", optimizer: label, seed: $0, noise: 0, hidden: StudyPlan.courseNetwork,
                        epochs: scope.epochs), results: results)
            }
            let count = runs.map(\.trainLoss.count).min()!
            let x =
                againstSeconds
                ? (0..<count).map { i in StudySummary.median(runs.map { $0.seconds[i] }) }
                : Array(runs[0].epochs.prefix(count))
            let values = (0..<count).map { i in runs.map { $0.trainLoss[i] } }
            let color = axes.nextColor()
            let keep = x.indices.filter { !againstSeconds || x[$0] > 0 }
            axes.band(
                keep.map { x[$0] }, lower: keep.map { values[$0].min()! }, upper: keep.map { values[$0].max()! },
                color: color, alpha: 0.2)
            axes.line(
                keep.map { x[$0] }, keep.map { StudySummary.median(values[$0]) }, label: names(label), color: color,
                width: 1.2)
        }
        axes.yScale = .log
        if againstSeconds { axes.xScale = .log }
        axes.xLabel = againstSeconds ? "segundos de pasos del optimizador" : "época"
        axes.grid = .both
        axes.legendLocation = .lowerLeft
    }

    static func drawComparisonFinal(_ summary: StudyTable, on axes: Axes) {
        for (index, label) in StudyPlan.optimizers.map(\.label).enumerated() {
            let median = Double(summary.value(key: label, column: "test_median")!)!
            let low = Double(summary.value(key: label, column: "test_min")!)!
            let high = Double(summary.value(key: label, column: "test_max")!)!
            let color = index < 5 ? Color.cycle[0] : Color.cycle[1]
            axes.line([Double(index), Double(index)], [low, high], color: .black, width: 1.2)
            axes.scatter(
                [Double(index)], [median], label: index == 0 ? "ajustes del curso" : index == 5 ? "añadidos" : nil,
                color: color, size: 7)
        }
        axes.xTicks = (
            StudyPlan.optimizers.indices.map(Double.init), StudyPlan.optimizers.indices.map { String($0 + 1) }
        )
        axes.xLabel = "ajuste (numerados como en el texto)"
        axes.yScale = .log
        // Room above the points for the legend.
        axes.yLimits = (3e-6, 3)
        axes.yLabel = "MSE de prueba final"
        axes.title = "error contra la superficie limpia"
        axes.grid = .y
        axes.legendLocation = .upperRight
    }

    /// Training and clean-test loss against the noise level (median over the seeds, band over their range),
    /// with σ² as the floor an exact fit of the clean surface would leave on the noisy targets.
    public static func noise(_ table: StudyTable) -> Figure {
        let figure = reportFigure(height: 2.0, columns: 2)
        let levels = StudyPlan.noiseLevels
        let x = levels.indices.map(Double.init)
        for (column, metric) in ["final_train", "final_test"].enumerated() {
            let axes = figure.axes(row: 0, column: column)
            for label in StudyPlan.noiseOptimizers {
                func values(_ name: String) -> [Double] {
                    levels.map { Double(table.value(key: "\(label)/\(StudyPlan.label($0))", column: name)!)! }
                }
                let color = axes.nextColor()
                axes.band(x, lower: values(metric + "_min"), upper: values(metric + "_max"), color: color, alpha: 0.2)
                // The optimizers' legend sits outside the right panel; the left one names only σ².
                axes.line(
                    x, values(metric), label: column == 1 ? name(label) : nil, color: color, width: 1.2,
                    marker: .circle,
                    markerSize: 4)
            }
            if column == 0 {
                axes.line(
                    Array(x.dropFirst()), levels.dropFirst().map { $0 * $0 }, label: "σ² (varianza del ruido)",
                    color: .black, style: .dashed)
            }
            axes.xTicks = (x, levels.map(comma))
            axes.yScale = .log
            axes.xLabel = "σ (ruido)"
            axes.yLabel = column == 0 ? "MSE de entrenamiento" : "MSE de prueba"
            axes.title = column == 0 ? "ajuste a los datos ruidosos" : "error contra la superficie limpia"
            axes.grid = .both
            axes.legendLocation = column == 0 ? .lowerRight : .outsideRight
        }
        return figure
    }

    /// Final clean-test loss against the number of parameters, one line per depth of `scope` (median over the
    /// seeds, band over their range), for each optimizer of the size experiment; the depths' legend beside the
    /// panels.
    public static func size(_ table: StudyTable, scope: StudyScope) -> Figure {
        let optimizers = StudyPlan.sizeOptimizers
        let figure = reportFigure(height: 2.2, columns: optimizers.count)
        for (column, label) in optimizers.enumerated() {
            let axes = figure.axes(row: 0, column: column)
            for depth in scope.depths {
                // Settings where every seed diverged (SGD with a step too large for the network) are left out.
                let keys = scope.widths.map { "\(label)/d\(depth)/w\($0)" }
                    .filter { table.value(key: $0, column: "completed") == "yes" }
                func values(_ column: String) -> [Double] {
                    keys.map { Double(table.value(key: $0, column: column)!)! }
                }
                let x = values("parameters")
                let color = axes.nextColor()
                axes.band(x, lower: values("final_test_min"), upper: values("final_test_max"), color: color, alpha: 0.2)
                axes.line(
                    x, values("final_test"),
                    label: column == optimizers.count - 1 ? "\(depth) capa\(depth > 1 ? "s" : "")" : nil,
                    color: color, width: 1.2, marker: .circle, markerSize: 4)
            }
            axes.xScale = .log
            axes.yScale = .log
            axes.xLabel = "parámetros"
            axes.yLabel = column == 0 ? "MSE de prueba" : nil
            axes.title = name(label)
            axes.grid = .both
            // One legend for the three panels, beside the last, where it hides no data.
            axes.legendLocation = column == optimizers.count - 1 ? .outsideRight : nil
        }
        return figure
    }
}

extension StudyFigures {
    /// The loss after one gradient step on Figure 1's network against the learning rate, with the loss
    /// before the step and the two refined rates (from `backprop-check --format json`).
    public static func learningRateScan(results: String) throws -> Figure {
        struct Scan: Decodable {
            struct Entry: Decodable { var learning_rate: Double; var loss: Double }
            var loss_before: Double
            var learning_rate_scan: [Entry]
            var threshold_rate: Double?
            var optimal_rate: Entry?
        }
        let path = "\(results)/backprop/sigmoid-mse.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw StudyError.missingRun(path) }
        let scan = try JSONDecoder().decode(Scan.self, from: data)
        let figure = reportFigure(height: 1.6)
        let axes = figure.axes()
        axes.line(
            scan.learning_rate_scan.map(\.learning_rate), scan.learning_rate_scan.map(\.loss),
            label: "L tras un paso de longitud α", width: 1.2, marker: .circle, markerSize: 3)
        axes.horizontalLine(at: scan.loss_before, label: "L antes del paso")
        if let threshold = scan.threshold_rate {
            axes.verticalLine(
                at: threshold, label: "α = \(ReportTemplate.number(threshold)): L vuelve a L antes",
                color: Color.cycle[3], style: .dotted)
        }
        if let optimum = scan.optimal_rate {
            axes.scatter(
                [optimum.learning_rate], [optimum.loss],
                label: "mejor paso, α = \(ReportTemplate.number(optimum.learning_rate))",
                color: Color.cycle[2], marker: .star, size: 9)
        }
        axes.xScale = .log
        axes.yScale = .log
        axes.xLabel = "tasa de aprendizaje α"
        axes.yLabel = "MSE de los 3 puntos"
        axes.grid = .both
        // A short, wide panel: the legend goes beside it.
        axes.legendLocation = .outsideRight
        return figure
    }

    /// The assignment's Figure 2: the surface sin(0.8(x² + y²))/(x² + y²)^0.9 on the course's grid.
    public static func assignmentSurface() -> Figure {
        let axis = Tensor.linspace(-3, 3, count: 40).scalars
        var figure = SurfaceFigure(
            field: ScalarField(x: axis, y: axis) { x, y in SurfaceData.height(x: x, y: y) }, style: .surface)
        figure.title = "f(x, y) = sin(0,8(x² + y²)) / (x² + y²)$^{0,9}$ en una malla de 40 × 40 sobre [−3, 3]²"
        figure.zLabel = "f(x, y)"
        return figure.figure()
    }

    /// The final experiment: the candidates' mean validation curves with their chosen epochs, and the
    /// optimal model's residual against the true surface.
    public static func finalModel(results: String, model: String) throws -> Figure {
        let validations = try StudyFinal.crossValidate(results: results)
        let chosen = StudyFinal.choose(validations)
        let figure = reportFigure(height: 2.3, columns: 2)
        let curves = figure.axes(row: 0, column: 0)
        for validation in validations {
            let color = curves.nextColor()
            let keep = validation.curve.filter { $0.epoch > 0 }
            curves.line(
                keep.map(\.epoch), keep.map(\.loss), label: finalNames[validation.label] ?? validation.label,
                color: color, width: validation.label == chosen.label ? 1.6 : 0.9)
            curves.scatter([Double(validation.epoch)], [validation.loss], color: color, size: 6)
        }
        // Room above the curves for the legend.
        curves.yLimits = (0.0104, 0.0175)
        curves.xLabel = "época"
        curves.yLabel = "MSE de validación"
        curves.title = "validación cruzada (5 pliegues)"
        curves.grid = .both
        curves.legendLocation = .upperRight

        let network = try ModelFile.network(fromJSON: try StudyPreparation.readText(model), file: model)
        let axis = Tensor.linspace(-3, 3, count: 80).scalars
        let points = Tensor(
            shape: [axis.count * axis.count, 2], scalars: axis.flatMap { y in axis.flatMap { x in [x, y] } })
        let field = ScalarField(x: axis, y: axis, values: network(points).scalars)
        let truth = ScalarField(x: axis, y: axis) { x, y in SurfaceData.height(x: x, y: y) }
        let residuals = try field.residuals(against: truth)
        let axes = figure.axes(row: 0, column: 1)
        let largest = residuals.values.lazy.filter(\.isFinite).map(abs).max() ?? 1
        axes.heatmap(residuals, colormap: .rdbu, range: (-largest, largest), interpolation: .bilinear)
        axes.colorbar(label: "modelo − superficie")
        (axes.title, axes.xLabel, axes.yLabel, axes.equalAspect) = ("residuo del modelo óptimo", "x", "y", true)
        return figure
    }

    /// The final candidates' short names in the legend.
    static let finalNames = [
        "adam": "Adam", "lbfgs": "L-BFGS", "adamw": "AdamW 0,001", "adamw-fast": "AdamW 0,003",
        "adamw-deep": "AdamW 0,003, 4 capas",
    ]
}
