import NN
import Plot
import Tensor

/// Notebook 7.2, "Backpropagation": the forward pass (eq. 7.24) and backward pass (eq. 7.25) of a deep ReLU
/// network with K = 5 hidden layers of D = 6 units, drawn after `np.random.seed(0)`, checked against forward
/// finite differences layer by layer exactly as the notebook checks them; then the assignment's evaluation
/// question: the Figure 1 network (sigmoid hidden layers) through the same backward pass, its finite-
/// difference check, and one gradient-descent step with learning rate 1 (see `BackpropagationNotebook+Figure1.swift`).
public struct BackpropagationNotebook: Notebook {
    /// The notebook's number.
    public let id = "7.2"
    /// The notebook's title.
    public let title = "Backpropagation"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap07/7_2_Backpropagation.ipynb"

    /// Creates the notebook.
    public init() {}

    /// The notebook's network after `np.random.seed(0)`: standard normals for Ω_0 (6×1), Ω_5 (1×6), β_0, β_5,
    /// then Ω_k (6×6) and β_k for k = 1 … 4; ReLU with a′[0] = 0 (the notebook's strict 𝕀[f > 0]).
    public static func network() -> Network {
        var random = RandomState(seed: 0)
        var omega = [Tensor](repeating: Tensor(0), count: 6), beta = omega
        omega[0] = random.normal(shape: [6, 1])
        omega[5] = random.normal(shape: [1, 6])
        beta[0] = random.normal(shape: [6])
        beta[5] = random.normal(shape: [1])
        for k in 1...4 {
            omega[k] = random.normal(shape: [6, 6])
            beta[k] = random.normal(shape: [6])
        }
        return Network(inputs: 1, layers: (0...5).map { (omega[$0], beta[$0], $0 == 5 ? .identity : .relu) })
    }

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let network = Self.network()
        let (x, y) = (ChapterSeven.scalar(1.2), ChapterSeven.scalar(20.0))
        let workspace = NetworkWorkspace(network.architecture, capacity: 1)
        var gradient = Tensor.zeros([network.architecture.parameterCount])
        let loss = workspace.lossAndGradient(
            parameters: network.parameters, inputs: x, targets: y, loss: .sse, gradient: &gradient, inputGradient: true)
        let gradients = Network(network.architecture, parameters: gradient)  // ∂L/∂Ω_k and ∂L/∂β_k as layer views

        session.section("TODO 1: the forward pass (NetworkWorkspace.forward, eq. 7.24), x = 1.2", part: "forward")
        let output = workspace.output.scalar
        session.say("True output = 1.907, Your answer = \(fixed(output, 3))")
        session.checkPrinted("network output", output, decimals: 3, stated: "1.907")
        session.check("network output", output, 1.9066049977294031, tolerance: 1e-12)
        ChapterSeven.check(
            session, "f_0", workspace.preActivations(0).scalars,
            [
                2.87790054030819, 0.6018636665334963, 1.6183488136723128, 3.022746166416016, 3.7351486613375666,
                -1.377891719617494,
            ], tolerance: 1e-12)
        ChapterSeven.check(
            session, "f_4", workspace.preActivations(4).scalars,
            [
                -7.223161550351734, -20.70636514776969, -14.327368143143442, -14.817097600373646, 11.062883842963927,
                -20.80230784695514,
            ], tolerance: 1e-12)
        let active = (1...5).map { k in
            let h = workspace.activations(k).scalars
            return h.indices.filter { h[$0] > 0 }.map { $0 + 1 }
        }
        for (k, units) in active.enumerated() { session.say("h_\(k + 1) active units: \(units)") }
        session.check(
            "ReLU pattern of h_1 … h_5", active == [[1, 2, 3, 4, 5], [2, 5], [3, 5, 6], [2, 3, 5, 6], [5]],
            "\(active) vs reference [[1…5], [2, 5], [3, 5, 6], [2, 3, 5, 6], [5]]")

        session.section("The least-squares loss L = Σ(f − y)², y = 20", part: "loss")
        session.say("y = 20.000 Loss = \(fixed(loss, 3))")
        session.check(
            "loss prints 327.371", fixed(loss, 3) == "327.371",
            "prints \(fixed(loss, 3)), the reference's run prints 327.371")
        session.check("loss", loss, 327.37094270819063, tolerance: 1e-12)

        session.section(
            "TODO 2: the backward pass (NetworkWorkspace.backward, eq. 7.25 with 𝕀[f > 0])", part: "backward")
        for (k, expected) in Self.biasGradients.enumerated() {
            ChapterSeven.check(session, "∂L/∂β_\(k)", gradients.biases(ofLayer: k).scalars, expected, tolerance: 1e-12)
        }
        for (k, expected) in Self.weightGradients.enumerated() {
            ChapterSeven.check(session, "∂L/∂Ω_\(k)", gradients.weights(ofLayer: k).scalars, expected, tolerance: 1e-12)
        }
        let inputGradient = workspace.activationGradients(0).scalar
        session.say("∂L/∂h_0 (the input) = \(inputGradient)")
        session.check("∂L/∂x", inputGradient, -54.53747284585685, tolerance: 1e-12)

        session.section(
            "The notebook's check: forward differences, δ = 1e-6, np.allclose(rtol=1e-5, atol=1e-8) per layer",
            part: "finite-differences")
        let check = network.gradientCheck(inputs: x, targets: y, loss: .sse, step: 1e-6, difference: .forward)
        let fd = Network(network.architecture, parameters: check.numeric)
        for (kind, range) in [("Bias", ChapterSeven.biases), ("Weight", ChapterSeven.weights)]
            as [(String, (Layer) -> Range<Int>)]
        {
            for (k, layer) in network.layers.enumerated() {
                let matches = check.allClose(range(layer))
                session.say("-----------------------------------------------")
                session.say("\(kind) \(k), derivatives from backprop:")
                printLayer(session, kind == "Bias" ? gradients.biases(ofLayer: k) : gradients.weights(ofLayer: k))
                session.say("\(kind) \(k), derivatives from finite differences")
                printLayer(session, kind == "Bias" ? fd.biases(ofLayer: k) : fd.weights(ofLayer: k))
                session.say(matches ? "Success!  Derivatives match." : "Failure!  Derivatives different.")
                session.check(
                    "\(kind.lowercased()) \(k) allclose", matches,
                    "max |fd − backprop| = \(ChapterSeven.scientific(check.maxAbsoluteError(range(layer)))) (the notebook prints Success)"
                )
            }
        }
        // L is quadratic in Ω_5[0, 4] with ∂²L/∂ω² = 2·h_5[4]², so its forward difference is off by h_5[4]²·δ.
        let h5 = workspace.activations(5).scalars[4]
        let worst = check.worstParameter
        session.say(
            "largest |fd − backprop|: \(ChapterSeven.scientific(check.maxAbsoluteError(0..<gradient.count))) at flat parameter \(worst) (Ω_5[0, 4])"
        )
        session.check(
            "largest error sits at Ω_5[0, 4]", worst == network.layers[5].weightOffset + 4, "flat index \(worst)")
        session.check(
            "forward-difference error at Ω_5[0, 4] = h_5[4]²·δ", check.maxAbsoluteError(0..<gradient.count),
            h5 * h5 * 1e-6,
            tolerance: 1e-7, source: "closed form")
        let central = network.gradientCheck(inputs: x, targets: y, loss: .sse, step: 1e-6)
        // What is left is rounding: ε·L/δ ≈ 2.2e-16 · 327 / 1e-6 ≈ 7e-8.
        session.check(
            "central differences (δ = 1e-6) agree to rounding", central.maxAbsoluteError <= 1e-6,
            "max |fd − backprop| = \(ChapterSeven.scientific(central.maxAbsoluteError)), max relative error \(ChapterSeven.scientific(central.maxRelativeError)) (tolerance 1e-6 absolute)"
        )
        session.answer(
            "Why does the check compare with a tolerance at all?",
            "A forward difference is off by δ/2·∂²L/∂θ²: at Ω_5[0, 4] that is h_5[4]²·δ = \(ChapterSeven.scientific(h5 * h5 * 1e-6)) on a derivative of −400.33, inside allclose's 1e-8 + 1e-5·400.33 = 4.0e-03. The central difference removes that term and is left with rounding, ε·L/δ ≈ 7e-08 (measured: \(ChapterSeven.scientific(central.maxAbsoluteError))). Dead ReLU units give derivatives of exactly 0 both ways, since no pre-activation lies within δ of the kink."
        )

        try drawGradients(session, network: network, gradients: gradients, forward: check, central: central)
        try figure1(session)
    }

    /// An Ω_k or β_k printed like the notebook's NumPy arrays (precision 3; β_k is a column).
    private func printLayer(_ session: NotebookSession, _ values: Tensor) {
        for line in ChapterSeven.matrix(values.scalars, columns: values.rank == 1 ? 1 : values.shape[1]) {
            session.say(line)
        }
    }

    /// The reference's ∂L/∂β_k, k = 0 … 5.
    static let biasGradients: [[Double]] = [
        [-4.4859487556554924, 4.947444659487175, 6.811528751851823, -3.8834628061538528, -24.93526671528312, 0.0],
        [0, -11.296896081669242, 0, 0, -10.721770787897048, 0],
        [0, 0, 0.9378865854831568, 0, -9.993352941785815, 0.507566422190971],
        [0, -4.799953101238755, -1.6613597510127596, 0, 3.3934542786013644, 5.390964399379986],
        [0, 0, 0, 0, -5.212474461102878, 0],
        [-36.186790004541194],
    ]

    /// The reference's ∂L/∂Ω_k, k = 0 … 5, row-major.
    static let weightGradients: [[Double]] = {
        let zeros = { (n: Int) in [Double](repeating: 0, count: n) }
        return [
            [-5.383138506786591, 5.9369335913846095, 8.173834502222187, -4.660155367384623, -29.922320058339743, 0.0],
            zeros(6) + [
                -32.511343337241385, -6.799191296161338, -18.28231837194882, -34.14764932326581, -42.19558627671647, 0,
            ]
                + zeros(12) + [
                    -30.856189943549484, -6.453044278135451, -17.351565035059647, -32.40919154630703,
                    -40.047407805581884, 0,
                ] + zeros(6),
            zeros(12) + [0, 5.371356219433391, 0, 0, 3.1446004763144946, 0] + zeros(6)
                + [0, -57.23278198845525, 0, 0, -33.50629266600474, 0] + [
                    0, 2.906876056028192, 0, 0, 1.7017981040433965, 0,
                ],
            zeros(6) + [0, 0, -3.6740447224587367, 0, -42.90504609101559, -10.998434747443804]
                + [0, 0, -1.271660346793496, 0, -14.850294406535923, -3.8067781972343973] + zeros(6)
                + [0, 0, 2.5974634585456142, 0, 30.33286141766065, 7.775635441521082]
                + [0, 0, 4.126424546813457, 0, 48.18788249633721, 12.352656145134302],
            zeros(24) + [0, -81.63541186649071, -49.1356066390429, 0, -22.006697705674377, -10.145546058654217]
                + zeros(6),
            [0, 0, 0, 0, -400.3302544699673, 0],
        ]
    }()

    /// Heatmaps of ∂L/∂Ω_1 … ∂L/∂Ω_4, the per-layer gradient norms, and the finite-difference errors.
    private func drawGradients(
        _ session: NotebookSession, network: Network, gradients: Network, forward: GradientCheck, central: GradientCheck
    ) throws {
        try session.figure("7.2-gradients") {
            let figure = Figure(width: 1500, height: 900, rows: 2, columns: 3, dpi: 110)
            let limit = (1...4).map { gradients.weights(ofLayer: $0).norm(.infinity) }.max()!
            let units = (1...6).map(Double.init)
            for (panel, k) in (1...4).enumerated() {
                let axes = figure.axes(row: panel / 2, column: panel % 2)
                let omega = gradients.weights(ofLayer: k)
                axes.heatmap(
                    ScalarField(x: units, y: units) { j, i in omega[Int(i) - 1, Int(j) - 1] }, colormap: .rdbu,
                    range: (-limit, limit))
                axes.colorbar(label: "∂L/∂$\\Omega_\(k)$")
                axes.title = "∂L/∂$\\Omega_\(k)$"
                axes.xTicks = (units, units.map { "\(Int($0))" })
                axes.xLabel = "unidad de origen j (de $h_\(k)$)"
                axes.yLabel = "unidad de destino i"
            }
            let layers = (0...5).map(Double.init)
            let norms = figure.axes(row: 0, column: 2)
            norms.bar(
                layers.map { $0 - 0.2 }, (0...5).map { gradients.weights(ofLayer: $0).norm() }, width: 0.4,
                label: "‖∂L/∂$\\Omega_k$‖")
            norms.bar(
                layers.map { $0 + 0.2 }, (0...5).map { gradients.biases(ofLayer: $0).norm() }, width: 0.4,
                label: "‖∂L/∂$\\beta_k$‖")
            norms.xTicks = (layers, (0...5).map { "\($0)" })
            norms.xLabel = "capa k"
            norms.title = "Tamaño del gradiente por capa"
            norms.yLabel = "norma euclídea"
            norms.grid = .y
            norms.legendLocation = .upperLeft

            let errors = figure.axes(row: 1, column: 2)
            func worst(_ check: GradientCheck, _ layer: Layer) -> Double {
                Swift.max(check.maxAbsoluteError(layer.weightOffset..<(layer.biasOffset + layer.outputs)), 1e-16)
            }
            errors.line(
                layers, network.layers.map { worst(forward, $0) }, label: "diferencia hacia adelante", marker: .circle)
            errors.line(layers, network.layers.map { worst(central, $0) }, label: "diferencia central", marker: .square)
            errors.yScale = .log
            errors.xTicks = (layers, (0...5).map { "\($0)" })
            errors.xLabel = "capa k"
            errors.title = "Diferencias finitas, δ = 10$^{-6}$"
            errors.yLabel = "máx. |df − retroprop.| en $\\Omega_k$, $\\beta_k$"
            errors.grid = .both
            figure.title =
                "Cuaderno 7.2: los gradientes de la red ReLU de semilla 0 (x = 1,2, y = 20); las filas de ceros son unidades con la ReLU apagada"
            return figure
        }
    }
}
