import Datasets
import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The metrics of one finished run (`train --metrics`), with the figures the study reads off them.
public struct RunMetrics: Sendable {
    /// The run.
    public let run: StudyRun
    /// The evaluated epochs (every fifth, and the last).
    public let epochs: [Double]
    /// Cumulative seconds spent in optimizer steps at those epochs.
    public let seconds: [Double]
    /// Training loss (against the noisy targets) at those epochs.
    public let trainLoss: [Double]
    /// Test loss (against the clean surface) at those epochs.
    public let testLoss: [Double]

    /// The loss thresholds of the convergence table.
    public static let thresholds = [1e-2, 1e-3, 1e-4]

    /// Reads `<results>/runs/<name>.csv`, keeping the evaluated epochs.
    public init(run: StudyRun, results: String) throws {
        let table: CSVTable
        do {
            table = try CSVTable(
                path: "\(results)/runs/\(run.name).csv", options: .init(allowsMissing: true, allowsNonFinite: true))
        } catch let error as CSVError {
            // A missing file is a run not made yet; a damaged one is reported with its place.
            guard case .cannotOpen = error.kind, access(error.file, F_OK) != 0 else { throw error }
            throw StudyError.missingRun(run.name)
        }
        let epoch = try table.columns(["epoch"]).scalars, seconds = try table.columns(["seconds"]).scalars
        let train = try table.columns(["train_loss"]).scalars, test = try table.columns(["validation_loss"]).scalars
        let kept = train.indices.filter { !train[$0].isNaN }
        guard !kept.isEmpty else { throw StudyError.emptyRun(table.name) }
        self.run = run
        epochs = kept.map { epoch[$0] }
        self.seconds = kept.map { seconds[$0] }
        trainLoss = kept.map { train[$0] }
        testLoss = kept.map { test[$0] }
    }

    /// The training loss after the last epoch.
    public var finalTrainLoss: Double { trainLoss.last! }
    /// The test loss after the last epoch.
    public var finalTestLoss: Double { testLoss.last! }
    /// The seconds of all steps.
    public var totalSeconds: Double { seconds.last! }
    /// True when the run reached its last epoch.
    public var completed: Bool { Int(epochs.last!) == run.epochs }

    /// The first evaluated epoch, and its cumulative seconds, at which the training loss is at most
    /// `threshold`; nil when it never gets there.
    public func reach(_ threshold: Double) -> (epoch: Double, seconds: Double)? {
        trainLoss.firstIndex { $0 <= threshold }.map { (epochs[$0], seconds[$0]) }
    }
}
