import Datasets
import NN
import Tensor
import ToolSupport

/// The network and the data points a run works on, read from the model file and the CSV.
struct Exercise {
    var network: Network
    var inputs: Tensor
    var targets: Tensor
    var inputColumns: [String]
    var targetColumns: [String]

    /// Reads the model (JSON) and the data (CSV with a header), and picks the input and target columns.
    ///
    /// - Parameters:
    ///   - inputNames, targetNames: the `--inputs` and `--targets` columns; by default the first D_i
    ///     columns are the inputs and the last D_o the targets.
    ///   - activation: replaces the activation of every hidden layer (layers 0 … K−1).
    /// - Throws: ``ModelFileError`` (65), ``CSVError`` (65, or 66 for a missing file), ``ToolError``: 65
    ///   when the data do not fit the model, 66 for a missing model file.
    init(model: String, data: String, inputNames: [String]?, targetNames: [String]?, activation: Activation?) throws {
        let text = String(decoding: try InputFile.contents(model), as: UTF8.self)
        network = try ModelFile.network(fromJSON: text, file: InputFile.name(model))
        if let activation {
            for k in 0..<(network.layers.count - 1) { network.architecture.setActivation(activation, ofLayer: k) }
        }
        let table = try InputFile.readTable(data)
        (inputColumns, targetColumns) = try Exercise.columns(
            of: table, inputs: network.inputs, outputs: network.outputs, inputNames: inputNames,
            targetNames: targetNames,
            model: InputFile.name(model))
        guard table.rowCount > 0 else {
            throw ToolError(
                .dataError, "\(table.name): no data rows, only the header (\(CSVError.names(table.columnNames)))"
            )
        }
        inputs = try table.columns(inputColumns)
        targets = try table.columns(targetColumns)
    }

    /// The input and target column names: those given, or the first `inputCount` and the last
    /// `outputCount` columns of the file that are not already taken.
    static func columns(
        of table: CSVTable, inputs inputCount: Int, outputs outputCount: Int, inputNames: [String]?,
        targetNames: [String]?,
        model: String
    ) throws -> ([String], [String]) {
        let all = table.columnNames
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let shape = "the model \(model) takes \(plural(inputCount, "input")) and gives \(plural(outputCount, "output"))"
        let found = "found \(plural(all.count, "column")): \(CSVError.names(all, separator: ", "))"
        if inputNames == nil && targetNames == nil && all.count != inputCount + outputCount {
            throw ToolError(
                .dataError,
                "\(table.name): \(shape), so the data need \(inputCount + outputCount) columns (the inputs, then the "
                    + "targets), \(found); choose columns with --inputs and --targets")
        }
        for (option, names, count) in [("--inputs", inputNames, inputCount), ("--targets", targetNames, outputCount)] {
            guard let names else { continue }
            if names.count != count {
                throw ToolError(
                    .dataError,
                    "\(option) names \(plural(names.count, "column")) (\(names.joined(separator: ", "))), but \(shape)")
            }
            for name in names { _ = try table.index(ofColumn: name) }
        }
        let targets = targetNames ?? Array(all.filter { !(inputNames ?? []).contains($0) }.suffix(outputCount))
        let inputs = inputNames ?? Array(all.filter { !targets.contains($0) }.prefix(inputCount))
        if let shared = inputs.first(where: targets.contains) {
            throw ToolError(.usage, "column \(shared) cannot be both an input and a target")
        }
        guard inputs.count == inputCount && targets.count == outputCount else {
            throw ToolError(.dataError, "\(table.name): \(shape), \(found)")
        }
        return (inputs, targets)
    }
}
