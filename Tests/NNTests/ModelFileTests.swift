import NN
import Tensor
import TestSupport
import Testing

@Suite struct ModelFileTests {
    /// The assignment's Figure 1 network, as the design writes it.
    static let figure1 = """
        {"inputs": 2,
         "layers": [
           {"weights": [[0.2, -0.1], [0.5, 0.6], [-1.3, 1.2]], "biases": [0.3, 0.7, 0.1], "activation": "sigmoid"},
           {"weights": [[1.3, 0.6, -0.7], [-0.2, 0.1, 0.4]], "biases": [-0.3, 0.3], "activation": "sigmoid"},
           {"weights": [[-0.9, 2.1]], "biases": [0.2], "activation": "identity"}]}
        """

    @Test func readsTheDesignsExample() throws {
        let network = try ModelFile.network(fromJSON: Self.figure1)
        #expect(network.architecture.widths == [2, 3, 2, 1])
        #expect(network.weights(ofLayer: 1).scalars == [1.3, 0.6, -0.7, -0.2, 0.1, 0.4])
        #expect(network.biases(ofLayer: 2).scalars == [0.2])
        #expect(network.layers.map(\.activation) == [.sigmoid, .sigmoid, .identity])
        // The assignment's sanity value: MSE 0.408673 on its three points.
        let x = try Tensor([[1, 1], [0, 2], [-1, 1]]), y = try Tensor([[1], [1], [0]])
        let workspace = NetworkWorkspace(network.architecture, capacity: 3)
        let loss = workspace.loss(parameters: network.parameters, inputs: x, targets: y, loss: .mse)
        expectClose(loss, 0.408673, absolute: 5e-7, relative: 5e-7)
        expectClose(3 * loss, 1.226018, absolute: 5e-7, relative: 5e-7)
    }

    /// Saving and loading reproduces every bit, for awkward doubles and every parameterised activation.
    @Test func roundTripIsExact() throws {
        var random = RandomState(seed: 5)
        let activations: [Activation] = [
            .relu(derivativeAtZero: 1), .leakyReLU(alpha: 0.2), .elu(alpha: 0.5), .sigmoid(scale: 10),
            .affine(intercept: 0.5, slope: -0.4), .gelu(approximate: true), .selu, .identity,
        ]
        let architecture = Architecture(inputs: 3, layers: activations.map { (2, $0) })
        var network = Network(architecture, parameters: random.normal(shape: [architecture.parameterCount]))
        network.parameters[0] = 0.1
        network.parameters[1] = -0.0
        network.parameters[2] = Double.leastNonzeroMagnitude
        network.parameters[3] = 1.7976931348623157e308
        network.parameters[4] = 1e-300
        network.parameters[5] = 123456789.0
        let text = ModelFile.json(network)
        let loaded = try ModelFile.network(fromJSON: text)
        #expect(loaded.architecture == network.architecture)
        #expect(loaded.parameters.scalars.map(\.bitPattern) == network.parameters.scalars.map(\.bitPattern))
        #expect(ModelFile.json(loaded) == text)
        let withMetadata = ModelFile.json(network, metadata: "{\"epochs\": 3, \"optimizer\": \"adam(lr=0.1)\"}")
        #expect(try ModelFile.network(fromJSON: withMetadata).parameters == network.parameters)
        // The metadata's strings, for a tool to read back (numbers and other values are not strings).
        #expect(try ModelFile.metadata(fromJSON: withMetadata) == ["optimizer": "adam(lr=0.1)"])
        #expect(try ModelFile.metadata(fromJSON: text) == [:])
        let error = #expect(throws: ModelFileError.self) {
            try ModelFile.metadata(fromJSON: "{\"metadata\": 3}", file: "m.json")
        }
        #expect(error?.description == "m.json:1:14: metadata: expected an object")
    }

    /// Each kind of bad file fails with the line, column, layer and field of the problem.
    @Test(arguments: [
        ("{\"inputs\": 2, \"layers\": [", "1:26: unexpected end of input"),
        ("[1, 2]", "1:1: a model must be a JSON object"),
        ("{\"layers\": []}", "1:1: missing key \"inputs\""),
        ("{\"inputs\": 2}", "1:1: missing key \"layers\""),
        ("{\"inputs\": 0, \"layers\": []}", "1:12: inputs: expected a positive integer"),
        ("{\"inputs\": 2, \"layers\": []}", "1:25: layers: expected a non-empty array of layers"),
        (
            "{\"inputs\": 2, \"layers\": [{\"biases\": [1], \"activation\": \"relu\"}]}",
            "1:26: layers[0]: missing key \"weights\""
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, 2]], \"activation\": \"relu\"}]}",
            "1:26: layers[0]: missing key \"biases\""
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, 2]], \"biases\": [1]}]}",
            "1:26: layers[0]: missing key \"activation\""
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, 2]], \"biases\": [1], \"activation\": \"swoosh\"}]}",
            "1:77: layers[0].activation: unknown activation \"swoosh\""
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, 2], [3]], \"biases\": [1, 2], \"activation\": \"relu\"}]}",
            "1:47: layers[0].weights: row 1 has 1 values, expected 2 (the model's inputs)"
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, 2]], \"biases\": [1], \"activation\": \"relu\"},\n{\"weights\": [[1, 2]], \"biases\": [1], \"activation\": \"identity\"}]}",
            "2:14: layers[1].weights: row 0 has 2 values, expected 1 (the outputs of layers[0])"
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, 2]], \"biases\": [1, 2], \"activation\": \"relu\"}]}",
            "1:58: layers[0].biases: has 2 values, expected 1"
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, 1e999]], \"biases\": [1], \"activation\": \"relu\"}]}",
            "1:43: layers[0].weights[0][1]: non-finite number"
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, \"a\"]], \"biases\": [1], \"activation\": \"relu\"}]}",
            "1:43: layers[0].weights[0][1]: expected a number, found a string"
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, NaN]], \"biases\": [1], \"activation\": \"relu\"}]}",
            "1:43: expected a value, found N"
        ),
        (
            "{\"inputs\": 2, \"layers\": [{\"weights\": [[1, 2]], \"biases\": [1], \"activation\": \"relu\", \"alhpa\": 1}]}",
            "1:94: layers[0]: unknown key \"alhpa\" for activation relu"
        ),
        ("{\"inputs\": 2, \"layerz\": []}", "1:25: unknown key \"layerz\""),
    ])
    func badFilesAreReportedPrecisely(text: String, expected: String) {
        do {
            _ = try ModelFile.network(fromJSON: text, file: "m.json")
            Issue.record("accepted a bad model: \(text)")
        } catch {
            #expect("\(error)".hasPrefix("m.json:" + expected), "\(error)")
        }
    }
}
