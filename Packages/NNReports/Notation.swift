import NN

/// A symbol or formula written twice: in plain Unicode for the terminal and in LaTeX for the report.
struct Written {
    var text: String
    var latex: String

    init(_ text: String, _ latex: String) {
        self.text = text
        self.latex = latex
    }
}

/// How the tool writes activations and losses in the book's notation.
enum Notation {
    /// a[f] = …, for a scalar f.
    static func value(of activation: Activation) -> Written {
        switch activation {
        case .identity: return Written("a[f] = f", "a[f] = f")
        case let .affine(a, b): return Written("a[f] = \(a) + \(b)·f", "a[f] = \(a) + \(b)\\,f")
        case .relu: return Written("a[f] = max(f, 0)", "a[f] = \\max(f, 0)")
        case .heaviside: return Written("a[f] = 𝕀[f ≥ 0]", "a[f] = \\mathbb{I}[f \\ge 0]")
        case let .sigmoid(s) where s == 1:
            return Written("a[f] = σ(f) = 1/(1 + e^(−f))", "a[f] = \\sigma(f) = \\frac{1}{1 + e^{-f}}")
        case let .sigmoid(s): return Written("a[f] = σ(\(s)·f)", "a[f] = \\sigma(\(s)\\,f)")
        case .tanh: return Written("a[f] = tanh(f)", "a[f] = \\tanh(f)")
        case .leakyReLU:
            return Written(
                "a[f] = f if f > 0, α·f if f ≤ 0",
                "a[f] = \\begin{cases} f & f > 0 \\\\ \\alpha f & f \\le 0 \\end{cases}")
        case .elu:
            return Written(
                "a[f] = f if f > 0, α(e^f − 1) if f ≤ 0",
                "a[f] = \\begin{cases} f & f > 0 \\\\ \\alpha (e^f - 1) & f \\le 0 \\end{cases}")
        case .selu:
            return Written(
                "a[f] = λ·f if f > 0, λα(e^f − 1) if f ≤ 0",
                "a[f] = \\begin{cases} \\lambda f & f > 0 \\\\ \\lambda\\alpha (e^f - 1) & f \\le 0 \\end{cases}")
        case .softplus: return Written("a[f] = log(1 + e^f)", "a[f] = \\log(1 + e^f)")
        case .gelu(approximate: false): return Written("a[f] = f·Φ(f)", "a[f] = f\\,\\Phi(f)")
        case .gelu:
            return Written(
                "a[f] = ½f(1 + tanh u), u = √(2/π)(f + 0.044715f³)",
                "a[f] = \\tfrac12 f(1 + \\tanh u),\\ u = \\sqrt{2/\\pi}\\,(f + 0.044715 f^3)")
        case .silu: return Written("a[f] = f·σ(f)", "a[f] = f\\,\\sigma(f)")
        case .sine: return Written("a[f] = sin(f)", "a[f] = \\sin f")
        case .exponential: return Written("a[f] = e^f", "a[f] = e^f")
        case .cosine: return Written("a[f] = cos(f)", "a[f] = \\cos f")
        }
    }

    /// a′[f] = …, the factor that replaces the ReLU's 𝕀[f > 0] in the third line of eq. 7.25.
    static func derivative(of activation: Activation) -> Written {
        switch activation {
        case .identity: return Written("a′[f] = 1", "a'[f] = 1")
        case let .affine(_, b): return Written("a′[f] = \(b)", "a'[f] = \(b)")
        case let .relu(atZero):
            return Written(
                "a′[f] = 𝕀[f > 0] (\(atZero) at f = 0)", "a'[f] = \\mathbb{I}[f > 0]\\ (\(atZero) \\text{ at } f = 0)")
        case .heaviside: return Written("a′[f] = 0", "a'[f] = 0")
        case let .sigmoid(s) where s == 1:
            return Written("a′[f] = σ(f)(1 − σ(f))", "a'[f] = \\sigma(f)\\,(1 - \\sigma(f))")
        case let .sigmoid(s):
            return Written(
                "a′[f] = \(s)·σ(\(s)·f)(1 − σ(\(s)·f))", "a'[f] = \(s)\\,\\sigma(\(s) f)\\,(1 - \\sigma(\(s) f))")
        case .tanh: return Written("a′[f] = 1 − tanh²(f)", "a'[f] = 1 - \\tanh^2(f)")
        case .leakyReLU:
            return Written(
                "a′[f] = 1 if f > 0, α if f ≤ 0",
                "a'[f] = \\begin{cases} 1 & f > 0 \\\\ \\alpha & f \\le 0 \\end{cases}")
        case .elu:
            return Written(
                "a′[f] = 1 if f > 0, α·e^f if f ≤ 0",
                "a'[f] = \\begin{cases} 1 & f > 0 \\\\ \\alpha e^f & f \\le 0 \\end{cases}")
        case .selu:
            return Written(
                "a′[f] = λ if f > 0, λα·e^f if f ≤ 0",
                "a'[f] = \\begin{cases} \\lambda & f > 0 \\\\ \\lambda\\alpha e^f & f \\le 0 \\end{cases}")
        case .softplus: return Written("a′[f] = σ(f)", "a'[f] = \\sigma(f)")
        case .gelu(approximate: false):
            return Written("a′[f] = Φ(f) + f·φ(f)", "a'[f] = \\Phi(f) + f\\,\\varphi(f)")
        case .gelu:
            return Written(
                "a′[f] = ½(1 + tanh u) + ½f(1 − tanh²u)·√(2/π)(1 + 0.134145f²)",
                "a'[f] = \\tfrac12(1 + \\tanh u) + \\tfrac12 f (1 - \\tanh^2 u)\\sqrt{2/\\pi}\\,(1 + 0.134145 f^2)")
        case .silu: return Written("a′[f] = σ(f)(1 + f(1 − σ(f)))", "a'[f] = \\sigma(f)\\,(1 + f(1 - \\sigma(f)))")
        case .sine: return Written("a′[f] = cos(f)", "a'[f] = \\cos f")
        case .exponential: return Written("a′[f] = e^f", "a'[f] = e^f")
        case .cosine: return Written("a′[f] = −sin(f)", "a'[f] = -\\sin f")
        }
    }

    /// The constants in an activation's formulas, e.g. `α = 0.01` (nil when there are none).
    static func constants(of activation: Activation) -> Written? {
        switch activation {
        case let .leakyReLU(alpha), let .elu(alpha): return Written("α = \(alpha)", "\\alpha = \(alpha)")
        case .selu:
            let lambda = Activation.seluLambda, alpha = Activation.seluAlpha
            return Written("λ = \(lambda), α = \(alpha)", "\\lambda = \(lambda),\\ \\alpha = \(alpha)")
        default: return nil
        }
    }

    /// The loss convention: L as a sum of the points' terms ℓ_i, and the term itself.
    ///
    /// The mean is over every output of every point (1/(N·D_o)), as ``Loss/mse`` takes it.
    static func loss(_ loss: Loss, points n: Int, outputs: Int) -> (batch: Written, term: Written) {
        let half = loss == .squaredError(.halfSum)
        let residual =
            outputs == 1
            ? Written("(f(x_i) − y_i)²", "(f(\\mathbf x_i) - y_i)^2")
            : Written("‖f(x_i) − y_i‖²", "\\lVert \\mathbf f(\\mathbf x_i) - \\mathbf y_i \\rVert^2")
        let term = half ? Written("½" + residual.text, "\\tfrac12 " + residual.latex) : residual
        let batch: Written
        switch loss {
        case .squaredError(.mean):
            let count = n * outputs
            let countText = outputs == 1 ? "1/N" : "1/(N·D_o)"
            batch = Written(
                "L = (\(countText)) Σ_i ℓ_i = (1/\(count)) Σ_i ℓ_i\(outputs == 1 ? "" : ", the mean over all N·D_o outputs")",
                "L = \\frac{1}{\(outputs == 1 ? "N" : "N D_o")} \\sum_{i=1}^{N} \\ell_i = \\frac{1}{\(count)} \\sum_{i=1}^{\(n)} \\ell_i"
            )
        case .squaredError(.halfSum), .squaredError(.sum):
            batch = Written("L = Σ_i ℓ_i", "L = \\sum_{i=1}^{\(n)} \\ell_i")
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
