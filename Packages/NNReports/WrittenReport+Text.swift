import NN

extension WrittenReport {
    /// The report for a terminal: the exercise in the book's notation, with aligned tables.
    public func text() -> String {
        let (quantities, findings, n, K, count, loss) = setup()
        var out =
            "Backpropagation on the \(quantities.widths) network (\(quantities.layerSummary)), N = \(count) points\n"
        out += "  \(source)\n\n"
        out += "Loss (\(lossName)): \(report.loss.formula)\n"
        out += "  ℓ_i = \(loss.term.text),  \(loss.batch.text)\n"
        for a in findings.activations {
            out +=
                "Activation \(a.name) (layer\(a.layers.count > 1 ? "s" : "") \(a.layers.map(String.init).joined(separator: ", "))): "
            out += "\(a.value.text);  \(a.derivative.text)\((a.constants.map { ";  " + $0.text }) ?? "")\n"
        }

        func tables(_ rows: [Quantity]) -> String {
            pointGroups(count).map { group in
                rows.table(points: group, name: \.name.text, pointHeading: { "i = \($0 + 1)" }, digits: digits).text()
            }.joined(separator: "\n")
        }
        out += "\nForward pass, UDL eq. 7.24: f_0 = β_0 + Ω_0 x_i,  h_k = a[f_{k−1}],  f_k = β_k + Ω_k h_k\n"
        out += tables(quantities.forward)
        if let note = findings.roundingNote { out += wrap(note.text, indent: "  ") }
        out += "\nBackward pass, UDL eq. 7.25 with a′[f] in place of 𝕀[f > 0], for k = \(K) … 0:\n"
        out +=
            "  ∂ℓ_i/∂β_k = ∂ℓ_i/∂f_k,  ∂ℓ_i/∂Ω_k = ∂ℓ_i/∂f_k h_kᵀ (h_0 = x_i),  ∂ℓ_i/∂f_{k−1} = a′[f_{k−1}] ⊙ (Ω_kᵀ ∂ℓ_i/∂f_k)\n"
        out += tables(quantities.backward)
        if !report.kinks.isEmpty {
            out += "\nKinks:\n" + findings.kinks.map { "  " + $0.text + "\n" }.joined()
            out += wrap(findings.kinkExplanation.text, indent: "  ")
        }

        let scale = report.pointScale == 1 ? "" : "(\(fraction(report.pointScale))) "
        out +=
            "\nBatch gradient ∂L/∂θ = \(scale)Σ_i ∂ℓ_i/∂θ, checked by central differences (δ = \(n(report.gradientCheck.step))),\n"
        out += "and one gradient-descent step θ ← θ − α ∂L/∂θ with α = \(n(report.learningRate)):\n"
        let check = report.gradientCheck
        let crossing = report.parametersCrossingKinks
        var table = Table(header: ["θ", "value", "∂L/∂θ", "central difference", "|difference|", "θ − α ∂L/∂θ"])
        if !crossing.isEmpty { table.header.append("kink") }
        for parameter in quantities.parameters {
            let i = parameter.index
            let (a, b) = (check.analytic.scalars[i], check.numeric.scalars[i])
            var row = [
                parameter.name.text, n(report.network.parameters.scalars[i]), n(a), n(b), n(abs(a - b)),
                n(report.updated.parameters.scalars[i]),
            ]
            if !crossing.isEmpty { row.append(crossing.contains(i) ? "*" : "") }
            table.rows.append(row)
        }
        out += table.text()
        out += wrap(findings.check.text, indent: "  ")

        out += "\nLoss before the step: \(n(report.lossBefore))\nLoss after the step:  \(n(report.lossAfter))\n"
        out += wrap(findings.verdict.text, indent: "")
        if !report.learningRateScan.isEmpty {
            out +=
                "\nLearning-rate scan: one step from the same θ with α·10^(−j/10), j = 0 … 40 (α = \(n(report.learningRate))):\n"
            out += findings.scanTable(latex: false).text()
            out += findings.scanConclusion.text + "\n"
        }
        return out
    }

    /// Words wrapped at 100 columns, every line indented.
    func wrap(_ text: String, indent: String) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && indent.count + line.count + 1 + word.count > 100 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { indent + $0 + "\n" }.joined()
    }
}

/// A scale factor 1/m written as `1/m` when it is one, else as a number.
func fraction(_ x: Double) -> String {
    let m = (1 / x).rounded()
    return m >= 1 && abs(1 / m - x) <= 1e-15 * x ? "1/\(Int(m))" : "\(x)"
}
