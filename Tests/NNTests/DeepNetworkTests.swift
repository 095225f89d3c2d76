import NN
import Tensor
import TestSupport
import Testing

/// Notebook 4.3 (deep networks in matrix form) and the composition of networks.
@Suite struct DeepNetworkTests {
    let x = Tensor.arange(-1, 1, step: 0.01)
    var column: Tensor { x.reshaped([x.count, 1]) }

    @Test func notebook43MatrixFormOfNet1() {
        let net1 = ShallowNetworkTests.net1
        let deep = Network(
            inputs: 1,
            layers: [
                (Tensor(shape: [3, 1], scalars: [-1, 1, 1]), Tensor([0, 0, -0.67]), .relu),
                (Tensor(shape: [1, 3], scalars: [-2, -3, 9.3]), Tensor([1.0]), .identity),
            ])
        #expect(deep == net1.network)
        let y = deep(column).reshaped([x.count])
        expectClose(
            [0, 50, 100, 150, 167, 199].map { y.scalars[$0] }, [-1.0, 0.0, 1.0, -0.5, -1.01, 1.006], absolute: 1e-12,
            relative: 1e-12)
        expectClose(y.scalars, net1(x).scalars, absolute: 1e-15, relative: 1e-15)
    }

    @Test func notebook43CompositionAsTwoHiddenLayers() {
        let (net1, net2) = (ShallowNetworkTests.net1, ShallowNetworkTests.net2)
        let composed = Network.composition(net2.network, after: net1.network)
        #expect(composed.architecture.widths == [1, 3, 3, 1])
        expectClose(composed.biases(ofLayer: 1).scalars, [-1.6, 1.2, 0.5], absolute: 1e-15, relative: 1e-15)
        expectClose(
            composed.weights(ofLayer: 1).scalars, [2, 3, -9.3, -2, -3, 9.3, -2, -3, 9.3], absolute: 1e-15,
            relative: 1e-15)
        #expect(composed.biases(ofLayer: 2).scalars == [0.5])
        #expect(composed.weights(ofLayer: 2).scalars == [-1, -1.5, 2])
        let y = composed(column).reshaped([x.count])
        expectClose(y.scalars, net2(net1(x)).scalars, absolute: 1e-15, relative: 1e-15)
        expectClose(y.scalars[150], 0.5, absolute: 1e-12, relative: 1e-12)
        expectClose(y.sum(), 8.84, absolute: 1e-10, relative: 1e-10)
        #expect(composed.architecture.parameterCount == 6 + 12 + 4)
    }

    /// Notebook 4.3's deep network D_i=4, D_1=5, D_2=2, D_3=4, D_o=1 with the reference's seed-0 draws.
    @Test func notebook43SeededDeepNetwork() {
        var random = RandomState(seed: 0)
        let x = random.normal(shape: [4, 4])
        var layers: [(weights: Tensor, biases: Tensor, activation: Activation)] = []
        for (width, inputs) in [(5, 4), (2, 5), (4, 2), (1, 4)] {
            let beta = random.normal(shape: [width, 1])
            let omega = random.normal(shape: [width, inputs])
            layers.append((omega, beta.reshaped([width]), width == 1 ? .identity : .relu))
        }
        #expect(x[0, 0] == 1.764052345967664)
        #expect(layers[3].biases.scalars == [-0.4017809362082619])
        let network = Network(inputs: 4, layers: layers)
        // The notebook's x holds one point per column.
        let y = network(x.transposed())
        expectClose(
            y.scalars, [-3.075660686730005, -0.7869504783097709, -1.148973322527658, -0.4017809362082619],
            absolute: 1e-12, relative: 1e-12)
        #expect(network.architecture.parameterCount == 25 + 12 + 12 + 5)
    }

    /// Linear regions, checked against the kinks found by dense sampling (an independent method).
    @Test func linearRegionsOfShallowAndComposedNetworks() {
        let net1 = ShallowNetworkTests.net1.network
        // Kinks of net1 at x = 0 (units 1 and 2 switch together) and x = 0.67.
        let regions = net1.linearRegions(from: -1, to: 1)
        expectClose(regions, [-1, 0, 0.67, 1], absolute: 1e-12, relative: 1e-12)
        let composed = Network.composition(ShallowNetworkTests.net2.network, after: net1)
        let boundaries = composed.linearRegions(from: -1, to: 1)
        #expect(boundaries.count - 1 == sampledRegionCount(composed, from: -1, to: 1))
        // Every interior boundary is a genuine kink: the slopes on either side differ.
        for b in boundaries.dropFirst().dropLast() {
            let h = 1e-7
            let y = composed(Tensor(shape: [3, 1], scalars: [b - h, b, b + h])).scalars
            #expect(abs((y[2] - y[1]) - (y[1] - y[0])) > 1e-10)
        }
    }

    /// Regions counted by watching the slope change on a fine grid.
    func sampledRegionCount(_ network: Network, from a: Double, to b: Double) -> Int {
        let x = Tensor.linspace(a, b, count: 200_001)
        let y = network(x.reshaped([x.count, 1])).scalars
        var count = 1
        var previous = (y[1] - y[0]) / (x.scalars[1] - x.scalars[0])
        var i = 1
        while i < x.count - 1 {
            let slope = (y[i + 1] - y[i]) / (x.scalars[i + 1] - x.scalars[i])
            if abs(slope - previous) > 1e-6 * max(1, abs(slope)) {
                // A kink inside one grid cell bends one cell's slope; skip to the next clean cell.
                count += 1
                i += 1
                previous = (y[i + 1] - y[i]) / (x.scalars[i + 1] - x.scalars[i])
            }
            i += 1
        }
        return count
    }
}
