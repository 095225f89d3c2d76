import ArgumentParser
import Datasets
import NN
import NNReports
import Platform
import PlotToolSupport
import Tensor
import ToolSupport

/// `init-study`: how the spread of activations and gradients evolves with depth at initialisation.
@main
struct InitStudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init-study",
        abstract: "Measure the spread of activations and gradients layer by layer at initialisation (notebook 7.3).",
        discussion: """
            A network 1 → D → … → D → 1 with K hidden layers and zero biases is initialised; the population \
            standard deviation of the activations h_k over FORWARD standard-normal inputs, and of ∂L/∂f_k over \
            BACKWARD points with target 0 and summed squared loss, are written per layer as CSV \
            (layer,forward_std,backward_std; layer K's backward value is the output gradient). With --sweep \
            the weight variance σ² runs over a log grid and the CSV has one row per (variance, layer); the \
            variance where the signal neither explodes nor vanishes is reported on standard error (for ReLU it \
            is near 2/D, He's choice).

            Examples:
              init-study --depth 5 --width 8 --init normal:1 --numpy-compatible      # notebook 7.3's numbers
              init-study --depth 50 --width 80 --init he
              init-study --depth 50 --width 80 --init he | curve-plot - --x layer --log-y -o spread.png
              init-study --sweep --depth 50 --width 80 --activation tanh -o sweep.csv --plot depth.png --heatmap map.png
            """,
        version: toolkitVersion)

    @Option(parsing: .unconditional, help: "K, the number of hidden layers.")
    var depth = 5

    @Option(parsing: .unconditional, help: "D, the width of every hidden layer.")
    var width = 8

    @Option(help: ArgumentHelp("Hidden activation.", valueName: "name"))
    var activation: Choice<Activation> = "relu"

    @Option(
        name: .customLong("init"),
        help: ArgumentHelp("Weight initialiser (biases are 0; pytorch draws them too).", valueName: "name"))
    var initializer: Choice<Initializer> = "he"

    @Flag(help: "Draw weights and data exactly as notebook 7.3 does (needs --init normal:σ², or he = normal:2/D).")
    var numpyCompatible = false

    @Option(parsing: .unconditional, help: "Seed of the generator.")
    var seed: UInt32 = 0

    @Option(parsing: .unconditional, help: "Points of the forward pass.")
    var forwardSamples = 1000

    @Option(parsing: .unconditional, help: "Points of the backward pass.")
    var backwardSamples = 100

    @Flag(help: "Scan the weight variance σ² over a log grid instead of using --init.")
    var sweep = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("The sweep's grid: lowest σ², highest σ², number of values.", valueName: "low,high,count"))
    var variances = "0.0001,10,41"

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("CSV output ('-': standard output).", valueName: "file"))
    var output = "-"

    @Option(
        help: ArgumentHelp(
            "Draw the spreads against depth into this PNG (with --sweep: one line per σ²).", valueName: "file"))
    var plot: String?

    @Option(help: ArgumentHelp("With --sweep: draw log₁₀ std over (layer, σ²) into this PNG.", valueName: "file"))
    var heatmap: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Refuse a study needing more memory than this (default: half the physical memory).",
            valueName: "size, e.g. 4G"))
    var maxMemory: MemorySize?

    func validate() throws {
        guard depth >= 1, depth <= 1000, width >= 1, width <= 4096 else {
            throw ValidationError("--depth must be 1…1000 and --width 1…4096, got \(depth) and \(width)")
        }
        guard forwardSamples >= 1, backwardSamples >= 1 else {
            throw ValidationError(
                "--forward-samples and --backward-samples must be at least 1, got \(forwardSamples) and \(backwardSamples)"
            )
        }
        _ = try activation.resolved("activation")
        _ = try study()
        if sweep { _ = try grid() }
        if heatmap != nil && !sweep { throw ValidationError("--heatmap needs --sweep") }
    }

    /// The first layer whose forward and whose backward spread is not finite, for each that has one.
    static func firstNonFinite(_ spreads: [InitializationStudy.LayerSpread]) -> [(direction: String, layer: Int)] {
        var found: [(String, Int)] = []
        if let k = spreads.first(where: { !$0.forward.isFinite }) { found.append(("forward", k.layer)) }
        if let k = spreads.first(where: { !$0.backward.isFinite }) { found.append(("backward", k.layer)) }
        return found
    }

    /// The study the options describe.
    func study() throws -> InitializationStudy {
        var chosen: Initializer
        chosen = try initializer.resolved("initialiser")
        if chosen == .heNormal && numpyCompatible { chosen = .normal(variance: 2 / Double(width)) }
        if numpyCompatible && !sweep {
            guard case .normal = chosen else {
                throw ValidationError("--numpy-compatible draws N(0, σ²) weights: use --init normal:σ² or he")
            }
        }
        var activation = try self.activation.resolved("activation")
        if activation == .relu { activation = .relu(derivativeAtZero: 1) }  // notebook 7.3's 𝕀[f ≥ 0]
        var study = InitializationStudy(depth: depth, width: width, activation: activation, initializer: chosen)
        study.numpyCompatible = numpyCompatible
        study.seed = seed
        study.forwardSamples = forwardSamples
        study.backwardSamples = backwardSamples
        return study
    }

    /// The sweep's variances.
    func grid() throws -> [Double] {
        let parts = variances.split(separator: ",").map { Double($0.filter { $0 != " " }) }
        guard parts.count == 3, let low = parts[0], let high = parts[1], let count = parts[2],
            low > 0, high > low, count >= 2, count <= 1000, count == count.rounded()
        else {
            throw ValidationError(
                "--variances must be low,high,count with 0 < low < high and 2 ≤ count ≤ 1000, got '\(variances)'")
        }
        return InitializationStudy.logGrid(from: low, to: high, count: Int(count))
    }

    func run() throws {
        try runReportingErrors(tool: "init-study") {
            try OutputFile.validate([("-o", output), ("--plot", plot), ("--heatmap", heatmap)])
            let study = try study()
            try (maxMemory?.limit ?? .default).check(
                needing: study.memoryRequirement,
                for:
                    "\(forwardSamples) forward and \(backwardSamples) backward samples through \(depth) layers of \(width)"
            )
            let title = "\(activation), K = \(depth) layers of D = \(width)"
            if sweep {
                let results = study.sweep(variances: try grid())
                try OutputFile.writeCSV(output, columns: ["variance", "layer", "forward_std", "backward_std"]) {
                    writer in
                    for (variance, spreads) in results {
                        for spread in spreads {
                            try writer.write(
                                row: [variance, Double(spread.layer), spread.forward, spread.backward] as [Double?])
                        }
                    }
                }
                let overflowing = results.filter { !Self.firstNonFinite($0.spreads).isEmpty }.map(\.variance)
                if let first = overflowing.first {
                    StandardError.write(
                        "init-study: warning: the spreads overflow a Float64 (written as inf or nan) for "
                            + "\(overflowing.count) of the variances, from σ² = \(CSVWriter.format(first))\n")
                }
                let forward = InitializationStudy.stableVariance(results)
                if let plot {
                    try InitStudyFigures.depthCurves(results, stable: forward, title: title).write(to: plot)
                }
                if let heatmap { try InitStudyFigures.heatmaps(results, title: title).write(to: heatmap) }
                let backward = InitializationStudy.stableVariance(results, backward: true)
                StandardError.write(
                    "init-study: \(activation), D = \(width), K = \(depth): stable σ² ≈ "
                        + (forward.map { CSVWriter.format(($0 * 1e4).rounded() / 1e4) } ?? "none in the grid")
                        + " (forward), "
                        + (backward.map { CSVWriter.format(($0 * 1e4).rounded() / 1e4) } ?? "none in the grid")
                        + " (backward); "
                        + "2/D = \(CSVWriter.format(2 / Double(width))), 1/D = \(CSVWriter.format(1 / Double(width)))\n"
                )
            } else {
                let spreads = study.run()
                if let plot {
                    try InitStudyFigures.spreads(spreads, title: title + ", " + initializer.word).write(to: plot)
                }
                try OutputFile.writeCSV(output, columns: ["layer", "forward_std", "backward_std"]) { writer in
                    for spread in spreads {
                        try writer.write(row: [Double(spread.layer), spread.forward, spread.backward] as [Double?])
                    }
                }
                for (direction, layer) in Self.firstNonFinite(spreads) {
                    StandardError.write(
                        "init-study: warning: the \(direction) spread is not finite from layer \(layer) on (the values "
                            + "overflow a Float64; written as inf or nan)\n")
                }
            }
        }
    }
}
