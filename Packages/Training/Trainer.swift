import Datasets
import NN
import Optim
import Tensor

/// Trains a network with any optimizer of Optim, epoch by epoch over minibatches.
///
/// Each step hands the optimizer a closure that evaluates the loss and its gradient on the current
/// minibatch (a forward and a backward pass of `NetworkWorkspace`, block by block), so L-BFGS and line
/// searches work per minibatch exactly as with `torch.optim`. A minibatch's rows are read straight from
/// the training set into the workspace. All buffers are allocated up front; a step allocates nothing. The
/// passes compute in `options.precision`; the optimizer's parameters stay Float64.
///
/// Memory stays bounded on large data: a workspace holds at most ``evaluationBudget`` bytes, so sets and
/// batches of more points (beyond 5,000 points for the course's network; the study's sets fit in one) are
/// evaluated, and their steps computed, part by part (an evaluation's parts are copied, the only
/// allocations then; a step's are read by their row indices). ``memoryRequirement(widths:rows:batchSize:)`` says beforehand what a
/// run needs besides its data.
///
/// Full-batch runs reuse work: the loss and gradient of the last two full-set evaluations are kept
/// (`FullBatchEvaluations`), so a step that starts where one of them was computed computes nothing. The
/// end-of-epoch evaluation is at the very parameters the next step starts from, so it computes the gradient
/// too; L-BFGS starts each step at the point its last line search accepted (the last evaluation) or, after a
/// zero step, where the previous step started (the one before). A validation set on the same inputs (the
/// clean surface) is scored from the same forward pass.
public final class Trainer {
    /// The options of the run.
    public let options: TrainingOptions
    private var network: Network
    private var optimizer: any Optimizer
    private let baseLearningRate: Double
    private let inputs: Tensor, targets: Tensor
    private let validation: (inputs: Tensor, targets: Tensor)?
    private let validationSharesInputs: Bool
    private let workspace: NetworkWorkspace
    private let evaluation: NetworkWorkspace
    private var minibatches: Minibatches
    /// Whether each epoch is one step on the whole training set.
    private let isFullBatch: Bool
    /// The full-batch losses and gradients last computed.
    private var reusable: FullBatchEvaluations
    /// Every row's index, for a full-batch step computed in parts (empty when the set fits a workspace).
    private let allRows: [Int]
    /// One part's gradient, for a step computed in parts (empty when a batch fits a workspace).
    private var partGradient: Tensor
    /// Optimizer steps so far, and those of them whose line search returned a zero step.
    private var steps = 0, zeroSteps = 0

    /// A trainer for `network` on rows of `inputs` (`N × D_i`) and `targets` (`N × D_o`, or `N × 1` class
    /// indices for cross-entropy).
    ///
    /// - Parameters:
    ///   - network: the architecture and the starting parameters (the trainer steps its own copy).
    ///   - inputs: the training points, one per row.
    ///   - targets: their targets, one row per row of `inputs`.
    ///   - validation: a held-out set scored after each evaluated epoch and used to pick the best
    ///     model (nil: none, and no best model is picked).
    ///   - optimizer: the optimizer that takes the steps; its `learningRate` is the base rate that
    ///     `options.schedule` adjusts each epoch.
    ///   - options: the epochs, minibatches, loss, learning-rate schedule and evaluation interval.
    public init(
        network: Network, inputs: Tensor, targets: Tensor, validation: (inputs: Tensor, targets: Tensor)? = nil,
        optimizer: any Optimizer, options: TrainingOptions
    ) {
        precondition(
            inputs.rank == 2 && inputs.shape[1] == network.inputs,
            "inputs \(inputs.shape) for \(network.inputs) network inputs")
        precondition(
            targets.rank == 2 && targets.shape[0] == inputs.shape[0],
            "targets \(targets.shape) for \(inputs.shape[0]) rows")
        precondition(inputs.shape[0] > 0, "no training data")
        self.network = network
        self.optimizer = optimizer
        self.options = options
        baseLearningRate = optimizer.learningRate
        self.inputs = inputs
        self.targets = targets
        self.validation = validation
        validationSharesInputs = validation.map { $0.inputs == inputs } ?? false
        let n = inputs.shape[0]
        let size = min(options.batchSize ?? n, n)
        isFullBatch = size == n
        // A step on more points than an evaluation part runs part by part too (`lossAndGradient`).
        workspace = NetworkWorkspace(
            network.architecture, capacity: min(size, Trainer.chunkRows(network.architecture)),
            precision: options.precision, keepsIntermediates: false)
        // A full-batch run evaluates in its training workspace, so that the next step can reuse the forward
        // pass, unless a validation set on other inputs would overwrite it.
        // Other evaluations run in parts of at most `chunkRows` points (one part for sets that fit, as the
        // course's do), so that a large data set does not need a workspace as large as itself.
        evaluation =
            isFullBatch && (validation == nil || validationSharesInputs)
            ? workspace
            : NetworkWorkspace(
                network.architecture,
                capacity: min(max(n, validation?.inputs.shape[0] ?? 0), Trainer.chunkRows(network.architecture)),
                precision: options.precision, keepsIntermediates: false)
        minibatches = Minibatches(count: n, batchSize: size, shuffle: options.shuffle, seed: options.seed)
        reusable = FullBatchEvaluations(parameterCount: network.architecture.parameterCount)
        // A batch larger than the workspace is computed in parts, each read by its row indices.
        let inParts = size > workspace.capacity
        allRows = inParts && isFullBatch ? Array(0..<n) : []
        partGradient = Tensor.zeros([inParts ? network.architecture.parameterCount : 0])
    }

    /// The loss of `parameters` on the whole training set, and on the validation set if there is one.
    private func evaluate(_ parameters: Tensor) -> (train: Double, validation: Double?) {
        guard evaluation.capacity >= max(inputs.shape[0], validation?.inputs.shape[0] ?? 0) else {
            let train = chunkedLoss(parameters, inputs, targets)
            return (train, validation.map { chunkedLoss(parameters, $0.inputs, $0.targets) })
        }
        let train =
            evaluation === workspace
            ? reusable.record(parameters) { g in
                workspace.lossAndGradient(
                    parameters: parameters, inputs: inputs, targets: targets, loss: options.loss, gradient: &g)
            }
            : evaluation.loss(parameters: parameters, inputs: inputs, targets: targets, loss: options.loss)
        guard let validation else { return (train, nil) }
        if validationSharesInputs && evaluation.capacity >= inputs.shape[0] {
            return (train, evaluation.lossOfLastForwardPass(options.loss, targets: validation.targets))
        }
        return (
            train,
            evaluation.loss(
                parameters: parameters, inputs: validation.inputs, targets: validation.targets, loss: options.loss)
        )
    }

    /// The loss of `parameters` on a set larger than the evaluation workspace, evaluated in parts: the
    /// parts' losses weighted by their share of the points for a mean loss, added up for a sum.
    private func chunkedLoss(_ parameters: Tensor, _ x: Tensor, _ y: Tensor) -> Double {
        let n = x.shape[0], size = evaluation.capacity
        var total = 0.0
        for start in stride(from: 0, to: n, by: size) {
            let rows = start..<min(start + size, n)
            let part = evaluation.loss(
                parameters: parameters, inputs: x.rows(rows), targets: y.rows(rows), loss: options.loss)
            total += options.loss.isMeanOverPoints ? part * Double(rows.count) / Double(n) : part
        }
        return total
    }

    /// The loss and gradient of `parameters` on the training rows `rows` (all when nil): one pass when they
    /// fit the step workspace, else part by part, the parts' losses and gradients weighted by their share of the points
    /// for a mean loss and added up for a sum.
    private func lossAndGradient(_ parameters: Tensor, rows: ArraySlice<Int>?, _ gradient: inout Tensor) -> Double {
        let n = rows?.count ?? inputs.shape[0], size = workspace.capacity
        guard n > size else {
            return workspace.lossAndGradient(
                parameters: parameters, inputs: inputs, targets: targets, rows: rows, loss: options.loss,
                gradient: &gradient)
        }
        let all = rows ?? allRows[...]
        gradient.fill(0)
        var total = 0.0
        for start in stride(from: 0, to: n, by: size) {
            let part = all[(all.startIndex + start)..<(all.startIndex + min(start + size, n))]
            let weight = options.loss.isMeanOverPoints ? Double(part.count) / Double(n) : 1
            total +=
                weight
                * workspace.lossAndGradient(
                    parameters: parameters, inputs: inputs, targets: targets, rows: part, loss: options.loss,
                    gradient: &partGradient)
            gradient.addScaled(partGradient, by: weight)
        }
        return total
    }

    /// The bytes of workspace an evaluation part may take: sets of up to this size are evaluated in one
    /// pass (the course's 1,600 points on every network of the study), larger ones in parts.
    public static let evaluationBudget = 24 << 20

    /// The points of an evaluation part for `architecture` (at least 1).
    static func chunkRows(_ architecture: Architecture) -> Int {
        let perRow = Architecture.workspaceBytes(widths: architecture.widths.map(Double.init), rows: 1)
        return max(1, Int(min(Double(evaluationBudget) / perRow, 1e15)))
    }

    /// About the bytes a run needs besides its data: eight parameter-sized vectors (parameters, gradient,
    /// best and last good parameters, the reused pass, the optimizer's state) and the workspaces of a step
    /// and of the evaluation, each for at most one part's points.
    ///
    /// Computed from the widths in `Double`, before anything is allocated, so that a run too large for
    /// the machine is refused up front rather than killed.
    public static func memoryRequirement(widths: [Double], rows: Int, batchSize: Int?) -> Double {
        let parameters = Architecture.parameterCount(widths: widths)
        let perRow = Architecture.workspaceBytes(widths: widths, rows: 1)
        let partRows = max(1, (Double(evaluationBudget) / perRow).rounded(.down))
        let stepRows = min(Double(min(batchSize ?? rows, rows)), partRows)
        let evaluationRows = min(Double(rows), partRows)
        return 64 * parameters + perRow * (stepRows + evaluationRows)
    }

    /// Runs the epochs.
    ///
    /// Training stops as diverged when a step's loss is not finite, when the parameters are not, or when
    /// an evaluated loss (the whole training set's or the validation set's) is not: a batch loss is taken
    /// before its step, so a step can overflow the model while every batch loss was finite. The epoch's
    /// row is recorded (its loss `inf` or `nan`) and the parameters go back to the last evaluated epoch
    /// whose losses were all finite (``StopReason/diverged(epoch:batch:loss:keptEpoch:)`` names it).
    ///
    /// - Parameters:
    ///   - onEpoch: called with each epoch's metrics (epoch 0 first) as soon as they are known.
    ///   - shouldStop: polled after every epoch; returning true ends training after that epoch.
    public func run(
        onEpoch: (EpochMetrics) throws -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) rethrows -> TrainingResult {
        var parameters = network.parameters
        // The last parameters whose evaluated losses were all finite, and their epoch (nil: none yet).
        var lastGood = parameters
        var lastGoodEpoch: Int? = nil
        var best = parameters
        var bestLoss = Double.infinity
        var bestEpoch: Int? = nil
        var metrics: [EpochMetrics] = []
        steps = 0
        zeroSteps = 0
        reusable.forget()
        var seconds = 0.0
        let clock = ContinuousClock()

        /// Evaluates and records an epoch; returns the divergence when an evaluated loss is not finite.
        func record(_ epoch: Int, batchLoss: Double?) throws -> StopReason? {
            let evaluated = epoch % max(options.evaluationInterval, 1) == 0 || epoch == options.epochs
            let (train, validationLoss): (Double?, Double?) = evaluated ? evaluate(parameters) : (nil, nil)
            if let validationLoss, validationLoss < bestLoss {
                bestLoss = validationLoss
                bestEpoch = epoch
                best.assign(parameters)
            }
            let row = EpochMetrics(
                epoch: epoch, seconds: seconds, trainLoss: train, validationLoss: validationLoss, batchLoss: batchLoss)
            metrics.append(row)
            try onEpoch(row)
            if let train, !train.isFinite {
                return .diverged(epoch: epoch, batch: nil, loss: train, keptEpoch: lastGoodEpoch)
            }
            if let validationLoss, !validationLoss.isFinite {
                return .diverged(epoch: epoch, batch: nil, loss: validationLoss, keptEpoch: lastGoodEpoch)
            }
            if evaluated {
                lastGood.assign(parameters)
                lastGoodEpoch = epoch
            }
            return nil
        }

        var stop = StopReason.completed
        if let divergence = try record(0, batchLoss: nil) { stop = divergence }
        for epoch in stride(from: 1, through: stop == .completed ? options.epochs : 0, by: 1) {
            optimizer.learningRate = options.schedule.learningRate(base: baseLearningRate, step: epoch - 1)
            let started = clock.now
            let outcome =
                isFullBatch ? fullBatchEpoch(&parameters, epoch: epoch) : minibatchEpoch(&parameters, epoch: epoch)
            seconds += (clock.now - started).seconds
            if let batch = outcome.divergentBatch
                ?? (parameters.isFinite ? nil : (minibatches.batchesPerEpoch - 1, .nan))
            {
                stop = .diverged(epoch: epoch, batch: batch.index, loss: batch.loss, keptEpoch: lastGoodEpoch)
                break
            }
            if let divergence = try record(epoch, batchLoss: outcome.meanLoss) {
                stop = divergence
                break
            }
            if shouldStop() && epoch < options.epochs {
                stop = .interrupted(afterEpoch: epoch)
                break
            }
        }
        if case .diverged = stop { parameters.assign(lastGood) }
        network.parameters = parameters
        var bestNetwork: Network? = nil
        if bestEpoch != nil {
            bestNetwork = network
            bestNetwork!.parameters = best
        }
        return TrainingResult(
            final: network, best: bestNetwork, bestEpoch: bestEpoch, metrics: metrics, stopReason: stop,
            zeroSteps: zeroSteps, steps: steps)
    }

    /// What one epoch of steps gave: the mean of its minibatch losses, or why it stopped early.
    private struct EpochOutcome {
        /// The mean of the steps' losses, each taken at the start of its step.
        var meanLoss: Double
        /// The batch whose step's loss was not finite, and that loss (the epoch stopped at that step).
        var divergentBatch: (index: Int, loss: Double)?
    }

    /// Counts a step of the optimizer.
    private func count(_ result: StepResult) {
        steps += 1
        zeroSteps += result.isZeroStep ? 1 : 0
    }

    /// One optimizer step on the whole training set, reusing a loss and gradient already computed at the
    /// parameters asked for.
    private func fullBatchEpoch(_ parameters: inout Tensor, epoch: Int) -> EpochOutcome {
        let result = optimizer.step(&parameters) { p, g in
            if let loss = reusable.take(at: p, gradient: &g) { return loss }
            let loss = lossAndGradient(p, rows: nil, &g)
            reusable.keep(p, loss: loss, gradient: g)
            return loss
        }
        count(result)
        return EpochOutcome(
            meanLoss: result.loss,
            divergentBatch: result.loss.isFinite ? nil : (0, result.loss))
    }

    /// One optimizer step per minibatch of the epoch's row order; stops at the first non-finite loss.
    private func minibatchEpoch(_ parameters: inout Tensor, epoch: Int) -> EpochOutcome {
        var lossSum = 0.0
        for (b, rows) in minibatches.nextEpoch().enumerated() {
            let result = optimizer.step(&parameters) { p, g in lossAndGradient(p, rows: rows, &g) }
            count(result)
            lossSum += result.loss
            if !result.loss.isFinite {
                return EpochOutcome(meanLoss: .nan, divergentBatch: (b, result.loss))
            }
        }
        return EpochOutcome(meanLoss: lossSum / Double(minibatches.batchesPerEpoch), divergentBatch: nil)
    }
}

/// The losses and gradients of the last two full-set evaluations, with the parameters they are at, so that
/// an evaluation at exactly those parameters (compared bit for bit) computes nothing.
///
/// The training set does not change during a run, so a kept value stays good until it is replaced.
struct FullBatchEvaluations {
    private var parameters: [Tensor]
    private var gradients: [Tensor]
    private var losses = [0.0, 0.0]
    private var isValid = [false, false]
    /// The slot the next value replaces (the older one).
    private var next = 0

    /// Room for parameter vectors of `parameterCount` entries.
    init(parameterCount: Int) {
        parameters = [Tensor.zeros([parameterCount]), Tensor.zeros([parameterCount])]
        gradients = parameters
    }

    /// Computes the loss and gradient at `parameters` with `compute`, keeps them, and returns the loss.
    mutating func record(_ parameters: Tensor, _ compute: (inout Tensor) -> Double) -> Double {
        let slot = next
        losses[slot] = compute(&gradients[slot])
        self.parameters[slot].assign(parameters)
        isValid[slot] = true
        next = 1 - slot
        return losses[slot]
    }

    /// Keeps a loss and gradient computed at `parameters`.
    mutating func keep(_ parameters: Tensor, loss: Double, gradient: Tensor) {
        _ = record(parameters) { g in
            g.assign(gradient)
            return loss
        }
    }

    /// The loss at `parameters`, with their gradient written into `gradient`, when a kept value is at those
    /// very parameters; nil otherwise.
    mutating func take(at parameters: Tensor, gradient: inout Tensor) -> Double? {
        for slot in [1 - next, next] where isValid[slot] && parameters == self.parameters[slot] {
            gradient.assign(gradients[slot])
            return losses[slot]
        }
        return nil
    }

    /// Nothing kept is usable.
    mutating func forget() {
        isValid = [false, false]
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
