import NN
import Plot
import Tensor

/// Notebook 4.1, "Composing networks": feeding one shallow ReLU network into another, four variations of
/// the pair, and how many linear regions each composition has (UDL section 4.1).
public struct ComposingNetworksNotebook: Notebook {
    /// The notebook's number.
    public let id = "4.1"
    /// The notebook's title.
    public let title = "Composing networks"
    /// The notebook's path in the udlbook repository.
    public let source = "Notebooks/Chap04/4_1_Composing_Networks.ipynb"

    /// Creates the notebook.
    public init() {}

    /// x = −1, −0.75, −0.5, ≈0, 0.5, 0.999: the reference's indices into arange(−1, 1, 0.001).
    static let probes = [0, 250, 500, 1000, 1500, 1999]

    /// One composition the notebook runs: `networks` applied in order (the first sees x).
    struct Composition {
        var name: String
        /// What the variation changes, if anything.
        var change = ""
        var networks: [ShallowNetwork]
        /// The reference's values at ``probes``.
        var expected: [Double]
        /// The count worked out on paper, and how.
        var predictedRegions: Int
        var reasoning: String

        func callAsFunction(_ x: Tensor) -> Tensor { networks.reduce(x) { $1($0) } }

        /// The composition as one deep network (each junction folded by `Network.composition`).
        var network: Network {
            networks.dropFirst().reduce(networks[0].network) { Network.composition($1.network, after: $0) }
        }
    }

    /// Runs the notebook: its setup, printed values, checks, answers and figures.
    public func run(_ session: NotebookSession) throws {
        let x = Tensor.arange(-1, 1, step: 0.001)
        let (net1, net2) = (ChapterFour.net1, ChapterFour.net2)
        var net2Flipped = net2
        net2Flipped.outputWeights[0] *= -1
        var net1Halved = net1
        net1Halved.outputWeights[0] *= 0.5

        session.section("The two networks on x = arange(−1, 1, 0.001)", part: "networks")
        session.say(ChapterFour.row(["x"] + Self.probes.map { fixed(x.scalars[$0], 3) }, width: 11))
        for (name, y) in [("net1(x)", net1(x)), ("net2(x)", net2(x))] {
            session.say(ChapterFour.row([name] + Self.probes.map { fixed(y.scalars[$0], 5) }, width: 11))
        }
        session.checkSeries(
            "net1 at the six probes", Self.probes.map { net1(x).scalars[$0] }, [-1.0, -0.5, 0.0, 1.0, -0.5, 1.0627],
            tolerance: 1e-12)
        session.checkSeries(
            "net2 at the six probes", Self.probes.map { net2(x).scalars[$0] }, [0.1, 0.35, 0.5, 0.2, -0.55, -0.3005],
            tolerance: 1e-12)
        // Each unit bends its network where θ_d0 + θ_d1 x = 0; net1's units 1 and 2 both bend at 0.
        for (name, net, kinks) in [("net1", net1, [0.0, 0.67]), ("net2", net2, [-0.6, -0.2, 0.5])] {
            let regions = net.network.linearRegions(from: -1, to: 1)
            session.say(
                "\(name): \(regions.count - 1) linear regions on [−1, 1], boundaries "
                    + regions.map { fixed($0, 4) }.joined(separator: ", "))
            session.checkSeries(
                "\(name)'s region boundaries on [−1, 1] = −θ_d0/θ_d1", regions,
                [-1] + kinks + [1], tolerance: 1e-12, source: "closed form")
        }

        let compositions = [
            Composition(
                name: "net2(net1(x))", networks: [net1, net2], expected: [0.1, 0.5, 0.2, -0.3, 0.5, -0.26865],
                predictedRegions: 12,
                reasoning:
                    "net1 has 3 linear pieces, on [−1, 0], [0, 0.67] and [0.67, 1]; each sweeps monotonically across [−1, 1] (−1 → 1, 1 → −1.01, −1.01 → 1.069), so each crosses net2's 3 kinks (−0.6, −0.2, 0.5) once: 3 × 4 = 12 regions, a zigzag that repeats net2's shape three times (the middle copy mirrored)."
            ),
            Composition(
                name: "(a) net2′(net1(x))", change: "net2′ = net2 with φ1 → −φ1", networks: [net1, net2Flipped],
                expected: [0.9, 0.5, 0.2, -0.3, 0.5, -0.26865], predictedRegions: 12,
                reasoning:
                    "flipping φ1 changes net2's shape left of −0.6 (it now rises towards x = −1) but not its kinks, so again 3 × 4 = 12 regions; the composition changes only where net1's output is below −0.6, i.e. for x < −0.8 (1 + 2x < −0.6) and 0.533 < x < 0.735 (1 − 3x < −0.6 and 6.3x − 5.231 < −0.6)."
            ),
            Composition(
                name: "(b) net2(net1′(x))", change: "net1′ = net1 with φ1 → φ1/2", networks: [net1Halved, net2],
                expected: [0.2, -0.175, -0.55, -0.3, 0.5, -0.26865], predictedRegions: 10,
                reasoning:
                    "halving φ1 makes net1′ = 1 + x on [−1, 0], which only sweeps [0, 1] and so crosses only net2's kink at 0.5 (2 pieces); the other two pieces are unchanged (4 each): 2 + 4 + 4 = 10 regions, with the left part a copy of net2 on [0, 1]."
            ),
            Composition(
                name: "(c) net1(net1(x))", networks: [net1, net1], expected: [-1.0, 0.0, 1.0, 1.069, 0.0, 1.46401],
                predictedRegions: 9,
                reasoning:
                    "each of net1's 3 pieces sweeps across net1's own kinks 0 and 0.67, so each is cut into 3: 3 × 3 = 9 regions, net1's zigzag folded into itself."
            ),
            Composition(
                name: "(d) net2(net1(net1(x)))", networks: [net1, net1, net2],
                expected: [0.1, 0.2, -0.3, -0.2655, 0.2, -0.067995], predictedRegions: 36,
                reasoning:
                    "net1(net1(x)) has 9 pieces; each again sweeps across [−1, 1] (the range only widens, to about [−1.02, 1.5]), so each crosses net2's 3 kinks: 9 × 4 = 36 regions."
            ),
        ]

        let net1Output = net1(x), original = compositions[0](x), flipped = compositions[1](x)
        let changedWhereBelow = x.scalars.indices.allSatisfy {
            (flipped.scalars[$0] != original.scalars[$0]) == (net1Output.scalars[$0] < -0.6)
        }
        var regionCounts: [Int] = []
        for (index, composition) in compositions.enumerated() {
            session.section(
                index == 0 ? "TODO: feed net1's output into net2" : "Variation " + composition.name.prefix(3),
                part: [0: "composition", 1: "variations"][index])
            let y = composition(x)
            let regions = composition.network.linearRegions(from: -1, to: 1)
            regionCounts.append(regions.count - 1)
            session.say(composition.name + (composition.change.isEmpty ? "" : ", where " + composition.change))
            session.say("  at the probes: " + Self.probes.map { fixed(y.scalars[$0], 6) }.joined(separator: ", "))
            session.checkSeries(
                "\(composition.name) at the six probes", Self.probes.map { y.scalars[$0] }, composition.expected,
                tolerance: 1e-12)
            session.checkSeries(
                "\(composition.name) as one deep network (Network.composition)",
                composition.network(x.reshaped([x.count, 1])).scalars, y.scalars, tolerance: 1e-14,
                source: "the chained shallow networks")
            if regions.count <= 13 {
                session.say("  region boundaries: " + regions.map { fixed($0, 4) }.joined(separator: ", "))
            }
            session.answer(
                "Sketch \(composition.name) against x: what does it look like, and how many linear regions does it have?",
                "\(regions.count - 1) linear regions on [−1, 1]. On paper: " + composition.reasoning)
            session.checkCount(
                "\(composition.name): linear regions", regions.count - 1, composition.predictedRegions,
                source: "pen-and-paper")
            if index == 1 {
                session.check(
                    "(a) differs from net2(net1(x)) exactly where net1(x) < −0.6", changedWhereBelow,
                    "on all \(x.count) grid points")
            }
        }

        session.section("TODO: N copies of net1 fed into net2", part: "copies")
        var inner = net1.network
        var counts: [Double] = []
        for n in 1...6 {
            if n > 1 { inner = Network.composition(net1.network, after: inner) }
            let regions = Network.composition(net2.network, after: inner).linearRegions(from: -1, to: 1)
            counts.append(Double(regions.count - 1))
            session.say("N = \(n): \(regions.count - 1) linear regions")
        }
        let predicted = (1...6).map { 4 * pow3($0) }
        session.checkSeries(
            "regions of net2(net1^N(x)) for N = 1…6", counts, predicted.map(Double.init), tolerance: 0,
            source: "pen-and-paper 4·3^N")
        session.answer(
            "How many linear regions with N copies of net1 followed by net2?",
            "4·3^N: every copy triples the pieces (each piece sweeps across both of net1's kinks) and net2 cuts each final piece into 4; N = 1…6 gives \(predicted.map(String.init).joined(separator: ", ")) regions from only 10(N + 1) parameters. A shallow network needs one hidden unit per kink, so 4·3^N − 1 units for the same count."
        )

        session.part("figures")
        try session.figure("4.1-networks") {
            networksFigure(x, [(net1, net1Halved, "Red 1"), (net2, net2Flipped, "Red 2")])
        }
        try session.figure("4.1-compositions") {
            let figure = Figure(width: 1200, height: 820, rows: 2, columns: 3, dpi: 100)
            for (index, composition) in compositions.enumerated() {
                let axes = figure.axes(row: index / 3, column: index % 3)
                axes.line(x.scalars, composition(x).scalars, color: ChapterFour.unitColors[2])
                axes.title = composition.name + ", \(regionCounts[index]) regiones"
                axes.xLabel = "Entrada de la red 1, $x$"
                axes.yLabel = "Salida"
                ChapterFour.limits(axes, x: (-1, 1), y: (-1, 1))
            }
            let axes = figure.axes(row: 1, column: 2)
            axes.line(
                (1...6).map(Double.init), predicted.map(Double.init), label: "4·3$^N$", color: .black, style: .dashed)
            axes.scatter(
                (1...6).map(Double.init), counts, label: "contadas", color: ChapterFour.unitColors[2], marker: .circle,
                size: 7)
            axes.yScale = .log
            axes.title = "net2(net1$^N$(x))"
            axes.xLabel = "copias de la red 1, $N$"
            axes.yLabel = "regiones lineales en [−1, 1]"
            axes.grid = .both
            axes.legendLocation = .upperLeft
            figure.title = "Composiciones de dos redes ReLU poco profundas"
            return figure
        }
    }

    /// Net 1 and net 2 (solid) with the changed versions the variations use (dashed).
    private func networksFigure(_ x: Tensor, _ pairs: [(ShallowNetwork, ShallowNetwork, String)]) -> Figure {
        let figure = Figure(width: 1000, height: 520, columns: 2, dpi: 100)
        for (column, (original, changed, name)) in pairs.enumerated() {
            let axes = figure.axes(row: 0, column: column)
            let color = ChapterFour.unitColors[column]
            axes.line(x.scalars, original(x).scalars, label: name, color: color)
            axes.line(
                x.scalars, changed(x).scalars,
                label: column == 0 ? "red 1′: φ1 × 0,5, para (b)" : "red 2′: φ1 × −1, para (a)",
                color: color.withAlpha(0.6), style: .dashed)
            axes.xLabel = "Entrada de la \(name.lowercased())"
            axes.yLabel = "Salida de la \(name.lowercased())"
            ChapterFour.limits(axes, x: (-1, 1), y: (-1, 1))
        }
        figure.title = "Las dos redes poco profundas del cuaderno 4.1"
        return figure
    }

    private func pow3(_ n: Int) -> Int { (0..<n).reduce(1) { r, _ in r * 3 } }
}
