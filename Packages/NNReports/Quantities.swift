import NN
import Tensor

/// A named vector or matrix of the exercise with its value at every data point: one block of rows in the
/// forward or backward table (rows = its components, columns = the points).
struct Quantity {
    /// The symbol with its defining formula, e.g. `f_0 = β_0 + Ω_0 x_i`.
    var name: Formula
    /// The 1-based component labels: `1`, `2`, … for a vector, `1,1`, `1,2`, … for a matrix.
    var indices: [String]
    /// `values[i]` holds the components at point i.
    var values: [[Double]]
}

/// The symbols of the book (UDL chapter 7) in both notations.
enum Symbol {
    static func f(_ k: Int) -> Formula { Formula("f_\(k)", "\\mathbf f_{\(k)}") }
    /// h_k, or x_i for k = 0 (the input plays h_0's part in eqs. 7.24 and 7.25).
    static func h(_ k: Int) -> Formula {
        k == 0 ? Formula("x_i", "\\mathbf x_i") : Formula("h_\(k)", "\\mathbf h_{\(k)}")
    }
    static func beta(_ k: Int) -> Formula { Formula("β_\(k)", "\\boldsymbol\\beta_{\(k)}") }
    static func omega(_ k: Int) -> Formula { Formula("Ω_\(k)", "\\boldsymbol\\Omega_{\(k)}") }
    /// ∂ℓ_i/∂s.
    static func d(_ s: Formula) -> Formula {
        Formula("∂ℓ_i/∂" + s.text, "\\frac{\\partial\\ell_i}{\\partial" + s.latex + "}")
    }
    /// ∂L/∂s.
    static func dL(_ s: Formula) -> Formula {
        Formula("∂L/∂" + s.text, "\\frac{\\partial L}{\\partial" + s.latex + "}")
    }
    /// a′[f_k].
    static func aPrime(_ k: Int) -> Formula { Formula("a′[f_\(k)]", "a'[\\mathbf f_{\(k)}]") }
}

extension Formula {
    /// `self = other`.
    func equals(_ other: Formula) -> Formula { Formula(text + " = " + other.text, latex + " = " + other.latex) }

    static func + (a: Formula, b: Formula) -> Formula { Formula(a.text + b.text, a.latex + b.latex) }
}

/// The rows of the forward, backward and parameter tables, built once for every output format.
struct Quantities {
    let report: BackpropagationReport

    private var network: Network { report.network }
    private var lastLayer: Int { network.layers.count - 1 }
    private var outputIsIdentity: Bool { network.layers[lastLayer].activation == .identity }

    private func vector(_ name: Formula, _ values: [[Double]]) -> Quantity {
        Quantity(name: name, indices: (1...max(values.first?.count ?? 1, 1)).map(String.init), values: values)
    }

    private func matrix(_ name: Formula, rows: Int, columns: Int, _ values: [[Double]]) -> Quantity {
        let indices = (1...rows).flatMap { r in (1...columns).map { c in "\(r),\(c)" } }
        return Quantity(name: name, indices: indices, values: values)
    }

    /// x_i, y_i, then f_k and h_{k+1} for k = 0 … K, the prediction and ℓ_i (eq. 7.24).
    var forward: [Quantity] {
        let points = report.points
        var rows = [
            vector(Symbol.h(0), points.map(\.input)),
            vector(Formula("y_i", "\\mathbf y_i"), points.map(\.target)),
        ]
        for k in 0...lastLayer {
            var name = Symbol.f(k).equals(
                Symbol.beta(k) + Formula(" + ", " + ") + Symbol.omega(k) + Formula(" ", "") + Symbol.h(k))
            if k == lastLayer && outputIsIdentity { name = name.equals(Formula("f(x_i)", "f(\\mathbf x_i)")) }
            rows.append(vector(name, points.map { $0.preActivations[k] }))
            if k < lastLayer {
                rows.append(
                    vector(
                        Symbol.h(k + 1).equals(Formula("a[f_\(k)]", "a[\\mathbf f_{\(k)}]")),
                        points.map { $0.activations[k] }))
            }
        }
        if !outputIsIdentity {
            rows.append(
                vector(
                    Formula("f(x_i) = a[f_\(lastLayer)]", "f(\\mathbf x_i) = a[\\mathbf f_{\(lastLayer)}]"),
                    points.map(\.prediction)))
        }
        let term = Notation.loss(report.loss, points: points.count, outputs: network.outputs).term
        rows.append(
            Quantity(name: Formula("ℓ_i = ", "\\ell_i = ") + term, indices: [""], values: points.map { [$0.loss] }))
        return rows
    }

    /// UDL eq. 7.25 with a′[f] in place of 𝕀[f > 0], for k = K … 0: ∂ℓ_i/∂β_k, ∂ℓ_i/∂Ω_k, and for k > 0
    /// ∂ℓ_i/∂h_k = Ω_kᵀ ∂ℓ_i/∂f_k, a′[f_{k−1}] and ∂ℓ_i/∂f_{k−1}, starting from ∂ℓ_i/∂f_K.
    var backward: [Quantity] {
        let points = report.points
        let K = lastLayer
        let half = report.loss == .squaredError(.halfSum)
        let fK = Symbol.f(K)
        let prediction = outputIsIdentity ? fK : Formula("a[f_\(K)]", "a[\\mathbf f_{\(K)}]")
        let residual = Formula("(", "(") + prediction + Formula(" − y_i)", " - \\mathbf y_i)")
        var start = (half ? residual : Formula("2", "2") + residual)
        if !outputIsIdentity { start = Symbol.aPrime(K) + Formula(" ⊙ ", " \\odot ") + start }
        var rows = [vector(Symbol.d(fK).equals(start), points.map { $0.preActivationGradients[K] })]
        let gradients = points.map { Network(network.architecture, parameters: $0.gradient) }
        for k in stride(from: K, through: 0, by: -1) {
            let layer = network.layers[k]
            rows.append(
                vector(
                    Symbol.d(Symbol.beta(k)).equals(Symbol.d(Symbol.f(k))),
                    gradients.map { $0.biases(ofLayer: k).scalars }))
            let outer = Symbol.d(Symbol.f(k)) + Formula(" ", "\\,") + Symbol.h(k) + Formula("ᵀ", "^{\\mathsf T}")
            rows.append(
                matrix(
                    Symbol.d(Symbol.omega(k)).equals(outer), rows: layer.outputs, columns: layer.inputs,
                    gradients.map { $0.weights(ofLayer: k).scalars }))
            guard k > 0 else { break }
            let back = Symbol.omega(k) + Formula("ᵀ ", "^{\\mathsf T}") + Symbol.d(Symbol.f(k))
            rows.append(vector(Symbol.d(Symbol.h(k)).equals(back), points.map { $0.activationGradients[k - 1] }))
            rows.append(vector(Symbol.aPrime(k - 1), points.map { $0.activationDerivatives[k - 1] }))
            let chain = Symbol.aPrime(k - 1) + Formula(" ⊙ ", " \\odot ") + Symbol.d(Symbol.h(k))
            rows.append(
                vector(Symbol.d(Symbol.f(k - 1)).equals(chain), points.map { $0.preActivationGradients[k - 1] }))
        }
        return rows
    }

    /// One row per parameter θ in the flat order (Ω_0, β_0, Ω_1, …).
    struct Parameter {
        /// `Ω_0[1,2]` or `β_1[2]`.
        var name: Formula
        /// The flat index.
        var index: Int
    }

    /// Every parameter, named.
    var parameters: [Parameter] {
        network.layers.enumerated().flatMap { k, layer in
            let weights = (0..<layer.outputs).flatMap { r in
                (0..<layer.inputs).map { c in
                    Parameter(
                        name: Formula("Ω_\(k)[\(r + 1),\(c + 1)]", "\\Omega_{\(k)}[\(r + 1),\(c + 1)]"),
                        index: layer.weightOffset + r * layer.inputs + c)
                }
            }
            let biases = (0..<layer.outputs).map { r in
                Parameter(name: Formula("β_\(k)[\(r + 1)]", "\\beta_{\(k)}[\(r + 1)]"), index: layer.biasOffset + r)
            }
            return weights + biases
        }
    }

    /// The layers and their activations, e.g. `layer 0 sigmoid, layer 1 sigmoid, layer 2 identity`.
    var layerSummary: String {
        network.layers.enumerated().map { k, layer in "layer \(k) \(layer.activation)" }.joined(separator: ", ")
    }

    /// The widths, e.g. `2 → 3 → 2 → 1`.
    var widths: String { network.architecture.widths.map(String.init).joined(separator: " → ") }
}
