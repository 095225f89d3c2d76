import Foundation

/// Markdown fragments of the report generated from tool output: the backpropagation exercise's tables.
public enum ReportBlocks {
    /// The fragment called `name`: `backprop-forward`, `backprop-backward`, `backprop-gradient`,
    /// `backprop-activations` (from `<results>/backprop/*.json`, written by `backprop-check --format json`).
    public static func block(_ name: String, results: String) throws -> String {
        switch name {
        case "backprop-forward": return try forward(load("\(results)/backprop/sigmoid-mse.json"))
        case "backprop-backward": return try backward(load("\(results)/backprop/sigmoid-mse.json"))
        case "backprop-gradient": return try gradient(load("\(results)/backprop/sigmoid-mse.json"))
        case "backprop-activations":
            return try activations(
                ["tanh", "selu", "leaky-relu"].map { ($0, try load("\(results)/backprop/\($0)-mse.json")) })
        default: throw StudyError.unknownValue("block:\(name)")
        }
    }

    /// The parts of `backprop-check --format json` the report shows.
    struct Exercise: Decodable {
        struct Layer: Decodable { var weights: [[Double]]; var biases: [Double] }
        struct Layers: Decodable { var layers: [Layer] }
        struct Point: Decodable {
            var x: [Double], y: [Double], prediction: [Double], loss: Double
            var f: [[Double]], h: [[Double]]
            var dl_df: [[Double]]
        }
        struct Check: Decodable { var max_abs_error: Double; var max_abs_error_away_from_kinks: Double? }
        var loss_before: Double, loss_after: Double
        var gradient: Layers
        var gradient_check: Check
        var updated_model: Layers
        var points: [Point]
    }

    static func load(_ path: String) throws -> Exercise {
        guard let data = FileManager.default.contents(atPath: path) else { throw StudyError.missingRun(path) }
        return try JSONDecoder().decode(Exercise.self, from: data)
    }

    /// Four decimals with a decimal comma and a true minus sign; integers without decimals; no "−0,0000".
    static func n(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e6 { return ReportTemplate.minus(String(Int(x))) }
        let text = String(format: "%.4f", x)
        return ReportTemplate.minus(ReportTemplate.spanish(text == "-0.0000" ? "0.0000" : text))
    }
    static func vector(_ v: [Double]) -> String { "(" + v.map(n).joined(separator: "; ") + ")" }

    /// Per point: f_0, h_1, f_1, h_2, f_2 = f(x_i) and ℓ_i.
    static func forward(_ e: Exercise) -> String {
        var rows = [
            "| $i$ | $\\mathbf{x}_i$ | $\\mathbf{f}_0$ | $\\mathbf{h}_1=\\sigma[\\mathbf{f}_0]$ | $\\mathbf{f}_1$ | $\\mathbf{h}_2=\\sigma[\\mathbf{f}_1]$ | $f_2=f(\\mathbf{x}_i)$ | $\\ell_i$ |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for (i, p) in e.points.enumerated() {
            rows.append(
                "| \(i + 1) | \(vector(p.x)) | \(vector(p.f[0])) | \(vector(p.h[0])) | \(vector(p.f[1])) | \(vector(p.h[1])) | \(n(p.f[2][0])) | \(n(p.loss)) |"
            )
        }
        return rows.joined(separator: "\n")
    }

    /// Per point: ∂ℓ_i/∂f_2, ∂ℓ_i/∂f_1, ∂ℓ_i/∂f_0.
    static func backward(_ e: Exercise) -> String {
        var rows = [
            "| $i$ | $\\partial\\ell_i/\\partial f_2$ | $\\partial\\ell_i/\\partial\\mathbf{f}_1$ | $\\partial\\ell_i/\\partial\\mathbf{f}_0$ |",
            "|---|---|---|---|",
        ]
        for (i, p) in e.points.enumerated() {
            rows.append("| \(i + 1) | \(n(p.dl_df[2][0])) | \(vector(p.dl_df[1])) | \(vector(p.dl_df[0])) |")
        }
        return rows.joined(separator: "\n")
    }

    /// The batch gradient and the parameters after one step with α = 1, layer by layer.
    static func gradient(_ e: Exercise) -> String {
        var rows = [
            "| capa | $\\partial L/\\partial\\boldsymbol\\Omega_k$ | $\\partial L/\\partial\\boldsymbol\\beta_k$ | $\\boldsymbol\\Omega_k$ nuevo | $\\boldsymbol\\beta_k$ nuevo |",
            "|---|---|---|---|---|",
        ]
        for k in e.gradient.layers.indices {
            let g = e.gradient.layers[k], u = e.updated_model.layers[k]
            func matrix(_ m: [[Double]]) -> String { m.map(vector).joined(separator: " ") }
            rows.append(
                "| \(k) | \(matrix(g.weights)) | \(vector(g.biases)) | \(matrix(u.weights)) | \(vector(u.biases)) |")
        }
        return rows.joined(separator: "\n")
    }

    /// For each replacement activation: the loss before and after the step and the largest
    /// finite-difference error away from kinks.
    static func activations(_ cases: [(String, Exercise)]) -> String {
        var rows = [
            "| activación | $L$ antes | $L$ después ($\\alpha=1$) | error máx. vs. diferencias centrales (fuera de los quiebres) |",
            "|---|---|---|---|",
        ]
        for (name, e) in cases {
            let error = e.gradient_check.max_abs_error_away_from_kinks ?? e.gradient_check.max_abs_error
            rows.append(
                "| \(name) | \(n(e.loss_before)) | \(ReportTemplate.number(e.loss_after)) | \(ReportTemplate.scientific(error)) |"
            )
        }
        return rows.joined(separator: "\n")
    }
}

extension ReportBlocks {
    /// Writes `<results>/backprop.csv`: per activation (key), the loss before and after the step with α = 1,
    /// the largest finite-difference error (overall and away from kinks), and the learning-rate scan's
    /// largest decreasing rate and best rate with its loss.
    public static func summarizeBackpropagation(results: String) throws {
        struct Summary: Decodable {
            struct Best: Decodable { var learning_rate: Double; var loss: Double }
            struct Check: Decodable { var max_abs_error: Double; var max_abs_error_away_from_kinks: Double? }
            var loss_before: Double, loss_after: Double
            var gradient_check: Check
            var largest_decreasing_rate: Double?
            var best_rate: Best?
            var kinks: [[String: Double]]?
        }
        var table = StudyTable(columns: [
            "key", "loss_before", "loss_after", "ratio", "max_fd_error", "max_fd_error_away_from_kinks", "kinks",
            "largest_rate", "best_rate", "best_loss",
        ])
        for activation in ["sigmoid", "tanh", "selu", "leaky-relu"] {
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
            ])
        }
        try table.write(to: "\(results)/backprop.csv")
    }
}
