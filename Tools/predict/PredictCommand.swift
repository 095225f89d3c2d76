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
            outputs), numbers in shortest round-trip form.

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
        if model == "-" && data == "-" {
            throw ValidationError("the model and the data cannot both come from standard input")
        }
    }

    func run() throws {
        try runReportingErrors(tool: "predict") {
            try OutputFile.validate(output)
            let text = String(decoding: try InputFile.contents(model), as: UTF8.self)
            let network = try ModelFile.network(fromJSON: text, file: InputFile.name(model))
            let table = try InputFile.readTable(data)
            let names =
                inputs.map { $0.split(separator: ",").map(String.init) }
                ?? Array(table.columnNames.prefix(network.inputs))
            guard names.count == network.inputs else {
                throw ToolError(
                    .dataError,
                    "\(table.name): the model takes \(network.inputs) inputs but "
                        + (inputs == nil
                            ? "the file has only \(table.columnNames.count) columns (\(table.columnNames.joined(separator: ",")))"
                            : "--inputs names \(names.count) (\(names.joined(separator: ",")))"))
            }
            let predictions = network(try table.columns(names))
            let columns = network.outputs == 1 ? ["prediction"] : (1...network.outputs).map { "prediction_\($0)" }
            try OutputFile.writeCSV(
                output,
                table: CSVTable(
                    columns: table.columnNames + columns,
                    values: Tensor.concatenate([table.values, predictions], axis: 1),
                    name: OutputFile.name(output)))
        }
    }
}
