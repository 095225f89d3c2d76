import NN

/// One training run of the optimizer study: which experiment, which optimizer, which data and network.
public struct StudyRun: Sendable, Equatable {
    /// The experiment: `comparison`, `noise` or `size`; for the final model, `final` (a cross-validation
    /// fold of a candidate) or `refit` (a candidate trained on every point).
    public var experiment: String
    /// The optimizer's label in the study (a key of ``StudyPlan/optimizers``), or for `final` and `refit`
    /// runs the label of a ``StudyFinal/candidates`` entry.
    public var optimizer: String
    /// The seed of the initial weights and of the minibatch order.
    public var seed: Int
    /// The noise level σ of the training targets.
    public var noise: Double
    /// The hidden layer widths.
    public var hidden: [Int]
    /// The number of epochs.
    public var epochs: Int
    /// The cross-validation fold held out for validation (`final` runs only).
    public var fold: Int?
    /// The type the run's passes compute in (`train --dtype`), the scope's (``StudyScope/precision``).
    public var precision: Precision = .float64

    /// A unique file-friendly name, e.g. `comparison-adam400-n0-h50x50x50-s1` or
    /// `final-adamw-n0.1-h50x50x50-s2-f2`.
    public var name: String {
        "\(experiment)-\(optimizer)-n\(StudyPlan.label(noise))-h\(hidden.map(String.init).joined(separator: "x"))-s\(seed)"
            + (fold.map { "-f\($0)" } ?? "")
    }

    /// The optimizer setting: the study's, or the final candidate's for `final` and `refit` runs.
    public var setting: OptimizerSetting {
        experiment == "final" || experiment == "refit"
            ? StudyFinal.candidate(optimizer).setting : StudyPlan.setting(optimizer)
    }

    /// A run of an experiment.
    public init(
        experiment: String, optimizer: String, seed: Int, noise: Double, hidden: [Int], epochs: Int, fold: Int? = nil
    ) {
        self.experiment = experiment
        self.optimizer = optimizer
        self.seed = seed
        self.noise = noise
        self.hidden = hidden
        self.epochs = epochs
        self.fold = fold
    }
}

/// The optimizer study of the assignment (section II-C), as a list of independent `train` runs.
///
/// - comparison: the course's five optimizer settings (gradient descent, SGD, Nesterov, Adam, L-BFGS with
///   `max_iter=1`, whose line search has no budget) plus plain momentum, AdamW, RMSprop, Adadelta and an
///   L-BFGS whose line search can work, on Net3L(50, 50, 50) and the noise-free surface, 2,500 epochs,
///   seeds 0, 1, 2 (each seed one initial model shared by all optimizers, as the course copies one net);
/// - noise: σ ∈ {0, 0.01, 0.05, 0.1, 0.2, 0.5}, five optimizers, the comparison's seeds, training loss
///   against the clean-target test loss (σ = 0 is the comparison's run);
/// - size: widths {4, 10, 20, 50, 100} × depths 1 … 4, three optimizers, 1,000 epochs, the same seeds;
/// - final: the final model's candidates (``StudyFinal/candidates``), each trained on the folds of a
///   cross-validation of the σ = 0.1 data; after them `study refits` lists the candidates' refits on every
///   point.
///
/// Every run writes its metrics to `<results>/runs/<name>.csv`; the run list is one shell command per line,
/// ready for `xargs -P` or a batch scheduler.
public enum StudyPlan {
    /// The optimizer settings, in the order of the tables and figures.
    public static let optimizers: [OptimizerSetting] = [
        OptimizerSetting("gd", "GD (SGD lr 0.05, batch 1600)", "sgd(lr=0.05)", batchSize: nil),
        OptimizerSetting("sgd40", "SGD lr 0.1, batch 40", "sgd(lr=0.1)", batchSize: 40),
        OptimizerSetting(
            "nesterov400", "Nesterov 0.9, lr 0.1, batch 400", "sgd(lr=0.1, momentum=0.9, nesterov=True)", batchSize: 400
        ),
        OptimizerSetting("adam400", "Adam lr 0.001, batch 400", "adam(lr=0.001)", batchSize: 400),
        OptimizerSetting(
            "lbfgs-course", "L-BFGS max_iter 1 (course)", "lbfgs(lr=1, max_iter=1, line_search_fn='strong_wolfe')",
            batchSize: nil),
        OptimizerSetting("momentum400", "momentum 0.9, lr 0.1, batch 400", "sgd(lr=0.1, momentum=0.9)", batchSize: 400),
        OptimizerSetting("adamw400", "AdamW lr 0.001, batch 400", "adamw(lr=0.001)", batchSize: 400),
        OptimizerSetting("rmsprop400", "RMSprop lr 0.001, batch 400", "rmsprop(lr=0.001)", batchSize: 400),
        OptimizerSetting("adadelta400", "Adadelta lr 1, batch 400", "adadelta(lr=1)", batchSize: 400),
        OptimizerSetting(
            "lbfgs", "L-BFGS max_iter 1, max_eval 4",
            "lbfgs(lr=1, max_iter=1, max_eval=4, line_search_fn='strong_wolfe')",
            batchSize: nil),
    ]

    /// The setting with a label.
    /// - Precondition: `label` is one of ``optimizers``' labels.
    public static func setting(_ label: String) -> OptimizerSetting {
        guard let setting = optimizers.first(where: { $0.label == label }) else {
            preconditionFailure("no optimizer setting \(label) in the study")
        }
        return setting
    }

    /// The course's network.
    public static let courseNetwork = [50, 50, 50]
    /// Noise levels of the noise experiment.
    public static let noiseLevels = [0, 0.01, 0.05, 0.1, 0.2, 0.5]
    /// Optimizers of the noise experiment.
    public static let noiseOptimizers = ["gd", "sgd40", "nesterov400", "adam400", "lbfgs"]
    /// Optimizers of the size experiment.
    public static let sizeOptimizers = ["sgd40", "adam400", "lbfgs"]

    /// Every run of a scope (seeds, epochs and size grid: ``StudyScope``), in the order the run list gives
    /// them (the long ones first, so parallel workers finish together).
    public static func runs(_ scope: StudyScope = StudyScope()) -> [StudyRun] {
        var runs: [StudyRun] = []
        let (seeds, epochs) = (scope.seeds, scope.epochs)
        for seed in seeds where scope.includes("comparison") || scope.includes("noise") {
            for optimizer in optimizers where scope.includes("comparison") || noiseOptimizers.contains(optimizer.label)
            {
                runs.append(
                    StudyRun(
                        experiment: "comparison", optimizer: optimizer.label, seed: seed, noise: 0,
                        hidden: courseNetwork, epochs: epochs))
            }
        }
        for seed in seeds where scope.includes("noise") {
            for noise in noiseLevels where noise != 0 {
                for optimizer in noiseOptimizers {
                    runs.append(
                        StudyRun(
                            experiment: "noise", optimizer: optimizer, seed: seed, noise: noise, hidden: courseNetwork,
                            epochs: epochs))
                }
            }
        }
        for seed in seeds where scope.includes("size") {
            for depth in scope.depths {
                for width in scope.widths {
                    for optimizer in sizeOptimizers {
                        runs.append(
                            StudyRun(
                                experiment: "size", optimizer: optimizer, seed: seed, noise: 0,
                                hidden: [Int](repeating: width, count: depth), epochs: scope.sizeEpochs))
                    }
                }
            }
        }
        if scope.includes("final") { runs += StudyFinal.crossValidationRuns }
        for index in runs.indices { runs[index].precision = scope.precision }
        return runs.sorted { cost($0) > cost($1) }
    }

    /// A rough relative cost of a run (multiply-adds per point × epochs × evaluations), for ordering.
    public static func cost(_ run: StudyRun) -> Double {
        let widths = [2] + run.hidden + [1]
        let macs = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        let evaluations = run.optimizer.hasPrefix("lbfgs") ? 2.0 : 1.0
        return Double(macs) * Double(run.epochs) * evaluations + 2e5 * Double(run.epochs)
    }

    /// The training data file of a noise level.
    public static func dataFile(noise: Double) -> String { "data/noise-\(label(noise)).csv" }
    /// The clean surface (columns x, y, z, z_clean) used as the test set.
    public static let cleanFile = "data/clean.csv"
    /// The initial model of an architecture and seed, shared by all optimizers.
    public static func initialModel(hidden: [Int], seed: Int) -> String {
        "init/h\(hidden.map(String.init).joined(separator: "x"))-s\(seed).json"
    }

    /// The shell command of a run, relative to the repository: `train` with the run's flags, metrics into
    /// `<results>/runs/<name>.csv`, its standard error into `<results>/runs/<name>.log`, then a progress
    /// line.
    ///
    /// The experiments' runs score the clean surface as their validation set (the test error, which picks
    /// nothing there); a `final` run trains on its fold's training part and validates on the fold; a `refit`
    /// run trains on every noisy point without a validation set and saves its last model to
    /// `<results>/final/<name>.json`.
    public static func command(_ run: StudyRun, index: Int, count: Int, tools: String, results: String) -> String {
        var data: [String]
        switch (run.experiment, run.fold) {
        case let ("final", fold?):
            data = [
                "--data", "\(results)/\(StudyFinal.foldFile(fold, part: "train"))",
                "--validation", "\(results)/\(StudyFinal.foldFile(fold, part: "validation"))",
            ]
        case ("refit", _):
            data = [
                "--data", "\(results)/\(dataFile(noise: run.noise))",
                "--save", "\(results)/\(StudyFinal.refitModel(run))",
            ]
        default:
            data = [
                "--data", "\(results)/\(dataFile(noise: run.noise))",
                "--validation", "\(results)/\(cleanFile)", "--validation-target", "z_clean",
            ]
        }
        let arguments =
            ["--init-model", "\(results)/\(initialModel(hidden: run.hidden, seed: run.seed))"] + data
            + ["--epochs", "\(run.epochs)", "--eval-every", "5", "--seed", "\(run.seed)"] + run.setting.flags
            + (run.precision == .float64 ? [] : ["--dtype", run.precision.rawValue])
            + ["--metrics", "\(results)/runs/\(run.name).csv", "--quiet"]
        return "\(tools)/train " + arguments.map(shellWord).joined(separator: " ")
            + " 2>\(shellWord(log(run, results: results))) && echo '[study] \(index)/\(count) \(run.name)'"
            + " || echo '[study] \(index)/\(count) \(run.name) FAILED (\(log(run, results: results)))'"
    }

    /// Where a run's command keeps what `train` said on standard error (its warnings, or why it failed).
    public static func log(_ run: StudyRun, results: String) -> String { "\(results)/runs/\(run.name).log" }

    /// The shell commands of a list of runs, numbered for their progress lines.
    public static func commands(_ runs: [StudyRun], tools: String, results: String) -> [String] {
        runs.enumerated().map { index, run in
            command(run, index: index + 1, count: runs.count, tools: tools, results: results)
        }
    }

    /// The shell commands of the run list `name` (see ``list(_:results:)``); with `unfinishedOnly`, only those
    /// of the runs that have not finished (``RunCompletion/isFinished``), which is how a study resumes.
    ///
    /// - Throws: what ``list(_:results:)`` throws.
    public static func commands(ofList name: String, tools: String, results: String, unfinishedOnly: Bool = false)
        throws -> [String]
    {
        let runs = try list(name, results: results)
        return zip(runs, commands(runs, tools: tools, results: results)).compactMap { run, line in
            unfinishedOnly && run.completion(results: results).isFinished ? nil : line
        }
    }

    /// The runs of one of the study's lists: `plan` (every experiment's runs) or `refits` (the final
    /// candidates on every point, known once the plan's cross-validation runs are done), for the scope in
    /// `<results>/plan.json`.
    ///
    /// - Throws: ``StudyError/invalidScope(_:)`` for an unknown list name or a bad plan file, and for
    ///   `refits` what ``StudyFinal/crossValidate(results:)`` throws.
    public static func list(_ name: String, results: String) throws -> [StudyRun] {
        let scope = try StudyScope.read(results: results)
        switch name {
        case "plan": return runs(scope)
        case "refits":
            return StudyFinal.refitRuns(try StudyFinal.crossValidate(results: results), seeds: scope.seeds).map {
                var run = $0
                run.precision = scope.precision
                return run
            }
        default: throw StudyError.invalidScope("unknown run list \(name); expected plan or refits")
        }
    }

    /// A word for `sh`: as it is when it is plain, else in single quotes.
    static func shellWord(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacing("'", with: "'\\''") + "'"
    }

    /// A number as it appears in file names: `0`, `0.05`.
    public static func label(_ x: Double) -> String {
        if x == x.rounded() { return String(Int(x)) }
        // Twelve significant digits hide the binary noise of products such as 0.1 · 0.1.
        var text = String(Double("\(Double(Int((x * 1e12).rounded())) / 1e12)")!)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
