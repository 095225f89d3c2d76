import Foundation
import Plot
import Testing
import ToolSupport

/// `curve-plot` run as a program: where its curves land, checked against closed forms, and its exit codes.
@Suite struct CurvePlotToolTests {
    /// CSV with a header and one row per x of `xs`: `x,<names…>` with the values of `columns`.
    static func csv(_ xs: [Double], _ columns: [(String, (Double) -> String)]) -> String {
        "x," + columns.map(\.0).joined(separator: ",") + "\n"
            + xs.map { x in (["\(x)"] + columns.map { $0.1(x) }).joined(separator: ",") + "\n" }.joined()
    }

    /// The largest distance in pixels of a curve's pixels from the diagonal of their bounding box, from its
    /// lower left to its upper right corner, and the box's size.
    func deviationFromDiagonal(_ points: [(x: Int, y: Int)]) -> (deviation: Double, width: Int, height: Int) {
        guard let x0 = points.map(\.x).min(), let x1 = points.map(\.x).max(),
            let y0 = points.map(\.y).min(), let y1 = points.map(\.y).max()
        else { return (.infinity, 0, 0) }
        let (dx, dy) = (Double(x1 - x0), Double(y0 - y1))  // up and to the right
        let length = (dx * dx + dy * dy).squareRoot()
        let deviation = points.map { p in abs(dy * Double(p.x - x0) - dx * Double(p.y - y1)) / length }.max()!
        return (deviation, x1 - x0, y1 - y0)
    }

    @Test func aStraightLineLandsOnTheDiagonalOnLinearAndLogAxes() throws {
        // y = x and y = 10^(x/5) are straight lines, the first on linear axes, the second with --log-y;
        // rows with an empty y are dropped, which keeps the line straight.
        let xs = (0...20).map { Double($0) / 2 }
        try withScratchFiles([
            "line.csv": Self.csv(xs, [("y", { x in x == 3 || x == 7 ? "" : "\(x)" })]),
            "exp.csv": Self.csv(xs, [("y", { x in "\(pow(10, x / 5))" })]),
        ]) { directory in
            for (file, extra) in [("line.csv", [String]()), ("exp.csv", ["--log-y"])] {
                let result = try ToolRunner.run("curve-plot", [file, "-o", "-"] + extra, in: directory)
                #expect(result.status == 0 && result.standardError.isEmpty, "\(file): \(result.standardError)")
                let image = try PNGImage(result.output)
                #expect(image.width == 800 && image.height == 600)
                let fit = deviationFromDiagonal(image.points(of: Color.cycle[0]))
                #expect(fit.width > 500 && fit.height > 350, "\(file): \(fit)")
                #expect(fit.deviation < 3, "\(file): \(fit)")
            }
            // Without --log-y the exponential bends far from the diagonal.
            let linear = try PNGImage(try ToolRunner.run("curve-plot", ["exp.csv", "-o", "-"], in: directory).output)
            #expect(deviationFromDiagonal(linear.points(of: Color.cycle[0])).deviation > 50)
        }
    }

    @Test func metricsFromStandardInputDrawTheLossColumnsAndSkipAnEmptyOne() throws {
        // train's metrics without a validation set: validation_loss is empty, seconds is not a curve to draw.
        let metrics =
            "epoch,seconds,train_loss,validation_loss,batch_loss\n"
            + (0...50).map { e in
                "\(e),\(0.01 * Double(e)),\(1 / Double(e + 1)),,\(e == 0 ? "" : "\(1.1 / Double(e))")\n"
            }.joined()
        let result = try ToolRunner.run("curve-plot", ["-", "--log-y", "-o", "-"], input: Data(metrics.utf8))
        #expect(result.status == 0)
        #expect(
            result.standardError == "curve-plot: note: <stdin>: column validation_loss has no values to draw; skipped\n"
        )
        let image = try PNGImage(result.output)
        #expect(image.points(of: Color.cycle[0]).count > 200)  // train_loss
        #expect(image.points(of: Color.cycle[1]).count > 200)  // batch_loss
        #expect(image.points(of: Color.cycle[2]).isEmpty)  // no third curve
        // Asked for by name, the empty column is an error.
        let asked = try ToolRunner.run(
            "curve-plot", ["-", "--y", "train_loss,validation_loss", "-o", "-"], input: Data(metrics.utf8))
        #expect(asked.status == SysExit.dataError.rawValue)
        #expect(asked.standardError == "curve-plot: <stdin>: column validation_loss has no values to draw\n")
        #expect(asked.output.isEmpty)
    }

    @Test func severalFilesTakeSuccessiveColoursAndTheFigureItsSize() throws {
        let xs = (0...10).map(Double.init)
        try withScratchFiles([
            "a.csv": Self.csv(xs, [("loss", { "\(1 + $0)" })]),
            "b.csv": Self.csv(xs, [("loss", { "\(12 - $0)" })]),
        ]) { directory in
            let result = try ToolRunner.run(
                "curve-plot",
                [
                    "a.csv", "b.csv", "--label", "rising,falling", "--size", "640x480", "--title", "two", "-o",
                    "two.png",
                ],
                in: directory)
            #expect(result.status == 0 && result.output.isEmpty)
            let image = try PNGImage(contentsOf: directory.appendingPathComponent("two.png").path)
            #expect(image.width == 640 && image.height == 480)
            // Each curve's own pixels (its legend sample aside) run along a diagonal: up for a, down for b.
            let rising = image.points(of: Color.cycle[0]), falling = image.points(of: Color.cycle[1])
            #expect(rising.count > 200 && falling.count > 200)
            func slope(_ points: [(x: Int, y: Int)]) -> Double {
                let mx = Double(points.map(\.x).reduce(0, +)) / Double(points.count)
                let my = Double(points.map(\.y).reduce(0, +)) / Double(points.count)
                return points.map { (Double($0.x) - mx) * (Double($0.y) - my) }.reduce(0, +)
            }
            #expect(slope(rising) < 0 && slope(falling) > 0)  // pixel rows grow downwards
        }
    }

    @Test func smoothingAnAlternatingSeriesFlattensIt() throws {
        // ±1 alternating, smoothed over 2 points: 1 at the first point, then 0.
        let xs = (0...40).map(Double.init)
        try withScratchFiles(["zigzag.csv": Self.csv(xs, [("y", { Int($0) % 2 == 0 ? "1" : "-1" })])]) { directory in
            // The share of the curve's pixels in its fullest band of 3 rows: a flat curve lies mostly in one.
            func flatShare(_ arguments: [String]) throws -> Double {
                let result = try ToolRunner.run("curve-plot", ["zigzag.csv", "-o", "-"] + arguments, in: directory)
                #expect(result.status == 0)
                let rows = try PNGImage(result.output).points(of: Color.cycle[0]).map(\.y)
                let counts = Dictionary(grouping: rows, by: { $0 }).mapValues(\.count)
                let fullest = counts.keys.map { y in (y - 1...y + 1).map { counts[$0] ?? 0 }.reduce(0, +) }.max() ?? 0
                return Double(fullest) / Double(max(rows.count, 1))
            }
            let raw = try flatShare([]), smoothed = try flatShare(["--smooth", "2"])
            #expect(raw < 0.05 && smoothed > 0.3, "raw \(raw), smoothed \(smoothed)")
        }
    }

    @Test(arguments: [
        (["m.csv", "--y", "loss"], #"m.csv: no column named "loss"; available: "epoch", "train_loss""#),
        (["m.csv", "--x", "step"], #"m.csv: no column named "step"; available: "epoch", "train_loss""#),
        (["header.csv"], "header.csv: no values to draw"),
        (["header.csv", "--y", "train_loss"], "header.csv: column train_loss has no values to draw"),
        // Infinities are left out (#28: a diverged run is drawn up to its divergence); none left is an error.
        (["inf.csv", "--y", "train_loss"], "inf.csv: column train_loss has no values to draw"),
        (
            ["zero.csv", "--log-y"],
            "zero.csv:3:2: train_loss is 0, not positive, and cannot be drawn on a logarithmic axis (--log-y)"
        ),
        (
            ["m.csv", "--log-x"],
            "m.csv:2:1: epoch is 0, not positive, and cannot be drawn on a logarithmic axis (--log-x)"
        ),
        (
            ["comments.csv", "--log-y"],
            "comments.csv:6:3: validation_loss is -2.5e-07, not positive, and cannot be drawn on a logarithmic axis (--log-y)"
        ),
        (["only-x.csv"], "only-x.csv: no column to draw besides epoch"),
        (["empty.csv"], "empty.csv: empty file: expected a header row of column names"),
    ])
    func badDataIsExit65WithAMessage(arguments: [String], message: String) throws {
        try withScratchFiles([
            "m.csv": "epoch,train_loss\n0,1\n1,0.5\n",
            "header.csv": "epoch,train_loss\n",
            "inf.csv": "epoch,train_loss\n0,inf\n1,-inf\n",
            "zero.csv": "epoch,train_loss\n0,1\n1,0\n2,0.5\n",
            "comments.csv": "# metrics\nepoch,train_loss,validation_loss\n0,1,\n\n1,0.5,0.25\n2,0.25,-2.5e-7\n",
            "only-x.csv": "epoch\n0\n1\n",
            "empty.csv": "",
        ]) { directory in
            let result = try ToolRunner.run("curve-plot", arguments + ["-o", "out.png"], in: directory)
            #expect(result.status == SysExit.dataError.rawValue, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("curve-plot: " + message), "\(arguments): \(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.png").path))
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.hasPrefix(".") })
        }
    }

    @Test func missingFileIsExit66AndUnwritableOutputExit74First() throws {
        let missing = try ToolRunner.run("curve-plot", ["/nonexistent/m.csv", "-o", "-"])
        #expect(missing.status == SysExit.noInput.rawValue)
        #expect(missing.standardError.hasPrefix("curve-plot: /nonexistent/m.csv: cannot open"))
        let unwritable = try ToolRunner.run("curve-plot", ["/nonexistent/m.csv", "-o", "/nonexistent/dir/loss.png"])
        #expect(unwritable.status == SysExit.ioError.rawValue)
        #expect(
            unwritable.standardError
                == "curve-plot: /nonexistent/dir/loss.png: directory /nonexistent/dir does not exist\n")
    }

    @Test(arguments: [
        (["-", "-"], "standard input ('-') can be read only once"),
        (["a.csv", "b.csv", "--label", "one"], "--label gives 1 label for 2 files"),
        (["a.csv", "--label", "one", "--label", "two"], "--label gives 2 labels for 1 file"),
        (["a.csv", "--y", "a,,b"], "--y must be column names separated by commas"),
        (["a.csv", "--smooth", "0"], "--smooth must be at least 1"),
        (["a.csv", "--legend", "top"], "unknown legend place 'top'; choose one of best, upper-right"),
        (["a.csv", "--size", "800by600"], "invalid for '--size"),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try ToolRunner.run("curve-plot", arguments + ["-o", "-"])
        #expect(result.status == SysExit.usage.rawValue, "\(arguments)")
        #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
    }

    @Test func helpShowsThePipelineAndVersionTheToolkits() throws {
        let help = try ToolRunner.run("curve-plot", ["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--metrics - \\\n      | curve-plot - --log-y -o loss.png"))
        let version = try ToolRunner.run("curve-plot", ["--version"])
        #expect(version.status == 0 && version.standardOutput == toolkitVersion + "\n")
    }

    /// Issue 15's hostile curve-plot inputs: each draws a straight line from the plot's lower left to its
    /// upper right (the data are linear in the axes' scales), within a minute.
    static let hostileCurves: [(name: String, csv: String, arguments: [String])] = [
        (
            "curve-plot on values ±1e308", "x,y\n" + (0...100).map { "\($0),\(Double($0 - 50) * 2e306)\n" }.joined(), []
        ),
        ("curve-plot on x values 5e-324 and 1e-323", "x,y\n5e-324,1\n1e-323,2\n", []),
        (
            "curve-plot --log-y over values 1e-300…1e300",
            "x,y\n" + (0...600).map { "\($0),1e\($0 - 300)\n" }.joined(), ["--log-y"]
        ),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: hostileCurves)
    func hostileValuesAreDrawnAsAStraightLine(_ c: (name: String, csv: String, arguments: [String])) throws {
        try withScratchFiles(["data.csv": c.csv]) { directory in
            let result = try ToolRunner.run("curve-plot", ["data.csv", "-o", "-"] + c.arguments, in: directory)
            #expect(result.status == 0 && result.standardError.isEmpty, "\(c.name): \(result.standardError)")
            let fit = deviationFromDiagonal(try PNGImage(result.output).points(of: Color.cycle[0]))
            #expect(fit.width > 500 && fit.height > 350 && fit.deviation < 3, "\(c.name): \(fit)")
        }
    }

    @Test func aDenseSeriesKeepsTheExtremesOfEveryPixelColumn() throws {
        // 200,000 rows alternating between 0 and 1: every pixel column holds both values, so the curve fills
        // the plot area's whole data height in every column of its width.
        let rows = (0..<200_000).map { "\($0),\($0 % 2)\n" }.joined()
        try withScratchFiles(["zigzag.csv": "step,y\n" + rows]) { directory in
            let result = try ToolRunner.run("curve-plot", ["zigzag.csv", "-o", "-"], in: directory)
            #expect(result.status == 0)
            let points = try PNGImage(result.output).points(of: Color.cycle[0])
            let columns = Dictionary(grouping: points, by: \.x).mapValues { $0.map(\.y) }
            let (top, bottom) = (points.map(\.y).min()!, points.map(\.y).max()!)
            #expect(columns.count > 500 && bottom - top > 400, "\(columns.count) columns, rows \(top)…\(bottom)")
            let full = columns.values.filter { $0.min()! <= top + 1 && $0.max()! >= bottom - 1 }
            #expect(full.count >= columns.count - 2, "\(full.count) of \(columns.count) columns span the curve")
        }
    }

    @Test func decimalCommaChangesOnlyLabelsWithDecimals() throws {
        // y from 0 to 1 is labelled 0.0, 0.2, …: --decimal-comma changes the image. x and y from 0 to 1000
        // are labelled with integers: the image is the same with and without it.
        let xs = (0...10).map(Double.init)
        try withScratchFiles([
            "fraction.csv": Self.csv(xs, [("y", { "\($0 / 10)" })]),
            "integer.csv": Self.csv(xs.map { $0 * 100 }, [("y", { "\(1000 - $0)" })]),
        ]) { directory in
            func png(_ file: String, _ extra: [String]) throws -> Data {
                let result = try ToolRunner.run("curve-plot", [file, "-o", "-"] + extra, in: directory)
                #expect(result.status == 0, "\(result.standardError)")
                return result.output
            }
            let (fractionComma, fractionPoint) = (
                try png("fraction.csv", ["--decimal-comma"]), try png("fraction.csv", [])
            )
            let (integerComma, integerPoint) = (try png("integer.csv", ["--decimal-comma"]), try png("integer.csv", []))
            #expect(fractionComma != fractionPoint)
            #expect(integerComma == integerPoint)
        }
    }
}
