import NN
import Plot
import RealModule
import Tensor

/// Notebook 7.1, "Backpropagation in toy model": the derivatives of
/// f[x, φ] = β₃ + ω₃·cos[β₂ + ω₂·exp[β₁ + ω₁·sin[β₀ + ω₀x]]] under ℓ = (f − y)² (UDL §7.3), by a forward
/// pass that stores every f_k and h_k and a backward pass through them.
///
/// The model is a 1-1-1-1-1 network whose activations are sin, exp and cos (then the identity), so the
/// notebook's three TODOs are `NetworkWorkspace`'s forward pass (eq. 7.24), backward pass (eq. 7.25 with
/// a′ = cos, exp, −sin) and parameter derivatives (∂ℓ/∂β_k = ∂ℓ/∂f_k, ∂ℓ/∂ω_k = h_k·∂ℓ/∂f_k).
public struct BackpropagationToyModelNotebook: Notebook {
    /// The notebook's number.
    public let id = "7.1"
    /// The notebook's title.
    public let title = "Backpropagation in toy model"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap07/7_1_Backpropagation_in_Toy_Model.ipynb"

    static let beta = [1.0, 2.0, -3.0, 0.4]
    static let omega = [0.1, -0.4, 2.0, 3.0]
    static let (x, y) = (2.3, 2.0)

    /// Creates the notebook.
    public init() {}

    /// The toy model as a network: layer k computes f_k = β_k + ω_k h_k and applies sin, exp, cos, identity.
    static let network = Network(
        inputs: 1,
        layers: (0..<4).map { k in
            (
                Tensor(shape: [1, 1], scalars: [omega[k]]), Tensor([beta[k]]),
                [Activation.sine, .exponential, .cosine, .identity][k]
            )
        })

    /// The notebook's own `fn`: the model written out in one expression (the independent reference).
    static func fn(_ x: Double, _ b: [Double], _ w: [Double]) -> Double {
        b[3] + w[3] * .cos(b[2] + w[2] * .exp(b[1] + w[1] * .sin(b[0] + w[0] * x)))
    }

    /// The notebook's hand-derived ∂ℓ/∂ω₀ (`dldomega0_func`), the chain rule multiplied out.
    static func closedFormOmega0(_ x: Double, _ y: Double, _ b: [Double], _ w: [Double]) -> Double {
        let inner = b[1] + w[1] * .sin(b[0] + w[0] * x)
        return -2 * (fn(x, b, w) - y) * w[1] * w[2] * w[3] * x * .cos(b[0] + w[0] * x) * .exp(inner)
            * .sin(b[2] + w[2] * .exp(inner))
    }

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let network = Self.network
        let (x, y) = (ChapterSeven.scalar(Self.x), ChapterSeven.scalar(Self.y))
        let lossFunction = Self.fn(Self.x, Self.beta, Self.omega) - Self.y
        session.section("The model and its loss ℓ = (f[x, φ] − y)² at x = 2.3, y = 2.0", part: "model")
        session.say("l_i=\(fixed(lossFunction * lossFunction, 3))")
        session.checkPrinted("l_i (the notebook's fn)", lossFunction * lossFunction, decimals: 3, stated: "0.139")

        let workspace = NetworkWorkspace(network.architecture, capacity: 1)
        var gradient = Tensor.zeros([network.architecture.parameterCount])
        let loss = workspace.lossAndGradient(
            parameters: network.parameters, inputs: x, targets: y, loss: .sse, gradient: &gradient)

        session.section("TODO 1: the forward pass (NetworkWorkspace.forward, eq. 7.24)", part: "forward")
        let forward: [(String, Double, String, Double)] = [
            ("f0", workspace.preActivations(0).scalar, "1.230", 1.23),
            ("h1", workspace.activations(1).scalar, "0.942", 0.94248880193169748),
            ("f1", workspace.preActivations(1).scalar, "1.623", 1.6230044792273211),
            ("h2", workspace.activations(2).scalar, "5.068", 5.0682950511707752),
            ("f2", workspace.preActivations(2).scalar, "7.137", 7.1365901023415503),
            ("h3", workspace.activations(3).scalar, "0.657", 0.65742136947197483),
            ("f3", workspace.preActivations(3).scalar, "2.372", 2.3722641084159246),
        ]
        for (name, value, stated, solved) in forward {
            session.say("\(name): true value = \(stated), your value = \(fixed(value, 3))")
            session.checkPrinted(name, value, decimals: 3, stated: stated)
            session.check(name, value, solved, tolerance: 1e-12)
        }
        session.say(
            "l_i original = \(fixed(lossFunction * lossFunction, 3)), l_i from forward pass = \(fixed(loss, 3))")
        session.checkPrinted("l_i from the forward pass", loss, decimals: 3, stated: "0.139")
        session.check("l_i from the forward pass", loss, 0.13858056641470326, tolerance: 1e-12)

        session.section(
            "TODO 2: the backward pass (NetworkWorkspace.backward, eq. 7.25 with a′ = cos, exp, −sin)", part: "backward"
        )
        let backward: [(String, Double, String, Double)] = [
            ("dldf3", workspace.preActivationGradients(3).scalar, "0.745", 0.74452821683184922),
            ("dldh3", workspace.activationGradients(3).scalar, "2.234", 2.2335846504955477),
            ("dldf2", workspace.preActivationGradients(2).scalar, "-1.683", -1.6830577496003047),
            ("dldh2", workspace.activationGradients(2).scalar, "-3.366", -3.3661154992006095),
            ("dldf1", workspace.preActivationGradients(1).scalar, "-17.060", -17.060466526267692),
            ("dldh1", workspace.activationGradients(1).scalar, "6.824", 6.824186610507077),
            ("dldf0", workspace.preActivationGradients(0).scalar, "2.281", 2.2809006221693489),
        ]
        for (name, value, stated, solved) in backward {
            session.say("\(name): true value = \(stated), your value = \(fixed(value, 3))")
            session.checkPrinted(name, value, decimals: 3, stated: stated)
            session.check(name, value, solved, tolerance: 1e-12)
        }

        session.section(
            "TODO 3: the parameter derivatives ∂ℓ/∂β_k = ∂ℓ/∂f_k, ∂ℓ/∂ω_k = h_k·∂ℓ/∂f_k", part: "parameters")
        // Flat order per layer: ω_k, then β_k.
        let solved = [
            5.2460714309895016, 2.2809006221693489, -16.079298656737866, -17.060466526267692,
            -8.5302332631338462, -1.6830577496003047, 0.48946875992012173, 0.74452821683184922,
        ]
        let stated = ["5.246", "2.281", "-16.079", "-17.060", "-8.530", "-1.683", "0.489", "0.745"]
        let closedForm = Self.closedFormOmega0(Self.x, Self.y, Self.beta, Self.omega)
        let forwardFD = network.gradientCheck(inputs: x, targets: y, loss: .sse, step: 1e-5, difference: .forward)
        for k in [3, 2, 1, 0] {
            for (name, i) in [("beta\(k)", 2 * k + 1), ("omega\(k)", 2 * k)] {
                if i == 0 {
                    session.say(
                        "dldomega0: Your value = \(fixed(gradient[0], 3)), Function value = \(fixed(closedForm, 3)), Finite difference value = \(fixed(forwardFD.numeric[0], 3))"
                    )
                } else {
                    session.say("dld\(name): Your value = \(fixed(gradient[i], 3)), True value = \(stated[i])")
                }
                session.checkPrinted("dld\(name)", gradient[i], decimals: 3, stated: stated[i])
                session.check("dld\(name)", gradient[i], solved[i], tolerance: 1e-12)
            }
        }
        session.checkPrinted("dldomega0_func (the notebook's closed form)", closedForm, decimals: 3, stated: "5.246")
        session.check("dldomega0_func (the notebook's closed form)", closedForm, 5.2460714309895033, tolerance: 1e-12)
        session.check(
            "backprop ∂ℓ/∂ω0 against the closed form", gradient[0], closedForm, tolerance: 1e-13, source: "closed form")
        session.checkPrinted(
            "dldomega0_fd (forward difference, δ = 1e-5)", forwardFD.numeric[0], decimals: 3, stated: "5.246")
        session.check(
            "dldomega0_fd (forward difference, δ = 1e-5)", forwardFD.numeric[0], 5.2463183558670856, tolerance: 1e-9)

        session.section("Every derivative against finite differences", part: "finite-differences")
        let central = network.gradientCheck(inputs: x, targets: y, loss: .sse, step: 1e-6)
        let titles = ["backprop", "forward δ = 1e-5", "central δ = 1e-6"].map {
            ChapterSeven.padded($0, 22, left: false)
        }
        session.say(ChapterSeven.padded("parameter", 10) + titles.joined())
        for (i, name) in ["ω0", "β0", "ω1", "β1", "ω2", "β2", "ω3", "β3"].enumerated() {
            let columns = [gradient[i], forwardFD.numeric[i], central.numeric[i]].map {
                ChapterSeven.padded("\($0)", 22, left: false)
            }
            session.say(ChapterSeven.padded(name, 10) + columns.joined())
        }
        session.check(
            "central differences (δ = 1e-6) agree with backprop", central.maxRelativeError <= 1e-8,
            "max relative error \(ChapterSeven.scientific(central.maxRelativeError)) (tolerance 1e-8)")
        // The forward difference's error is δ/2·∂²ℓ/∂ω0² to first order; ∂²ℓ/∂ω0² by a central difference of
        // the backpropagated gradient.
        let h = 1e-4
        func backpropOmega0(_ omega0: Double) -> Double {
            var parameters = network.parameters
            parameters[0] = omega0
            var g = Tensor.zeros([8])
            _ = workspace.lossAndGradient(parameters: parameters, inputs: x, targets: y, loss: .sse, gradient: &g)
            return g[0]
        }
        let curvature = (backpropOmega0(Self.omega[0] + h) - backpropOmega0(Self.omega[0] - h)) / (2 * h)
        let fdError = forwardFD.numeric[0] - gradient[0]
        session.check(
            "forward-difference error ≈ δ/2·∂²ℓ/∂ω0²", fdError, 0.5e-5 * curvature,
            tolerance: 1e-2 * Swift.abs(fdError),
            source: "Taylor term")
        session.answer(
            "How close is the notebook's finite difference to the exact ∂ℓ/∂ω0?",
            "The forward difference has truncation error δ/2·∂²ℓ/∂ω0²: with ∂²ℓ/∂ω0² = \(fixed(curvature, 2)) and δ = 1e-5 that is \(ChapterSeven.scientific(0.5e-5 * curvature)), and the measured gap is \(ChapterSeven.scientific(fdError)). A central difference (δ = 1e-6) agrees with backprop to \(ChapterSeven.scientific(central.maxRelativeError)) relative; backprop itself is exact up to rounding (it matches the closed form to \(ChapterSeven.scientific(Swift.abs(gradient[0] - closedForm))))."
        )
        session.answer(
            "What does the backward pass save over the closed form?",
            "The closed form for ∂ℓ/∂ω0 alone re-evaluates sin[β0 + ω0x] and exp[β1 + ω1 sin[…]] twice; the backward pass reuses the stored f_k and h_k and gets all eight derivatives with one multiplication per factor of the chain."
        )

        try drawFigure(session, network: network, gradient: gradient, forwardFD: forwardFD, loss: loss)
    }

    /// The toy function with its data point, ℓ as a function of ω0 with the backprop tangent, and the
    /// eight derivatives against their finite differences.
    private func drawFigure(
        _ session: NotebookSession, network: Network, gradient: Tensor, forwardFD: GradientCheck, loss: Double
    ) throws {
        try session.figure("7.1-derivatives") {
            let figure = Figure(width: 1500, height: 460, columns: 3, dpi: 100)
            let xs = Tensor.linspace(-1, 6, count: 351)
            let curve = figure.axes(column: 0)
            curve.line(xs.scalars, network(xs.reshaped([351, 1])).scalars, label: "f[x, φ]")
            curve.scatter(
                [Self.x], [Self.y], label: "dato (x, y) = (2,3; 2,0)", color: Color.cycle[3], marker: .star, size: 12)
            curve.scatter(
                [Self.x], [network(Tensor([Self.x])).scalars[0]], label: "f[2,3; φ] = 2,372", color: .black, size: 7)
            curve.title = "El modelo de juguete"
            curve.xLabel = "entrada x"
            curve.yLabel = "f[x, φ]"
            curve.grid = .both

            let omegas = Tensor.linspace(-0.02, 0.22, count: 241).scalars
            let workspace = NetworkWorkspace(network.architecture, capacity: 1)
            let losses = omegas.map { omega0 -> Double in
                var parameters = network.parameters
                parameters[0] = omega0
                return workspace.loss(
                    parameters: parameters, inputs: ChapterSeven.scalar(Self.x), targets: ChapterSeven.scalar(Self.y),
                    loss: .sse)
            }
            let slice = figure.axes(column: 1)
            slice.line(omegas, losses, label: "ℓ en función de $\\omega_0$")
            let tangent = [Self.omega[0] - 0.05, Self.omega[0] + 0.05]
            slice.line(
                tangent, tangent.map { loss + gradient[0] * ($0 - Self.omega[0]) },
                label: "pendiente ∂ℓ/∂$\\omega_0$ = 5,246 (retropropagación)",
                color: Color.cycle[3], width: 2, style: .dashed)
            slice.scatter([Self.omega[0]], [loss], color: .black, size: 7)
            slice.title = "La pérdida a lo largo de $\\omega_0$ y su derivada"
            slice.xLabel = "$\\omega_0$"
            slice.yLabel = "ℓ = (f − y)$^2$"
            slice.grid = .both

            let names = [
                "$\\omega_0$", "$\\beta_0$", "$\\omega_1$", "$\\beta_1$", "$\\omega_2$", "$\\beta_2$", "$\\omega_3$",
                "$\\beta_3$",
            ]
            let bars = figure.axes(column: 2)
            bars.bar(categories: names, gradient.scalars, label: "retropropagación")
            bars.scatter(
                (0..<8).map(Double.init), forwardFD.numeric.scalars, label: "diferencia hacia adelante, δ = 10$^{-5}$",
                color: Color.cycle[1], marker: .diamond, size: 9)
            bars.horizontalLine(at: 0, color: .black, width: 0.8, style: .solid)
            bars.title = "∂ℓ/∂φ de los ocho parámetros"
            bars.yLabel = "∂ℓ/∂φ"
            bars.grid = .y
            bars.legendLocation = .lowerRight
            figure.title =
                "Cuaderno 7.1: retropropagación a través de f = β$_3$ + ω$_3$ cos[β$_2$ + ω$_2$ exp[β$_1$ + ω$_1$ sin[β$_0$ + ω$_0$x]]]"
            return figure
        }
    }
}
