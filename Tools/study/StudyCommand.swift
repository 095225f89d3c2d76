import ArgumentParser
import NN
import Platform
import Plot
import PlotToolSupport
import Study
import ToolSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `study`: the optimizer study of the assignment, as a plan of independent runs and a report.
@main
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Plan, summarise and report the optimizer study (make study runs all of it).",
        discussion: """
            The study is a list of independent `train` runs, one shell command per line, so it spreads over any \
            number of cores or machines. Examples, the whole study as `make study` runs it:

              study prepare --results results
              study plan --results results | tr '\\n' '\\0' | xargs -0 -P 8 -n 1 sh -c
              study summarize --results results
              study refits --results results | tr '\\n' '\\0' | xargs -0 -P 8 -n 1 sh -c
              study final --results results
              study report --results results --figures docs/report/figures \\
                    --template docs/report/informe.template.md --output docs/report/informe.md

            The plan includes the final model's cross-validation runs; `refits` lists, from their validation \
            curves, each candidate's refit on every point. `final` chooses the candidate by validation alone, \
            scores the refits on the clean surface and writes the optimal model. `prepare --seeds 0,1 --epochs \
            500 …` sizes the study and records it in results/plan.json for every later step.

            Resuming and clusters: `pending` prints only the runs that have not finished, `check` names those \
            that did not (exit 75), and `slurm-script` writes a job array running one line of a list per task:

              study pending --results results > pending.txt
              study slurm-script --lines pending.txt --output results/slurm/plan-%a.out > plan.sbatch
              sbatch --parsable --wait plan.sbatch; study check --results results
            """,
        version: toolkitVersion,
        subcommands: [
            Prepare.self, Plan.self, Summarize.self, Refits.self, Final.self, Report.self, Pending.self, Check.self,
            SlurmScript.self,
        ])

    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The results directory.", valueName: "dir"))
        var results = "results"
        @Option(help: ArgumentHelp("Where the tools are.", valueName: "dir"))
        var tools = ".build/release"
        @Option(help: ArgumentHelp("The optimal model's path.", valueName: "file"))
        var model = "models/optimal.json"

        /// The results directory, checked to exist (the steps that read runs need it).
        ///
        /// - Throws: ``ToolError`` 66 naming `--results` when it is missing or not a directory, rather than
        ///   the first run it would not find in it.
        func existingResults() throws -> String {
            var status = stat()
            guard stat(results, &status) == 0 else {
                throw ToolError(
                    .noInput, "--results \(results): \(SystemError.current) (run `study plan` and its runs first)")
            }
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw ToolError(.noInput, "--results \(results): not a directory")
            }
            return results
        }
    }

    /// The study's size (`make study SEEDS=… EPOCHS=…`), recorded by `prepare` in <results>/plan.json.
    struct ScopeOptions: ParsableArguments {
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("Seeds of the comparison, noise and refit runs.", valueName: "s1,s2,…"))
        var seeds = "0,1,2"
        @Option(parsing: .unconditional, help: ArgumentHelp("Epochs of the comparison and noise runs.", valueName: "n"))
        var epochs = 2500
        @Option(parsing: .unconditional, help: ArgumentHelp("Epochs of the size runs.", valueName: "n"))
        var sizeEpochs = 1000
        @Option(
            parsing: .unconditional, help: ArgumentHelp("Hidden widths of the size experiment.", valueName: "w1,w2,…"))
        var widths = "4,10,20,50,100"
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("Hidden-layer counts of the size experiment.", valueName: "d1,d2,…"))
        var depths = "1,2,3,4"
        @Option(
            help: ArgumentHelp(
                "Experiments to run (the report needs all): comparison, noise, size, final.", valueName: "e1,e2,…"))
        var experiments = "comparison,noise,size,final"
        @Option(help: ArgumentHelp("The type every run's passes compute in (train --dtype).", valueName: "type"))
        var dtype: Choice<Precision> = "float64"

        func scope() throws -> StudyScope {
            func integers(_ text: String, _ option: String) throws -> [Int] {
                let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                return try parts.map { part in
                    guard let value = Int(part.filter { $0 != " " }) else {
                        throw ToolError(.usage, "--\(option) \(text): \"\(part)\" is not a whole number")
                    }
                    return value
                }
            }
            var scope = StudyScope(
                seeds: try integers(seeds, "seeds"), epochs: epochs, sizeEpochs: sizeEpochs,
                widths: try integers(widths, "widths"), depths: try integers(depths, "depths"),
                experiments: experiments.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            scope.precision = try dtype.resolved("dtype")
            do {
                try scope.validate()
            } catch {
                throw ToolError(.usage, "--\(error)")
            }
            return scope
        }
    }

    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the study's size in <results>/plan.json and write the data and initial models.")
        @OptionGroup var options: Options
        @OptionGroup var scope: ScopeOptions
        func run() throws {
            try runReportingErrors(tool: "study") {
                try StudyPreparation.prepare(results: options.results, scope: try scope.scope())
            }
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the runs, one shell command per line.")
        @OptionGroup var options: Options
        func run() throws {
            try runReportingErrors(tool: "study") {
                try printLines(StudyPlan.commands(ofList: "plan", tools: options.tools, results: options.results))
            }
        }
    }

    struct Summarize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read every run's metrics and write the summary tables.")
        @OptionGroup var options: Options
        func run() throws {
            try runReportingErrors(tool: "study") {
                _ = try StudySummary.summarize(results: try options.existingResults())
            }
        }
    }

    struct Refits: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the final candidates' refits on every point, one shell command per line (after the plan).")
        @OptionGroup var options: Options
        func run() throws {
            try runReportingErrors(tool: "study") {
                try printLines(StudyPlan.commands(ofList: "refits", tools: options.tools, results: options.results))
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
                let table = try StudyFinal.summarize(results: try options.existingResults(), model: options.model)
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
        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The rendered report.", valueName: "file"))
        var output = "docs/report/informe.md"

        func run() throws {
            try runReportingErrors(tool: "study") {
                try OutputFile.validate([("--output", output)], inputs: [("--template", template)])
                let results = try options.existingResults()
                try ReportBlocks.summarizeBackpropagation(results: results)
                let summary = try StudyTable(path: "\(results)/comparison-summary.csv")
                let drawings: [(String, () throws -> Figure)] = [
                    ("surface", { StudyFigures.assignmentSurface() }),
                    ("comparison", { try StudyFigures.comparison(results: results, summary: summary) }),
                    ("epochs-time", { try StudyFigures.epochsAndSeconds(results: results) }),
                    ("noise", { StudyFigures.noise(try StudyTable(path: "\(results)/noise.csv")) }),
                    (
                        "size",
                        {
                            StudyFigures.size(
                                try StudyTable(path: "\(results)/size.csv"),
                                scope: try StudyScope.read(results: results))
                        }
                    ),
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

/// Which of the study's run lists a command works on.
struct ListOption: ParsableArguments {
    @Option(help: ArgumentHelp("The run list: plan or refits.", valueName: "name"))
    var list = "plan"
}

extension StudyCommand {
    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the runs of a list that have not finished, one shell command per line (resuming).")
        @OptionGroup var options: Options
        @OptionGroup var list: ListOption
        func run() throws {
            try runReportingErrors(tool: "study") {
                try printLines(
                    StudyPlan.commands(
                        ofList: list.list, tools: options.tools, results: options.results, unfinishedOnly: true))
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every run of a list finished; name each one that did not (exit 75: run again).")
        @OptionGroup var options: Options
        @OptionGroup var list: ListOption
        @Option(help: ArgumentHelp("The pending list a Slurm job array ran, to name each task.", valueName: "file"))
        var pending: String?
        @Option(help: ArgumentHelp("Where each task wrote its output ('%a' is the task).", valueName: "pattern"))
        var taskOutput: String?
        func run() throws {
            try runReportingErrors(tool: "study") {
                let check = try RunListCheck(
                    list: list.list, results: options.results,
                    slurmTasks: try pending.map { path in
                        try InputFileText.read(path).split(whereSeparator: \.isNewline).map(String.init)
                    },
                    taskOutput: taskOutput)
                for message in check.unfinished { StandardError.write("study: \(message)\n") }
                guard check.unfinished.isEmpty else {
                    throw ToolError(
                        .temporaryFailure,
                        "\(check.unfinished.count) of \(check.count) runs of the \(list.list) did not finish; run the "
                            + "study again to resume with those alone")
                }
                StandardError.write(
                    "study: all \(check.count) runs of the \(list.list) finished"
                        + (check.diverged > 0 ? " (\(check.diverged) diverged, as a run can)\n" : "\n"))
            }
        }
    }

    struct SlurmScript: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "slurm-script",
            abstract: "Print an sbatch script whose job array runs one line of a run list per task.")
        @Option(help: ArgumentHelp("The run list, one shell command per line.", valueName: "file"))
        var lines: String
        @Option(help: ArgumentHelp("Each task's output file ('%a' is the task's number).", valueName: "pattern"))
        var output: String
        @Option(help: ArgumentHelp("The partition (default: the cluster's).", valueName: "name"))
        var partition: String?
        @Option(help: ArgumentHelp("Time limit of each run.", valueName: "[D-]HH:MM:SS"))
        var time = "01:00:00"
        @Option(parsing: .unconditional, help: ArgumentHelp("Runs at once (the %M of --array=1-N%M).", valueName: "M"))
        var parallel = 32
        @Option(help: ArgumentHelp("The job's name.", valueName: "name"))
        var jobName = "udl-study"
        func run() throws {
            try runReportingErrors(tool: "study") {
                let count = try InputFileText.read(lines).split(whereSeparator: \.isNewline).count
                guard count > 0 else { throw ToolError(.dataError, "\(lines): no runs to submit") }
                let script: String
                do throws(StudySlurm.ScriptError) {
                    script = try StudySlurm.script(
                        lines: absolute(lines), count: count, directory: currentDirectory(), output: absolute(output),
                        options: .init(partition: partition, timeLimit: time, parallel: parallel, jobName: jobName))
                } catch {
                    throw ToolError(.usage, Self.message(for: error))
                }
                StandardOutput.print(String(script.dropLast()))
                try StandardOutput.check()
            }
        }

        /// The error as the command line names it: `--job-name "x\necho INJECTED": …`.
        static func message(for error: StudySlurm.ScriptError) -> String {
            let option: String? =
                switch error.field {
                case .jobName: "--job-name"
                case .partition: "--partition"
                case .timeLimit: "--time"
                case .parallel: "--parallel"
                case .lines: "--lines"
                case .output: "--output"
                case .directory, .count: nil
                }
            guard let option else { return "\(error)" }
            return "\(option) \(escapedForMessage(error.value)): \(error.reason)"
        }

        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : currentDirectory() + "/" + path }

        func currentDirectory() -> String {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            guard getcwd(&buffer, buffer.count) != nil else { return "." }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}

extension StudyError: ExitStatusProviding {
    /// 66 for a run not made yet, 74 for a file that cannot be written, 65 for results that do not fit.
    public var exitStatus: SysExit {
        switch self {
        case .missingRun: .noInput
        case .cannotWrite: .ioError
        case .emptyRun, .unknownValue, .finalRunDiverged, .invalidScope: .dataError
        }
    }
}

/// Prints `lines` on standard output, one per line (a write error is exit 74).
func printLines(_ lines: [String]) throws {
    for line in lines { StandardOutput.print(line) }
    try StandardOutput.check()
}

/// Reading a whole text file for the template.
enum InputFileText {
    static func read(_ path: String) throws -> String {
        String(decoding: try InputFile.contents(path), as: UTF8.self)
    }
}
