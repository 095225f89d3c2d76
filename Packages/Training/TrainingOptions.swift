import NN
import Optim

/// How a network is trained: epochs, minibatches, loss and learning-rate schedule.
public struct TrainingOptions: Sendable {
    /// The number of passes over the training set.
    public var epochs: Int
    /// Rows per minibatch; `nil` for the full set (one optimizer step per epoch on all rows).
    public var batchSize: Int?
    /// Draw a new row order every epoch (PyTorch's `DataLoader(shuffle=True)`).
    public var shuffle = true
    /// The seed of the generator that draws the row orders (see `Minibatches` for the draw order).
    public var seed: UInt32 = 0
    /// The loss minimised.
    public var loss: Loss = .mse
    /// The schedule of the learning rate, stepped once per epoch (as torch's schedulers are).
    public var schedule: LearningRateSchedule = .constant
    /// Evaluate the whole training and validation sets every this many epochs (and after the last one);
    /// larger values save time on long minibatch runs.
    public var evaluationInterval = 1
    /// The type the forward and backward passes compute in; the optimizer keeps Float64 parameters.
    public var precision: Precision = .float64

    /// Options for `epochs` passes with batches of `batchSize` rows (`nil`: full batch).
    public init(epochs: Int, batchSize: Int?, loss: Loss = .mse) {
        precondition(epochs >= 0, "epochs must be non-negative")
        self.epochs = epochs
        self.batchSize = batchSize
        self.loss = loss
    }
}

/// One row of the metrics file: the state after an epoch (epoch 0 is before any step).
///
/// Written by `train --metrics` as `epoch,seconds,train_loss,validation_loss,batch_loss`.
public struct EpochMetrics: Sendable, Equatable {
    /// 0 before training, then 1, 2, ….
    public var epoch: Int
    /// Cumulative seconds spent in optimizer steps up to the end of this epoch (evaluations excluded).
    public var seconds: Double
    /// The loss over the whole training set after the epoch (`nil` when not evaluated this epoch).
    public var trainLoss: Double?
    /// The loss over the validation set after the epoch (`nil` without a validation set).
    public var validationLoss: Double?
    /// The mean of the epoch's minibatch losses, each taken at the start of its step (`nil` at epoch 0).
    public var batchLoss: Double?

    /// A metrics row.
    public init(epoch: Int, seconds: Double, trainLoss: Double?, validationLoss: Double?, batchLoss: Double?) {
        self.epoch = epoch
        self.seconds = seconds
        self.trainLoss = trainLoss
        self.validationLoss = validationLoss
        self.batchLoss = batchLoss
    }

    /// The metrics file's header.
    public static let header = ["epoch", "seconds", "train_loss", "validation_loss", "batch_loss"]

    /// The row under ``header`` with `nil` where nothing was measured: written as an empty field, while a
    /// loss that became NaN or infinite is written `nan`, `inf` or `-inf` (`CSVWriter.write(row:)`).
    public var values: [Double?] {
        [Double(epoch), seconds, trainLoss, validationLoss, batchLoss]
    }

    /// The row under ``header``, with NaN (an empty CSV field) for what is `nil`.
    public var row: [Double] {
        [Double(epoch), seconds, trainLoss ?? .nan, validationLoss ?? .nan, batchLoss ?? .nan]
    }
}

/// Why training ended.
public enum StopReason: Sendable, Equatable, CustomStringConvertible {
    /// Every epoch ran.
    case completed
    /// The caller asked to stop (e.g. Ctrl-C); the epoch in progress was finished first.
    case interrupted(afterEpoch: Int)
    /// A loss became NaN or infinite: the loss of batch `batch` (0-based) in `epoch`, or, with `batch`
    /// nil, the evaluated training or validation loss after `epoch`. The parameters were rolled back to
    /// those after `keptEpoch`, the last evaluated epoch whose losses were finite (nil: not even the
    /// starting model's were, and the model is not worth keeping).
    case diverged(epoch: Int, batch: Int?, loss: Double, keptEpoch: Int?)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .completed: return "completed"
        case let .interrupted(epoch): return "interrupted after epoch \(epoch)"
        case let .diverged(epoch, batch, loss, kept):
            let what =
                batch.map { "the loss of batch \($0 + 1) in epoch \(epoch) is \(loss)" }
                ?? (epoch == 0
                    ? "the starting model's loss is \(loss)" : "the evaluated loss after epoch \(epoch) is \(loss)")
            guard let kept else { return "diverged: \(what); no model has a finite loss" }
            return "diverged: \(what); the model kept is the one after epoch \(kept), the last whose evaluated "
                + "loss is finite (try a smaller learning rate)"
        }
    }

    /// The epoch of the model kept after a divergence (nil for the other reasons, or when no model had a
    /// finite loss).
    public var keptEpoch: Int? {
        if case let .diverged(_, _, _, kept) = self { return kept }
        return nil
    }
}

/// The outcome of a training run.
public struct TrainingResult: Sendable {
    /// The network after the last completed epoch.
    public var final: Network
    /// The network with the lowest validation loss among the evaluated epochs (`nil` without validation).
    public var best: Network?
    /// The epoch of ``best``.
    public var bestEpoch: Int?
    /// One row per completed epoch, starting with epoch 0.
    public var metrics: [EpochMetrics]
    /// Why training ended.
    public var stopReason: StopReason
    /// Steps whose line search returned a zero step length (an L-BFGS stall, see `StepResult.isZeroStep`).
    public var zeroSteps: Int
    /// The total number of optimizer steps.
    public var steps: Int

    /// ``best`` when there is a validation set, else ``final``: the model to keep.
    public var selected: Network { best ?? final }

    /// The first and last evaluated epochs when the training loss ended more than `factor` times higher
    /// than it started, both finite: a run that went the wrong way without overflowing (Adam with a
    /// learning rate of 10⁶), which deserves a warning rather than silence; nil otherwise.
    public func lossGrowth(factor: Double = 10) -> (first: EpochMetrics, last: EpochMetrics)? {
        guard let first = metrics.first(where: { $0.trainLoss != nil }),
            let last = metrics.last(where: { $0.trainLoss != nil }), first.epoch < last.epoch,
            let start = first.trainLoss, let end = last.trainLoss, start.isFinite, end.isFinite, start >= 0,
            end > factor * start
        else { return nil }
        return (first, last)
    }
}
