import NN

/// How the tool writes losses in the book's notation (activations write themselves: ``Activation/valueFormula``).
enum Notation {
    /// The loss convention: L as a sum of the points' terms ℓ_i, and the term itself.
    ///
    /// The mean is over every output of every point (1/(N·D_o)), as ``Loss/mse`` takes it.
    static func loss(_ loss: Loss, points n: Int, outputs: Int) -> (batch: Formula, term: Formula) {
        let half = loss == .squaredError(.halfSum)
        let residual =
            outputs == 1
            ? Formula("(f(x_i) − y_i)²", "(f(\\mathbf x_i) - y_i)^2")
            : Formula("‖f(x_i) − y_i‖²", "\\lVert \\mathbf f(\\mathbf x_i) - \\mathbf y_i \\rVert^2")
        let term = half ? Formula("½" + residual.text, "\\tfrac12 " + residual.latex) : residual
        let batch: Formula
        switch loss {
        case .squaredError(.mean):
            let count = n * outputs
            let countText = outputs == 1 ? "1/N" : "1/(N·D_o)"
            batch = Formula(
                "L = (\(countText)) Σ_i ℓ_i = (1/\(count)) Σ_i ℓ_i\(outputs == 1 ? "" : ", the mean over all N·D_o outputs")",
                "L = \\frac{1}{\(outputs == 1 ? "N" : "N D_o")} \\sum_{i=1}^{N} \\ell_i = \\frac{1}{\(count)} \\sum_{i=1}^{\(n)} \\ell_i"
            )
        case .squaredError(.halfSum), .squaredError(.sum):
            batch = Formula("L = Σ_i ℓ_i", "L = \\sum_{i=1}^{\(n)} \\ell_i")
        default:
            preconditionFailure("backprop-check uses squared-error losses only")
        }
        return (batch, term)
    }

    /// LaTeX of ``Loss/formula`` for the squared-error conventions.
    static func latexFormula(_ loss: Loss) -> String {
        switch loss {
        case .squaredError(.mean): return "L = \\frac{1}{N} \\sum_{i=1}^{N} (f(\\mathbf x_i) - y_i)^2"
        case .squaredError(.halfSum): return "L = \\frac12 \\sum_{i=1}^{N} (f(\\mathbf x_i) - y_i)^2"
        default: return "L = \\sum_{i=1}^{N} (f(\\mathbf x_i) - y_i)^2"
        }
    }
}
