import NN
import Plot
import Tensor

/// Notebook 4.3, "Deep networks": network 1 of notebook 4.1 in matrix form (UDL eq. 4.15), the composition
/// net2(net1(x)) as one network with two hidden layers (eq. 4.5 in matrix form), and a deep network
/// 4 → 5 → 2 → 4 → 1 with random parameters.
public struct DeepNetworksNotebook: Notebook {
    /// The notebook's number.
    public let id = "4.3"
    /// The notebook's title.
    public let title = "Deep networks"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap04/4_3_Deep_Networks.ipynb"

    /// Creates the notebook.
    public init() {}

    /// Indices into arange(−1, 1, 0.01) of x ≈ −1, −0.5, 0, 0.5, 0.67, 0.99.
    static let probes = [0, 50, 100, 150, 167, 199]

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let x = Tensor.arange(-1, 1, step: 0.01)
        let column = x.reshaped([x.count, 1])
        let (net1, net2) = (ChapterFour.net1, ChapterFour.net2)

        session.section("TODO 1: network 1 in matrix form, h = ReLU(β0 + Ω0 x), y = β1 + Ω1 h", part: "matrix-form")
        // β_0 = [θ_10, θ_20, θ_30]ᵀ, Ω_0 = [θ_11, θ_21, θ_31]ᵀ, β_1 = [φ_0], Ω_1 = [φ_1 φ_2 φ_3].
        let matrixForm = Network(
            inputs: 1,
            layers: [
                (Tensor(shape: [3, 1], scalars: net1.hiddenSlopes), Tensor(net1.hiddenBiases), .relu),
                (Tensor(shape: [1, 3], scalars: net1.outputWeights), Tensor([net1.outputBias]), .identity),
            ])
        printLayers(matrixForm, session)
        let scalarOutput = net1(x)
        let matrixOutput = matrixForm(column).reshaped([x.count])
        session.say(
            "n1_out at x = −1, −0.5, 0, 0.5, 0.67, 0.99: "
                + Self.probes.map { fixed(matrixOutput.scalars[$0], 4) }.joined(separator: ", "))
        session.checkSeries(
            "matrix form = scalar form of net 1 (200 inputs)", matrixOutput.scalars, scalarOutput.scalars,
            tolerance: 1e-15, source: "shallow_1_1_3")
        session.checkSeries(
            "n1_out at the six probes", Self.probes.map { matrixOutput.scalars[$0] },
            [-1.0, 0.0, 1.0, -0.5, -1.01, 1.006], tolerance: 1e-12)

        session.section("TODO 2: net2(net1(x)) as a network with two hidden layers", part: "composition")
        let composed = Network.composition(net2.network, after: matrixForm)
        printLayers(composed, session)
        // The notebook's hint, entry by entry: β1[i] = θ′_i0 + θ′_i1 φ_0 and Ω1[i, j] = θ′_i1 φ_j.
        let hintBeta = (0..<3).map { net2.hiddenBiases[$0] + net2.hiddenSlopes[$0] * net1.outputBias }
        let hintOmega = (0..<3).flatMap { i in net1.outputWeights.map { net2.hiddenSlopes[i] * $0 } }
        session.checkSeries(
            "β1 = [−1.6, 1.2, 0.5]ᵀ", composed.biases(ofLayer: 1).scalars, [-1.6, 1.2, 0.5], tolerance: 1e-15)
        session.checkSeries(
            "Ω1 = [[2, 3, −9.3], [−2, −3, 9.3], [−2, −3, 9.3]]", composed.weights(ofLayer: 1).scalars,
            [2, 3, -9.3, -2, -3, 9.3, -2, -3, 9.3], tolerance: 1e-15)
        session.checkSeries(
            "β1, Ω1 from the hint's formulas",
            composed.biases(ofLayer: 1).scalars + composed.weights(ofLayer: 1).scalars,
            hintBeta + hintOmega, tolerance: 1e-15, source: "θ′_i0 + θ′_i1 φ_0, θ′_i1 φ_j")
        session.checkSeries(
            "β2 = [0.5], Ω2 = [−1, −1.5, 2]",
            composed.biases(ofLayer: 2).scalars + composed.weights(ofLayer: 2).scalars,
            [0.5, -1, -1.5, 2], tolerance: 0)
        let n2Out = net2(scalarOutput)
        let composedOutput = composed(column).reshaped([x.count])
        session.say(
            "n2_out at x = −1, −0.5, 0, 0.5, 0.67, 0.99: "
                + Self.probes.map { fixed(composedOutput.scalars[$0], 4) }.joined(separator: ", ")
                + "; Σ = \(fixed(composedOutput.sum(), 4))")
        session.checkSeries(
            "two-hidden-layer network = net2(net1(x)) (200 inputs)", composedOutput.scalars, n2Out.scalars,
            tolerance: 1e-15, source: "shallow_1_1_3 twice")
        session.checkSeries(
            "n2_out at the six probes", Self.probes.map { composedOutput.scalars[$0] },
            [0.1, 0.2, -0.3, 0.5, 0.09, -0.297], tolerance: 1e-12)
        session.check("Σ n2_out", composedOutput.sum(), 8.84, tolerance: 1e-10)

        session.section(
            "TODO 3: a deep network D_i = 4, D_1 = 5, D_2 = 2, D_3 = 4, D_o = 1 (seed 0)", part: "deep-network")
        // The notebook draws these unseeded; the reference's reproducible example seeds 0 and draws x, then
        // β_k, Ω_k layer by layer.
        var random = RandomState(seed: 0)
        let inputs = random.normal(shape: [4, 4])
        var layers: [(weights: Tensor, biases: Tensor, activation: Activation)] = []
        for (width, fanIn) in [(5, 4), (2, 5), (4, 2), (1, 4)] {
            let beta = random.normal(shape: [width, 1])
            layers.append(
                (random.normal(shape: [width, fanIn]), beta.reshaped([width]), width == 1 ? .identity : .relu))
        }
        let deep = Network(inputs: 4, layers: layers)
        let workspace = NetworkWorkspace(deep.architecture, capacity: 4)
        // The notebook's columns are points.
        workspace.forward(parameters: deep.parameters, inputs: inputs.transposed())
        let y = workspace.output.transposed()
        session.say("Input data points")
        "\(inputs)".split(separator: "\n").forEach { session.say(String($0)) }
        session.say("Output data points")
        session.say("\(y)")
        let shapes = (1...3).map { workspace.activations($0).transposed().shape } + [y.shape]
        session.check(
            "shapes of h1, h2, h3, y (D_k × n_data)", shapes == [[5, 4], [2, 4], [4, 4], [1, 4]],
            shapes.map { "\($0[0])×\($0[1])" }.joined(separator: ", "))
        session.checkSeries(
            "y of the seed-0 network", y.scalars,
            [-3.075660686730005, -0.7869504783097709, -1.148973322527658, -0.4017809362082619], tolerance: 1e-12)
        session.answer(
            "What sizes do β_k and Ω_k take?",
            "β_k is D_{k+1} × 1 and Ω_k is D_{k+1} × D_k: β0 5×1, Ω0 5×4, β1 2×1, Ω1 2×5, β2 4×1, Ω2 4×2, β3 1×1, Ω3 1×4, \(deep.architecture.parameterCount) parameters in all. (The code cell sets D_3 = 1 while the text asks for D_3 = 4; this follows the text. Its shape checks compare ints with `is not` and always test h1.shape[1], so they would not catch a wrong n_data in h2, h3 or y.)"
        )

        session.part("figures")
        try session.figure("4.3-matrix-form") {
            let figure = Figure(width: 1000, height: 520, columns: 2, dpi: 100)
            let panels = [
                ("Red 1", scalarOutput, matrixOutput, "shallow_1_1_3", "forma matricial"),
                ("net2(net1(x))", n2Out, composedOutput, "red 1 seguida de la red 2", "dos capas ocultas"),
            ]
            for (index, (name, reference, matrix, referenceLabel, matrixLabel)) in panels.enumerated() {
                let axes = figure.axes(row: 0, column: index)
                axes.line(
                    x.scalars, reference.scalars, label: referenceLabel,
                    color: ChapterFour.unitColors[index].withAlpha(0.35), width: 5)
                axes.line(x.scalars, matrix.scalars, label: matrixLabel, color: .black, style: .dashed)
                axes.title = name
                axes.xLabel = "Entrada"
                axes.yLabel = "Salida"
                ChapterFour.limits(axes, x: (-1, 1), y: (-1, 1))
            }
            figure.title = "Las mismas funciones calculadas en forma matricial"
            return figure
        }
    }

    /// Prints β_k and Ω_k of every layer, as NumPy prints them.
    private func printLayers(_ network: Network, _ session: NotebookSession) {
        for k in network.layers.indices {
            let beta = network.biases(ofLayer: k)
            session.say("beta_\(k) = " + "\(beta.reshaped([beta.count, 1]))".split(separator: "\n").joined())
            session.say("Omega_\(k) = " + "\(network.weights(ofLayer: k))".split(separator: "\n").joined())
        }
    }
}
