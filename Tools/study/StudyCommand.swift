import ArgumentParser
import Platform
import Plot
import Study
import ToolSupport

/// `study`: the optimizer study of the assignment, as a plan of independent runs and a report.
@main
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Plan, summarise and report the optimizer study (make study runs all of it).",
        discussion: """
            The study is a list of independent `train` runs, one shell command per line, so it spreads over any \
            number of cores or machines:

              study prepare --results results
              study plan --results results | tr '\\n' '\\0' | xargs -0 -P 8 -n 1 sh -c
              study summarize --results results
              study refits --results results | tr '\\n' '\\0' | xargs -0 -P 8 -n 1 sh -c
              study final --results results
              study report --results results --figures docs/report/figures \\
                    --template docs/report/informe.template.md --output docs/report/informe.md

            The plan includes the final model's cross-validation runs; `refits` lists, from their validation \
            curves, each candidate's refit on every point. `final` chooses the candidate by validation alone, \
            scores the refits on the clean surface and writes the optimal model. On a cluster, give each \
            machine its share of a list's lines and copy results/runs/ and results/final/ back before the \
            next step.
            """,
        version: toolkitVersion,
        subcommands: [Prepare.self, Plan.self, Summarize.self, Refits.self, Final.self, Report.self])

    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The results directory.", valueName: "dir"))
        var results = "results"
        @Option(help: ArgumentHelp("Where the tools are.", valueName: "dir"))
        var tools = ".build/release"
        @Option(help: ArgumentHelp("The optimal model's path.", valueName: "file"))
        var model = "models/optimal.json"
    }

    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the data sets and initial models the runs read.")
        @OptionGroup var options: Options
        func run() throws {
            try runReportingErrors(tool: "study") { try StudyPreparation.prepare(results: options.results) }
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the runs, one shell command per line.")
        @OptionGroup var options: Options
        func run() {
            for line in StudyPlan.commands(StudyPlan.runs(), tools: options.tools, results: options.results) {
                print(line)
            }
        }
    }

    struct Summarize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read every run's metrics and write the summary tables.")
        @OptionGroup var options: Options
        func run() throws {
            try runReportingErrors(tool: "study") { _ = try StudySummary.summarize(results: options.results) }
        }
    }

    struct Refits: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the final candidates' refits on every point, one shell command per line (after the plan).")
        @OptionGroup var options: Options
        func run() throws {
            try runReportingErrors(tool: "study") {
                let runs = StudyFinal.refitRuns(try StudyFinal.crossValidate(results: options.results))
                for line in StudyPlan.commands(runs, tools: options.tools, results: options.results) { print(line) }
            }
        }
    }

    struct Final: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Choose the final candidate by cross-validation, score the refits and write the optimal model (after refits)."
        )
        @OptionGroup var options: Options
        func run() throws {
            try runReportingErrors(tool: "study") {
                let table = try StudyFinal.summarize(results: options.results, model: options.model)
                let value = { (key: String) in table.value(key: key, column: "value") ?? "?" }
                StandardError.write(
                    "study: final model \(value("candidate")) (\(value("cv_epoch")) epochs, validation MSE "
                        + "\(value("cv_loss"))); clean-surface MSE \(value("test_median")) "
                        + "[\(value("test_min")), \(value("test_max"))] over \(value("seeds")) seeds\n")
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise the backpropagation exercise, draw the figures and render the report (after final).")
        @OptionGroup var options: Options
        @Option(help: ArgumentHelp("Directory of the report's figures.", valueName: "dir"))
        var figures = "docs/report/figures"
        @Option(help: ArgumentHelp("The report template.", valueName: "file"))
        var template = "docs/report/informe.template.md"
        @Option(help: ArgumentHelp("The rendered report.", valueName: "file"))
        var output = "docs/report/informe.md"

        func run() throws {
            try runReportingErrors(tool: "study") {
                let results = options.results
                try ReportBlocks.summarizeBackpropagation(results: results)
                let summary = try StudyTable(path: "\(results)/comparison-summary.csv")
                let drawings: [(String, () throws -> Figure)] = [
                    ("surface", { StudyFigures.assignmentSurface() }),
                    ("comparison", { try StudyFigures.comparison(results: results, summary: summary) }),
                    ("comparison-seconds", { try StudyFigures.comparisonSeconds(results: results) }),
                    ("noise", { StudyFigures.noise(try StudyTable(path: "\(results)/noise.csv")) }),
                    ("size", { StudyFigures.size(try StudyTable(path: "\(results)/size.csv")) }),
                    ("backprop-learning-rate", { try StudyFigures.learningRateScan(results: results) }),
                    ("final-model", { try StudyFigures.finalModel(results: results, model: options.model) }),
                ]
                for (name, make) in drawings {
                    try StudyFigures.spanish(make()).write(to: "\(figures)/\(name).png")
                    StandardError.write("study: figure \(figures)/\(name).png\n")
                }
                let text = try ReportTemplate.render(try InputFileText.read(template), results: results)
                try OutputFile.write(output, bytes: Array(text.utf8))
            }
        }
    }
}

/// Reading a whole text file for the template.
enum InputFileText {
    static func read(_ path: String) throws -> String {
        String(decoding: try InputFile.contents(path), as: UTF8.self)
    }
}
