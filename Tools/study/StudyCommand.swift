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
              study final --results results
              study report --results results --figures docs/report/figures \\
                    --template docs/report/informe.template.md --output docs/report/informe.md

            On a cluster, give each machine its share of the plan's lines and copy results/runs/ back before \
            `summarize`.
            """,
        version: toolkitVersion,
        subcommands: [Prepare.self, Plan.self, Summarize.self, Final.self, Report.self])

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
        func run() throws {
            try runReportingErrors(tool: "study") {
                let runs = StudyPlan.runs()
                for (index, run) in runs.enumerated() {
                    StandardOutput.print(
                        StudyPlan.command(
                            run, index: index + 1, count: runs.count, tools: options.tools, results: options.results))
                }
                try StandardOutput.check()
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

    struct Final: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the final model with the setting of lowest test error at σ = 0.1 (after summarize).")
        @OptionGroup var options: Options
        func run() throws {
            try runReportingErrors(tool: "study") {
                let optimizer = StudyFinal.chooseOptimizer(try StudyTable(path: "\(options.results)/noise.csv"))
                for warning in StudyPlan.setting(optimizer).makeOptimizer().warnings {
                    StandardError.write("study: warning: \(warning)\n")
                }
                try StudyFinal.train(optimizer: optimizer, results: options.results, model: options.model)
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the optimal model, draw the figures and render the report.")
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
                let optimizer = StudyFinal.chooseOptimizer(try StudyTable(path: "\(results)/noise.csv"))
                _ = try StudyFinal.summarize(optimizer: optimizer, results: results, model: options.model)
                try ReportBlocks.summarizeBackpropagation(results: results)
                let summary = try StudyTable(path: "\(results)/comparison-summary.csv")
                let drawings: [(String, () throws -> Figure)] = [
                    ("surface", { StudyFigures.assignmentSurface() }),
                    (
                        "comparison-epochs",
                        { try StudyFigures.comparisonCurves(results: results, againstSeconds: false) }
                    ),
                    (
                        "comparison-seconds",
                        { try StudyFigures.comparisonCurves(results: results, againstSeconds: true) }
                    ),
                    ("comparison-final", { StudyFigures.comparisonFinal(summary) }),
                    ("noise", { StudyFigures.noise(try StudyTable(path: "\(results)/noise.csv")) }),
                    ("size", { StudyFigures.size(try StudyTable(path: "\(results)/size.csv")) }),
                    ("backprop-learning-rate", { try StudyFigures.learningRateScan(results: results) }),
                    ("final-surface", { try StudyFinal.surfaceFigure(model: options.model) }),
                    ("final-loss", { try StudyFinal.lossFigure(results: results) }),
                ]
                for (name, make) in drawings {
                    try make().write(to: "\(figures)/\(name).png")
                    StandardError.write("study: figure \(figures)/\(name).png\n")
                }
                let text = try ReportTemplate.render(try InputFileText.read(template), results: results)
                try OutputFile.write(output, bytes: Array(text.utf8))
            }
        }
    }
}

extension StudyError: ExitStatusProviding {
    /// 66 for a run not made yet, 74 for a file that cannot be written, 65 for results that do not fit.
    public var exitStatus: SysExit {
        switch self {
        case .missingRun: .noInput
        case .cannotWrite: .ioError
        case .emptyRun, .unknownValue, .finalRunDiverged: .dataError
        }
    }
}

/// Reading a whole text file for the template.
enum InputFileText {
    static func read(_ path: String) throws -> String {
        String(decoding: try InputFile.contents(path), as: UTF8.self)
    }
}
