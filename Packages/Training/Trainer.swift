import Datasets
import NN
import Optim
import Tensor

/// Trains a network with any optimizer of Optim, epoch by epoch over minibatches.
///
/// Each step hands the optimizer a closure that evaluates the loss and its gradient on the current
/// minibatch (a forward and a backward pass of ``NetworkWorkspace``), so L-BFGS and line searches work per
/// minibatch exactly as with `torch.optim`. All buffers are allocated up front; a step allocates nothing.
///
/// Full-batch runs reuse work: the end-of-epoch evaluation is a forward pass at the very parameters the
/// next step starts from, so that step reuses it and only runs the backward pass; a validation set on the
/// same inputs (the clean surface) is scored from the same forward pass.
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

    /// A trainer for `network` on rows of `inputs` (`N × D_i`) and `targets` (`N × D_o`, or `N × 1` class
    /// indices for cross-entropy).
    ///
    /// - Parameter validation: a held-out set scored after each evaluated epoch and used to pick the best
    ///   model.
    public init(
        network: Network, inputs: Tensor, targets: Tensor, validation: (inputs: Tensor, targets: Tensor)? = nil,
        optimizer: any Optimizer, options: TrainingOptions
    ) {
        precondition(inputs.rank == 2 && inputs.shape[1] == network.inputs, "inputs \(inputs.shape) for \(network.inputs) network inputs")
        precondition(targets.rank == 2 && targets.shape[0] == inputs.shape[0], "targets \(targets.shape) for \(inputs.shape[0]) rows")
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
        let batch = min(options.batchSize ?? n, n)
        workspace = NetworkWorkspace(network.architecture, capacity: batch)
        // A full-batch run evaluates in its training workspace, so that the next step can reuse the forward
        // pass, unless a validation set on other inputs would overwrite it.
        let validationSharesInputs = self.validationSharesInputs
        evaluation = batch == n && (validation == nil || validationSharesInputs)
            ? workspace
            : NetworkWorkspace(network.architecture, capacity: max(n, validation?.inputs.shape[0] ?? 0))
        minibatches = Minibatches(count: n, batchSize: batch, shuffle: options.shuffle, seed: options.seed)
    }

    /// The loss of `parameters` on the whole training set, and on the validation set if there is one.
    private func evaluate(_ parameters: Tensor) -> (train: Double, validation: Double?) {
        let train = evaluation.loss(parameters: parameters, inputs: inputs, targets: targets, loss: options.loss)
        guard let validation else { return (train, nil) }
        if validationSharesInputs && evaluation.capacity >= inputs.shape[0] {
            return (train, evaluation.loss(options.loss, targets: validation.targets))
        }
        return (train, evaluation.loss(parameters: parameters, inputs: validation.inputs, targets: validation.targets, loss: options.loss))
    }

    /// Runs the epochs.
    ///
    /// - Parameters:
    ///   - onEpoch: called with each epoch's metrics (epoch 0 first) as soon as they are known.
    ///   - shouldStop: polled after every epoch; returning true ends training after that epoch.
    public func run(
        onEpoch: (EpochMetrics) throws -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) rethrows -> TrainingResult {
        let n = inputs.shape[0]
        let fullBatch = minibatches.batchSize >= n
        let loss = options.loss
        var parameters = network.parameters
        var lastGood = parameters
        var best = parameters
        var bestLoss = Double.infinity
        var bestEpoch: Int? = nil
        var metrics: [EpochMetrics] = []
        var zeroSteps = 0, steps = 0
        // The parameters of the last evaluation's forward pass, when the training workspace still holds it.
        var evaluatedAt = parameters
        var workspaceHoldsEvaluation = false
        var seconds = 0.0
        let clock = ContinuousClock()

        // Batch buffers: a full batch and, when the batch size does not divide n, the last shorter one.
        let size = minibatches.batchSize
        var batchInputs = Tensor.zeros([size, inputs.shape[1]]), batchTargets = Tensor.zeros([size, targets.shape[1]])
        let remainder = n % size
        var lastInputs = Tensor.zeros([remainder, inputs.shape[1]]), lastTargets = Tensor.zeros([remainder, targets.shape[1]])

        func record(_ epoch: Int, batchLoss: Double?) throws {
            let evaluate = epoch % max(options.evaluationInterval, 1) == 0 || epoch == options.epochs
            let (train, validationLoss): (Double?, Double?) = evaluate ? self.evaluate(parameters) : (nil, nil)
            if evaluate && evaluation === workspace {
                evaluatedAt.assign(parameters)
                workspaceHoldsEvaluation = true
            }
            if let validationLoss, validationLoss < bestLoss {
                bestLoss = validationLoss
                bestEpoch = epoch
                best.assign(parameters)
            }
            let row = EpochMetrics(epoch: epoch, seconds: seconds, trainLoss: train, validationLoss: validationLoss, batchLoss: batchLoss)
            metrics.append(row)
            try onEpoch(row)
        }

        try record(0, batchLoss: nil)
        var stop = StopReason.completed
        epochs: for epoch in stride(from: 1, through: options.epochs, by: 1) {
            optimizer.learningRate = options.schedule.learningRate(base: baseLearningRate, step: epoch - 1)
            var batchLossSum = 0.0
            let started = clock.now
            if fullBatch {
                // The last evaluation may have left a forward pass at exactly these parameters: reuse it once.
                let result = optimizer.step(&parameters) { p, g in
                    if workspaceHoldsEvaluation && p == evaluatedAt {
                        workspaceHoldsEvaluation = false
                        return workspace.lossGradientAndBackward(parameters: p, targets: targets, loss: loss, gradient: &g)
                    }
                    workspaceHoldsEvaluation = false
                    return workspace.lossAndGradient(parameters: p, inputs: inputs, targets: targets, loss: loss, gradient: &g)
                }
                steps += 1
                zeroSteps += result.isZeroStep ? 1 : 0
                batchLossSum = result.loss
                if !result.loss.isFinite {
                    stop = .diverged(epoch: epoch, batch: 0, loss: result.loss)
                }
            } else {
                let order = minibatches.nextEpoch()
                for (b, batch) in order.enumerated() {
                    let short = batch.count < size
                    if short {
                        inputs.gatherRows(batch, into: &lastInputs)
                        targets.gatherRows(batch, into: &lastTargets)
                    } else {
                        inputs.gatherRows(batch, into: &batchInputs)
                        targets.gatherRows(batch, into: &batchTargets)
                    }
                    let result = optimizer.step(&parameters) { p, g in
                        workspace.lossAndGradient(
                            parameters: p, inputs: short ? lastInputs : batchInputs,
                            targets: short ? lastTargets : batchTargets, loss: loss, gradient: &g)
                    }
                    steps += 1
                    zeroSteps += result.isZeroStep ? 1 : 0
                    batchLossSum += result.loss
                    if !result.loss.isFinite {
                        stop = .diverged(epoch: epoch, batch: b, loss: result.loss)
                        break
                    }
                }
            }
            seconds += (clock.now - started).seconds
            if !parameters.isFinite, stop == .completed {
                stop = .diverged(epoch: epoch, batch: minibatches.batchesPerEpoch - 1, loss: .nan)
            }
            if case .diverged = stop {
                parameters.assign(lastGood)
                break epochs
            }
            try record(epoch, batchLoss: batchLossSum / Double(fullBatch ? 1 : minibatches.batchesPerEpoch))
            lastGood.assign(parameters)
            if shouldStop() && epoch < options.epochs {
                stop = .interrupted(afterEpoch: epoch)
                break
            }
        }
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
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
