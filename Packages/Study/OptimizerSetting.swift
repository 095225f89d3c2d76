import Datasets
import Optim

/// One optimizer setting of the study: a `torch.optim` configuration and a batch size, with the names the
/// figures and the report give it.
public struct OptimizerSetting: Sendable {
    /// The short name, used in file names and tables, e.g. `adam400`.
    public let label: String
    /// The name in figures, e.g. `Adam lr 0.001, batch 400`.
    public let title: String
    /// The optimizer.
    public let kind: OptimizerKind
    /// The hyper-parameters given explicitly, by PyTorch keyword name (the others take their defaults).
    public let options: [String: OptionValue]
    /// Rows per minibatch; `nil` for the full set (one step per epoch).
    public let batchSize: Int?
    /// The learning-rate schedule in PyTorch's call syntax, e.g. `cosine(T_max=3000)`; `nil` for a constant
    /// rate.
    public let scheduleCall: String?
    /// The learning-rate schedule.
    public let schedule: LearningRateSchedule

    /// A setting of the study's own table; `call` (and `schedule`) are in PyTorch's call syntax, e.g.
    /// `adam(lr=0.001)` and `cosine(T_max=3000)`.
    init(_ label: String, _ title: String, _ call: String, batchSize: Int?, schedule: String? = nil) {
        self.label = label
        self.title = title
        do {
            (kind, options) = try OptimizerKind.parse(call)
            self.schedule = try schedule.map(LearningRateSchedule.init(parsing:)) ?? .constant
        } catch {
            preconditionFailure("the study's setting \(label) is not a valid optimizer: \(error)")
        }
        scheduleCall = schedule
        self.batchSize = batchSize
    }

    /// The setting as `train` flags, e.g. `--optimizer sgd --lr 0.1 --momentum 0.9 --nesterov --batch-size
    /// 400`: each explicit option under its flag (`max_iter` → `--max-iter`, `line_search_fn` →
    /// `--line-search`), in PyTorch's order of the options, then `--schedule` when there is one.
    public var flags: [String] {
        var flags = ["--optimizer", kind.rawValue]
        for name in kind.optionNames {
            guard let value = options[name] else { continue }
            let flag = "--" + (name == "line_search_fn" ? "line-search" : name.replacing("_", with: "-"))
            switch value {
            case .flag(true): flags.append(flag)
            case let .number(x): flags += [flag, CSVWriter.format(x)]
            case let .text(word): flags += [flag, word.replacing("_", with: "-")]
            default: preconditionFailure("\(label): no train flag for \(name)=\(value)")
            }
        }
        return flags + ["--batch-size", batchSize.map(String.init) ?? "full"]
            + (scheduleCall.map { ["--schedule", $0] } ?? [])
    }

    /// The value of an explicit option, e.g. `lr`.
    func number(_ name: String) -> Double? {
        guard case let .number(x) = options[name] else { return nil }
        return x
    }

    /// A new optimizer with this setting and empty state.
    public func makeOptimizer() -> any Optimizer & Sendable {
        do {
            return try kind.makeOptimizer(options: options)
        } catch {
            preconditionFailure("the study's setting \(label) is not a valid optimizer: \(error)")
        }
    }
}
