import NN
import Tensor
import TestSupport
import Testing

@Suite struct InitializerTests {
    /// Draw order and scale: layer by layer, Ω_k row-major (then β_k for PyTorch's default), reproduced
    /// here from the same generator with the closed-form scales.
    @Test func drawsInTheDocumentedOrderWithTheClosedFormScales() {
        let architecture = Architecture(inputs: 3, hidden: [4], activation: .relu, outputs: 2)
        let cases: [(Initializer, (inout RandomState, Double, Double) -> (weight: Double, bias: Double?))] = [
            (.heNormal, { r, fanIn, _ in (r.normal(standardDeviation: (2 / fanIn).squareRoot()), nil) }),
            (
                .heUniform,
                { r, fanIn, _ in (r.uniform(low: -(6 / fanIn).squareRoot(), high: (6 / fanIn).squareRoot()), nil) }
            ),
            (
                .xavierNormal,
                { r, fanIn, fanOut in (r.normal(standardDeviation: (2 / (fanIn + fanOut)).squareRoot()), nil) }
            ),
            (
                .xavierUniform,
                { r, i, o in (r.uniform(low: -(6 / (i + o)).squareRoot(), high: (6 / (i + o)).squareRoot()), nil) }
            ),
            (.lecunNormal, { r, fanIn, _ in (r.normal(standardDeviation: (1 / fanIn).squareRoot()), nil) }),
            (.normal(variance: 0.25), { r, _, _ in (r.normal(standardDeviation: 0.5), nil) }),
        ]
        for (initializer, draw) in cases {
            let network = Network(architecture, initializer: initializer, seed: 9)
            var random = RandomState(seed: 9)
            var expected: [Double] = []
            for layer in architecture.layers {
                for _ in 0..<(layer.inputs * layer.outputs) {
                    expected.append(draw(&random, Double(layer.inputs), Double(layer.outputs)).weight)
                }
                expected += [Double](repeating: 0, count: layer.outputs)
            }
            #expect(network.parameters.scalars == expected, "\(initializer)")
        }
        let torch = Network(architecture, initializer: .pytorchDefault, seed: 9)
        var random = RandomState(seed: 9)
        var expected: [Double] = []
        for layer in architecture.layers {
            let bound = 1 / Double(layer.inputs).squareRoot()
            for _ in 0..<layer.parameterCount { expected.append(random.uniform(low: -bound, high: bound)) }
        }
        #expect(torch.parameters.scalars == expected)
        #expect(Network(architecture, initializer: .zeros, seed: 1).parameters.norm() == 0)
    }

    /// The sample variance of a wide He-initialised layer is close to 2/fan_in.
    @Test func heVarianceMatchesTheory() {
        let architecture = Architecture(inputs: 400, hidden: [], activation: .relu, outputs: 500)
        let network = Network(architecture, initializer: .heNormal, seed: 3)
        let variance = network.weights(ofLayer: 0).variance()
        #expect(abs(variance / (2.0 / 400) - 1) < 0.02)
    }

    @Test func namesParse() {
        #expect(Initializer(name: "he") == .heNormal)
        #expect(Initializer(name: "normal:0.25") == .normal(variance: 0.25))
        #expect(Initializer(name: "normal:-1") == nil)
        #expect(Initializer(name: "pytorch") == .pytorchDefault)
        #expect(Initializer(name: "bogus") == nil)
    }
}
