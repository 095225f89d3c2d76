import NN

/// The backpropagation exercise written out for people: as aligned text tables for a terminal (``text()``) or
/// as Markdown with LaTeX mathematics ready to paste into a report (``markdown()``).
public struct WrittenReport {
    let report: BackpropagationReport
    let lossName: String
    /// Where the model and data came from, e.g. `model m.json, data d.csv (inputs x1, x2; target y)`.
    let source: String
    let digits: Int

    /// A renderer of `report` under the loss named `lossName`, with `source` naming the model and data and
    /// `digits` significant digits.
    public init(report: BackpropagationReport, lossName: String, source: String, digits: Int) {
        self.report = report
        self.lossName = lossName
        self.source = source
        self.digits = digits
    }

    /// What both renderings start from: the network's quantities, the findings, a number formatter, K, N and
    /// the loss written out.
    func setup() -> (Quantities, Findings, (Double) -> String, Int, Int, (batch: Formula, term: Formula)) {
        let findings = Findings(report: report, digits: digits)
        let count = report.points.count
        return (
            Quantities(report: report), findings, findings.n, report.network.layers.count - 1, count,
            Notation.loss(report.loss, points: count, outputs: report.network.outputs)
        )
    }
}
