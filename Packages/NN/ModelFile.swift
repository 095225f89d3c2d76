import JSON
import Tensor

/// A model file could not be read: where, and what is wrong.
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    /// The file's name as given by the caller, if any (`-` for standard input).
    public var file: String?
    /// 1-based line of the offending value.
    public var line: Int
    /// 1-based column of the offending value.
    public var column: Int
    /// What is wrong, naming the layer and field (e.g. `layers[1].weights: row 0 has 2 values, expected 3`).
    public var message: String

    /// `file:line:column: message`.
    public var description: String {
        (file.map { "\($0):" } ?? "") + "\(line):\(column): \(message)"
    }
}

/// Reading and writing networks in the model JSON format of the design:
///
/// ```json
/// {"inputs": 2,
///  "layers": [
///    {"weights": [[0.2, -0.1], [0.5, 0.6], [-1.3, 1.2]], "biases": [0.3, 0.7, 0.1], "activation": "sigmoid"},
///    {"weights": [[-0.9, 2.1, 0.4]], "biases": [0.2], "activation": "identity"}]}
/// ```
///
/// `weights` is Ω_k with one row per destination unit (D_{k+1} × D_k), `biases` is β_k, and `activation`
/// is applied to the layer's output, with any parameter beside it (`"alpha": 0.2`). An optional top-level
/// `"metadata"` object is carried along untouched by readers that don't know it. Doubles are written in
/// shortest round-trip form, so saving and loading reproduces every bit.
public enum ModelFile {
    /// Parses a model from its JSON text.
    ///
    /// - Parameters:
    ///   - text: the JSON text.
    ///   - file: the name used in error messages.
    /// - Throws: ``ModelFileError`` naming the line, column, layer and field of the first problem.
    public static func network(fromJSON text: String, file: String? = nil) throws(ModelFileError) -> Network {
        let root: JSONValue
        do {
            root = try JSONValue.parse(text)
        } catch {
            throw ModelFileError(file: file, line: error.line, column: error.column, message: error.message)
        }
        func fail(_ value: JSONValue, _ message: String) -> ModelFileError {
            ModelFileError(file: file, line: value.line, column: value.column, message: message)
        }
        guard case .object(let members) = root.kind else { throw fail(root, "a model must be a JSON object") }
        for (key, value) in members where !["inputs", "layers", "metadata"].contains(key) {
            throw fail(value, "unknown key \"\(key)\" (expected inputs, layers, metadata)")
        }
        guard let inputsValue = root["inputs"] else { throw fail(root, "missing key \"inputs\"") }
        guard case .number(let inputsNumber) = inputsValue.kind, let inputs = Int(exactly: inputsNumber), inputs > 0
        else {
            throw fail(inputsValue, "inputs: expected a positive integer")
        }
        guard let layersValue = root["layers"] else { throw fail(root, "missing key \"layers\"") }
        guard case .array(let layerValues) = layersValue.kind, !layerValues.isEmpty else {
            throw fail(layersValue, "layers: expected a non-empty array of layers")
        }
        var layers: [(weights: Tensor, biases: Tensor, activation: Activation)] = []
        var width = inputs
        for (k, layerValue) in layerValues.enumerated() {
            let name = "layers[\(k)]"
            guard case .object(let fields) = layerValue.kind else {
                throw fail(layerValue, "\(name): expected an object")
            }
            guard let weightsValue = layerValue["weights"] else {
                throw fail(layerValue, "\(name): missing key \"weights\"")
            }
            guard let biasesValue = layerValue["biases"] else {
                throw fail(layerValue, "\(name): missing key \"biases\"")
            }
            guard let activationValue = layerValue["activation"] else {
                throw fail(layerValue, "\(name): missing key \"activation\"")
            }
            guard case .string(let activationName) = activationValue.kind else {
                throw fail(activationValue, "\(name).activation: expected a string")
            }
            guard Activation(name: activationName) != nil else {
                throw fail(
                    activationValue,
                    "\(name).activation: unknown activation \"\(activationName)\" (expected one of \(Activation.names.joined(separator: ", ")))"
                )
            }
            let parameterKeys = Activation.parameterKeys(of: activationName)
            var parameters: [String: Double] = [:]
            for (key, value) in fields where !["weights", "biases", "activation"].contains(key) {
                guard parameterKeys.contains(key) else {
                    throw fail(value, "\(name): unknown key \"\(key)\" for activation \(activationName)")
                }
                parameters[key] = try number(value, "\(name).\(key)", fail)
            }
            let activation = Activation(name: activationName) { parameters[$0] }!

            let rows = try numberRows(weightsValue, "\(name).weights", fail)
            guard !rows.isEmpty else { throw fail(weightsValue, "\(name).weights: expected at least one row") }
            for (i, row) in rows.enumerated() where row.values.count != width {
                throw fail(
                    row.value,
                    "\(name).weights: row \(i) has \(row.values.count) values, expected \(width) "
                        + (k == 0 ? "(the model's inputs)" : "(the outputs of layers[\(k - 1)])"))
            }
            let biases = try numberArray(biasesValue, "\(name).biases", fail)
            guard biases.count == rows.count else {
                throw fail(
                    biasesValue,
                    "\(name).biases: has \(biases.count) values, expected \(rows.count) (one per row of weights)")
            }
            layers.append(
                (
                    Tensor(shape: [rows.count, width], scalars: rows.flatMap(\.values)), Tensor(biases), activation
                ))
            width = rows.count
        }
        return Network(inputs: inputs, layers: layers)
    }

    /// The string members of the model's top-level `"metadata"` object (what wrote the model records there,
    /// e.g. `train --save`'s `"optimizer": "adam(lr=0.001)"`); empty when there is none. Members of other
    /// types are left out.
    ///
    /// - Throws: ``ModelFileError`` when the text is not JSON or `metadata` is not an object.
    public static func metadata(fromJSON text: String, file: String? = nil) throws(ModelFileError) -> [String: String] {
        let root: JSONValue
        do {
            root = try JSONValue.parse(text)
        } catch {
            throw ModelFileError(file: file, line: error.line, column: error.column, message: error.message)
        }
        guard let metadata = root["metadata"] else { return [:] }
        guard case .object(let members) = metadata.kind else {
            throw ModelFileError(
                file: file, line: metadata.line, column: metadata.column, message: "metadata: expected an object")
        }
        var strings: [String: String] = [:]
        for (key, value) in members {
            if case .string(let text) = value.kind { strings[key] = text }
        }
        return strings
    }

    /// The model's JSON text: one layer per line, numbers in shortest round-trip form.
    ///
    /// - Precondition: every parameter is finite (JSON has no NaN or infinity).
    public static func json(_ network: Network, metadata: String? = nil) -> String {
        precondition(network.parameters.isFinite, "a model with non-finite parameters cannot be written as JSON")
        var lines: [String] = []
        for (k, layer) in network.layers.enumerated() {
            let omega = network.weights(ofLayer: k), beta = network.biases(ofLayer: k)
            let rows = (0..<layer.outputs).map { i in
                "[" + (0..<layer.inputs).map { j in format(omega[i, j]) }.joined(separator: ", ") + "]"
            }
            var fields = [
                "\"weights\": [" + rows.joined(separator: ", ") + "]",
                "\"biases\": [" + beta.scalars.map(format).joined(separator: ", ") + "]",
                "\"activation\": " + JSONOutput.quoted(layer.activation.name),
            ]
            fields += layer.activation.parameters.map { "\"\($0.key)\": \(format($0.value))" }
            lines.append("   {" + fields.joined(separator: ", ") + "}")
        }
        var text = "{\"inputs\": \(network.inputs),\n"
        if let metadata { text += " \"metadata\": \(metadata),\n" }
        text += " \"layers\": [\n" + lines.joined(separator: ",\n") + "]}\n"
        return text
    }

    /// Shortest round-trip text of a finite double: Swift's `description` ("0.1", "1.0", "1e-05",
    /// "-0.0"), which is valid JSON and reads back to the same bits.
    static func format(_ value: Double) -> String { JSONOutput.number(value) }

    private static func number(
        _ value: JSONValue, _ name: String, _ fail: (JSONValue, String) -> ModelFileError
    ) throws(ModelFileError) -> Double {
        guard case .number(let x) = value.kind else {
            throw fail(value, "\(name): expected a number, found \(value.typeName)")
        }
        guard x.isFinite else { throw fail(value, "\(name): non-finite number") }
        return x
    }

    private static func numberArray(
        _ value: JSONValue, _ name: String, _ fail: (JSONValue, String) -> ModelFileError
    ) throws(ModelFileError) -> [Double] {
        guard case .array(let elements) = value.kind else { throw fail(value, "\(name): expected an array of numbers") }
        var result: [Double] = []
        for (i, element) in elements.enumerated() { result.append(try number(element, "\(name)[\(i)]", fail)) }
        return result
    }

    private static func numberRows(
        _ value: JSONValue, _ name: String, _ fail: (JSONValue, String) -> ModelFileError
    ) throws(ModelFileError) -> [(value: JSONValue, values: [Double])] {
        guard case .array(let rows) = value.kind else { throw fail(value, "\(name): expected an array of rows") }
        var result: [(value: JSONValue, values: [Double])] = []
        for (i, row) in rows.enumerated() { result.append((row, try numberArray(row, "\(name)[\(i)]", fail))) }
        return result
    }
}
