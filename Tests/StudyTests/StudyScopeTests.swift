import Foundation
import Study
import Testing

/// The study's size knobs (plan.json), how a run's completion is read off its files, and the Slurm job
/// array script.
@Suite struct StudyScopeTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "study-scope-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/runs", withIntermediateDirectories: true)
        return path
    }

    /// The default scope is the study the report describes: its plan is the one `make study` always ran.
    @Test func theDefaultScopeIsTheReportsStudy() {
        let scope = StudyScope()
        #expect(scope.seeds == [0, 1, 2] && scope.epochs == 2500 && scope.sizeEpochs == 1000)
        #expect(scope.widths == [4, 10, 20, 50, 100] && scope.depths == [1, 2, 3, 4])
        #expect(StudyPlan.runs(scope) == StudyPlan.runs())
    }

    /// Knobs change the plan by the product of the grid: here 2 seeds × (10 settings + 5 noise levels × 5
    /// optimizers) comparison and noise runs, 2 seeds × 2 widths × 1 depth × 3 optimizers size runs, no final
    /// runs.
    @Test func knobsSizeThePlan() {
        let scope = StudyScope(
            seeds: [3, 7], epochs: 40, sizeEpochs: 20, widths: [8, 16], depths: [2],
            experiments: ["comparison", "noise", "size"])
        let runs = StudyPlan.runs(scope)
        #expect(runs.count == 2 * (10 + 5 * 5) + 2 * 2 * 1 * 3)
        #expect(runs.filter { $0.experiment == "size" }.allSatisfy { $0.epochs == 20 && $0.hidden.count == 2 })
        #expect(runs.allSatisfy { [3, 7].contains($0.seed) })
        #expect(runs.filter { $0.experiment != "size" }.allSatisfy { $0.epochs == 40 })
        // The size experiment alone at one seed: 6 runs (what make test-slurm runs).
        #expect(
            StudyPlan.runs(StudyScope(seeds: [0], widths: [4, 10], depths: [1], experiments: ["size"])).count == 6)
        // The noise experiment alone keeps the σ = 0 runs it reads from the comparison.
        let noise = StudyPlan.runs(StudyScope(seeds: [0], experiments: ["noise"]))
        #expect(noise.filter { $0.experiment == "comparison" }.count == StudyPlan.noiseOptimizers.count)
    }

    @Test func planFileRoundTripsAndNamesItsErrors() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try StudyScope.read(results: directory) == StudyScope())
        let scope = StudyScope(
            seeds: [1], epochs: 20, sizeEpochs: 10, widths: [4], depths: [1, 2], experiments: ["size"])
        try scope.write(results: directory)
        #expect(try StudyScope.read(results: directory) == scope)
        #expect(throws: StudyError.invalidScope("plan.json:2:13: seeds: expected a whole number, found a number")) {
            try StudyScope.parse("{\n  \"seeds\": [0.5]\n}", file: "plan.json")
        }
        #expect(throws: StudyError.invalidScope("plan.json:1:11: unknown field epoch")) {
            try StudyScope.parse("{\"epoch\": 3}", file: "plan.json")
        }
        #expect(
            throws: StudyError.invalidScope("plan.json: experiments: expected some of comparison, noise, size, final")
        ) {
            try StudyScope.parse("{\"experiments\": [\"sizes\"]}", file: "plan.json")
        }
        #expect(throws: StudyError.invalidScope("seeds: a seed is given twice")) {
            try StudyScope(seeds: [1, 1]).validate()
        }
    }

    /// A run is finished when its metrics reach its last epoch or end in a non-finite loss (a divergence,
    /// which a second attempt would repeat); missing or short metrics send it round again.
    /// `DTYPE=float32` reaches every run's command as `--dtype float32`; a Float64 scope's plan file and
    /// commands are as they were before the option existed (no `dtype`, no `--dtype`).
    @Test func precisionReachesEveryRunAndTheDefaultLeavesNoTrace() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var scope = StudyScope(seeds: [0], sizeEpochs: 10, widths: [4], depths: [1], experiments: ["size"])
        try scope.write(results: directory)
        #expect(!(try String(contentsOfFile: "\(directory)/plan.json", encoding: .utf8)).contains("dtype"))
        let float64 = try StudyPlan.commands(ofList: "plan", tools: "bin", results: directory)
        #expect(float64.count == 3 && float64.allSatisfy { !$0.contains("--dtype") })
        scope.precision = .float32
        try scope.write(results: directory)
        #expect(try StudyScope.read(results: directory) == scope)
        let float32 = try StudyPlan.commands(ofList: "plan", tools: "bin", results: directory)
        #expect(float32.count == 3 && float32.allSatisfy { $0.contains(" --dtype float32 ") })
        #expect(
            throws: StudyError.invalidScope(
                "plan.json:1:11: dtype: expected \"float64\" or \"float32\", found a string")
        ) {
            try StudyScope.parse("{\"dtype\": \"float16\"}", file: "plan.json")
        }
    }

    @Test func completionIsReadFromTheMetrics() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = StudyRun(experiment: "size", optimizer: "adam400", seed: 0, noise: 0, hidden: [4], epochs: 10)
        let path = "\(directory)/runs/\(run.name).csv"
        let header = "epoch,seconds,train_loss,validation_loss,batch_loss\n"
        #expect(run.completion(results: directory) == .missing)
        try (header + "0,0,0.5,0.5,\n5,0.1,0.2,0.2,0.21\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(run.completion(results: directory) == .incomplete(lastEpoch: 5))
        try (header + "0,0,0.5,0.5,\n5,0.1,0.2,0.2,0.21\n10,0.2,0.1,0.1,0.11\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(run.completion(results: directory) == .complete)
        try (header + "0,0,0.5,0.5,\n1,0.01,inf,inf,nan\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(run.completion(results: directory) == .diverged(epoch: 1))
        #expect(RunCompletion.diverged(epoch: 1).isFinished && !RunCompletion.incomplete(lastEpoch: 5).isFinished)
        // A minibatch that overflows within an epoch leaves no row for it; the run's log says it diverged.
        try (header + "0,0,0.5,0.5,\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(run.completion(results: directory) == .incomplete(lastEpoch: 0))
        try "train: diverged: the loss of batch 10 in epoch 1 is inf; the model is the one after epoch 0\n".write(
            toFile: StudyPlan.log(run, results: directory), atomically: true, encoding: .utf8)
        #expect(run.completion(results: directory) == .diverged(epoch: 1))

        // A refit is finished only with its saved model as well.
        let refit = StudyRun(experiment: "refit", optimizer: "adam", seed: 0, noise: 0.1, hidden: [50], epochs: 1)
        try (header + "0,0,0.5,,\n1,0.1,0.2,,0.3\n").write(
            toFile: "\(directory)/runs/\(refit.name).csv", atomically: true, encoding: .utf8)
        #expect(refit.completion(results: directory) == .incomplete(lastEpoch: nil))
        try FileManager.default.createDirectory(atPath: "\(directory)/final", withIntermediateDirectories: true)
        try "{}".write(toFile: "\(directory)/\(StudyFinal.refitModel(refit))", atomically: true, encoding: .utf8)
        #expect(refit.completion(results: directory) == .complete)
    }

    /// Resuming and checking a list: of three size runs, one finished, one stopped early (its log says why)
    /// and one never started; the pending commands are the last two, and the check names both by line, run,
    /// log and Slurm task.
    @Test func aListResumesWithItsUnfinishedRunsAndNamesThem() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try StudyScope(seeds: [0], sizeEpochs: 10, widths: [4], depths: [1], experiments: ["size"])
            .write(results: directory)
        let runs = try StudyPlan.list("plan", results: directory)
        try #require(runs.count == 3)
        let header = "epoch,seconds,train_loss,validation_loss,batch_loss\n"
        try (header + "0,0,0.5,0.5,\n10,0.2,0.1,0.1,0.11\n").write(
            toFile: "\(directory)/runs/\(runs[0].name).csv", atomically: true, encoding: .utf8)
        try (header + "0,0,0.5,0.5,\n5,0.1,0.2,0.2,0.21\n").write(
            toFile: "\(directory)/runs/\(runs[1].name).csv", atomically: true, encoding: .utf8)
        try "train: interrupted\n".write(
            toFile: StudyPlan.log(runs[1], results: directory), atomically: true, encoding: .utf8)

        let all = try StudyPlan.commands(ofList: "plan", tools: "bin", results: directory)
        let pending = try StudyPlan.commands(ofList: "plan", tools: "bin", results: directory, unfinishedOnly: true)
        #expect(all.count == 3 && pending == Array(all[1...]))

        let check = try RunListCheck(
            list: "plan", results: directory, slurmTasks: pending, taskOutput: "slurm/plan-%a.out")
        #expect(check.count == 3 && check.diverged == 0)
        #expect(
            check.unfinished == [
                "line 2 of the plan (\(runs[1].name)): metrics stop at epoch 5; train said: train: interrupted "
                    + "(Slurm task 1; its output in slurm/plan-1.out)",
                "line 3 of the plan (\(runs[2].name)): no metrics file (Slurm task 2; its output in slurm/plan-2.out)",
            ])
    }

    /// Task i of the array runs line i of the pending list, one CPU, at most M at once.
    @Test func slurmScriptRunsOneLinePerTask() throws {
        let script = try StudySlurm.script(
            lines: "/shared/results/slurm/plan-pending.txt", count: 6, directory: "/shared/udl",
            output: "/shared/results/slurm/plan-%a.out",
            options: .init(partition: "short", timeLimit: "00:30:00", parallel: 4, jobName: "udl"))
        let directives = script.split(separator: "\n").filter { $0.hasPrefix("#SBATCH ") }
        #expect(
            directives == [
                "#SBATCH --job-name=udl", "#SBATCH --partition=short", "#SBATCH --array=1-6%4",
                "#SBATCH --cpus-per-task=1", "#SBATCH --ntasks=1", "#SBATCH --time=00:30:00",
                "#SBATCH --output=/shared/results/slurm/plan-%a.out",
            ])
        #expect(script.contains("cd /shared/udl\n"))
        #expect(script.contains("sed -n \"${SLURM_ARRAY_TASK_ID}p\" /shared/results/slurm/plan-pending.txt"))
        #expect(script.hasPrefix("#!/bin/sh\n"))
        // Fewer runs than the parallelism: the array's limit is the run count.
        #expect(try StudySlurm.script(lines: "l", count: 2, directory: "d", output: "o").contains("--array=1-2%2"))
    }

    /// Issue #28, case 1: every value written into the script is checked, one refused value per field; the
    /// error names the field and shows the value escaped on one line.
    @Test(arguments: [
        (StudySlurm.ScriptError.Field.jobName, "x\necho INJECTED"), (.jobName, "a b"), (.jobName, "$(id)"),
        (.jobName, ""), (.partition, "short\nhostname"), (.partition, "p;q"), (.timeLimit, "01:00:00\nid"),
        (.timeLimit, "1:2:3:4"), (.timeLimit, "soon"), (.timeLimit, ""), (.parallel, "0"), (.count, "0"),
        (.lines, "/l\nid"), (.directory, "/d\rid"), (.output, "/o\nid"), (.output, "/a b/%a.out"),
        (.output, "/a\"b"),
    ])
    func slurmScriptRefusesAValueThatCouldRunOrThatSlurmRefuses(field: StudySlurm.ScriptError.Field, value: String) {
        var options = StudySlurm.Options(partition: "short")
        var (lines, count, directory, output) = ("/r/l.txt", 3, "/r", "/r/%a.out")
        switch field {
        case .jobName: options.jobName = value
        case .partition: options.partition = value
        case .timeLimit: options.timeLimit = value
        case .parallel: options.parallel = Int(value)!
        case .count: count = Int(value)!
        case .lines: lines = value
        case .directory: directory = value
        case .output: output = value
        }
        #expect(throws: StudySlurm.ScriptError.self) {
            _ = try StudySlurm.script(
                lines: lines, count: count, directory: directory, output: output, options: options)
        }
        do {
            _ = try StudySlurm.script(
                lines: lines, count: count, directory: directory, output: output, options: options)
        } catch {
            #expect(error.field == field)
            #expect(!error.description.contains("\n") && !error.description.contains("\r"), "\(error)")
        }
    }

    /// Slurm's other time forms and names with its punctuation are accepted.
    @Test func slurmScriptAcceptsSlurmsTimeForms() throws {
        for time in ["30", "30:00", "2:00:00", "1-0", "1-12:00", "7-00:00:00", "UNLIMITED", "infinite"] {
            let script = try StudySlurm.script(
                lines: "l", count: 1, directory: "d", output: "o",
                options: .init(partition: "gpu-a100.x", timeLimit: time, jobName: "udl_study+v2"))
            #expect(script.contains("#SBATCH --time=\(time)\n"))
        }
    }

    /// Paths with shell syntax in them are quoted: the script, run by `sh` as a Slurm task would run it,
    /// runs the list's line and nothing that was in a path.
    @Test func slurmScriptQuotesThePathsItsCommandsUse() throws {
        let base = NSTemporaryDirectory() + "slurm-quote-\(UUID().uuidString)"
        let directory = base + "/repo $(touch INJECTED-dir) `touch INJECTED-tick` 'q'"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lines = directory + "/list $(touch INJECTED-list); touch INJECTED-semi.txt"
        try "touch ran-line-1\ntouch ran-line-2\n".write(toFile: lines, atomically: true, encoding: .utf8)
        let script = try StudySlurm.script(
            lines: lines, count: 2, directory: directory, output: base + "/%a.out", options: .init(jobName: "udl"))
        let path = base + "/plan.sbatch"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [path]
        process.environment = ["SLURM_ARRAY_TASK_ID": "2", "PATH": "/usr/bin:/bin"]
        process.currentDirectoryURL = URL(fileURLWithPath: base)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let made =
            try FileManager.default.contentsOfDirectory(atPath: directory)
            + FileManager.default
            .contentsOfDirectory(atPath: base)
        #expect(made.contains("ran-line-2") && !made.contains("ran-line-1"), "\(made)")
        #expect(!made.contains { $0.hasPrefix("INJECTED") }, "\(made)")
    }
}
