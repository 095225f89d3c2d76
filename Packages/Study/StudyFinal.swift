import Datasets
import Foundation
import NN
import NumberFormatting
import Optim
import Platform
import Plot
import Tensor

/// A candidate for the final model: an optimizer setting (with its schedule), a network and a number of
/// epochs.
public struct FinalCandidate: Sendable {
    /// The optimizer setting; its label names the candidate.
    public let setting: OptimizerSetting
    /// The hidden layer widths.
    public let hidden: [Int]
    /// The epochs of a cross-validation run (a cosine schedule spans them).
    public let epochs: Int

    /// The candidate's label, e.g. `adamw-deep`.
    public var label: String { setting.label }
}

/// The final experiment: candidates that the study suggests, chosen by validation alone, refitted on every
/// point and scored on the clean surface.
///
/// 1. Each candidate trains on the folds of a 5-fold cross-validation of the σ = 0.1 data (fold k holds out
///    one fifth of the points and starts from the candidate network's seed-k initial model), evaluated every
///    5 epochs: runs `final-…` of the study's plan.
/// 2. The mean of the five validation curves gives each candidate its epoch count (early stopping) and its
///    validation MSE at that epoch, with its standard error over the folds; by the one-standard-error rule
///    the simplest candidate within one standard error of the lowest MSE is chosen (``choose(_:)``).
/// 3. Every candidate is refitted on all 1,600 points for its chosen epochs (the schedule as in
///    cross-validation), from the seeds of the comparison (`study refits`, runs `refit-…`), so the table
///    shows what each would have given; the chosen candidate's seed-0 refit is the optimal model.
/// 4. The refits are scored on the clean surface: reported, never used to choose.
public enum StudyFinal {
    /// The noise level of the final experiment's training data.
    public static let noise = 0.1
    /// The number of cross-validation folds.
    public static let folds = 5

    /// The candidates: Adam and the working L-BFGS from the comparison; AdamW with weight decay and a
    /// cosine schedule, at two rates; and the faster AdamW on four hidden layers, the depth the size study
    /// favours.
    public static let candidates: [FinalCandidate] = [
        FinalCandidate(
            setting: OptimizerSetting("adam", "Adam lr 0.001, batch 400", "adam(lr=0.001)", batchSize: 400),
            hidden: StudyPlan.courseNetwork, epochs: 3000),
        FinalCandidate(
            setting: OptimizerSetting(
                "lbfgs", "L-BFGS max_iter 1, max_eval 4",
                "lbfgs(lr=1, max_iter=1, max_eval=4, line_search_fn='strong_wolfe')", batchSize: nil),
            hidden: StudyPlan.courseNetwork, epochs: 1000),
        FinalCandidate(
            setting: OptimizerSetting(
                "adamw", "AdamW lr 0.001, weight decay 0.3, cosine, batch 400",
                "adamw(lr=0.001, weight_decay=0.3)", batchSize: 400, schedule: "cosine(T_max=3000)"),
            hidden: StudyPlan.courseNetwork, epochs: 3000),
        FinalCandidate(
            setting: OptimizerSetting(
                "adamw-fast", "AdamW lr 0.003, weight decay 0.3, cosine, batch 400",
                "adamw(lr=0.003, weight_decay=0.3)", batchSize: 400, schedule: "cosine(T_max=3000)"),
            hidden: StudyPlan.courseNetwork, epochs: 3000),
        FinalCandidate(
            setting: OptimizerSetting(
                "adamw-deep", "AdamW lr 0.003, weight decay 0.3, cosine, batch 400",
                "adamw(lr=0.003, weight_decay=0.3)", batchSize: 400, schedule: "cosine(T_max=3000)"),
            hidden: [50, 50, 50, 50], epochs: 3000),
    ]

    /// The candidate with a label.
    /// - Precondition: `label` is one of ``candidates``' labels.
    public static func candidate(_ label: String) -> FinalCandidate {
        guard let candidate = candidates.first(where: { $0.label == label }) else {
            preconditionFailure("no final candidate \(label)")
        }
        return candidate
    }

    /// The training (`train`) or validation (`validation`) part of a fold, relative to the results.
    public static func foldFile(_ fold: Int, part: String) -> String {
        "data/folds/noise-\(StudyPlan.label(noise))-fold\(fold)-\(part).csv"
    }

    /// Writes the folds: one permutation of the σ = 0.1 points (seed 0); fold k validates on the k-th fifth.
    public static func prepareFolds(results: String) throws {
        try StudyPreparation.makeDirectory("\(results)/data/folds")
        let table = SurfaceData(noise: noise, seed: 0).table()
        var random = RandomState(seed: 0)
        let permutation = random.permutation(table.rowCount)
        for fold in 0..<folds {
            let held = Set(permutation[(fold * table.rowCount / folds)..<((fold + 1) * table.rowCount / folds)])
            let parts = [
                ("train", (0..<table.rowCount).filter { !held.contains($0) }),
                ("validation", (0..<table.rowCount).filter { held.contains($0) }),
            ]
            for (part, rows) in parts {
                try StudyPreparation.write(
                    CSVTable(columns: table.columnNames, values: table.values.rows(at: rows)),
                    to: "\(results)/\(foldFile(fold, part: part))")
            }
        }
    }

    /// The cross-validation runs of every candidate (fold k starts from seed k).
    public static var crossValidationRuns: [StudyRun] {
        candidates.flatMap { candidate in
            (0..<folds).map { fold in
                StudyRun(
                    experiment: "final", optimizer: candidate.label, seed: fold, noise: noise, hidden: candidate.hidden,
                    epochs: candidate.epochs, fold: fold)
            }
        }
    }

    /// A candidate's cross-validation: the mean of its folds' validation curves at its best epoch.
    public struct Validation: Sendable {
        /// The candidate's label.
        public var label: String
        /// The evaluated epoch with the lowest mean validation MSE: the refit's epochs.
        public var epoch: Int
        /// The mean validation MSE there.
        public var loss: Double
        /// The standard error of that mean over the folds: their sample standard deviation over √folds.
        public var standardError: Double
        /// The candidate's parameter count, its complexity for the one-standard-error rule.
        public var parameters: Int
        /// The mean validation MSE after the last epoch.
        public var finalLoss: Double
        /// The mean validation curve: (epoch, MSE) at the evaluated epochs.
        public var curve: [(epoch: Double, loss: Double)]
    }

    /// Reads the candidates' cross-validation runs.
    /// - Throws: ``StudyError/missingRun(_:)`` when a fold's metrics are missing.
    public static func crossValidate(results: String) throws -> [Validation] {
        try candidates.map { candidate in
            let curves = try crossValidationRuns.filter { $0.optimizer == candidate.label }.map { run in
                let path = "\(results)/runs/\(run.name).csv"
                let table: CSVTable
                do {
                    table = try CSVTable(path: path, options: .init(allowsMissing: true))
                } catch {
                    throw StudyError.missingRun(run.name)
                }
                let epochs = try table.columns(["epoch"]).scalars
                let losses = try table.columns(["validation_loss"]).scalars
                return losses.indices.filter { !losses[$0].isNaN }.map { (epochs[$0], losses[$0]) }
            }
            // A fold that stopped early (a diverged run) shortens the common curve.
            let count = curves.map(\.count).min() ?? 0
            guard count > 0 else { throw StudyError.missingRun("final-\(candidate.label)") }
            let curve = (0..<count).map { i in
                (epoch: curves[0][i].0, loss: curves.map { $0[i].1 }.reduce(0, +) / Double(curves.count))
            }
            let best = curve.indices.min { curve[$0].loss < curve[$1].loss }!
            let folds = curves.map { $0[best].1 }
            let variance =
                folds.map { ($0 - curve[best].loss) * ($0 - curve[best].loss) }.reduce(0, +)
                / Double(max(folds.count - 1, 1))
            return Validation(
                label: candidate.label, epoch: Int(curve[best].epoch), loss: curve[best].loss,
                standardError: (variance / Double(folds.count)).squareRoot(),
                parameters: Architecture(inputs: 2, hidden: candidate.hidden, activation: .relu, outputs: 1)
                    .parameterCount,
                finalLoss: curve[count - 1].loss, curve: curve)
        }
    }

    /// The refits: every candidate on all points for its cross-validated epochs, from each of the study's
    /// seeds (``StudyScope/seeds``).
    public static func refitRuns(_ validations: [Validation], seeds: [Int]) -> [StudyRun] {
        validations.flatMap { validation in
            let candidate = candidate(validation.label)
            return seeds.map { seed in
                StudyRun(
                    experiment: "refit", optimizer: candidate.label, seed: seed, noise: noise,
                    hidden: candidate.hidden, epochs: max(validation.epoch, 1))
            }
        }.sorted { StudyPlan.cost($0) > StudyPlan.cost($1) }
    }

    /// Where a refit saves its model, relative to the results.
    public static func refitModel(_ run: StudyRun) -> String { "final/\(run.name).json" }

    /// The one-standard-error rule: the candidates whose cross-validated MSE is within one standard error of
    /// the lowest one are tied with it, and the simplest of them (fewest parameters; then the lower MSE)
    /// is chosen. A margin smaller than the folds' spread says nothing about which is better.
    public static func choose(_ validations: [Validation]) -> Validation {
        let best = lowest(validations)
        return validations.filter { $0.loss <= best.loss + best.standardError }
            .min { ($0.parameters, $0.loss) < ($1.parameters, $1.loss) }!
    }

    /// The candidate with the lowest cross-validated MSE.
    public static func lowest(_ validations: [Validation]) -> Validation {
        validations.min { $0.loss < $1.loss }!
    }

    /// Scores the refits on the clean surface, writes `<results>/final-candidates.csv` (one row per
    /// candidate) and `<results>/final.csv` (key, value), and copies the chosen candidate's refit from the
    /// first seed (seed 0 in the standard study) to `model`.
    public static func summarize(results: String, model: String) throws -> StudyTable {
        let seeds = try StudyScope.read(results: results).seeds
        let validations = try crossValidate(results: results)
        let chosen = choose(validations)
        let clean = SurfaceData(noise: 0)
        let noisy = SurfaceData(noise: noise, seed: 0)
        var candidatesTable = StudyTable(columns: [
            "key", "title", "title_es", "brief_es", "hidden", "parameters", "epochs", "cv_epoch", "cv_loss", "cv_se",
            "cv_final", "tied", "chosen", "test_median", "test_min", "test_max",
        ])
        let best = lowest(validations)
        var chosenScores: [(test: Double, train: Double)] = []
        var chosenModel = ""
        for validation in validations {
            let candidate = candidate(validation.label)
            let runs = refitRuns([validation], seeds: seeds)
            var scores: [(test: Double, train: Double)] = []
            for run in runs.sorted(by: { $0.seed < $1.seed }) {
                let path = "\(results)/\(refitModel(run))"
                let network = try ModelFile.network(fromJSON: try StudyPreparation.readText(path), file: path)
                let workspace = NetworkWorkspace(network.architecture, capacity: clean.count)
                scores.append(
                    (
                        workspace.loss(
                            parameters: network.parameters, inputs: clean.inputs, targets: clean.clean, loss: .mse),
                        workspace.loss(
                            parameters: network.parameters, inputs: noisy.inputs, targets: noisy.targets, loss: .mse)
                    ))
                if validation.label == chosen.label && run.seed == seeds.min() { chosenModel = path }
            }
            let tests = scores.map(\.test)
            let n = StudySummary.number
            candidatesTable.append([
                candidate.label, candidate.setting.title, spanishTitle(candidate.setting),
                briefTitle(candidate.setting),
                candidate.hidden.map(String.init).joined(separator: "x"), "\(validation.parameters)",
                "\(candidate.epochs)", "\(validation.epoch)", n(validation.loss), n(validation.standardError),
                n(validation.finalLoss), validation.loss <= best.loss + best.standardError ? "yes" : "no",
                validation.label == chosen.label ? "yes" : "no", n(StudySummary.median(tests)), n(tests.min()!),
                n(tests.max()!),
            ])
            if validation.label == chosen.label { chosenScores = scores }
        }
        try candidatesTable.write(to: "\(results)/final-candidates.csv")
        try StudyPreparation.writeText(try StudyPreparation.readText(chosenModel), to: model)

        let candidate = candidate(chosen.label)
        let tests = chosenScores.map(\.test)
        let n = StudySummary.number
        var table = StudyTable(columns: ["key", "value"])
        for (key, value) in [
            ("candidate", chosen.label), ("title", candidate.setting.title),
            ("title_es", spanishTitle(candidate.setting)),
            ("hidden", candidate.hidden.map(String.init).joined(separator: ", ")),
            ("depth", "\(candidate.hidden.count)"), ("noise", StudyPlan.label(noise)), ("folds", "\(folds)"),
            ("epochs", "\(candidate.epochs)"), ("cv_epoch", "\(chosen.epoch)"), ("cv_loss", n(chosen.loss)),
            ("cv_se", n(chosen.standardError)), ("lowest", best.label),
            ("lowest_brief_es", briefTitle(self.candidate(best.label).setting)),
            ("lowest_depth", "\(self.candidate(best.label).hidden.count)"), ("lowest_cv_loss", n(best.loss)),
            ("lowest_cv_se", n(best.standardError)), ("cv_margin", n(chosen.loss - best.loss)),
            ("tie_limit", n(best.loss + best.standardError)),
            ("seeds", "\(seeds.count)"),
            ("test_mse", n(chosenScores[0].test)), ("train_mse", n(chosenScores[0].train)),
            ("test_median", n(StudySummary.median(tests))), ("test_min", n(tests.min()!)),
            ("test_max", n(tests.max()!)), ("noise_variance", n(noise * noise)),
            ("parameters", "\(chosen.parameters)"),
        ] { table.append([key, value]) }
        try table.write(to: "\(results)/final.csv")
        return table
    }

    static func spanish(_ x: Double) -> String { Numbers.marked(Numbers.integralOrShortest(x), .comma) }

    /// The optimizers' names in the report.
    static let names: [String: String] = [
        "sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adadelta": "Adadelta", "lbfgs": "L-BFGS",
    ]

    /// The optimizer's name in the report: ``names``, or the configuration's own name.
    static func name(_ setting: OptimizerSetting) -> String {
        names[setting.configuration.name] ?? setting.configuration.name
    }

    /// A setting's short name for a narrow table: the optimizer and what tells it from the others of the
    /// final candidates, e.g. `AdamW, lr 0,003` or `L-BFGS, max_eval 4`.
    public static func briefTitle(_ setting: OptimizerSetting) -> String {
        let detail =
            setting.configuration.name == "lbfgs"
            ? setting.number("max_eval").map { "max_eval " + spanish($0) }
            : setting.number("lr").map { "lr " + spanish($0) }
        return name(setting) + (detail.map { ", " + $0 } ?? "")
    }

    /// A setting's name as the report writes it, e.g. `AdamW (lr 0,003, decaimiento 0,3, coseno, lotes de 400)`.
    public static func spanishTitle(_ setting: OptimizerSetting) -> String {
        var parts: [String] = []
        if case let .number(lr)? = setting.configuration.value("lr") { parts.append("lr " + spanish(lr)) }
        if let momentum = setting.number("momentum") { parts.append("momento " + spanish(momentum)) }
        if setting.configuration.settings["nesterov"] == .flag(true) { parts.append("Nesterov") }
        if let decay = setting.number("weight_decay") { parts.append("decaimiento " + spanish(decay)) }
        if let evaluations = setting.number("max_eval") { parts.append("max_eval " + spanish(evaluations)) }
        if case .cosine = setting.schedule { parts.append("coseno") }
        parts.append(setting.batchSize.map { "lotes de \($0)" } ?? "lote completo")
        return "\(name(setting)) (\(parts.joined(separator: ", ")))"
    }

    /// The study setting's name as the report writes it (``spanishTitle(_:)-swift.type.method``).
    public static func spanishTitle(_ label: String) -> String { spanishTitle(StudyPlan.setting(label)) }
}
