import Foundation

/// Markdown fragments of the report generated from tool output and summaries: the replacement activations'
/// table of II-B and the final model's candidates. (II-A's derivation is `backprop-check --point`'s own
/// Markdown, included as it is.)
public enum ReportBlocks {
    /// The fragment called `name`: `backprop-activations` (from `<results>/backprop.csv`) or
    /// `final-candidates` (from `<results>/final-candidates.csv`).
    public static func block(_ name: String, results: String) throws -> String {
        switch name {
        case "backprop-activations": return try activations(StudyTable(path: "\(results)/backprop.csv"))
        case "final-candidates": return try candidates(StudyTable(path: "\(results)/final-candidates.csv"))
        default: throw StudyError.unknownValue("block:\(name)")
        }
    }

    /// A cell of `table` in a report format.
    static func cell(_ table: StudyTable, _ key: String, _ column: String, _ style: String) throws -> String {
        guard let value = table.value(key: key, column: column) else {
            throw StudyError.unknownValue("\(key):\(column)")
        }
        return try ReportTemplate.format(value, style, placeholder: "\(key):\(column)")
    }

    /// The rows of `backprop.csv` and of II-B's table: each hidden activation with a′ at its computed value,
    /// and the two with kinks again with the derivative from the right there (`-right`).
    static let backpropagationCases = ["sigmoid", "tanh", "selu", "selu-right", "leaky-relu", "leaky-relu-right"]

    /// For each hidden activation (and each side of a′ at the kinks): the loss before and after the step with
    /// α = 1, the intervals of α where one step lowers it, the refined best rate with its loss, and the largest
    /// finite-difference error away from kinks.
    static func activations(_ table: StudyTable) throws -> String {
        // The dashes give pandoc the columns' relative widths.
        var rows = [
            "| activación | $a'[0]$ | $L(0)$ | $L(1)$ | $L(\\alpha)<L(0)$ para $\\alpha\\in$ | mejor $\\alpha$ | su $L$ | error máx. |",
            "|:----------|:-------|------:|--------:|:-------------------|------:|------:|-----------:|",
        ]
        let names = [
            "sigmoid": ("sigmoide", "—"), "tanh": ("TanH", "—"), "selu": ("SELU", "$\\lambda\\alpha$ (izq.)"),
            "selu-right": ("SELU", "$\\lambda$ (der.)"), "leaky-relu": ("LeakyReLU", "$\\alpha_L$ (izq.)"),
            "leaky-relu-right": ("LeakyReLU", "1 (der.)"),
        ]
        for key in backpropagationCases {
            let cells = try [
                ("loss_before", "fix4"), ("loss_after", "num"), ("decreasing_intervals", "intervals3"),
                ("optimal_rate", "fix3"), ("optimal_loss", "fix4"), ("max_fd_error_away_from_kinks", "sci"),
            ].map { try cell(table, key, $0.0, $0.1) }
            rows.append("| \(names[key]!.0) | \(names[key]!.1) | " + cells.joined(separator: " | ") + " |")
        }
        return rows.joined(separator: "\n")
    }

    /// The final model's candidates: network, cross-validated epochs and MSE with its standard error over
    /// the folds (what chose), and the clean error of their refits over the seeds (reported only); the
    /// chosen one in bold.
    static func candidates(_ table: StudyTable) throws -> String {
        var rows = [
            "| candidato | red | parám. | épocas | MSE de validación ± e. e. | MSE limpio (mediana) | mín. | máx. |",
            "|:------------------|:-----|-----:|-----:|--------------------:|-----------:|--------:|--------:|",
        ]
        for row in table.rows {
            let key = row[0]
            let bold = table.value(key: key, column: "chosen") == "yes" ? "**" : ""
            let hidden = table.value(key: key, column: "hidden")!.split(separator: "x")
            let cells = try [
                bold + table.value(key: key, column: "brief_es")! + bold, "\(hidden.count) × \(hidden[0])",
                cell(table, key, "parameters", "int"), cell(table, key, "cv_epoch", "int"),
                bold + cell(table, key, "cv_loss", "fix5") + " ± " + cell(table, key, "cv_se", "fix5") + bold,
                cell(table, key, "test_median", "sci"),
                cell(table, key, "test_min", "sci"), cell(table, key, "test_max", "sci"),
            ]
            rows.append("| " + cells.joined(separator: " | ") + " |")
        }
        return rows.joined(separator: "\n")
    }
}

extension ReportBlocks {
    /// Writes `<results>/backprop.csv` from `<results>/backprop/<key>-mse.json` (``backpropagationCases``):
    /// per case, the loss before and after the step with α = 1, the largest finite-difference error (overall
    /// and away from kinks), the learning-rate scan's largest decreasing rate and best rate with its loss,
    /// and their refinements (the intervals of rates where one step lowers the loss, as `low:high;low:high`,
    /// the threshold rate below which every step lowers it, the optimal rate and its loss).
    public static func summarizeBackpropagation(results: String) throws {
        struct Summary: Decodable {
            struct Best: Decodable { var learning_rate: Double; var loss: Double }
            struct Check: Decodable { var max_abs_error: Double; var max_abs_error_away_from_kinks: Double? }
            var loss_before: Double, loss_after: Double
            var gradient_check: Check
            var largest_decreasing_rate: Double?
            var best_rate: Best?
            var decreasing_intervals: [[Double]]?
            var threshold_rate: Double?
            var optimal_rate: Best?
            var kinks: [[String: Double]]?
        }
        var table = StudyTable(columns: [
            "key", "loss_before", "loss_after", "ratio", "max_fd_error", "max_fd_error_away_from_kinks", "kinks",
            "largest_rate", "best_rate", "best_loss", "decreasing_intervals", "threshold_rate", "optimal_rate",
            "optimal_loss",
        ])
        for activation in backpropagationCases {
            let path = "\(results)/backprop/\(activation)-mse.json"
            guard let data = FileManager.default.contents(atPath: path) else { throw StudyError.missingRun(path) }
            let s = try JSONDecoder().decode(Summary.self, from: data)
            let n = StudySummary.number
            table.append([
                activation, n(s.loss_before), n(s.loss_after), n(s.loss_after / s.loss_before),
                n(s.gradient_check.max_abs_error),
                n(s.gradient_check.max_abs_error_away_from_kinks ?? s.gradient_check.max_abs_error),
                "\(s.kinks?.count ?? 0)",
                s.largest_decreasing_rate.map(n) ?? "", s.best_rate.map { n($0.learning_rate) } ?? "",
                s.best_rate.map { n($0.loss) } ?? "",
                (s.decreasing_intervals ?? []).map { $0.map(n).joined(separator: ":") }.joined(separator: ";"),
                s.threshold_rate.map(n) ?? "",
                s.optimal_rate.map { n($0.learning_rate) } ?? "", s.optimal_rate.map { n($0.loss) } ?? "",
            ])
        }
        try table.write(to: "\(results)/backprop.csv")
    }
}
