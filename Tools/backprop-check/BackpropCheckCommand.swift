import ArgumentParser
import Datasets
import NN
import NNReports
import Platform
import ToolSupport

/// `backprop-check`: the assignment's backpropagation exercise worked out for any network and data.
@main
struct BackpropCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop-check",
        abstract:
            "Work out backpropagation (UDL eqs. 7.24, 7.25) and one gradient-descent step, component by component.",
        discussion: """
            For every data point: the forward pass f_0 = β_0 + Ω_0 x_i, h_k = a[f_{k−1}], f_k = β_k + Ω_k h_k, \
            the prediction and the point's loss term ℓ_i; the backward pass ∂ℓ_i/∂f_K, then for k = K … 0 \
            ∂ℓ_i/∂β_k, ∂ℓ_i/∂Ω_k = ∂ℓ_i/∂f_k h_kᵀ and ∂ℓ_i/∂f_{k−1} = a′[f_{k−1}] ⊙ (Ω_kᵀ ∂ℓ_i/∂f_k), with the \
            activation's derivative a′ written out. Then the batch gradient under the loss convention, a \
            central finite-difference check of every component, one gradient-descent step θ ← θ − α ∂L/∂θ, \
            the loss before and after, and, when the loss did not go down, a scan of smaller rates. \
            Pre-activations sitting at an activation's kink (LeakyReLU, SELU, ReLU at 0) are pointed out.

            The data CSV has a header; by default its first D_i columns are the inputs and its last D_o \
            columns the targets (e.g. x1,x2,y). The JSON output has the keys loss, formula, point_scale, \
            learning_rate, loss_before, loss_after, decreased, gradient {layers: [{weights, biases}]}, \
            gradient_check {step, max_abs_error, max_abs_error_away_from_kinks, max_relative_error, numeric, \
            inputs}, kinks, kink_derivative, learning_rate_scan, largest_decreasing_rate, best_rate, \
            decreasing_intervals, threshold_rate, optimal_rate, updated_model (the model file's object) and \
            points [{x, y, prediction, loss, f, h, dl_df, dl_dh, a_prime, gradient}]; its indices count from 0, \
            h[0] is h_1 and a_prime[k] is a′[f_k]. When the step does not lower the loss, a fine grid of rates \
            (200 per decade) with every crossing of the starting loss bisected gives decreasing_intervals, all \
            the rates for which one step lowers the loss (the loss can cross its start several times); \
            threshold_rate is the end of the first interval (every smaller rate lowers the loss), optimal_rate \
            (golden-section search) the rate of the lowest loss after one step, with that loss. At a kink a′ is \
            taken on the side the rounded pre-activation falls, or as --kink-derivative says.

            --point N writes the exercise as a student works it by hand for data point N: every quantity of eqs. \
            7.24 and 7.25 with its numbers substituted, then the other points in a table, the batch gradient and \
            the new weights (--language es: in Spanish, with decimal commas).

            Examples, in examples/figure1 (the assignment's Figure 1):
              backprop-check --model model.json --data data.csv
              backprop-check --model model.json --data data.csv --activation tanh \\
                  --loss half-sse --format markdown > backprop-tanh.md
              backprop-check --model model.json --data data.csv --lr 0.2 --emit-model |
                  backprop-check --model - --data data.csv
              backprop-check --model model.json --data data.csv --format markdown --point 1 \\
                  --language es --decimals 4 > punto1.md
              backprop-check --model m.json --data d.csv --inputs a,b --targets y \\
                  --format json | jq .gradient_check.max_abs_error
            """,
        version: toolkitVersion)

    @Option(help: ArgumentHelp("The network as model JSON ('-': standard input).", valueName: "file"))
    var model: String

    @Option(help: ArgumentHelp("The data points as CSV with a header ('-': standard input).", valueName: "file"))
    var data: String

    @Option(
        help: ArgumentHelp("The input columns (default: the first D_i).", valueName: "names"), transform: columnList)
    var inputs: [String]?

    @Option(
        help: ArgumentHelp("The target columns (default: the last D_o).", valueName: "names"), transform: columnList)
    var targets: [String]?

    @Option(help: "The loss convention: mse = (1/N) Σ (f − y)², sse = Σ (f − y)², half-sse = ½ Σ (f − y)².")
    var loss: LossConvention = .mse

    @Option(
        name: .customLong("lr"), parsing: .unconditional,
        help: ArgumentHelp("The learning rate α of the step.", valueName: "rate"))
    var learningRate = 1.0

    @Option(help: ArgumentHelp("Replace the activation of every hidden layer.", valueName: "name"))
    var activation: Choice<Activation>?

    @Option(
        help: ArgumentHelp(
            "The side of a′ at a pre-activation on an activation's kink (within 1e-9 of 0): computed (the value's "
                + "own side after rounding), left (f → 0⁻) or right (f → 0⁺).",
            valueName: "side"))
    var kinkDerivative: BackpropagationReport.KinkDerivative = .computed

    @Option(help: "text (aligned tables), markdown (LaTeX mathematics) or json.")
    var format: ReportFormat = .text

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "With --format markdown: the exercise worked by hand for data point N (from 1): every quantity of eqs. "
                + "7.24 and 7.25 with its numbers, then the other points, the batch gradient and the new weights.",
            valueName: "N"))
    var point: Int?

    @Option(help: "The language of --point's derivation: en, or es (Spanish words, decimal commas).")
    var language: ReportLanguage = .english

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Fixed decimals of --point's numbers (default: --digits significant digits).", valueName: "n"))
    var decimals: Int?

    @Flag(help: "Write only the updated model JSON (to chain steps).")
    var emitModel = false

    @Option(parsing: .unconditional, help: "Significant digits of the numbers in text and markdown (JSON is exact).")
    var digits = 9

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Check at most N parameters by finite differences (a sample of a larger model; its other entries are NaN, null in JSON).",
            valueName: "N"))
    var checkParameters = 2000

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Output file ('-': standard output).", valueName: "file"))
    var output = "-"

    func validate() throws {
        guard model != "-" || data != "-" else {
            throw ValidationError("--model and --data cannot both be standard input")
        }
        guard learningRate.isFinite && learningRate > 0 else {
            throw ValidationError("--lr must be a finite number > 0, got \(learningRate)")
        }
        if let activation, activation.value == nil {
            throw ValidationError(
                "--activation: unknown activation \"\(activation)\" (expected one of \(Activation.names.joined(separator: ", ")))"
            )
        }
        guard (3...17).contains(digits) else { throw ValidationError("--digits must be from 3 to 17, got \(digits)") }
        if point != nil && (format != .markdown || emitModel) {
            throw ValidationError("--point writes a Markdown derivation: use it with --format markdown")
        }
        if point == nil && (language != .english || decimals != nil) {
            throw ValidationError("--language and --decimals apply to --point's derivation")
        }
        if let point, point < 1 { throw ValidationError("--point counts the data points from 1, got \(point)") }
        if let decimals, !(0...17).contains(decimals) {
            throw ValidationError("--decimals must be from 0 to 17, got \(decimals)")
        }
        guard checkParameters >= 1 else {
            throw ValidationError("--check-parameters must be at least 1, got \(checkParameters)")
        }
    }

    func run() throws {
        try runReportingErrors(tool: "backprop-check") {
            try OutputFile.validate([("-o", output)], inputs: [("--model", model), ("--data", data)])
            let exercise = try Exercise(
                model: model, data: data, inputNames: inputs, targetNames: targets,
                activation: activation?.value)
            if activation != nil && exercise.network.layers.count == 1 {
                throw ToolError(
                    .usage,
                    "--activation replaces the hidden layers' activation, but \(InputFile.name(model)) has no hidden layer"
                )
            }
            let parameterCount = exercise.network.architecture.parameterCount
            if parameterCount > checkParameters {
                StandardError.write(
                    "backprop-check: the model has \(parameterCount) parameters; the finite-difference check samples \(checkParameters) of them (--check-parameters to change)\n"
                )
            }
            let report = BackpropagationReport(
                network: exercise.network, inputs: exercise.inputs, targets: exercise.targets, loss: loss.loss,
                learningRate: learningRate, checkedParameters: checkParameters, kinkDerivative: kinkDerivative)
            guard report.lossBefore.isFinite && report.gradient.isFinite else {
                throw ToolError(
                    .dataError,
                    "\(InputFile.name(model)): the loss or its gradient overflows on \(InputFile.name(data)) (L = \(report.lossBefore))"
                )
            }
            if !report.lossAfter.isFinite && !report.learningRateScan.contains(where: { $0.loss.isFinite }) {
                let lowest = report.learningRateScan.map(\.rate).min() ?? learningRate
                throw ToolError(
                    .dataError,
                    "the step with --lr \(CSVWriter.format(learningRate)) gives a loss of \(report.lossAfter), and so "
                        + "does every rate scanned down to \(CSVWriter.format(lowest)); use a smaller learning rate")
            }
            let stepIsFinite = report.updated.parameters.isFinite
            if !stepIsFinite && (emitModel || format == .json) {
                throw ToolError(
                    .dataError,
                    "the step with --lr \(learningRate) gives non-finite parameters; use a smaller learning rate")
            }
            let updatedModel = stepIsFinite ? ModelFile.json(report.updated) : ""
            let source =
                "model \(InputFile.name(model)), data \(InputFile.name(data)) "
                + "(input\(exercise.inputColumns.count == 1 ? "" : "s") \(exercise.inputColumns.joined(separator: ", ")); "
                + "target\(exercise.targetColumns.count == 1 ? "" : "s") \(exercise.targetColumns.joined(separator: ", ")))"
            let text: String
            switch (emitModel, format) {
            case (true, _): text = updatedModel
            case (false, .json):
                text = JSONReport(report: report, lossName: loss.rawValue).render(updatedModel: updatedModel)
            case (false, .markdown):
                if let point {
                    guard point <= report.points.count else {
                        throw ToolError(
                            .usage,
                            "--point \(point): \(InputFile.name(data)) has \(report.points.count) data point\(report.points.count == 1 ? "" : "s")"
                        )
                    }
                    text = PointDerivation(
                        report: report, point: point - 1, lossName: loss.rawValue, language: language,
                        precision: decimals.map { .decimals($0) } ?? .significant(digits)
                    ).markdown()
                } else {
                    text = WrittenReport(report: report, lossName: loss.rawValue, source: source, digits: digits)
                        .markdown()
                }
            case (false, .text):
                text = WrittenReport(report: report, lossName: loss.rawValue, source: source, digits: digits).text()
            }
            try OutputFile.write(output, bytes: Array(text.utf8))
        }
    }
}

/// `--loss`: the squared-error conventions.
enum LossConvention: String, ExpressibleByArgument, CaseIterable {
    case mse, sse
    case halfSSE = "half-sse"

    var loss: Loss { Loss(name: rawValue)! }
}

extension ReportLanguage: ExpressibleByArgument {}
extension BackpropagationReport.KinkDerivative: ExpressibleByArgument {}

/// `--format`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// `a,b` → `["a", "b"]` for `--inputs` and `--targets`.
@Sendable func columnList(_ argument: String) throws -> [String] {
    try columnNames(argument, option: "column list")
}
