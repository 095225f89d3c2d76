import Foundation
import NN
import NNReports
import Tensor
import TestSupport
import Testing

/// The hand derivation of one point (`backprop-check --point`) against the NumPy computation of
/// `scripts/reference/backprop_figure1.py`: every number it writes is the fixture's, formatted here
/// independently, in the place the derivation gives it.
@Suite struct PointDerivationTests {
    static func report(_ activation: String, _ loss: String) -> BackpropagationReport {
        var network = try! ModelFile.network(fromJSON: String(contentsOfFile: Figure1Fixture.model, encoding: .utf8))
        for k in 0..<2 { network.architecture.setActivation(Activation(name: activation)!, ofLayer: k) }
        return BackpropagationReport(
            network: network, inputs: try! Tensor([[1, 1], [0, 2], [-1, 1]]), targets: try! Tensor([[1], [1], [0]]),
            loss: Loss(name: loss)!, learningRate: 1)
    }

    /// `x` with six decimals and a decimal comma, as LaTeX (`-0{,}199140`; a rounded zero is unsigned).
    static func comma(_ x: Double) -> String {
        var text = String(format: "%.6f", x)
        if text == "-0.000000" { text = "0.000000" }
        return text.replacingOccurrences(of: ".", with: "{,}")
    }

    /// A column vector, a row vector or a matrix (rows of `columns` entries) as the derivation writes it.
    static func matrix(_ values: [Double], columns: Int, format: (Double) -> String = comma) -> String {
        if values.count == 1 { return format(values[0]) }
        let rows = stride(from: 0, to: values.count, by: columns).map {
            values[$0..<($0 + columns)].map(format).joined(separator: " & ")
        }
        return "\\left(\\begin{smallmatrix}" + rows.joined(separator: "\\\\") + "\\end{smallmatrix}\\right)"
    }

    static func column(_ values: [Double]) -> String { matrix(values, columns: 1) }

    @Test(arguments: [("sigmoid", "mse", 0), ("sigmoid", "mse", 1), ("sigmoid", "mse", 2), ("tanh", "half-sse", 0)])
    func everyQuantityHasTheFixturesNumbers(activation: String, loss: String, point: Int) throws {
        let expected = Figure1Fixture.expected(activation, loss)
        let markdown = PointDerivation(
            report: Self.report(activation, loss), point: point, lossName: loss, language: .spanish,
            precision: .decimals(6)
        ).markdown()
        let p = expected["points"][point]
        let i = point + 1
        // Forward: f_k = β_k + Ω_k h_k = … = f_k, h_{k+1} = a[f_k] = …, and ℓ_i.
        let f = p["f"].array.map(\.doubles), h = p["h"].array.map(\.doubles)
        let a = activation == "sigmoid" ? "\\sigma" : "\\tanh"
        for k in 0..<2 {
            #expect(markdown.contains("\\mathbf f_{\(k)} &= "), "f_\(k)")
            #expect(
                markdown.contains(
                    " = \(Self.column(f[k])),\\quad & \\mathbf h_{\(k + 1)} &= \(a)[\\mathbf f_{\(k)}] = \(Self.column(h[k]))"
                ), "h_\(k + 1)")
        }
        #expect(markdown.contains("\\boldsymbol\\Omega_{2}\\mathbf h_{2} = 0{,}2+"))
        let half = loss == "half-sse" ? "\\tfrac12" : ""
        #expect(
            markdown.contains(
                "= \(Self.comma(f[2][0])),\\\\\n\\ell_{\(i)} &= \(half)(f_{2}-y_{\(i)})^2 = \(half)(\(Self.comma(p["prediction"].double))-"
                    + "\(["1", "1", "0"][point]))^2 = \(Self.comma(p["loss"].double))"))
        // Backward: ∂ℓ_i/∂f_2 = 2(f_2 − y_i) (or without the 2 for the half), then a′ ⊙ (Ω^T ∂ℓ_i/∂f) and the
        // outer products.
        let df = p["df"].array.map(\.doubles), dh = p["dh"].array.map(\.doubles)
        let derivatives = p["derivatives"].array.map(\.doubles)
        let two = loss == "half-sse" ? "" : "2"
        #expect(markdown.contains("&= \(two)(f_{2}-y_{\(i)}) = \(two)(\(Self.comma(f[2][0]))-"))
        #expect(markdown.contains(" = \(Self.comma(df[2][0])),\\\\"))
        for k in 0..<2 {
            #expect(
                markdown.contains("\(Self.column(derivatives[k]))\\odot\(Self.column(dh[k])) = \(Self.column(df[k]))"),
                "∂ℓ_\(i)/∂f_\(k)")
        }
        let weights = p["gradient"]["weights"].array
        for k in 0..<3 {
            let rows = weights[k].array.map(\.doubles)
            #expect(
                markdown.contains(" = \(Self.matrix(rows.flatMap { $0 }, columns: rows[0].count))"),
                "∂ℓ_\(i)/∂Ω_\(k)")
        }
        // The batch gradient and the weights after the step, layer by layer.
        for k in 0..<3 {
            let gradient = expected["gradient"]["weights"][k].array.map(\.doubles)
            let updated = expected["updated"]["weights"][k].array.map(\.doubles)
            #expect(markdown.contains(Self.matrix(gradient.flatMap { $0 }, columns: gradient[0].count)), "∂L/∂Ω_\(k)")
            #expect(markdown.contains(Self.matrix(updated.flatMap { $0 }, columns: updated[0].count)), "new Ω_\(k)")
            #expect(markdown.contains(Self.column(expected["gradient"]["biases"][k].doubles)), "∂L/∂β_\(k)")
            #expect(markdown.contains(Self.column(expected["updated"]["biases"][k].doubles)), "new β_\(k)")
        }
        // The other points in the table: vectors in running text, (0,100000; 1,900000; 2,500000), and the
        // weight gradients as matrices; every forward and backward quantity of eqs. 7.24 and 7.25.
        let inline = { (values: [Double]) in
            "("
                + values.map {
                    Self.comma($0).replacingOccurrences(of: "{,}", with: ",").replacingOccurrences(of: "-", with: "−")
                }.joined(separator: "; ") + ")"
        }
        for other in (0..<3) where other != point {
            let q = expected["points"][other]
            let vectors = [
                ("f_0", q["f"][0]), ("f_1", q["f"][1]), ("h_1", q["h"][0]), ("h_2", q["h"][1]), ("df_1", q["df"][1]),
                ("df_0", q["df"][0]), ("dh_1", q["dh"][0]), ("dh_2", q["dh"][1]), ("a'[f_0]", q["derivatives"][0]),
                ("a'[f_1]", q["derivatives"][1]),
            ]
            for (name, vector) in vectors {
                #expect(markdown.contains(inline(vector.doubles)), "point \(other + 1): \(name)")
            }
            for k in 0..<3 {
                let rows = q["gradient"]["weights"][k].array.map(\.doubles)
                #expect(
                    markdown.contains("| $" + Self.matrix(rows.flatMap { $0 }, columns: rows[0].count) + "$"),
                    "point \(other + 1): ∂ℓ/∂Ω_\(k)")
            }
        }
        #expect(markdown.contains("**Componentes** (sec. 7.4)"))
        #expect(!markdown.contains("<"), "no raw HTML")
    }

    /// The givens read as the exercise states them, the computed values with the fixed decimals; in English
    /// with a decimal point and significant digits.
    @Test func givensAndLanguages() {
        let report = Self.report("sigmoid", "mse")
        let spanish = PointDerivation(
            report: report, point: 0, lossName: "mse", language: .spanish, precision: .decimals(4)
        )
        .markdown()
        #expect(spanish.contains("\\left(\\begin{smallmatrix}0{,}3\\\\0{,}7\\\\0{,}1\\end{smallmatrix}\\right)"))
        #expect(
            spanish.contains("$\\mathbf x_{1}=\\left(\\begin{smallmatrix}1\\\\1\\end{smallmatrix}\\right)$, $y_{1}=1$"))
        #expect(
            spanish.contains("\\left(\\begin{smallmatrix}0{,}4000\\\\1{,}8000\\\\0{,}0000\\end{smallmatrix}\\right)"))
        #expect(spanish.contains("**Pérdida**") && spanish.contains("Hacia atrás") && spanish.contains("$\\alpha=1$"))
        #expect(spanish.contains("$\\partial L/\\partial\\boldsymbol\\theta=\\frac{1}{3}\\sum_{i=1}^{3}"))
        let english = PointDerivation(
            report: report, point: 0, lossName: "mse", language: .english, precision: .significant(9)
        )
        .markdown()
        let fixture = Figure1Fixture.expected("sigmoid", "mse")["points"][0]
        #expect(english.contains("**Loss**") && english.contains("Backward") && !english.contains("{,}"))
        #expect(english.contains(Figure1Fixture.g(fixture["prediction"].double)))
        let h1 = Figure1Fixture.expected("sigmoid", "mse")["points"][1]["h"][0].doubles.map(Figure1Fixture.g)
        #expect(english.contains("(" + h1.joined(separator: ", ") + ")"))
    }

    /// Rounding: values that round to zero lose their minus sign; the comma style uses a true minus in text.
    @Test func numberStyles() {
        let fixed = NumberStyle(precision: .decimals(4), decimalComma: true)
        #expect(fixed.latex(-8.3e-17) == "0{,}0000")
        #expect(fixed.text(-0.19914) == "−0,1991")
        #expect(fixed.given.latex(-1.3) == "-1{,}3")
        #expect(fixed.given.latex(0.123456) == "0{,}1235")
        let significant = NumberStyle(precision: .significant(3))
        #expect(significant.latex(1.234e-5) == "1.23 \\times 10^{-5}")
        #expect(significant.text(2.5) == "2.5")
    }
}
