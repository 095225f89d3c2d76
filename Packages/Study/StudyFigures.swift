import Datasets
import Foundation
import NN
import Plot
import Tensor

/// The figures of the report, drawn from the runs' metrics and the summary tables.
public enum StudyFigures {
    /// The course's five settings, then the five additions.
    static let groups = [
        ("the course's five settings", ["gd", "sgd40", "nesterov400", "adam400", "lbfgs-course"]),
        (
            "plain momentum, AdamW, RMSprop, Adadelta, working L-BFGS",
            ["momentum400", "adamw400", "rmsprop400", "adadelta400", "lbfgs"]
        ),
    ]

    static func title(_ label: String) -> String { StudyPlan.setting(label).title }

    /// Training loss against epochs (or seconds) for every optimizer of the comparison: the median over seeds
    /// with the band between the best and the worst seed.
    public static func comparisonCurves(results: String, againstSeconds: Bool) throws -> Figure {
        let figure = Figure(width: 1300, height: 520, rows: 1, columns: 2, dpi: 100)
        figure.title =
            againstSeconds
            ? "Training loss against time (Net3L(50, 50, 50), median and range over 3 seeds)"
            : "Training loss against epochs (Net3L(50, 50, 50), median and range over 3 seeds)"
        for (column, (name, labels)) in groups.enumerated() {
            let axes = figure.axes(row: 0, column: column)
            for label in labels {
                let runs = try StudyPlan.seeds.map {
                    try RunMetrics(
                        run: StudyRun(
                            experiment: "comparison", optimizer: label, seed: $0, noise: 0,
                            hidden: StudyPlan.courseNetwork, epochs: StudyPlan.epochs), results: results)
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
                    keep.map { x[$0] }, keep.map { StudySummary.median(values[$0]) }, label: title(label), color: color)
            }
            axes.yScale = .log
            if againstSeconds { axes.xScale = .log }
            axes.xLabel = againstSeconds ? "seconds of optimizer steps (one core)" : "epoch"
            axes.yLabel = "training MSE"
            axes.title = name
            axes.grid = .both
        }
        return figure
    }

    /// The final clean-test MSE of every optimizer: the median over seeds, with the range as a bar.
    public static func comparisonFinal(_ summary: StudyTable) -> Figure {
        let figure = Figure(width: 1300, height: 480, dpi: 100)
        let axes = figure.axes()
        for (index, label) in StudyPlan.optimizers.map(\.label).enumerated() {
            let median = Double(summary.value(key: label, column: "test_median")!)!
            let low = Double(summary.value(key: label, column: "test_min")!)!
            let high = Double(summary.value(key: label, column: "test_max")!)!
            let color = index < 5 ? Color.cycle[0] : Color.cycle[1]
            axes.line([Double(index), Double(index)], [low, high], color: .black, width: 1.5)
            axes.scatter(
                [Double(index)], [median], label: index == 0 ? "course's settings" : index == 5 ? "additions" : nil,
                color: color, size: 9)
        }
        axes.xTicks = (StudyPlan.optimizers.indices.map(Double.init), StudyPlan.optimizers.map(\.label))
        axes.yScale = .log
        axes.yLabel = "test MSE after 2,500 epochs"
        axes.title = "Final error on the clean surface (median and range over 3 seeds)"
        axes.grid = .y
        return figure
    }

    /// Training and clean-test loss against the noise level, per optimizer, with σ² as the floor an
    /// exact fit of the clean surface would leave on the noisy targets.
    public static func noise(_ table: StudyTable) -> Figure {
        let figure = Figure(width: 1300, height: 520, rows: 1, columns: 2, dpi: 100)
        figure.title = "Effect of the noise level ruido = σ (Net3L(50, 50, 50), 2,500 epochs)"
        let levels = StudyPlan.noiseLevels
        let x = levels.indices.map(Double.init)
        for (column, metric) in ["final_train", "final_test"].enumerated() {
            let axes = figure.axes(row: 0, column: column)
            for label in StudyPlan.noiseOptimizers {
                let y = levels.map { Double(table.value(key: "\(label)/\(StudyPlan.label($0))", column: metric)!)! }
                axes.line(x, y, label: title(label), marker: .circle)
            }
            if column == 0 {
                axes.line(
                    Array(x.dropFirst()), levels.dropFirst().map { $0 * $0 }, label: "σ² (noise variance)",
                    color: .black, style: .dashed)
            }
            axes.xTicks = (x, levels.map(StudyPlan.label))
            axes.yScale = .log
            axes.xLabel = "σ"
            axes.yLabel = column == 0 ? "training MSE (noisy targets)" : "test MSE (clean surface)"
            axes.title = column == 0 ? "fit to the noisy data" : "error against the true surface"
            axes.grid = .both
        }
        return figure
    }

    /// Final clean-test loss and training time against the number of parameters, one line per depth, for
    /// each optimizer of the size experiment.
    public static func size(_ table: StudyTable) -> Figure {
        let optimizers = StudyPlan.sizeOptimizers
        let figure = Figure(width: 1400, height: 820, rows: 2, columns: optimizers.count, dpi: 100)
        figure.title = "Effect of the network size (widths 4 … 100, 1 … 4 hidden layers, 1,000 epochs)"
        for (column, label) in optimizers.enumerated() {
            for (row, metric) in ["final_test", "seconds"].enumerated() {
                let axes = figure.axes(row: row, column: column)
                for depth in StudyPlan.depths {
                    // Runs that diverged (SGD with a step too large for the network) are left out of the lines.
                    let keys = StudyPlan.widths.map { "\(label)/d\(depth)/w\($0)" }
                        .filter { table.value(key: $0, column: "completed") == "yes" }
                    let x = keys.map { Double(table.value(key: $0, column: "parameters")!)! }
                    let y = keys.map { Double(table.value(key: $0, column: metric)!)! }
                    axes.line(x, y, label: "\(depth) hidden layer\(depth > 1 ? "s" : "")", marker: .circle)
                }
                axes.xScale = .log
                axes.yScale = .log
                axes.xLabel = "parameters"
                axes.yLabel = row == 0 ? "test MSE" : "seconds"
                axes.title = row == 0 ? title(label) : nil
                axes.grid = .both
                axes.legendLocation = row == 0 && column == 0 ? .best : nil
            }
        }
        return figure
    }
}

extension StudyFigures {
    /// The loss after one gradient step on Figure 1's network against the learning rate, with the loss
    /// before the step (from `backprop-check --format json`).
    public static func learningRateScan(results: String) throws -> Figure {
        struct Scan: Decodable {
            struct Entry: Decodable { var learning_rate: Double; var loss: Double }
            var loss_before: Double
            var learning_rate_scan: [Entry]
        }
        let path = "\(results)/backprop/sigmoid-mse.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw StudyError.missingRun(path) }
        let scan = try JSONDecoder().decode(Scan.self, from: data)
        let figure = Figure(width: 700, height: 420, dpi: 100)
        let axes = figure.axes()
        axes.line(
            scan.learning_rate_scan.map(\.learning_rate), scan.learning_rate_scan.map(\.loss),
            label: "L after one step", marker: .circle, markerSize: 4)
        axes.horizontalLine(at: scan.loss_before, label: "L before the step")
        axes.xScale = .log
        axes.xLabel = "learning rate α"
        axes.yLabel = "MSE on the three points"
        axes.title = "Figure 1 network: one gradient-descent step"
        axes.grid = .both
        return figure
    }

    /// The assignment's Figure 2: the surface sin(0.8(x² + y²))/(x² + y²)^0.9 on the course's grid.
    public static func assignmentSurface() -> Figure {
        let axis = Tensor.linspace(-3, 3, count: 40).scalars
        var figure = SurfaceFigure(
            field: ScalarField(x: axis, y: axis) { x, y in SurfaceData.height(x: x, y: y) }, style: .surface)
        figure.title = "f(x, y) = sin(0.8(x² + y²)) / (x² + y²)$^{0.9}$ on linspace(−3, 3, 40)"
        return figure.figure()
    }
}
