import NN
import Tensor
import TestSupport
import Testing

/// Notebook 7.1 (backpropagation in a toy model) and 7.3 (initialisation): the forward and backward passes of
/// `NetworkWorkspace` against the reference's solved values (notebook 7.2's are in NotebooksTests).
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
        let network = Network(
            Architecture(inputs: 1, hidden: [6, 6, 6, 6, 6], activation: .relu, outputs: 1), initializer: .heNormal,
            seed: 0)
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
