import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a run of the plan has finished, read off what it left in the results directory; what lets an
/// interrupted study resume with only the runs that did not finish (on one machine or on a cluster).
public enum RunCompletion: Equatable, Sendable {
    /// The metrics reach the run's last epoch (and a refit's model is saved).
    case complete
    /// The loss stopped being finite (`train` exits 65): the metrics end with a non-finite loss, or stop
    /// early while the run's log (`<name>.log`) says it diverged (a minibatch's loss overflowed within an
    /// epoch). Running it again would diverge again, so it counts as finished.
    case diverged(epoch: Int)
    /// No metrics file (never started, or stopped before its first write).
    case missing
    /// The metrics stop early at a finite loss: the run was interrupted (or its model was not written).
    case incomplete(lastEpoch: Int?)

    /// True for the runs that need no second attempt.
    public var isFinished: Bool {
        switch self {
        case .complete, .diverged: return true
        case .missing, .incomplete: return false
        }
    }

    /// What is wrong with an unfinished run, for the message that names it.
    public var problem: String {
        switch self {
        case .complete: return "complete"
        case let .diverged(epoch): return "diverged at epoch \(epoch)"
        case .missing: return "no metrics file"
        case let .incomplete(lastEpoch?): return "metrics stop at epoch \(lastEpoch)"
        case .incomplete(nil): return "metrics without any epoch, or its model is missing"
        }
    }
}

extension StudyRun {
    /// How far this run got, from `<results>/runs/<name>.csv` (and for a refit its saved model).
    ///
    /// The last row's epoch is compared with the run's epochs; a non-finite loss in the last row, or a log
    /// that says `diverged`, marks a divergence.
    public func completion(results: String) -> RunCompletion {
        let path = "\(results)/runs/\(name).csv"
        guard access(path, F_OK) == 0, let text = try? StudyPreparation.readText(path) else { return .missing }
        let rows = text.split(whereSeparator: \.isNewline).dropFirst()
        guard let last = rows.last else { return .incomplete(lastEpoch: nil) }
        let fields = last.split(separator: ",", omittingEmptySubsequences: false)
        guard let epoch = fields.first.flatMap({ Int($0) }) else { return .incomplete(lastEpoch: nil) }
        let nonFinite = fields.dropFirst(2).contains { ["inf", "-inf", "nan"].contains($0.lowercased()) }
        if nonFinite { return .diverged(epoch: epoch) }
        guard epoch >= epochs else {
            let log = (try? StudyPreparation.readText(StudyPlan.log(self, results: results))) ?? ""
            return log.contains(": diverged:") ? .diverged(epoch: epoch + 1) : .incomplete(lastEpoch: epoch)
        }
        if experiment == "refit" && access("\(results)/\(StudyFinal.refitModel(self))", F_OK) != 0 {
            return .incomplete(lastEpoch: nil)
        }
        return .complete
    }
}

/// What became of every run of one of the study's lists: how many finished, how many of those diverged, and a
/// line for each one that did not finish, so that `study check` can name it.
public struct RunListCheck: Sendable {
    /// How many runs the list holds.
    public let count: Int
    /// How many runs diverged (they count as finished).
    public let diverged: Int
    /// One line per unfinished run: its line in the list, its name, what is wrong, the last line its log
    /// holds (what `train` said) and, when known, the Slurm task that ran it.
    public let unfinished: [String]

    /// Reads the completion of every run of the list `list` under `results`.
    ///
    /// - Parameters:
    ///   - list: the run list, `plan` or `refits`.
    ///   - results: the results directory.
    ///   - slurmTasks: the commands a Slurm job array ran, one per task in task order, to name a run's task.
    ///   - taskOutput: where each task wrote its output, with `%a` for the task's number.
    /// - Throws: what ``StudyPlan/list(_:results:)`` throws.
    public init(list: String, results: String, slurmTasks: [String]? = nil, taskOutput: String? = nil) throws {
        let runs = try StudyPlan.list(list, results: results)
        var diverged = 0
        var unfinished: [String] = []
        for (index, run) in runs.enumerated() {
            let completion = run.completion(results: results)
            if case .diverged = completion { diverged += 1 }
            guard !completion.isFinished else { continue }
            var message = "line \(index + 1) of the \(list) (\(run.name)): \(completion.problem)"
            let said = (try? StudyPreparation.readText(StudyPlan.log(run, results: results))) ?? ""
            if let last = said.split(whereSeparator: \.isNewline).last {
                message += "; train said: \(last.prefix(300))"
            }
            if let task = slurmTasks?.firstIndex(where: { $0.contains("/runs/\(run.name).csv ") }) {
                let output = taskOutput.map { " in " + $0.replacing("%a", with: "\(task + 1)") } ?? ""
                message += " (Slurm task \(task + 1); its output\(output))"
            }
            unfinished.append(message)
        }
        self.count = runs.count
        self.diverged = diverged
        self.unfinished = unfinished
    }
}
