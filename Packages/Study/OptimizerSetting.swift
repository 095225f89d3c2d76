import Optim

/// One optimizer setting of the study: an ``OptimizerConfiguration`` and a batch size, with the names the
/// figures and the report give it.
public struct OptimizerSetting: Sendable {
    /// The short name, used in file names and tables, e.g. `adam400`.
    public let label: String
    /// The name in figures, e.g. `Adam lr 0.001, batch 400`.
    public let title: String
    /// The optimizer and its settings, e.g. `adam(lr=0.001)`.
    public let configuration: OptimizerConfiguration
    /// Rows per minibatch; `nil` for the full set (one step per epoch).
    public let batchSize: Int?
    /// The learning-rate schedule in PyTorch's call syntax, e.g. `cosine(T_max=3000)`; `nil` for a constant
    /// rate.
    public let scheduleCall: String?
    /// The learning-rate schedule.
    public let schedule: LearningRateSchedule

    /// A setting; `call` (and `schedule`) are in PyTorch's call syntax, e.g. `adam(lr=0.001)` and
    /// `cosine(T_max=3000)`.
    ///
    /// - Throws: ``ConfigurationError`` naming the optimizer or schedule and the setting that is wrong.
    public init(
        checking label: String, _ title: String, _ call: String, batchSize: Int?, schedule: String? = nil
    ) throws {
        self.label = label
        self.title = title
        configuration = try OptimizerConfiguration(parsing: call)
        self.schedule = try schedule.map(LearningRateSchedule.init(parsing:)) ?? .constant
        scheduleCall = schedule
        self.batchSize = batchSize
    }

    /// A setting of the study's own tables, which are valid (the study's tests build each one).
    init(_ label: String, _ title: String, _ call: String, batchSize: Int?, schedule: String? = nil) {
        do {
            try self.init(checking: label, title, call, batchSize: batchSize, schedule: schedule)
        } catch {
            preconditionFailure("the study's setting \(label) is not a valid optimizer: \(error)")
        }
    }

    /// The setting as `train` flags: the configuration's
    /// (``OptimizerConfiguration/commandLineArguments``, e.g. `--optimizer sgd --lr 0.1 --momentum 0.9
    /// --nesterov`), then `--batch-size`, then `--schedule` when there is one.
    public var flags: [String] {
        configuration.commandLineArguments + ["--batch-size", batchSize.map(String.init) ?? "full"]
            + (scheduleCall.map { ["--schedule", $0] } ?? [])
    }

    /// The value of an explicit setting, e.g. `lr`.
    func number(_ name: String) -> Double? { configuration.number(name) }

    /// A new optimizer with this setting and empty state.
    public func makeOptimizer() -> any Optimizer & Sendable { configuration.makeOptimizer() }
}
