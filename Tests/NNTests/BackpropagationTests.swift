import NN
import Notebooks
import Tensor
import TestSupport
import Testing

/// Notebooks 7.1 (backpropagation in a toy model) and 7.2 (backpropagation in a deep ReLU network): the
/// forward and backward passes of `NetworkWorkspace` against the reference's solved values.
@Suite struct BackpropagationTests {
    /// 7.1's f(x) = β3 + ω3·cos(β2 + ω2·exp(β1 + ω1·sin(β0 + ω0·x))) is a 1-1-1-1-1 network whose
    /// activations are sin, exp and cos.
    @Test func notebook71ToyModel() {
        let (beta, omega) = ([1.0, 2.0, -3.0, 0.4], [0.1, -0.4, 2.0, 3.0])
        let activations: [Activation] = [.sine, .exponential, .cosine, .identity]
        let network = Network(
            inputs: 1,
            layers: (0..<4).map {
                (Tensor(shape: [1, 1], scalars: [omega[$0]]), Tensor([beta[$0]]), activations[$0])
            })
        let workspace = NetworkWorkspace(network.architecture, capacity: 1)
        var gradient = Tensor.zeros([8])
        let loss = workspace.lossAndGradient(
            parameters: network.parameters, inputs: Tensor(shape: [1, 1], scalars: [2.3]),
            targets: Tensor(shape: [1, 1], scalars: [2.0]), loss: .sse, gradient: &gradient)
        expectClose(loss, 0.13858056641470326, absolute: 1e-12, relative: 1e-12)
        expectClose(
            (0..<4).map { workspace.preActivations($0).scalar },
            [1.23, 1.6230044792273211, 7.1365901023415503, 2.3722641084159246], absolute: 1e-12, relative: 1e-12)
        expectClose(
            (1...3).map { workspace.activations($0).scalar },
            [0.94248880193169748, 5.0682950511707752, 0.65742136947197483], absolute: 1e-12, relative: 1e-12)
        expectClose(
            (0..<4).map { workspace.preActivationGradients($0).scalar },
            [2.2809006221693489, -17.060466526267692, -1.6830577496003047, 0.74452821683184922], absolute: 1e-12,
            relative: 1e-12)
        expectClose(
            (1...3).map { workspace.activationGradients($0).scalar },
            [6.824186610507077, -3.3661154992006095, 2.2335846504955477], absolute: 1e-12, relative: 1e-12)
        // Flat order: (ω_k, β_k) per layer.
        expectClose(
            gradient.scalars,
            [
                5.2460714309895016, 2.2809006221693489, -16.079298656737866, -17.060466526267692,
                -8.5302332631338462, -1.6830577496003047, 0.48946875992012173, 0.74452821683184922,
            ], absolute: 1e-12, relative: 1e-12)
    }

    @Test func notebook72ForwardAndBackward() {
        let network = BackpropagationNotebook.network()
        let workspace = NetworkWorkspace(network.architecture, capacity: 1)
        var gradient = Tensor.zeros([network.architecture.parameterCount])
        let loss = workspace.lossAndGradient(
            parameters: network.parameters, inputs: Tensor(shape: [1, 1], scalars: [1.2]),
            targets: Tensor(shape: [1, 1], scalars: [20.0]), loss: .sse, gradient: &gradient, inputGradient: true)
        expectClose(workspace.output.scalar, 1.9066049977294031, absolute: 1e-12, relative: 1e-12)
        expectClose(loss / 327.37094270819063, 1, absolute: 1e-12, relative: 1e-12)
        expectClose(
            workspace.preActivations(0).scalars,
            [
                2.87790054030819, 0.6018636665334963, 1.6183488136723128, 3.022746166416016, 3.7351486613375666,
                -1.377891719617494,
            ], absolute: 1e-12, relative: 1e-12)
        expectClose(
            workspace.preActivations(4).scalars,
            [
                -7.223161550351734, -20.70636514776969, -14.327368143143442, -14.817097600373646, 11.062883842963927,
                -20.80230784695514,
            ], absolute: 1e-12, relative: 1e-12)
        expectClose(workspace.activationGradients(0).scalar / -54.53747284585685, 1, absolute: 1e-12, relative: 1e-12)

        let trained = Network(network.architecture, parameters: gradient)
        let biases: [[Double]] = [
            [-4.4859487556554924, 4.947444659487175, 6.811528751851823, -3.8834628061538528, -24.93526671528312, 0.0],
            [0, -11.296896081669242, 0, 0, -10.721770787897048, 0],
            [0, 0, 0.9378865854831568, 0, -9.993352941785815, 0.507566422190971],
            [0, -4.799953101238755, -1.6613597510127596, 0, 3.3934542786013644, 5.390964399379986],
            [0, 0, 0, 0, -5.212474461102878, 0],
            [-36.186790004541194],
        ]
        let weights: [[Double]] = [
            [-5.383138506786591, 5.9369335913846095, 8.173834502222187, -4.660155367384623, -29.922320058339743, 0.0],
            [
                0, 0, 0, 0, 0, 0, -32.511343337241385, -6.799191296161338, -18.28231837194882, -34.14764932326581,
                -42.19558627671647, 0,
            ]
                + [Double](repeating: 0, count: 12)
                + [
                    -30.856189943549484, -6.453044278135451, -17.351565035059647, -32.40919154630703,
                    -40.047407805581884, 0,
                ]
                + [Double](repeating: 0, count: 6),
            [Double](repeating: 0, count: 12) + [0, 5.371356219433391, 0, 0, 3.1446004763144946, 0]
                + [Double](repeating: 0, count: 6) + [0, -57.23278198845525, 0, 0, -33.50629266600474, 0]
                + [0, 2.906876056028192, 0, 0, 1.7017981040433965, 0],
            [Double](repeating: 0, count: 6) + [0, 0, -3.6740447224587367, 0, -42.90504609101559, -10.998434747443804]
                + [0, 0, -1.271660346793496, 0, -14.850294406535923, -3.8067781972343973]
                + [Double](repeating: 0, count: 6)
                + [0, 0, 2.5974634585456142, 0, 30.33286141766065, 7.775635441521082]
                + [0, 0, 4.126424546813457, 0, 48.18788249633721, 12.352656145134302],
            [Double](repeating: 0, count: 24) + [
                0, -81.63541186649071, -49.1356066390429, 0, -22.006697705674377, -10.145546058654217,
            ]
                + [Double](repeating: 0, count: 6),
            [0, 0, 0, 0, -400.3302544699673, 0],
        ]
        for k in 0...5 {
            let scale = max(1, trained.biases(ofLayer: k).norm(.infinity))
            expectClose(
                trained.biases(ofLayer: k).scalars.map { $0 / scale }, biases[k].map { $0 / scale }, absolute: 1e-12,
                relative: 1e-12, "β_\(k)")
            let wScale = max(1, trained.weights(ofLayer: k).norm(.infinity))
            expectClose(
                trained.weights(ofLayer: k).scalars.map { $0 / wScale }, weights[k].map { $0 / wScale },
                absolute: 1e-12, relative: 1e-12, "Ω_\(k)")
        }
    }

    /// Notebook 7.3's experiments, K = 5, D = 8, σ² = 1: the spread of activations and of ∂L/∂f.
    @Test func notebook73Spreads() {
        func network(_ random: inout RandomState) -> Network {
            // init_params(K=5, D=8, σ²=1): seed 0, then Ω_0 (D×1), Ω_K (1×D), Ω_1 … Ω_{K−1}; zero biases.
            random.reseed(0)
            let first = random.normal(shape: [8, 1]), last = random.normal(shape: [1, 8])
            let middle = (1...4).map { _ in random.normal(shape: [8, 8]) }
            let weights = [first] + middle + [last]
            return Network(
                inputs: 1,
                layers: weights.enumerated().map {
                    ($1, Tensor.zeros([$1.shape[0]]), $0 == 5 ? .identity : .relu(derivativeAtZero: 1))
                })
        }
        var random = RandomState(seed: 0)
        let net = network(&random)
        let data = random.normal(shape: [1000, 1])
        let forward = NetworkWorkspace(net.architecture, capacity: 1000)
        forward.forward(parameters: net.parameters, inputs: data)
        expectClose(
            (1...5).map { forward.activations($0).standardDeviation() },
            [0.810840828685945, 1.472262339198876, 4.546916412160579, 8.896092020950714, 10.105919198452590],
            absolute: 1e-12, relative: 1e-12)
        expectClose(forward.output.standardDeviation(), 38.704719727535689, absolute: 1e-12, relative: 1e-12)

        let again = network(&random)
        let points = random.normal(shape: [100, 1])
        let backward = NetworkWorkspace(again.architecture, capacity: 100)
        var gradient = Tensor.zeros([again.architecture.parameterCount])
        // With a summed loss, each row of ∂L/∂f_k is that point's own gradient, as in the notebook's loop.
        _ = backward.lossAndGradient(
            parameters: again.parameters, inputs: points, targets: Tensor.zeros([100, 1]), loss: .sse,
            gradient: &gradient)
        expectClose(
            [4, 3, 2, 1].map { backward.preActivationGradients($0).standardDeviation() },
            [56.471977475824438, 109.131694559336779, 340.657347160579775, 446.654208321153192], absolute: 1e-12,
            relative: 1e-12)
    }
}

extension BackpropagationTests {
    /// Reusing a forward pass gives the same loss and gradient as running it again.
    @Test func backwardReusesTheForwardPass() {
        let network = BackpropagationNotebook.network()
        var random = RandomState(seed: 4)
        let x = random.normal(shape: [5, 1]), y = random.normal(shape: [5, 1])
        let workspace = NetworkWorkspace(network.architecture, capacity: 5)
        var full = Tensor.zeros([network.architecture.parameterCount]), reused = full
        let a = workspace.lossAndGradient(
            parameters: network.parameters, inputs: x, targets: y, loss: .mse, gradient: &full)
        let evaluated = workspace.loss(parameters: network.parameters, inputs: x, targets: y, loss: .mse)
        let b = workspace.lossAndGradientOfLastForwardPass(
            parameters: network.parameters, targets: y, loss: .mse, gradient: &reused)
        #expect(a == b && a == evaluated)
        #expect(full == reused)
    }
}
