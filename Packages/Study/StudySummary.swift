import NN
import NumberFormatting
import RealModule

/// The study's summary tables, computed from the runs' metrics and written to `<results>/*.csv`.
///
/// - `comparison.csv`: one row per optimizer and seed (key `optimizer/sSEED`);
/// - `comparison-summary.csv`: one row per optimizer (key `optimizer`): median, minimum and maximum over
///   seeds of the final test loss, the median seconds, and the median epochs and seconds to reach each
///   threshold (over the seeds that reach it, with their count);
/// - `noise.csv`: one row per optimizer and noise level (key `optimizer/σ`): medians over the comparison's
///   seeds of the final training and test losses and of each run's best test loss and its epoch, with the
///   range of the final losses (σ = 0 is the comparison's runs, so both tables agree there);
/// - `size.csv`: one row per optimizer, depth and width (key `optimizer/dDEPTH/wWIDTH`): medians over the
///   seeds whose run finished of the final training and test losses and the seconds, the test loss's range,
///   how many seeds finished and how many diverged (`completed` is `yes` when one finished).
public enum StudySummary {
    /// Reads every run of the plan (of the scope in `<results>/plan.json`) and writes the tables of the
    /// experiments it ran.
    public static func summarize(results: String) throws -> [String: StudyTable] {
        let scope = try StudyScope.read(results: results)
        var metrics: [String: RunMetrics] = [:]
        for run in StudyPlan.runs(scope) where ["comparison", "noise", "size"].contains(run.experiment) {
            metrics[run.name] = try RunMetrics(run: run, results: results)
        }
        func find(
            _ experiment: String, _ optimizer: String, seed: Int = 0, noise: Double = 0,
            hidden: [Int] = StudyPlan.courseNetwork
        ) -> RunMetrics? {
            // The noise-free course network at seed s is the comparison's run, also for the other experiments.
            let key = StudyRun(
                experiment: experiment, optimizer: optimizer, seed: seed, noise: noise, hidden: hidden,
                epochs: experiment == "size" ? scope.sizeEpochs : scope.epochs
            ).name
            return metrics[key]
        }
        var tables: [String: StudyTable] = [:]

        var comparison = StudyTable(
            columns: ["key", "optimizer", "seed", "final_train", "final_test", "seconds", "completed"]
                + RunMetrics.thresholds.flatMap { ["epochs_\(label($0))", "seconds_\(label($0))"] })
        var summary = StudyTable(
            columns: ["key", "title", "test_median", "test_min", "test_max", "seconds_median", "ms_per_epoch"]
                + RunMetrics.thresholds.flatMap {
                    ["epochs_\(label($0))", "seconds_\(label($0))", "reached_\(label($0))"]
                })
        for optimizer in StudyPlan.optimizers {
            let runs = scope.seeds.compactMap { find("comparison", optimizer.label, seed: $0) }
            guard !runs.isEmpty else { continue }
            for r in runs {
                comparison.append(
                    [
                        "\(optimizer.label)/s\(r.run.seed)", optimizer.label, "\(r.run.seed)", number(r.finalTrainLoss),
                        number(r.finalTestLoss), number(r.totalSeconds), r.completed ? "yes" : "no",
                    ]
                        + RunMetrics.thresholds.flatMap { t in
                            r.reach(t).map { [number($0.epoch), number($0.seconds)] } ?? ["", ""]
                        })
            }
            let tests = runs.map(\.finalTestLoss)
            var row = [
                optimizer.label, optimizer.title, number(median(tests)), number(tests.min()!), number(tests.max()!),
                number(median(runs.map(\.totalSeconds))),
                number(1000 * median(runs.map(\.totalSeconds)) / Double(scope.epochs)),
            ]
            for t in RunMetrics.thresholds {
                let reached = runs.compactMap { $0.reach(t) }
                row +=
                    reached.isEmpty
                    ? ["", "", "0"]
                    : [
                        number(median(reached.map(\.epoch))), number(median(reached.map(\.seconds))),
                        "\(reached.count)",
                    ]
            }
            summary.append(row)
        }
        if scope.includes("comparison") {
            tables["comparison"] = comparison
            tables["comparison-summary"] = summary
        }

        var noise = StudyTable(columns: [
            "key", "optimizer", "noise", "final_train", "final_train_min", "final_train_max", "final_test",
            "final_test_min", "final_test_max", "best_test", "best_epoch", "seeds", "completed",
        ])
        for optimizer in StudyPlan.noiseOptimizers {
            for sigma in StudyPlan.noiseLevels {
                let runs = scope.seeds.compactMap {
                    find(sigma == 0 ? "comparison" : "noise", optimizer, seed: $0, noise: sigma)
                }
                guard !runs.isEmpty else { continue }
                let bests = runs.map { r in r.testLoss.indices.min { r.testLoss[$0] < r.testLoss[$1] }! }
                let train = runs.map(\.finalTrainLoss), test = runs.map(\.finalTestLoss)
                noise.append([
                    "\(optimizer)/\(StudyPlan.label(sigma))", optimizer, StudyPlan.label(sigma),
                    number(median(train)), number(train.min()!), number(train.max()!),
                    number(median(test)), number(test.min()!), number(test.max()!),
                    number(median(zip(runs, bests).map { $0.testLoss[$1] })),
                    number(median(zip(runs, bests).map { $0.epochs[$1] })), "\(runs.count)",
                    runs.allSatisfy(\.completed) ? "yes" : "no",
                ])
            }
        }
        if scope.includes("noise") { tables["noise"] = noise }

        var size = StudyTable(columns: [
            "key", "optimizer", "depth", "width", "parameters", "final_train", "final_test", "final_test_min",
            "final_test_max", "seconds", "seeds", "diverged", "completed",
        ])
        for optimizer in StudyPlan.sizeOptimizers {
            for depth in scope.depths {
                for width in scope.widths {
                    let hidden = [Int](repeating: width, count: depth)
                    let all = scope.seeds.compactMap { find("size", optimizer, seed: $0, hidden: hidden) }
                    guard !all.isEmpty else { continue }
                    // Medians and range over the seeds whose run finished; a diverged run is counted apart.
                    let runs = all.filter(\.completed)
                    let parameters = Architecture(inputs: 2, hidden: hidden, activation: .relu, outputs: 1)
                        .parameterCount
                    let test = runs.map(\.finalTestLoss)
                    func summary(_ values: [Double], _ f: ([Double]) -> Double) -> String {
                        values.isEmpty ? "" : number(f(values))
                    }
                    size.append([
                        "\(optimizer)/d\(depth)/w\(width)", optimizer, "\(depth)", "\(width)", "\(parameters)",
                        summary(runs.map(\.finalTrainLoss), median), summary(test, median),
                        summary(test) { $0.min()! }, summary(test) { $0.max()! },
                        summary(runs.map(\.totalSeconds), median), "\(runs.count)", "\(all.count - runs.count)",
                        runs.isEmpty ? "no" : "yes",
                    ])
                }
            }
        }
        if scope.includes("size") { tables["size"] = size }
        for (name, table) in tables { try table.write(to: "\(results)/\(name).csv") }
        return tables
    }

    /// The median of a non-empty list (the mean of the middle two for an even count).
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// A number in shortest round-trip form, as stored in the tables.
    public static func number(_ x: Double) -> String { Numbers.integralOrShortest(x) }

    /// A threshold as a column suffix: `1e-3`.
    static func label(_ threshold: Double) -> String {
        "1e\(Int(Double.log10(threshold).rounded()))"
    }
}
