import Datasets
import NN
import Optim
import Tensor
import TestSupport
import Testing
import Training

/// `Trainer` against independent values: PyTorch's full-batch runs (`scripts/reference/train_torch_fixtures.py`),
/// the closed-form least-squares line, and plain SGD written out by hand.
@Suite struct TrainerTests {
    static let runs = try! JSONFixture(named: "train/torch_runs.json")
    static let start = try! ModelFile.network(
        fromJSON: String(contentsOf: fixtureURL("train/model.json"), encoding: .utf8))
    static let data = try! CSVTable(path: fixtureURL("train/data.csv").path).labeled()

    /// Fixture runs by index, with the `train` flags they were made with and the same optimizer in PyTorch's
    /// call syntax.
    static let torchRuns: [(index: Int, flags: [String], call: String)] = [
        (0, ["sgd", "--lr", "0.05"], "sgd(lr=0.05)"),
        (1, ["sgd", "--lr", "0.05", "--momentum", "0.9", "--nesterov"], "sgd(lr=0.05, momentum=0.9, nesterov=True)"),
        (3, ["adam", "--lr", "0.01"], "adam(lr=0.01)"),
        (10, ["lbfgs", "--lr", "1", "--max-iter", "4"], "lbfgs(lr=1, max_iter=4)"),
        (
            11, ["lbfgs", "--lr", "1", "--max-iter", "1", "--line-search", "strong-wolfe"],
            "lbfgs(lr=1, max_iter=1, line_search_fn='strong_wolfe')"
        ),
        (
            12, ["lbfgs", "--lr", "1", "--max-iter", "3", "--line-search", "strong-wolfe"],
            "lbfgs(lr=1, max_iter=3, line_search_fn='strong_wolfe')"
        ),
    ]

    static func optimizer(_ call: String) -> any Optimizer {
        try! OptimizerConfiguration(parsing: call).makeOptimizer()
    }

    /// Full-batch training follows torch.optim (float64) epoch by epoch: the training loss after every
    /// epoch, and each epoch's batch loss is the loss where its step started.
    @Test(arguments: torchRuns)
    func matchesTorchEpochByEpoch(index: Int, flags: [String], call: String) throws {
        let run = Self.runs["runs"][index]
        #expect([run["optimizer"].string] + run["flags"].array.map(\.string) == flags)
        let trainer = Trainer(
            network: Self.start, inputs: Self.data.inputs, targets: Self.data.targets, optimizer: Self.optimizer(call),
            options: TrainingOptions(epochs: run["epochs"].int, batchSize: nil))
        let result = try trainer.run()
        #expect(result.stopReason == .completed && result.steps == run["epochs"].int)
        expectClose(
            result.metrics.map { $0.trainLoss! }, run["train_loss"].doubles, absolute: 1e-10, relative: 1e-10, call)
        expectClose(
            result.metrics.dropFirst().map { $0.batchLoss! }, Array(run["train_loss"].doubles.dropLast()),
            absolute: 1e-10, relative: 1e-10, call)
    }

    /// Training in Float32 follows the same PyTorch (float64) runs to Float32 precision: the passes round
    /// to Float32, the optimizer keeps Float64 parameters.
    @Test(arguments: torchRuns.prefix(3))
    func float32FollowsTorchToFloat32Precision(index: Int, flags: [String], call: String) throws {
        let run = Self.runs["runs"][index]
        var options = TrainingOptions(epochs: run["epochs"].int, batchSize: nil)
        options.precision = .float32
        let result = try Trainer(
            network: Self.start, inputs: Self.data.inputs, targets: Self.data.targets, optimizer: Self.optimizer(call),
            options: options
        ).run()
        expectClose(result.metrics.map { $0.trainLoss! }, run["train_loss"].doubles, relative: 1e-4, call)
    }

    /// A full-batch step that starts where the last evaluation ran reuses its loss and gradient; evaluating only
    /// at the end (no reuse) must give the very same parameters, bit for bit.
    @Test func reusingTheEvaluationsForwardPassChangesNothing() throws {
        func train(evaluationInterval: Int) throws -> TrainingResult {
            var options = TrainingOptions(epochs: 12, batchSize: nil)
            options.evaluationInterval = evaluationInterval
            return try Trainer(
                network: Self.start, inputs: Self.data.inputs, targets: Self.data.targets,
                validation: (Self.data.inputs, Self.data.targets),
                optimizer: Self.optimizer("lbfgs(lr=1, max_iter=3, line_search_fn='strong_wolfe')"), options: options
            ).run()
        }
        let reused = try train(evaluationInterval: 1), fresh = try train(evaluationInterval: 100)
        #expect(reused.final.parameters == fresh.final.parameters)
        #expect(reused.metrics.last!.trainLoss == fresh.metrics.last!.trainLoss)
        // The validation set is the training set: scored from the same forward pass, the losses agree.
        #expect(reused.metrics.allSatisfy { $0.trainLoss == $0.validationLoss })
    }

    /// Full-batch L-BFGS reuses the loss and gradient of evaluations at bitwise-identical parameters (the
    /// point a line search accepted, the start of a zero step); the run is the plain loop of optimizer steps
    /// over a workspace, bit for bit.
    @Test(arguments: [
        "lbfgs(lr=1, max_iter=1, line_search_fn='strong_wolfe')",
        "lbfgs(lr=1, max_iter=1, max_eval=4, line_search_fn='strong_wolfe')", "lbfgs(lr=1, max_iter=3)",
    ])
    func reusedEvaluationsAreThePlainLoop(call: String) throws {
        let epochs = 30
        var options = TrainingOptions(epochs: epochs, batchSize: nil)
        options.evaluationInterval = 7
        let result = try Trainer(
            network: Self.start, inputs: Self.data.inputs, targets: Self.data.targets, optimizer: Self.optimizer(call),
            options: options
        ).run()
        var optimizer = Self.optimizer(call)
        var parameters = Self.start.parameters
        let workspace = NetworkWorkspace(Self.start.architecture, capacity: Self.data.inputs.shape[0])
        var losses: [Double] = []
        for _ in 0..<epochs {
            let step = optimizer.step(&parameters) { p, g in
                workspace.lossAndGradient(
                    parameters: p, inputs: Self.data.inputs, targets: Self.data.targets, loss: .mse, gradient: &g)
            }
            losses.append(step.loss)
        }
        #expect(result.final.parameters == parameters, "\(call)")
        #expect(result.metrics.dropFirst().map { $0.batchLoss! } == losses, "\(call)")
    }

    /// Gradient descent on the mean squared error of a line f(x) = ωx + β converges to the least-squares
    /// line: ω = cov(x, y)/var(x), β = ȳ − ω x̄.
    @Test func fullBatchGradientDescentFindsTheLeastSquaresLine() throws {
        let x = [-1.0, -0.5, 0, 0.5, 1, 1.5, 2], y = [-2.1, -1.4, -0.2, 0.6, 1.8, 2.7, 3.9]
        let n = Double(x.count)
        let xMean = x.reduce(0, +) / n, yMean = y.reduce(0, +) / n
        let covariance = zip(x, y).map { ($0 - xMean) * ($1 - yMean) }.reduce(0, +)
        let variance = x.map { ($0 - xMean) * ($0 - xMean) }.reduce(0, +)
        let omega = covariance / variance, beta = yMean - omega * xMean
        let residual = zip(x, y).map { omega * $0 + beta - $1 }.map { $0 * $0 }.reduce(0, +) / n

        let line = Network(inputs: 1, layers: [(Tensor.zeros([1, 1]), Tensor.zeros([1]), .identity)])
        let trainer = Trainer(
            network: line, inputs: Tensor(shape: [x.count, 1], scalars: x),
            targets: Tensor(shape: [y.count, 1], scalars: y),
            optimizer: Self.optimizer("sgd(lr=0.2)"), options: TrainingOptions(epochs: 2000, batchSize: nil))
        let result = try trainer.run()
        expectClose(result.final.parameters.scalars, [omega, beta], absolute: 1e-12)
        expectClose(result.metrics.last!.trainLoss!, residual, absolute: 1e-14)
    }

    /// Minibatch epochs are plain SGD over `Minibatches`' row order, θ ← θ − α ∂L_batch/∂θ, with a shorter
    /// last batch; the epoch's batch loss is the mean of its batches' losses.
    @Test func minibatchEpochsAreSGDOverTheRowOrder() throws {
        let (rate, size, epochs) = (0.05, 5, 3)
        var options = TrainingOptions(epochs: epochs, batchSize: size)
        options.seed = 7
        let result = try Trainer(
            network: Self.start, inputs: Self.data.inputs, targets: Self.data.targets,
            optimizer: Self.optimizer("sgd(lr=0.05)"),
            options: options
        ).run()

        var parameters = Self.start.parameters.scalars
        var batches = Minibatches(count: Self.data.count, batchSize: size, shuffle: true, seed: 7)
        let workspace = NetworkWorkspace(Self.start.architecture, capacity: size)
        var gradient = Tensor.zeros([parameters.count])
        #expect(Self.data.count % size != 0, "the data should leave a shorter last batch")
        for epoch in 1...epochs {
            var losses: [Double] = []
            for rows in batches.nextEpoch() {
                let loss = workspace.lossAndGradient(
                    parameters: Tensor(parameters), inputs: Self.data.inputs.rows(at: Array(rows)),
                    targets: Self.data.targets.rows(at: Array(rows)), loss: .mse, gradient: &gradient)
                losses.append(loss)
                parameters = zip(parameters, gradient.scalars).map { $0 - rate * $1 }
            }
            expectClose(
                result.metrics[epoch].batchLoss!, losses.reduce(0, +) / Double(losses.count), absolute: 1e-14,
                relative: 1e-14)
        }
        expectClose(result.final.parameters.scalars, parameters, absolute: 1e-14, relative: 1e-14)
        #expect(result.steps == epochs * batches.batchesPerEpoch)
    }

    /// A learning rate far too large makes the loss overflow: training stops and keeps the parameters of
    /// the last epoch whose evaluated loss is finite, those a run of that many epochs ends with.
    @Test func divergenceRollsBackToTheLastFiniteEpoch() throws {
        func train(epochs: Int) throws -> TrainingResult {
            try Trainer(
                network: Self.start, inputs: Self.data.inputs, targets: Self.data.targets,
                optimizer: Self.optimizer("sgd(lr=40)"),
                options: TrainingOptions(epochs: epochs, batchSize: nil)
            ).run()
        }
        let diverged = try train(epochs: 200)
        guard case let .diverged(epoch, _, loss, kept?) = diverged.stopReason else {
            Issue.record("expected divergence with a model kept, got \(diverged.stopReason)")
            return
        }
        #expect(!loss.isFinite && epoch > 1 && kept < epoch)
        #expect(diverged.metrics[kept].trainLoss!.isFinite)
        #expect(diverged.metrics[(kept + 1)...].allSatisfy { !($0.trainLoss ?? .nan).isFinite })
        #expect(diverged.final.parameters.isFinite)
        #expect(try diverged.final.parameters == train(epochs: kept).final.parameters)
    }

    /// #28 case 2: a step can overflow the model while every batch loss, taken before its step, is
    /// finite; the evaluated loss after the epoch catches it, and the model kept is the one before, whose
    /// loss, recomputed from its parameters, is the finite one of the metrics.
    @Test func anOverflowSeenOnlyByTheEvaluationStopsTrainingToo() throws {
        let result = try Trainer(
            network: Self.start, inputs: Self.data.inputs, targets: Self.data.targets,
            optimizer: Self.optimizer("sgd(lr=1e6)"), options: TrainingOptions(epochs: 100, batchSize: nil)
        ).run()
        guard case let .diverged(epoch, batch, loss, kept?) = result.stopReason else {
            Issue.record("expected divergence with a model kept, got \(result.stopReason)")
            return
        }
        #expect(batch == nil && !loss.isFinite && result.metrics.last!.epoch == epoch)
        #expect(result.metrics.allSatisfy { ($0.batchLoss ?? 0).isFinite })
        let workspace = NetworkWorkspace(Self.start.architecture, capacity: Self.data.inputs.shape[0])
        let recomputed = workspace.loss(
            parameters: result.selected.parameters, inputs: Self.data.inputs, targets: Self.data.targets, loss: .mse)
        #expect(recomputed.isFinite)
        expectClose(recomputed, result.metrics[kept].trainLoss!, absolute: 0, relative: 1e-12)
    }

    /// With a validation set the kept model is the one of the evaluated epoch with the lowest validation
    /// loss, recomputed here from its parameters; a stop request ends training after that epoch.
    @Test func keepsTheBestValidationModelAndStopsWhenAsked() throws {
        let split = try DataSplit(count: Self.data.count, validationFraction: 0.25, seed: 1)
        let validation = (Self.data.inputs.rows(at: split.validation), Self.data.targets.rows(at: split.validation))
        var options = TrainingOptions(epochs: 60, batchSize: 16)
        options.evaluationInterval = 2
        let trainer = Trainer(
            network: Self.start, inputs: Self.data.inputs.rows(at: split.training),
            targets: Self.data.targets.rows(at: split.training),
            validation: validation, optimizer: Self.optimizer("adam(lr=0.05)"), options: options)
        var seen = 0
        let result = try trainer.run(onEpoch: { _ in seen += 1 }, shouldStop: { seen == 41 })
        #expect(result.stopReason == .interrupted(afterEpoch: 40) && result.metrics.count == 41)
        let evaluated = result.metrics.filter { $0.validationLoss != nil }
        #expect(evaluated.map(\.epoch) == Array(stride(from: 0, through: 40, by: 2)))
        let best = evaluated.min { $0.validationLoss! < $1.validationLoss! }!
        #expect(result.bestEpoch == best.epoch)
        let workspace = NetworkWorkspace(Self.start.architecture, capacity: validation.0.shape[0])
        let recomputed = workspace.loss(
            parameters: result.selected.parameters, inputs: validation.0, targets: validation.1, loss: .mse)
        expectClose(recomputed, best.validationLoss!, absolute: 1e-15, relative: 1e-15)
    }

    /// #15 memory: a set larger than the evaluation budget is evaluated in parts, and the parts' losses,
    /// weighted by their share of the points, give the loss of one pass over the whole set (checked
    /// against a workspace holding all 12,000 points, the mean and the sum reductions).
    @Test(arguments: [Loss.mse, Loss.squaredError(.sum)])
    func largeSetsAreEvaluatedInParts(loss: Loss) throws {
        let architecture = Architecture(inputs: 2, hidden: [50, 50, 50], activation: .relu, outputs: 1)
        let network = Network(architecture, initializer: .pytorchDefault, seed: 1)
        let n = 12_000  // more than 24 MB of workspace at 4,880 bytes a point: three parts
        #expect(Trainer.memoryRequirement(widths: [2, 50, 50, 50, 1], rows: n, batchSize: 100) < 40e6)
        var random = RandomState(seed: 2)
        let inputs = Tensor(shape: [n, 2], scalars: (0..<(2 * n)).map { _ in random.standardNormal() })
        let targets = Tensor(shape: [n, 1], scalars: (0..<n).map { _ in random.standardNormal() })
        var options = TrainingOptions(epochs: 0, batchSize: 100, loss: loss)
        options.shuffle = false
        let result = try Trainer(
            network: network, inputs: inputs, targets: targets,
            optimizer: try OptimizerConfiguration("sgd").makeOptimizer(),
            options: options
        ).run()
        let workspace = NetworkWorkspace(architecture, capacity: n)
        var gradient = Tensor.zeros([architecture.parameterCount])
        let whole = workspace.lossAndGradient(
            parameters: network.parameters, inputs: inputs, targets: targets, loss: loss, gradient: &gradient)
        expectClose(result.metrics[0].trainLoss!, whole, absolute: 0, relative: 1e-12)

        // A full-batch step on the same set runs in parts too: one SGD step is θ − lr·∂L/∂θ of the whole set.
        let sgd = try OptimizerConfiguration("sgd", settings: ["lr": .number(0.01)]).makeOptimizer()
        let step = try Trainer(
            network: network, inputs: inputs, targets: targets, optimizer: sgd,
            options: TrainingOptions(epochs: 1, batchSize: nil, loss: loss)
        ).run()
        expectClose(step.metrics[1].batchLoss!, whole, absolute: 0, relative: 1e-12)
        var expected = network.parameters
        expected.addScaled(gradient, by: -0.01)
        expectClose(step.final.parameters.scalars, expected.scalars, absolute: 1e-15, relative: 1e-10)
    }
}
