import ArgumentParser
import Datasets
import NN
import Tensor
import ToolSupport

/// `predict`: a model's outputs for the rows of a CSV file, appended as new columns.
@main
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Append a model's predictions to the rows of a CSV file.",
        discussion: """
            The model's inputs are the columns named by --inputs, or else the first columns, as many as the model \
            has inputs. The output is the same CSV with a `prediction` column (`prediction_1`, … for several \
            outputs), numbers in shortest round-trip form; when the file already has such columns (predict run \
            twice), the new ones are named `prediction.1`, `prediction.2`, … as pandas names repeated columns.

            Examples:
              predict --model model.json --data points.csv -o predicted.csv
              surface-data --grid 100 | predict --model model.json --data - | surface-plot --data - --columns x,y,prediction -o fit.png
            """,
        version: toolkitVersion)

    @Option(help: ArgumentHelp("Model JSON ('-': standard input).", valueName: "file"))
    var model: String

    @Option(help: ArgumentHelp("Data CSV ('-': standard input).", valueName: "file"))
    var data = "-"

    @Option(help: ArgumentHelp("Input columns (default: the first ones).", valueName: "a,b,…"))
    var inputs: String?

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Output CSV ('-': standard output).", valueName: "file"))
    var output = "-"

    func validate() throws {
        if let inputs { _ = try columnNames(inputs, option: "--inputs") }
        if model == "-" && data == "-" {
            throw ValidationError("the model and the data cannot both come from standard input")
        }
    }

    /// The names of the prediction columns: `prediction` (or `prediction_1`, … for several outputs), with
    /// the first suffix `.1`, `.2`, … that makes them all new when the table already has such columns.
    static func predictionColumns(outputs: Int, existing: [String]) -> [String] {
        let base = outputs == 1 ? ["prediction"] : (1...outputs).map { "prediction_\($0)" }
        let taken = Set(existing)
        var suffix = 0
        while true {
            let names = suffix == 0 ? base : base.map { "\($0).\(suffix)" }
            if !names.contains(where: taken.contains) { return names }
            suffix += 1
        }
    }

    func run() throws {
        try runReportingErrors(tool: "predict") {
            try OutputFile.validate([("-o", output)], inputs: [("--model", model), ("--data", data)])
            let text = String(decoding: try InputFile.contents(model), as: UTF8.self)
            let network = try ModelFile.network(fromJSON: text, file: InputFile.name(model))
            let table = try InputFile.readTable(data)
            let names =
                try inputs.map { try columnNames($0, option: "--inputs") }
                ?? Array(table.columnNames.prefix(network.inputs))
            guard names.count == network.inputs else {
                throw ToolError(
                    .dataError,
                    "\(table.name): the model takes \(network.inputs) inputs but "
                        + (inputs == nil
                            ? "the file has only \(table.columnNames.count) columns (\(CSVError.names(table.columnNames)))"
                            : "--inputs names \(names.count) (\(CSVError.names(names)))"))
            }
            let predictions = network(try table.columns(names))
            if let index = predictions.scalars.firstIndex(where: { !$0.isFinite }) {
                let row = index / network.outputs
                throw ToolError(
                    .dataError,
                    "\(table.location(ofRow: row)): the prediction is \(CSVWriter.format(predictions.scalars[index])) "
                        + "(the model overflows a Float64 on this row); nothing written")
            }
            let columns = Self.predictionColumns(outputs: network.outputs, existing: table.columnNames)
            try OutputFile.writeCSV(
                output,
                table: CSVTable(
                    columns: table.columnNames + columns,
                    values: Tensor.concatenate([table.values, predictions], axis: 1),
                    name: OutputFile.name(output)))
        }
    }
}
