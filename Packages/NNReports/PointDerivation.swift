import NN
import Tensor

/// The backpropagation exercise worked by hand for one data point, as the assignment asks ("desarrollando
/// todos los pasos"): the loss convention, eqs. 7.24 and 7.25 (with the activation's a′ in place of the ReLU's
/// indicator), every quantity of both for point i with its numbers substituted (f_0 = β_0 + Ω_0 x_i = …,
/// h_1 = a[f_0] = …, …, ∂ℓ_i/∂f_K = 2(f_K − y_i) = …, ∂ℓ_i/∂f_{k−1} = a′[f_{k−1}] ⊙ (Ω_kᵀ ∂ℓ_i/∂f_k) = …,
/// ∂ℓ_i/∂Ω_k = (∂ℓ_i/∂f_k) h_kᵀ = …), then the other points in a table, the batch gradient and the parameters
/// after one gradient-descent step.
///
/// Markdown with LaTeX mathematics (`$…$`, `$$…$$`, vectors and matrices as `smallmatrix`) that a forge and
/// pandoc render alike, in English or in Spanish (``ReportLanguage``).
public struct PointDerivation {
    let report: BackpropagationReport
    /// The point worked out, from 0.
    let point: Int
    let lossName: String
    let language: ReportLanguage
    let style: NumberStyle

    /// A derivation of `report` for its point `point` (0-based) under the loss named `lossName`.
    ///
    /// - Parameters:
    ///   - report: the worked exercise whose numbers the derivation writes out.
    ///   - point: the index of the point derived step by step, from 0; the others go in a table.
    ///   - lossName: the loss's name as the user gave it (e.g. `mse`), shown beside its formula.
    ///   - language: the words, and the decimal separator (a comma in Spanish).
    ///   - precision: the digits of every number.
    /// - Precondition: `point` is one of the report's points.
    public init(
        report: BackpropagationReport, point: Int, lossName: String, language: ReportLanguage,
        precision: NumberStyle.Precision
    ) {
        precondition(report.points.indices.contains(point), "no point \(point + 1) in \(report.points.count)")
        self.report = report
        self.point = point
        self.lossName = lossName
        self.language = language
        style = NumberStyle(precision: precision, decimalComma: language == .spanish)
    }

    private var network: Network { report.network }
    private var K: Int { network.layers.count - 1 }
    private var spanish: Bool { language == .spanish }

    // MARK: Symbols (LaTeX), bold for vectors and plain for quantities of width 1.

    private func f(_ k: Int) -> String { network.layers[k].outputs == 1 ? "f_{\(k)}" : "\\mathbf f_{\(k)}" }
    private func beta(_ k: Int) -> String {
        network.layers[k].outputs == 1 ? "\\beta_{\(k)}" : "\\boldsymbol\\beta_{\(k)}"
    }
    private func omega(_ k: Int) -> String { "\\boldsymbol\\Omega_{\(k)}" }
    /// h_k, with h_0 = x_i.
    private func h(_ k: Int, _ i: String) -> String { k == 0 ? "\\mathbf x_{\(i)}" : "\\mathbf h_{\(k)}" }
    private func y(_ i: String) -> String { network.outputs == 1 ? "y_{\(i)}" : "\\mathbf y_{\(i)}" }
    /// ∂ℓ_i/∂s, with a slash so that the rows of the derivation stay one line high.
    private func d(_ symbol: String, _ i: String) -> String { "\\partial\\ell_{\(i)}/\\partial \(symbol)" }

    /// a[·] of layer k by its usual name: σ, tanh, or a.
    private func a(_ k: Int) -> String {
        switch network.layers[k].activation {
        case let .sigmoid(scale) where scale == 1: return "\\sigma"
        case .tanh: return "\\tanh"
        default: return "a"
        }
    }

    /// a′[f_k] written through h_{k+1} = a[f_k] where that is how the book's exercise writes it.
    private func aPrime(_ k: Int) -> String {
        switch network.layers[k].activation {
        case let .sigmoid(scale) where scale == 1: return "\\mathbf h_{\(k + 1)}\\odot(1-\\mathbf h_{\(k + 1)})"
        case .tanh: return "(1-\\mathbf h_{\(k + 1)}\\odot\\mathbf h_{\(k + 1)})"
        default: return "a'[\\mathbf f_{\(k)}]"
        }
    }

    // MARK: Values.

    /// A column vector (a number when it has one component); `given` for the exercise's own data.
    private func column(_ v: [Double], given: Bool = false) -> String {
        matrix(v, rows: v.count, given: given)
    }

    /// A row vector (a number when it has one component).
    private func row(_ v: [Double], given: Bool = false) -> String { matrix(v, rows: 1, given: given) }

    /// A matrix given row by row in a flat array (a number when it has one entry).
    private func matrix(_ values: [Double], rows: Int, given: Bool = false) -> String {
        let number = given ? style.given.latex : style.latex
        if values.count == 1 { return number(values[0]) }
        let columns = values.count / rows
        let lines = (0..<rows).map { r in
            values[(r * columns)..<((r + 1) * columns)].map(number).joined(separator: " & ")
        }
        return "\\left(\\begin{smallmatrix}" + lines.joined(separator: "\\\\") + "\\end{smallmatrix}\\right)"
    }

    /// A vector in running text: `(0,4000; 1,8000)` or `(0.4000, 1.8000)`.
    private func inline(_ v: [Double], given: Bool = false) -> String {
        let text = given ? style.given.text : style.text
        return v.count == 1 ? text(v[0]) : "(" + v.map(text).joined(separator: spanish ? "; " : ", ") + ")"
    }

    // MARK: The document.

    /// The derivation as Markdown.
    public func markdown() -> String {
        [lossAndActivations(), equations(), forward(), backward(), otherPoints(), step()]
            .filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    /// The loss convention, how the mean enters, and the hidden activations with their derivatives.
    func lossAndActivations() -> String {
        let n = report.points.count
        let loss = Notation.loss(report.loss, points: n, outputs: network.outputs)
        let mean = report.pointScale != 1
        let scale = mean ? "\\frac{1}{\(Int((1 / report.pointScale).rounded()))}" : ""
        let gradient =
            "\\partial L/\\partial\\boldsymbol\\theta=\(scale)\\sum_{i=1}^{\(n)}"
            + "\\partial\\ell_i/\\partial\\boldsymbol\\theta"
        var text =
            spanish
            ? "**Pérdida** (`\(lossName)`): $\\ell_i=\(loss.term.latex)$ y $\(loss.batch.latex)$. "
                + (mean
                    ? "La media entra al final: cada punto se deriva con su $\\ell_i$ y $\(gradient)$."
                    : "$\(gradient)$.")
            : "**Loss** (`\(lossName)`): $\\ell_i=\(loss.term.latex)$ and $\(loss.batch.latex)$. "
                + (mean
                    ? "The mean enters at the end: each point is differentiated through its $\\ell_i$, and $\(gradient)$."
                    : "$\(gradient)$.")
        for activation in Findings(report: report, digits: 9).activations {
            let layers = activation.layers.map(String.init).joined(separator: spanish ? " y " : " and ")
            let plural = activation.layers.count > 1
            text +=
                spanish
                ? " **Activación** de la\(plural ? "s capas" : " capa") \(layers): "
                : " **Activation** of layer\(plural ? "s" : "") \(layers): "
            text += "$\(activation.value.latex)$, $\(activation.derivative.latex)$"
            text += activation.constants.map { ", $\($0.latex)$" } ?? ""
            text += "."
        }
        return text
    }

    /// Eqs. 7.24 and 7.25 in general, with a′ in the third line of eq. 7.25.
    func equations() -> String {
        // k = K, …, 1 written out when short: "2, 1".
        let layers =
            K <= 3 ? (1...max(K, 1)).reversed().map(String.init).joined(separator: ", ") : "\(K),\\dots,1"
        let output = f(K)
        let intro =
            spanish
            ? "**Ecuaciones.** Hacia adelante, ec. 7.24; hacia atrás, ec. 7.25 con $a'[\\mathbf f_{k-1}]$ en lugar "
                + "de $\\mathbb I[\\mathbf f_{k-1}>0]$ ($k=\(layers)$, con $\\mathbf h_0=\\mathbf x_i$). "
                + "**Componentes** (sec. 7.4): hacia adelante, $\\mathbf x_i$ es la entrada, $\\boldsymbol\\beta_k$ y "
                + "$\\boldsymbol\\Omega_k$ los sesgos y los pesos de la capa $k$, $\\mathbf f_k$ sus preactivaciones, "
                + "$\\mathbf h_k=a[\\mathbf f_{k-1}]$ las activaciones de las unidades ocultas y $\(output)$ la salida. "
                + "Hacia atrás, de la salida a la entrada: $\\partial\\ell_i/\\partial\\mathbf f_k$ es cuánto cambia "
                + "la pérdida con cada preactivación (el error de la capa); $\\partial\\ell_i/\\partial\\boldsymbol"
                + "\\beta_k$ es ese mismo vector y $\\partial\\ell_i/\\partial\\boldsymbol\\Omega_k$ su producto "
                + "exterior con la activación que entra a la capa; $\\boldsymbol\\Omega_k^T\\,\\partial\\ell_i/"
                + "\\partial\\mathbf f_k=\\partial\\ell_i/\\partial\\mathbf h_k$ devuelve el error por los mismos "
                + "pesos, y la derivada de la activación $a'[\\mathbf f_{k-1}]$ lo escala unidad a unidad:"
            : "**Equations.** Forward, eq. 7.24; backward, eq. 7.25 with $a'[\\mathbf f_{k-1}]$ in place of "
                + "$\\mathbb I[\\mathbf f_{k-1}>0]$ ($k=\(layers)$, with $\\mathbf h_0=\\mathbf x_i$). "
                + "**Components** (sec. 7.4): forward, $\\mathbf x_i$ is the input, $\\boldsymbol\\beta_k$ and "
                + "$\\boldsymbol\\Omega_k$ the biases and weights of layer $k$, $\\mathbf f_k$ its pre-activations, "
                + "$\\mathbf h_k=a[\\mathbf f_{k-1}]$ the hidden units' activations and $\(output)$ the output. "
                + "Backward, from the output to the input: $\\partial\\ell_i/\\partial\\mathbf f_k$ is how the loss "
                + "changes with each pre-activation (the layer's error); $\\partial\\ell_i/\\partial\\boldsymbol"
                + "\\beta_k$ is that same vector and $\\partial\\ell_i/\\partial\\boldsymbol\\Omega_k$ its outer "
                + "product with the activation entering the layer; $\\boldsymbol\\Omega_k^T\\,\\partial\\ell_i/"
                + "\\partial\\mathbf f_k=\\partial\\ell_i/\\partial\\mathbf h_k$ sends the error back through the "
                + "same weights, and the activation's derivative $a'[\\mathbf f_{k-1}]$ scales it unit by unit:"
        let dl = { (s: String) in "\\partial\\ell_i/\\partial\(s)" }
        return intro + "\n$$\n\\begin{gathered}"
            + "\\mathbf f_0=\\boldsymbol\\beta_0+\\boldsymbol\\Omega_0\\mathbf x_i,\\qquad "
            + "\\mathbf h_k=a[\\mathbf f_{k-1}],\\qquad \\mathbf f_k=\\boldsymbol\\beta_k+\\boldsymbol\\Omega_k\\mathbf h_k,\\\\ "
            + "\(dl("\\boldsymbol\\beta_k"))=\(dl("\\mathbf f_k")),\\qquad "
            + "\(dl("\\boldsymbol\\Omega_k"))=\(dl("\\mathbf f_k"))\\,\\mathbf h_k^T,\\qquad "
            + "\(dl("\\mathbf f_{k-1}"))=a'[\\mathbf f_{k-1}]\\odot\\bigl(\\boldsymbol\\Omega_k^T\\,\(dl("\\mathbf f_k"))\\bigr)"
            + "\\end{gathered}\n$$"
    }

    /// f_k and h_{k+1} of the point with the numbers substituted, and its ℓ_i.
    func forward() -> String {
        let p = report.points[point], i = "\(point + 1)"
        let intro =
            spanish
            ? "**Punto $i=\(i)$**: $\\mathbf x_{\(i)}=\(column(p.input, given: true))$, $\(y(i))=\(column(p.target, given: true))$. Hacia adelante:"
            : "**Point $i=\(i)$**: $\\mathbf x_{\(i)}=\(column(p.input, given: true))$, $\(y(i))=\(column(p.target, given: true))$. Forward:"
        var rows: [String] = []
        for k in 0...K {
            let input = k == 0 ? column(p.input, given: true) : column(p.activations[k - 1])
            var line =
                "\(f(k)) &= \(beta(k))+\(omega(k))\(h(k, i)) = \(column(network.biases(ofLayer: k).scalars, given: true))"
                + "+\(matrix(network.weights(ofLayer: k).scalars, rows: network.layers[k].outputs, given: true))"
                + "\(input) = \(column(p.preActivations[k]))"
            if k < K { line += ",\\quad & \(h(k + 1, i)) &= \(a(k))[\(f(k))] = \(column(p.activations[k]))" }
            rows.append(line)
        }
        rows.append(lossTerm(p, i))
        // alignedat: no wide gap between the two columns of equations.
        return intro + "\n$$\n\\begin{alignedat}{2}" + rows.joined(separator: ",\\\\\n") + ".\n\\end{alignedat}\n$$"
    }

    /// ℓ_i = (f_K − y_i)² = (… − …)² = …, or with the output activation and the half.
    private func lossTerm(_ p: BackpropagationReport.PointTrace, _ i: String) -> String {
        let half = report.loss == .squaredError(.halfSum) ? "\\tfrac12" : ""
        let identity = network.layers[K].activation == .identity
        let prediction = identity ? f(K) : "a[\(f(K))]"
        if network.outputs == 1 {
            return "\\ell_{\(i)} &= \(half)(\(prediction)-\(y(i)))^2 = \(half)(\(style.latex(p.prediction[0]))"
                + "-\(style.given.latex(p.target[0])))^2 = \(style.latex(p.loss))"
        }
        return "\\ell_{\(i)} &= \(half)\\lVert \(prediction)-\(y(i))\\rVert^2 = \(style.latex(p.loss))"
    }

    /// ∂ℓ_i/∂f_k, then ∂ℓ_i/∂β_k = ∂ℓ_i/∂f_k and ∂ℓ_i/∂Ω_k, for k = K … 0 with the numbers substituted.
    func backward() -> String {
        let p = report.points[point], i = "\(point + 1)"
        let gradient = Network(network.architecture, parameters: p.gradient)
        let intro =
            spanish
            ? "Hacia atrás, de $k=\(K)$ a $k=0$, con $\(d("\\boldsymbol\\beta_k", i))=\(d("\\mathbf f_k", i))$ en cada capa:"
            : "Backward, from $k=\(K)$ to $k=0$, with $\(d("\\boldsymbol\\beta_k", i))=\(d("\\mathbf f_k", i))$ in every layer:"
        var rows: [String] = []
        for k in stride(from: K, through: 0, by: -1) {
            var line = "\(d(f(k), i)) &= "
            if k == K {
                let identity = network.layers[K].activation == .identity
                let two = report.loss == .squaredError(.halfSum) ? "" : "2"
                let prediction = identity ? f(K) : "a[\(f(K))]"
                let outer = identity ? "" : "a'[\(f(K))]\\odot "
                let outerValue = identity ? "" : column(p.activationDerivatives.last ?? []) + "\\odot "
                line += "\(outer)\(two)(\(prediction)-\(y(i))) = \(outerValue)\(two)(\(column(p.prediction))"
                line += "-\(column(p.target, given: true))) = \(column(p.preActivationGradients[K]))"
            } else {
                line += "\(aPrime(k))\\odot\\bigl(\(omega(k + 1))^T\\,\(d(f(k + 1), i))\\bigr) = "
                line += "\(column(p.activationDerivatives[k]))\\odot\(column(p.activationGradients[k])) = "
                line += column(p.preActivationGradients[k])
            }
            rows.append(line)
            let input = k == 0 ? row(p.input, given: true) : row(p.activations[k - 1])
            rows.append(
                "\(d(omega(k), i)) &= \(d(f(k), i))\\,\(h(k, i))^T = \(column(p.preActivationGradients[k]))"
                    + "\(input) = \(matrix(gradient.weights(ofLayer: k).scalars, rows: network.layers[k].outputs))")
        }
        return intro + "\n$$\n\\begin{aligned}" + rows.joined(separator: ",\\\\\n") + ".\n\\end{aligned}\n$$"
    }

    /// The same quantities at the other points: one column per point, vectors inline and matrices as
    /// `smallmatrix`.
    func otherPoints() -> String {
        let others = report.points.indices.filter { $0 != point }
        guard !others.isEmpty else { return "" }
        var quantities: [(String, (Int) -> String)] = [
            (
                "$\\mathbf x_i$; $\(y("i"))$",
                {
                    "\(self.inline(self.report.points[$0].input, given: true)); "
                        + self.inline(self.report.points[$0].target, given: true)
                }
            )
        ]
        for k in 0...K {
            quantities.append(("$\(f(k))$", { self.inline(self.report.points[$0].preActivations[k]) }))
            if k < K {
                quantities.append(("$\(h(k + 1, "i"))$", { self.inline(self.report.points[$0].activations[k]) }))
            }
        }
        quantities.append(("$\\ell_i$", { self.style.text(self.report.points[$0].loss) }))
        // Backward in the order of the derivation: ∂ℓ_i/∂f_k, ∂ℓ_i/∂Ω_k, then ∂ℓ_i/∂h_k and a′[f_{k−1}].
        for k in stride(from: K, through: 0, by: -1) {
            quantities.append(
                (
                    "$\\partial\\ell_i/\\partial \(f(k))$",
                    { self.inline(self.report.points[$0].preActivationGradients[k]) }
                ))
            quantities.append(
                (
                    "$\(d(omega(k), "i"))$",
                    {
                        let gradient = Network(self.network.architecture, parameters: self.report.points[$0].gradient)
                        return "$"
                            + self.matrix(gradient.weights(ofLayer: k).scalars, rows: self.network.layers[k].outputs)
                            + "$"
                    }
                ))
            if k > 0 {
                quantities.append(
                    ("$\(d(h(k, "i"), "i"))$", { self.inline(self.report.points[$0].activationGradients[k - 1]) }))
                quantities.append(
                    ("$a'[\(f(k - 1))]$", { self.inline(self.report.points[$0].activationDerivatives[k - 1]) }))
            }
        }
        let intro =
            spanish
            ? "**Los demás puntos**, con las mismas fórmulas ($\\partial\\ell_i/\\partial\\boldsymbol\\beta_k="
                + "\\partial\\ell_i/\\partial\\mathbf f_k$):"
            : "**The other points**, by the same formulas ($\\partial\\ell_i/\\partial\\boldsymbol\\beta_k="
                + "\\partial\\ell_i/\\partial\\mathbf f_k$):"
        let tables = pointGroups(others.count).map { group in
            let columns = others[group]
            var table = Table(header: [""] + columns.map { "$i=\($0 + 1)$" }, leftAligned: Set(0...columns.count))
            for (name, value) in quantities { table.rows.append([name] + columns.map(value)) }
            return table.markdown
        }
        return intro + "\n\n" + tables.joined(separator: "\n")
    }

    /// The batch gradient, layer by layer, and the parameters after θ ← θ − α ∂L/∂θ.
    func step() -> String {
        let gradient = Network(network.architecture, parameters: report.gradient)
        let updated = report.updated
        let alpha = style.given.latex(report.learningRate)
        let scale =
            report.pointScale == 1 ? "" : "\\tfrac{1}{\(Int((1 / report.pointScale).rounded()))}"
        let intro =
            spanish
            ? "**Gradiente del lote**, $\\partial L/\\partial\\boldsymbol\\theta=\(scale)\\sum_i\\partial\\ell_i/"
                + "\\partial\\boldsymbol\\theta$, y **un paso de descenso**, $\\boldsymbol\\theta\\leftarrow"
                + "\\boldsymbol\\theta-\\alpha\\,\\partial L/\\partial\\boldsymbol\\theta$ con $\\alpha=\(alpha)$:"
            : "**Batch gradient**, $\\partial L/\\partial\\boldsymbol\\theta=\(scale)\\sum_i\\partial\\ell_i/"
                + "\\partial\\boldsymbol\\theta$, and **one gradient-descent step**, $\\boldsymbol\\theta\\leftarrow"
                + "\\boldsymbol\\theta-\\alpha\\,\\partial L/\\partial\\boldsymbol\\theta$ with $\\alpha=\(alpha)$:"
        // One column per layer: the gradient of Ω_k and β_k, then their new values.
        let layers = network.layers.indices
        func row(_ entry: (Int) -> String) -> String {
            layers.map(entry).joined(separator: ",\\quad & ")
        }
        let rows = [
            row {
                "\\partial L/\\partial\(omega($0)) &= \(matrix(gradient.weights(ofLayer: $0).scalars, rows: network.layers[$0].outputs))"
            },
            row { "\\partial L/\\partial\(beta($0)) &= \(column(gradient.biases(ofLayer: $0).scalars))" },
            row {
                "\(omega($0)) &\\leftarrow \(matrix(updated.weights(ofLayer: $0).scalars, rows: network.layers[$0].outputs))"
            },
            row { "\(beta($0)) &\\leftarrow \(column(updated.biases(ofLayer: $0).scalars))" },
        ]
        return intro + "\n$$\n\\begin{alignedat}{\(layers.count)}" + rows.joined(separator: ",\\\\\n")
            + ".\n\\end{alignedat}\n$$"
    }
}
