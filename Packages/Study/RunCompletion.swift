import Platform

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
