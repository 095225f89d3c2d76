import NN
import Tensor
import TestSupport
import Testing

/// Notebooks 3.4 (activation functions), 4.1 (composing networks) and 4.2 (clipping functions), against
/// the solved values of the UDL reference (`udl-notebooks.md`).
@Suite struct ShallowNetworkTests {
    static let theta34 = [(0.3, -1.0), (-1.0, 2.0), (-0.5, 0.65)]
    let x = Tensor.arange(0, 1, step: 0.01)
    let probes = [0, 10, 25, 50, 75, 99]

    func values(_ y: Tensor, _ indices: [Int]) -> [Double] { indices.map { y.scalars[$0] } }

    @Test func notebook34ReLUNetwork() {
        let y = ShallowNetwork(theta: Self.theta34, phi: [-0.3, 2.0, -1.0, 7.0], activation: .relu)(x)
        expectClose(values(y, probes), [0.3, 0.1, -0.2, -0.3, -0.8, -0.2755], absolute: 1e-12, relative: 1e-12)
        expectClose(y.sum(), -33.608, absolute: 1e-10, relative: 1e-10)
        expectClose([y.min(), y.max()], [-0.8365, 0.3], absolute: 1e-12, relative: 1e-12)
    }

    @Test func notebook34SigmoidNetwork() {
        let net = ShallowNetwork(theta: Self.theta34, phi: [0.3, 0.5, -1.0, 0.9], activation: .sigmoid(scale: 10))
        let trace = net.trace(x)
        expectClose(
            values(trace.output, probes),
            [0.782265231374, 0.751531303376, 0.634314195226, -0.007156060760, -0.265902113797, 0.027470094515],
            absolute: 1e-12, relative: 1e-12)
        expectClose(trace.output.sum(), 19.077280417529, absolute: 1e-11, relative: 1e-11)
        expectClose(
            trace.activations.column(0).scalars, [0.952574126822, 0.000045397869, 0.006692850924], absolute: 1e-12,
            relative: 1e-12)
        let sigmoid = Activation.sigmoid(scale: 10)
        expectClose(
            [sigmoid.value(0.1), sigmoid.value(-0.2)], [0.731058578630, 0.119202922022], absolute: 1e-12,
            relative: 1e-12)
        let z = Tensor.arange(-1, 1, step: 0.01)
        expectClose(z.map(sigmoid.value).sum(), 99.500045397869, absolute: 1e-11, relative: 1e-11)
        expectClose(sigmoid.value(z.scalars[0]), 0.000045397869, absolute: 1e-12, relative: 1e-12)
    }

    @Test func notebook34HeavisideNetwork() {
        #expect(Activation.heaviside.value(0) == 1)
        let y = ShallowNetwork(theta: Self.theta34, phi: [0.3, 0.5, -1.0, 0.9], activation: .heaviside)(x)
        expectClose(values(y, probes), [0.8, 0.8, 0.8, -0.7, -0.7, 0.2], absolute: 1e-12, relative: 1e-12)
        expectClose(y.sum(), 16.2, absolute: 1e-10, relative: 1e-10)
        let z = Tensor.arange(-1, 1, step: 0.01).map(Activation.heaviside.value)
        #expect(z.sum() == 100)
        #expect(z.scalars.firstIndex(of: 1) == 100)
    }

    @Test func notebook34LinearActivationStaysAffine() {
        let phi = [0.3, 0.5, -1.0, 0.9]
        let identity = ShallowNetwork(theta: Self.theta34, phi: phi, activation: .affine(intercept: 0, slope: 1))(x)
        expectClose(
            values(identity, probes), [1.0, 0.8085, 0.52125, 0.0425, -0.43625, -0.89585], absolute: 1e-12,
            relative: 1e-12)
        expectClose(identity.sum(), 5.2075, absolute: 1e-10, relative: 1e-10)
        let shifted = ShallowNetwork(theta: Self.theta34, phi: phi, activation: .affine(intercept: 0.5, slope: -0.4))(x)
        expectClose(values(shifted, [0, 50, 99]), [0.22, 0.603, 0.97834], absolute: 1e-12, relative: 1e-12)
        // Affine in x: every slope between neighbouring points is the same.
        let slopes = (1..<x.count).map { (shifted.scalars[$0] - shifted.scalars[$0 - 1]) / 0.01 }
        expectClose(slopes, [Double](repeating: 0.766, count: slopes.count), absolute: 1e-9, relative: 1e-9)
    }

    // MARK: 4.1

    static let net1 = ShallowNetwork(
        theta: [(0, -1), (0, 1), (-0.67, 1)], phi: [1.0, -2.0, -3.0, 9.3], activation: .relu)
    static let net2 = ShallowNetwork(
        theta: [(-0.6, -1), (0.2, 1), (-0.5, 1)], phi: [0.5, -1.0, -1.5, 2.0], activation: .relu)

    @Test func notebook41Compositions() {
        let x = Tensor.arange(-1, 1, step: 0.001)
        let probes = [0, 250, 500, 1000, 1500, 1999]
        let (net1, net2) = (Self.net1, Self.net2)
        expectClose(values(net1(x), probes), [-1.0, -0.5, 0.0, 1.0, -0.5, 1.0627], absolute: 1e-12, relative: 1e-12)
        expectClose(values(net2(x), probes), [0.1, 0.35, 0.5, 0.2, -0.55, -0.3005], absolute: 1e-12, relative: 1e-12)
        expectClose(
            values(net2(net1(x)), probes), [0.1, 0.5, 0.2, -0.3, 0.5, -0.26865], absolute: 1e-12, relative: 1e-12)
        var flipped = net2
        flipped.outputWeights[0] *= -1
        expectClose(
            values(flipped(net1(x)), probes), [0.9, 0.5, 0.2, -0.3, 0.5, -0.26865], absolute: 1e-12, relative: 1e-12)
        var halved = net1
        halved.outputWeights[0] *= 0.5
        expectClose(
            values(net2(halved(x)), probes), [0.2, -0.175, -0.55, -0.3, 0.5, -0.26865], absolute: 1e-12, relative: 1e-12
        )
        expectClose(
            values(net1(net1(x)), probes), [-1.0, 0.0, 1.0, 1.069, 0.0, 1.46401], absolute: 1e-12, relative: 1e-12)
        expectClose(
            values(net2(net1(net1(x))), probes), [0.1, 0.2, -0.3, -0.2655, 0.2, -0.067995], absolute: 1e-12,
            relative: 1e-12)
    }

    // MARK: 4.2

    /// Notebook 4.2's `shallow_1_1_3_3`: two hidden layers of three units, as a deep network 1 → 3 → 3 → 1.
    static func clippingNetwork(psi: [[Double]], phi: [Double]) -> Network {
        Network(
            inputs: 1,
            layers: [
                (Tensor(shape: [3, 1], scalars: [-1.0, 2.0, 0.65]), Tensor([0.3, -1.0, -0.5]), .relu),
                (try! Tensor(psi.map { Array($0.dropFirst()) }), Tensor(psi.map { $0[0] }), .relu),
                (Tensor(shape: [1, 3], scalars: Array(phi.dropFirst())), Tensor([phi[0]]), .identity),
            ])
    }

    static let psi = [[0.3, 2.0, -1.0, 7.0], [-0.2, 2.0, 1.2, -8.0], [0.3, -2.3, -0.8, 2.0]]
    static let phi = [0.0, 0.5, -1.5, 2.2]

    func clipped(_ network: Network) -> Tensor { network(x.reshaped([x.count, 1])).reshaped([x.count]) }

    @Test func notebook42ClippingNetwork() {
        let network = Self.clippingNetwork(psi: Self.psi, phi: Self.phi)
        let y = clipped(network)
        let probes = [0, 25, 50, 75, 99]
        expectClose(values(y, probes), [-0.15, 0.607, 0.81, -0.6, 0.16225], absolute: 1e-12, relative: 1e-12)
        expectClose(y.sum(), 20.30495, absolute: 1e-10, relative: 1e-10)
        expectClose([y.min(), y.max()], [-0.666, 0.81], absolute: 1e-12, relative: 1e-12)
        let workspace = NetworkWorkspace(network.architecture, capacity: 1)
        workspace.forward(parameters: network.parameters, inputs: Tensor(shape: [1, 1], scalars: [0]))
        expectClose(workspace.preActivations(1).scalars, [0.9, 0.4, -0.39], absolute: 1e-12, relative: 1e-12)
    }

    @Test func notebook42Variants() {
        let probes = [0, 25, 50, 75, 99]
        var psi = Self.psi
        psi[0][0] = 0.5
        let raised = clipped(Self.clippingNetwork(psi: psi, phi: Self.phi))
        expectClose(values(raised, probes), [-0.05, 0.707, 0.91, -0.6, 0.26225], absolute: 1e-12, relative: 1e-12)
        expectClose(raised.sum(), 29.06995, absolute: 1e-10, relative: 1e-10)
        psi = Self.psi
        psi[1] = psi[1].map { -$0 }
        let negated = clipped(Self.clippingNetwork(psi: psi, phi: Self.phi))
        expectClose(values(negated, probes), [0.45, 0.457, 0.51, 0.0, -0.09575], absolute: 1e-12, relative: 1e-12)
        expectClose(negated.sum(), 28.48295, absolute: 1e-10, relative: 1e-10)
        var phi = Self.phi
        phi[3] = -1
        let flipped = clipped(Self.clippingNetwork(psi: Self.psi, phi: phi))
        expectClose(values(flipped, probes), [-0.15, 0.015, -0.15, -0.6, 0.16225], absolute: 1e-12, relative: 1e-12)
        expectClose(flipped.sum(), -14.16225, absolute: 1e-10, relative: 1e-10)
    }
}
