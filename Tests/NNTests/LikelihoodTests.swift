import NN
import Tensor
import TestSupport
import Testing

/// Notebooks 5.1 (least squares), 5.2 (binary cross-entropy) and 5.3 (multiclass cross-entropy).
@Suite struct LikelihoodTests {
    static let xTrain = Tensor([
        0.09291784, 0.46809093, 0.93089486, 0.67612654, 0.73441752, 0.86847339, 0.49873225, 0.51083168, 0.18343972,
        0.99380898, 0.27840809, 0.38028817, 0.12055708, 0.56715537, 0.92005746, 0.77072270, 0.85278176, 0.05315950,
        0.87168699, 0.58858043,
    ])

    /// Notebook 5.x's `shallow_nn` with β0 = [0.3, −1.0, −0.5], Ω0 = [−1.0, 1.8, 0.65]ᵀ and the given output layer.
    static func model(beta1: [Double], omega1: [[Double]]) -> Network {
        Network(
            inputs: 1,
            layers: [
                (Tensor(shape: [3, 1], scalars: [-1.0, 1.8, 0.65]), Tensor([0.3, -1.0, -0.5]), .relu),
                (try! Tensor(omega1), Tensor(beta1), .identity),
            ])
    }

    static func outputs(_ network: Network) -> Tensor { network(xTrain.reshaped([20, 1])) }

    // MARK: 5.1

    static let y51 = Tensor([
        -0.25934537, 0.18195445, 0.65127015, 0.13921448, 0.09366691, 0.30567674, 0.37229117, 0.20716968, -0.08131792,
        0.51187806, 0.16943738, 0.3994327, 0.01906257, 0.5582041, 0.45256496, -0.1183121, 0.02957665, -1.24354444,
        0.24803884, 0.2682497,
    ])

    @Test func notebook51NormalLikelihood() {
        expectClose(
            Likelihood.normalDensity(1, mean: -1, standardDeviation: 2.3), 0.118846861853267, absolute: 1e-14,
            relative: 1e-14)
        expectClose(
            Likelihood.normalDensity(0, mean: 0, standardDeviation: 1), 0.398942280401433, absolute: 1e-14,
            relative: 1e-14)
        let mu = Self.outputs(Self.model(beta1: [0.1], omega1: [[-2.0, -1.0, 7.0]])).reshaped([20])
        expectClose(Array(mu.scalars.prefix(3)), [-0.31416432, 0.1, 0.159960865], absolute: 1e-8, relative: 1e-8)
        expectClose(
            Likelihood.normal(Self.y51, means: mu, standardDeviation: 0.2) / 1.062373866390968e-05, 1, absolute: 1e-12,
            relative: 1e-12)
        expectClose(
            Likelihood.normalNegativeLogLikelihood(Self.y51, means: mu, standardDeviation: 0.2), 11.452419564185830,
            absolute: 1e-12, relative: 1e-12)
        expectClose(
            Likelihood.sumOfSquares(Self.y51, predictions: mu), 2.020992571901951, absolute: 1e-12, relative: 1e-12)
        // The network's Gaussian loss is the same negative log-likelihood.
        let network = Self.model(beta1: [0.1], omega1: [[-2.0, -1.0, 7.0]])
        let workspace = NetworkWorkspace(network.architecture, capacity: 20)
        let nll = workspace.loss(
            parameters: network.parameters, inputs: Self.xTrain.reshaped([20, 1]), targets: Self.y51.reshaped([20, 1]),
            loss: .gaussianNegativeLogLikelihood(sigma: 0.2))
        expectClose(nll, 11.452419564185830, absolute: 1e-12, relative: 1e-12)
    }

    @Test func notebook51Sweeps() {
        let beta = Tensor.arange(0, 1, step: 0.01)
        var nll: [Double] = [], ssq: [Double] = [], likelihood: [Double] = []
        for b in beta.scalars {
            let mu = Self.outputs(Self.model(beta1: [b], omega1: [[-2.0, -1.0, 7.0]])).reshaped([20])
            nll.append(Likelihood.normalNegativeLogLikelihood(Self.y51, means: mu, standardDeviation: 0.2))
            ssq.append(Likelihood.sumOfSquares(Self.y51, predictions: mu))
            likelihood.append(Likelihood.normal(Self.y51, means: mu, standardDeviation: 0.2))
        }
        #expect(Tensor(nll).argmin() == 27 && Tensor(ssq).argmin() == 27 && Tensor(likelihood).argmax() == 27)
        expectClose(
            [nll[27], ssq[27], likelihood[27]], [3.826491083935826, 1.410918293481951, 2.178592665507214e-02],
            absolute: 1e-12, relative: 1e-12)
        expectClose(
            [nll[26], nll[28], nll[0], nll[99]], [3.875075112186, 3.827907055686, 22.688259846686, 131.728441049936],
            absolute: 1e-12, relative: 1e-12)
        expectClose([ssq[0], ssq[99]], [2.919859794502, 11.643074290762], absolute: 1e-12, relative: 1e-12)

        let mu = Self.outputs(Self.model(beta1: [beta.scalars[27]], omega1: [[-2.0, -1.0, 7.0]])).reshaped([20])
        let sigmas = Tensor.arange(0.1, 0.5, step: 0.005)
        let sweep = sigmas.scalars.map {
            Likelihood.normalNegativeLogLikelihood(Self.y51, means: mu, standardDeviation: $0)
        }
        let likelihoods = sigmas.scalars.map { Likelihood.normal(Self.y51, means: mu, standardDeviation: $0) }
        #expect(Tensor(sweep).argmin() == 33 && Tensor(likelihoods).argmax() == 33)
        expectClose(
            [sweep[33], likelihoods[33]], [1.863959670974379, 0.1550574367579658], absolute: 1e-12, relative: 1e-12)
    }

    // MARK: 5.2

    static let y52 = Tensor([0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1])

    @Test func notebook52BernoulliLikelihood() {
        #expect(Likelihood.bernoulli(0, probability: 0.2) == 0.8)
        expectClose(Likelihood.bernoulli(1, probability: 0.2), 0.2, absolute: 1e-15, relative: 1e-15)
        let network = Self.model(beta1: [2.6], omega1: [[-24.0, -8.0, 50.0]])
        let logits = Self.outputs(network).reshaped([20])
        let lambda = logits.map(Activation.sigmoid.value)
        expectClose(lambda.scalars[0], 0.08549134103032555, absolute: 1e-14, relative: 1e-14)
        expectClose(
            Likelihood.bernoulli(Self.y52, probabilities: lambda) / 7.023671435616859e-05, 1, absolute: 1e-12,
            relative: 1e-12)
        expectClose(
            Likelihood.bernoulliNegativeLogLikelihood(Self.y52, probabilities: lambda), 9.563639387120910,
            absolute: 1e-12, relative: 1e-12)
        // The logit-based binary cross-entropy is the same number.
        let workspace = NetworkWorkspace(network.architecture, capacity: 20)
        let bce = workspace.loss(
            parameters: network.parameters, inputs: Self.xTrain.reshaped([20, 1]), targets: Self.y52.reshaped([20, 1]),
            loss: .binaryCrossEntropy(.sum))
        expectClose(bce, 9.563639387120910, absolute: 1e-12, relative: 1e-12)
    }

    @Test func notebook52Sweep() {
        let beta = Tensor.arange(-2, 6, step: 0.1)
        var nll: [Double] = [], likelihood: [Double] = []
        for b in beta.scalars {
            let lambda = Self.outputs(Self.model(beta1: [b], omega1: [[-24.0, -8.0, 50.0]])).reshaped([20]).map(
                Activation.sigmoid.value)
            nll.append(Likelihood.bernoulliNegativeLogLikelihood(Self.y52, probabilities: lambda))
            likelihood.append(Likelihood.bernoulli(Self.y52, probabilities: lambda))
        }
        #expect(Tensor(nll).argmin() == 36 && Tensor(likelihood).argmax() == 36)
        expectClose(
            [nll[36], likelihood[36] / 3.299686406772797e-04], [8.016512936269885, 1], absolute: 1e-12, relative: 1e-12)
        expectClose(
            [nll[35], nll[37], nll[0], nll[79]], [8.021430374608, 8.042581914235, 27.661524202817, 28.658995660621],
            absolute: 1e-12, relative: 1e-12)
    }

    // MARK: 5.3

    static let y53 = Tensor([2, 0, 1, 2, 1, 0, 0, 2, 2, 0, 2, 0, 2, 0, 1, 2, 1, 2, 1, 0])
    static let omega53 = [[-24.0, -8.0, 50.0], [-2.0, 8.0, -30.0], [16.0, -8.0, -8.0]]

    @Test func notebook53CategoricalLikelihood() {
        expectClose(
            Likelihood.softmax(Tensor([1, 2, 3])).scalars,
            [0.09003057317038046, 0.24472847105479767, 0.6652409557748219], absolute: 1e-15, relative: 1e-15)
        let network = Self.model(beta1: [2.0, -2, 0.0], omega1: Self.omega53)
        let logits = Self.outputs(network)
        let lambda = Likelihood.softmax(logits, stable: false)
        expectClose(
            lambda.row(0).scalars, [0.001857737643493663, 0.0032386835862587312, 0.9949035787702476], absolute: 1e-15,
            relative: 1e-15)
        expectClose(
            Likelihood.categorical(Self.y53, probabilities: lambda) / 4.076435184442612e-08, 1, absolute: 1e-12,
            relative: 1e-12)
        expectClose(
            Likelihood.categoricalNegativeLogLikelihood(Self.y53, probabilities: lambda), 17.015457866763509,
            absolute: 1e-12, relative: 1e-12)
        #expect(Likelihood.categorical(0, probabilities: Tensor([0.2, 0.5, 0.3])) == 0.2)
        let workspace = NetworkWorkspace(network.architecture, capacity: 20)
        let ce = workspace.loss(
            parameters: network.parameters, inputs: Self.xTrain.reshaped([20, 1]), targets: Self.y53.reshaped([20, 1]),
            loss: .crossEntropy(.sum))
        expectClose(ce, 17.015457866763509, absolute: 1e-12, relative: 1e-12)
        expectClose(
            Likelihood.logSoftmax(logits).exp().scalars, Likelihood.softmax(logits).scalars, absolute: 1e-15,
            relative: 1e-15)
    }

    @Test func notebook53Sweep() {
        let beta = Tensor.arange(-2, 6, step: 0.1)
        var nll: [Double] = [], likelihood: [Double] = []
        for b in beta.scalars {
            let lambda = Likelihood.softmax(
                Self.outputs(Self.model(beta1: [b, -2, 0], omega1: Self.omega53)), stable: false)
            nll.append(Likelihood.categoricalNegativeLogLikelihood(Self.y53, probabilities: lambda))
            likelihood.append(Likelihood.categorical(Self.y53, probabilities: lambda))
        }
        #expect(Tensor(nll).argmin() == 26 && Tensor(likelihood).argmax() == 26)
        expectClose(
            [nll[26], likelihood[26] / 7.039390197294804e-07], [14.166574104242514, 1], absolute: 1e-12, relative: 1e-12
        )
        expectClose(
            [nll[25], nll[27], nll[0], nll[79]], [14.189686888168, 14.174395789339, 23.097761342140, 46.280818490633],
            absolute: 1e-12, relative: 1e-12)
    }
}
