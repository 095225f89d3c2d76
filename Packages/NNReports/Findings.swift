import NN

/// What the report found, in sentences both the text and the Markdown output use (with `Formula`'s two
/// notations for the mathematics).
struct Findings {
    let report: BackpropagationReport
    let digits: Int

    /// A number for plain text: `-8.32667268e-17`.
    func n(_ x: Double) -> String { formatted(x, digits: digits) }

    /// A number for LaTeX math: `-8.32667268 \times 10^{-17}`.
    func m(_ x: Double) -> String { latexNumber(n(x)) }

    /// The distinct activations of the layers with their formulas, e.g. sigmoid for layers 0 and 1; the
    /// identity is left out (a′ = 1).
    var activations: [(name: String, layers: [Int], value: Formula, derivative: Formula, constants: Formula?)] {
        var result: [(name: String, layers: [Int], value: Formula, derivative: Formula, constants: Formula?)] = []
        for (k, layer) in report.network.layers.enumerated() where layer.activation != .identity {
            if let i = result.firstIndex(where: { $0.name == layer.activation.description }) {
                result[i].layers.append(k)
            } else {
                let a = layer.activation
                result.append(
                    (a.description, [k], a.valueFormula, a.derivativeFormula, a.constantsFormula))
            }
        }
        return result
    }

    /// The pre-activations at a kink, e.g. `point 1: f_0[3] = -8.33e-17 (a′ = 0.01)`.
    var kinks: [Formula] {
        report.kinks.map { kink in
            let trace = report.points[kink.point]
            let used =
                kink.layer < trace.activationDerivatives.count
                ? trace.activationDerivatives[kink.layer][kink.unit]
                : report.network.layers[kink.layer].activation.derivative(kink.value)
            let value = n(kink.value), slope = n(used)
            let side = report.kinkDerivative == .computed ? "" : " (the \(report.kinkDerivative.rawValue) derivative)"
            return Formula(
                "point \(kink.point + 1): f_\(kink.layer)[\(kink.unit + 1)] = \(value), backpropagation uses a′ = \(slope)\(side)",
                "point \(kink.point + 1): $f_{\(kink.layer)}[\(kink.unit + 1)] = \(latexNumber(value))$, backpropagation uses $a' = \(latexNumber(slope))$\(side)"
            )
        }
    }

    /// A note on pre-activations that are 0 up to rounding where the activation is smooth (at a kink the
    /// kink explanation says it), e.g. Figure 1's 0.1 − 1.3 + 1.2 = −8.3e-17.
    var roundingNote: Formula? {
        let tiny = report.points.flatMap { $0.preActivations.joined() }.filter { $0 != 0 && abs($0) < 1e-9 }
        guard report.kinks.isEmpty, !tiny.isEmpty else { return nil }
        return Formula(
            "Values such as \(tiny.map(n).joined(separator: ", ")) are 0 up to rounding: binary floating point cannot hold numbers like 0.1 exactly.",
            "Values such as \(tiny.map { "$" + m($0) + "$" }.joined(separator: ", ")) are 0 up to rounding: binary floating point cannot hold numbers like 0.1 exactly."
        )
    }

    /// Why the finite differences disagree at kinks, and which components that concerns.
    var kinkExplanation: Formula {
        let names = Quantities(report: report).parameters.filter { report.parametersCrossingKinks.contains($0.index) }
            .map(\.name)
        let points = report.pointsCrossingKinks.sorted().map { String($0 + 1) }.joined(separator: ", ")
        let text = """
            These values are 0 up to rounding, where a′[f] jumps: a′[0] is a convention, and backpropagation uses \
            the branch of the side rounding put f on. A central difference moves f across the kink and averages \
            the two one-sided slopes, so it disagrees with backpropagation for the components that move these \
            units: \(names.map(\.text).joined(separator: ", ")) and the inputs of point\(points.count > 1 ? "s" : "") \(points). \
            That is the kink, not an error in eq. 7.25.
            """
        let latex = """
            These values are 0 up to rounding, where $a'[f]$ jumps: $a'[0]$ is a convention, and backpropagation \
            uses the branch of the side rounding put $f$ on. A central difference moves $f$ across the kink and \
            averages the two one-sided slopes, so it disagrees with backpropagation for the components that move \
            these units: \(names.map { "$" + $0.latex + "$" }.joined(separator: ", ")) and the inputs of \
            point\(points.count > 1 ? "s" : "") \(points). That is the kink, not an error in eq. 7.25.
            """
        return Formula(text, latex)
    }

    /// The finite-difference check in one or two sentences: the largest errors over the parameters
    /// (and where) and over the inputs, and away from the kinks when there are some.
    var check: Formula {
        let check = report.gradientCheck
        func largest(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max() ?? 0 }
        let parameters =
            check.checkedParameters == nil
            ? largest(check.analytic.scalars, check.numeric.scalars)
            : (check.checkedParameters!.map { abs(check.analytic[$0] - check.numeric[$0]) }.max() ?? 0)
        let inputs = largest(check.analyticInput.scalars, check.numericInput.scalars)
        let worst = Quantities(report: report).parameters.first { $0.index == check.worstParameter }!.name
        var text = """
            Largest |backprop − central difference|: \(n(parameters)) over the parameters (at ∂L/∂\(worst.text)), \
            \(n(inputs)) over the inputs (∂L/∂x_i, also checked).
            """
        var latex = """
            Largest $\\lvert\\text{backprop} - \\text{central difference}\\rvert$: $\(m(parameters))$ over the parameters \
            (at $\\partial L/\\partial \(worst.latex)$), $\(m(inputs))$ over the inputs ($\\partial L/\\partial\\mathbf x_i$, also checked).
            """
        if !report.kinks.isEmpty {
            let away = report.maxAbsoluteErrorAwayFromKinks
            text +=
                " The large errors are those of the components that cross a kink; everywhere else the largest is \(n(away))."
            latex +=
                " The large errors are those of the components that cross a kink; everywhere else the largest is $\(m(away))$."
        }
        return Formula(text, latex)
    }

    /// Whether the step lowered the loss, said plainly.
    var verdict: Formula {
        let before = n(report.lossBefore), after = n(report.lossAfter), change = n(report.lossAfter - report.lossBefore)
        let rate = n(report.learningRate)
        if report.decreased {
            return Formula(
                "The loss decreased: from \(before) to \(after) (change \(change)) with learning rate α = \(rate).",
                "The loss decreased: from \(before) to \(after) (change \(change)) with learning rate $\\alpha = \(latexNumber(rate))$."
            )
        }
        let how =
            report.lossAfter > report.lossBefore
            ? "it went up from \(before) to \(after) (change +\(n(report.lossAfter - report.lossBefore)))"
            : "it stayed at \(before)"
        return Formula(
            "The loss did NOT decrease: \(how) with learning rate α = \(rate). The step overshoots.",
            "**The loss did not decrease:** \(how) with learning rate $\\alpha = \(latexNumber(rate))$. The step overshoots."
        )
    }

    /// The scan's conclusions: the largest rate that lowers the loss and the best rate.
    var scanConclusion: Formula {
        let lowest = n(report.learningRate * 1e-4)
        guard let largest = report.largestDecreasingRate, let best = report.bestScannedRate,
            best.loss < report.lossBefore
        else {
            return Formula(
                "No rate on the scan, down to \(lowest), lowers the loss.",
                "No rate on the scan, down to $\(latexNumber(lowest))$, lowers the loss.")
        }
        let largestLoss = report.learningRateScan.first { $0.rate == largest }!.loss
        var text = """
            Largest rate on the scan that lowers the loss: α = \(n(largest)) (L = \(n(largestLoss))).
            Best rate on the scan: α = \(n(best.rate)) (L = \(n(best.loss))). Rerun with --lr \(n(best.rate)) to see that step.
            """
        var latex = """
            Largest rate on the scan that lowers the loss: $\\alpha = \(m(largest))$ ($L = \(m(largestLoss))$). \
            Best rate on the scan: $\\alpha = \(m(best.rate))$ ($L = \(m(best.loss))$); `--lr \(n(best.rate))` shows that step.
            """
        if let optimum = report.optimalRate, !report.decreasingIntervals.isEmpty {
            let intervals = report.decreasingIntervals.map { "(\(n($0.low)), \(n($0.high)))" }
            let latexIntervals = report.decreasingIntervals.map { "(\(m($0.low)), \(m($0.high)))" }
            text += """

                Refined: one step lowers the loss for α in \(intervals.joined(separator: " ∪ ")) (a fine grid, each \
                crossing bisected), and the best step is α = \(n(optimum.rate)) with L = \(n(optimum.loss)) \
                (golden-section search).
                """
            latex += """
                 Refined: one step lowers the loss for $\\alpha \\in \(latexIntervals.joined(separator: " \\cup "))$ (a fine \
                grid, each crossing bisected), and the best step is $\\alpha = \(m(optimum.rate))$ with \
                $L = \(m(optimum.loss))$ (golden-section search).
                """
        }
        return Formula(text, latex)
    }

    /// The scan as a table: rate, loss after one step, change, and whether it lowers the loss.
    func scanTable(latex: Bool) -> Table {
        var table = Table(
            header: latex
                ? ["$\\alpha$", "$L$ after the step", "change", "lowers $L$"]
                : ["α", "L after the step", "change", "lowers L"],
            leftAligned: [3])
        for (rate, loss) in report.learningRateScan {
            table.rows.append([n(rate), n(loss), n(loss - report.lossBefore), loss < report.lossBefore ? "yes" : "no"])
        }
        return table
    }
}

/// A `%g` number for LaTeX math: `1e-06` → `1 \times 10^{-6}`, others unchanged.
func latexNumber(_ text: String) -> String {
    guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
    return text[..<e] + " \\times 10^{\(exponent)}"
}
