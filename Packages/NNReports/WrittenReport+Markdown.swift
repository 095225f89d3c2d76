import NN
import Tensor

extension WrittenReport {
    /// The report as Markdown with LaTeX mathematics (`$…$`, `$$…$$`), ready to paste into a report.
    public func markdown() -> String {
        let (quantities, findings, n, K, count, loss) = setup()
        var out = "## Backpropagation on the \(quantities.widths.replacingArrows) network\n\n"
        out += "\(quantities.layerSummary); $N = \(count)$ points; \(source).\n\n"
        out += "**Loss** (`\(lossName)`): $\(Notation.latexFormula(report.loss))$, "
        out += "that is $\\ell_i = \(loss.term.latex)$ and $\(loss.batch.latex)$.\n\n"
        for a in findings.activations {
            let layers = a.layers.map(String.init).joined(separator: ", ")
            out += "**Activation** `\(a.name)` (layer\(a.layers.count > 1 ? "s" : "") \(layers)):\n\n"
            out +=
                "$$\(a.value.latex), \\qquad \(a.derivative.latex)\(a.constants.map { ", \\qquad " + $0.latex } ?? "")$$\n\n"
        }

        func tables(_ rows: [Quantity]) -> String {
            pointGroups(count).map { group in
                rows.table(
                    points: group, name: { "$" + $0.name.latex + "$" }, pointHeading: { "$i = \($0 + 1)$" },
                    digits: digits
                )
                .markdown
            }.joined(separator: "\n")
        }
        out += "### Forward pass (UDL eq. 7.24)\n\n"
        out += "$$\\mathbf f_0 = \\boldsymbol\\beta_0 + \\boldsymbol\\Omega_0 \\mathbf x_i, \\qquad "
        out +=
            "\\mathbf h_k = a[\\mathbf f_{k-1}], \\qquad \\mathbf f_k = \\boldsymbol\\beta_k + \\boldsymbol\\Omega_k \\mathbf h_k$$\n\n"
        out += tables(quantities.forward)
        if let note = findings.roundingNote { out += "\n" + note.latex + "\n" }
        out += "\n### Backward pass (UDL eq. 7.25 with $a'[\\mathbf f]$ in place of $\\mathbb I[\\mathbf f > 0]$)\n\n"
        out += "For $k = \(K), \\dots, 0$ (with $\\mathbf h_0 = \\mathbf x_i$):\n\n"
        out +=
            "$$\\frac{\\partial\\ell_i}{\\partial\\boldsymbol\\beta_k} = \\frac{\\partial\\ell_i}{\\partial\\mathbf f_k}, \\qquad "
        out +=
            "\\frac{\\partial\\ell_i}{\\partial\\boldsymbol\\Omega_k} = \\frac{\\partial\\ell_i}{\\partial\\mathbf f_k}\\,\\mathbf h_k^{\\mathsf T}, \\qquad "
        out +=
            "\\frac{\\partial\\ell_i}{\\partial\\mathbf f_{k-1}} = a'[\\mathbf f_{k-1}] \\odot \\Big(\\boldsymbol\\Omega_k^{\\mathsf T} "
        out += "\\frac{\\partial\\ell_i}{\\partial\\mathbf f_k}\\Big)$$\n\n"
        out += tables(quantities.backward)
        if !report.kinks.isEmpty {
            out += "\n**Kinks.** " + findings.kinks.map(\.latex).joined(separator: "; ") + ". "
            out += findings.kinkExplanation.latex + "\n"
        }

        let scale = report.pointScale == 1 ? "" : "\\frac{1}{\(Int((1 / report.pointScale).rounded()))}"
        out += "\n### Batch gradient\n\n"
        out +=
            "$\\partial L/\\partial\\boldsymbol\\theta = \(scale)\\sum_i \\partial\\ell_i/\\partial\\boldsymbol\\theta$:\n\n"
        out += "$$" + layerMatrices(report.gradient, prefix: { "\\frac{\\partial L}{\\partial" + $0 + "}" }) + "$$\n\n"
        out += "Checked against central differences with $\\delta = \(findings.m(report.gradientCheck.step))$:\n\n"
        out += checkTable(quantities).markdown + "\n" + findings.check.latex + "\n"

        out += "\n### Gradient-descent step\n\n"
        out +=
            "$\\boldsymbol\\theta \\leftarrow \\boldsymbol\\theta - \\alpha\\, \\partial L/\\partial\\boldsymbol\\theta$ "
        out += "with $\\alpha = \(findings.m(report.learningRate))$:\n\n"
        out += "$$" + layerMatrices(report.updated.parameters, prefix: { $0 + "'" }) + "$$\n\n"
        out +=
            "| | $L$ |\n|:--|--:|\n| before the step | \(n(report.lossBefore)) |\n| after the step | \(n(report.lossAfter)) |\n\n"
        out += findings.verdict.latex + "\n"
        if !report.learningRateScan.isEmpty {
            out += "\nLearning-rate scan: one step from the same $\\boldsymbol\\theta$ with rate "
            out += "$\\alpha \\cdot 10^{-j/10}$, $j = 0, \\dots, 40$:\n\n"
            out += findings.scanTable(latex: true).markdown + "\n" + findings.scanConclusion.latex + "\n"
        }
        return out
    }

    /// `Ω_0 = [bmatrix], β_0 = [bmatrix], …` for a flat parameter-shaped vector, two layers to a line.
    func layerMatrices(_ flat: Tensor, prefix: (String) -> String) -> String {
        let network = Network(report.network.architecture, parameters: flat)
        let n = Findings(report: report, digits: digits).m
        func bmatrix(_ t: Tensor, rows: Int) -> String {
            let columns = t.count / rows
            let lines = (0..<rows).map { r in
                (0..<columns).map { n(t.scalars[r * columns + $0]) }.joined(separator: " & ")
            }
            return "\\begin{bmatrix} " + lines.joined(separator: " \\\\ ") + " \\end{bmatrix}"
        }
        let layers = network.layers.enumerated().map { k, layer in
            prefix("\\boldsymbol\\Omega_{\(k)}") + " = " + bmatrix(network.weights(ofLayer: k), rows: layer.outputs)
                + ", \\quad "
                + prefix("\\boldsymbol\\beta_{\(k)}") + " = " + bmatrix(network.biases(ofLayer: k), rows: layer.outputs)
        }
        return "\\begin{gathered} " + layers.joined(separator: " \\\\ ") + " \\end{gathered}"
    }

    /// Backpropagation against central differences, one row per parameter.
    func checkTable(_ quantities: Quantities) -> Table {
        let n = Findings(report: report, digits: digits).n
        let check = report.gradientCheck
        let crossing = report.parametersCrossingKinks
        var table = Table(header: ["$\\theta$", "backprop", "central difference", "absolute difference"])
        if !crossing.isEmpty { table.header.append("crosses a kink") }
        for parameter in quantities.parameters {
            let (a, b) = (check.analytic.scalars[parameter.index], check.numeric.scalars[parameter.index])
            var row = ["$\(parameter.name.latex)$", n(a), n(b), n(abs(a - b))]
            if !crossing.isEmpty { row.append(crossing.contains(parameter.index) ? "yes" : "") }
            table.rows.append(row)
        }
        return table
    }
}

extension String {
    /// `2 → 3 → 1` as `$2 \to 3 \to 1$`.
    var replacingArrows: String {
        "$" + split(separator: " ").map { $0 == "→" ? "\\to" : String($0) }.joined(separator: " ") + "$"
    }
}
