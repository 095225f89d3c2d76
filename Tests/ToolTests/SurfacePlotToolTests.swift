import Datasets
import Foundation
import Plot
import Testing
import ToolSupport

/// `surface-plot` run as a program: what its PNGs show, checked against closed forms, and its exit codes.
@Suite struct SurfacePlotToolTests {
    /// A model JSON with one identity layer: z = a·x + b·y + c (with zero weights for more inputs and
    /// copies for more outputs, for the bad cases).
    static func linearModel(_ a: Double, _ b: Double, _ c: Double = 0, inputs: Int = 2, outputs: Int = 1) -> String {
        let row = "[" + ([a, b] + Array(repeating: 0, count: inputs - 2)).map { "\($0)" }.joined(separator: ",") + "]"
        return
            "{\"inputs\": \(inputs), \"layers\": [{\"weights\": [\(Array(repeating: row, count: outputs).joined(separator: ","))], "
            + "\"biases\": [\(Array(repeating: "\(c)", count: outputs).joined(separator: ","))], \"activation\": \"identity\"}]}"
    }

    /// The course grid (linspace(-3, 3, `grid`) on both axes) as `x,y,<name>` CSV with z = f(x, y), its rows
    /// in a scrambled order (row k is point 7919·k mod n).
    static func gridCSV(_ name: String = "z", grid: Int = 40, _ f: (Double, Double) -> Double) -> String {
        let points = SurfaceData(grid: grid).inputs.scalars, n = grid * grid
        let rows = (0..<n).map { k in
            let p = 7919 * k % n, x = points[2 * p], y = points[2 * p + 1]
            return "\(x),\(y),\(f(x, y))"
        }
        return "x,y,\(name)\n" + rows.joined(separator: "\n") + "\n"
    }

    /// Data coordinates of a pixel of a heatmap drawn over [-3, 3]² in `block`.
    func dataPoint(_ p: (x: Int, y: Int), in block: (x: ClosedRange<Int>, y: ClosedRange<Int>)) -> (
        x: Double, y: Double
    ) {
        (
            -3 + 6 * (Double(p.x - block.x.lowerBound) + 0.5) / Double(block.x.count),
            3 - 6 * (Double(p.y - block.y.lowerBound) + 0.5) / Double(block.y.count)
        )
    }

    /// The root of u·cos u = 0.9·sin u in (a, b): where d/du [sin u / u^0.9] = 0, so r = √(u/0.8) is a
    /// ring of extreme height of the assignment's surface.
    func extremeRadius(between a: Double, _ b: Double) -> Double {
        var (low, high) = (a, b)
        let g = { (u: Double) in u * cos(u) - 0.9 * sin(u) }
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if (g(mid) > 0) == (g(low) > 0) { low = mid } else { high = mid }
        }
        return ((low + high) / 2 / 0.8).squareRoot()
    }

    @Test func builtInHeatmapIsBrightestOnTheInnerRingAndDarkestOnTheTrough() throws {
        let result = try ToolRunner.run("surface-plot", ["--style", "heatmap", "-o", "-"])
        #expect(result.status == 0 && result.standardError.isEmpty)
        let image = try PNGImage(result.output)
        #expect(image.width == 800 && image.height == 600)
        let block = try #require(image.colormapBlock(.viridis))
        #expect(abs(block.x.count - block.y.count) <= 2, "equal aspect: \(block)")
        for (bins, radius) in [
            (250..<256, extremeRadius(between: 1e-9, .pi / 2)), (0..<6, extremeRadius(between: .pi, 1.5 * .pi)),
        ] {
            let colors = bins.map { Colormap.viridis.color(at: (Double($0) + 0.5) / 256) }
            var quadrants = Set<Int>()
            var count = 0
            for y in block.y {
                for x in block.x where colors.contains(where: { image.pixel(x, y, is: $0, tolerance: 0) }) {
                    let p = dataPoint((x, y), in: block)
                    let r = (p.x * p.x + p.y * p.y).squareRoot()
                    #expect(abs(r - radius) < 0.3, "bins \(bins) at (\(p.x), \(p.y)): r = \(r), expected ≈ \(radius)")
                    quadrants.insert((p.x > 0 ? 1 : 0) + (p.y > 0 ? 2 : 0))
                    count += 1
                }
            }
            #expect(count > 50 && quadrants.count == 4, "bins \(bins): \(count) pixels in quadrants \(quadrants)")
        }
    }

    @Test func modelIsDrawnWithXToTheRightAndYUpAndMatchesTheSameGridFromCSV() throws {
        // z = x − y is largest at (3, −3), the bottom right, and smallest at (−3, 3), the top left.
        try withScratchFiles([
            "model.json": Self.linearModel(1, -1),
            "grid.csv": Self.gridCSV("prediction") { $0 - $1 },
        ]) { directory in
            let model = try ToolRunner.run(
                "surface-plot", ["--model", "model.json", "--style", "heatmap", "-o", "-"], in: directory)
            #expect(model.status == 0)
            let image = try PNGImage(model.output)
            let block = try #require(image.colormapBlock(.viridis))
            let (left, right, top, bottom) = (
                block.x.lowerBound + 2, block.x.upperBound - 2, block.y.lowerBound + 2, block.y.upperBound - 2
            )
            #expect(image.pixel(right, bottom, is: Colormap.viridis.color(at: 1), tolerance: 8))
            #expect(image.pixel(left, top, is: Colormap.viridis.color(at: 0), tolerance: 8))
            #expect(image.pixel(right, top, is: Colormap.viridis.color(at: 0.5), tolerance: 8))

            // The same values from shuffled CSV rows (and from standard input) give the same picture, byte for byte.
            let data = try ToolRunner.run(
                "surface-plot", ["--data", "grid.csv", "--columns", "x,y,prediction", "--style", "heatmap", "-o", "-"],
                in: directory)
            #expect(data.status == 0)
            #expect(data.output == model.output)
            let piped = try ToolRunner.run(
                "surface-plot", ["--data", "-", "--columns", "x,y,prediction", "--style", "heatmap", "-o", "-"],
                input: try Data(contentsOf: directory.appendingPathComponent("grid.csv")))
            #expect(piped.output == model.output)
        }
    }

    @Test func residualsAreTheModelMinusTheClean() throws {
        // A model that is 0 everywhere against the clean surface: residuals −f, from −max f (the darkest blue of
        // the symmetric diverging map) to −min f ≈ 0.21 (well short of its darkest red).
        try withScratchFiles(["zero.json": Self.linearModel(0, 0)]) { directory in
            let clean = try ToolRunner.run("surface-data", ["--clean", "-o", "clean.csv"], in: directory)
            #expect(clean.status == 0)
            let result = try ToolRunner.run(
                "surface-plot",
                ["--model", "zero.json", "--clean", "clean.csv", "--style", "heatmap", "-o", "fit.png"], in: directory)
            #expect(result.status == 0 && result.output.isEmpty)
            let image = try PNGImage(contentsOf: directory.appendingPathComponent("fit.png").path)
            #expect(image.width == 1400 && image.height == 600)
            let block = try #require(image.colormapBlock(.rdbu))
            #expect(block.x.lowerBound > image.width / 2, "the residuals panel is on the right: \(block)")
            func count(_ t: Double, tolerance: Int) -> Int {
                image.points(
                    of: Colormap.rdbu.color(at: t), tolerance: tolerance,
                    columns: block.x.lowerBound..<(block.x.upperBound + 1)
                )
                .filter { block.y.contains($0.y) }.count
            }
            #expect(count(0.5 / 256, tolerance: 0) > 0)
            #expect(count(0.6, tolerance: 3) > 0)
            #expect(count(0.7, tolerance: 3) == 0 && count(1, tolerance: 3) == 0)
        }
    }

    @Test func stylesColormapsSizesAndPaths() throws {
        let path = "x,y\n-2.5,2.5\n-1,1.5\n0,0.8\n"
        try withScratchFiles(["path.csv": path]) { directory in
            for (style, colormap) in [("surface", "magma"), ("contour", "cividis"), ("heatmap", "viridis")] {
                let arguments = [
                    "--style", style, "--colormap", colormap, "--size", "640x480", "--title", style, "-o", "-",
                ]
                let plain = try ToolRunner.run("surface-plot", arguments, in: directory)
                let withPath = try ToolRunner.run("surface-plot", arguments + ["--path", "path.csv"], in: directory)
                #expect(plain.status == 0 && withPath.status == 0, "\(style): \(withPath.standardError)")
                let image = try PNGImage(plain.output), pathImage = try PNGImage(withPath.output)
                #expect(image.width == 640 && image.height == 480)
                let map = try #require(Colormap.named(colormap))
                var coloured = 0
                for y in stride(from: 0, to: image.height, by: 2) {
                    for x in stride(from: 0, to: image.width, by: 2)
                    where image.pixel(x, y, is: map.color(at: 0.5), tolerance: 40) { coloured += 1 }
                }
                #expect(coloured > 500, "\(style): \(coloured) pixels near the middle of \(colormap)")
                // The path is drawn in tab:red, which none of these colormaps contains.
                let red = Color.cycle[3]
                #expect(image.points(of: red, tolerance: 6).isEmpty, "\(style)")
                #expect(pathImage.points(of: red, tolerance: 6).count > 30, "\(style)")
            }
        }
    }

    @Test(arguments: [
        (["--data", "grid.csv", "--columns", "x,y,w"], #"grid.csv: no column named "w"; available: "x", "y", "z""#),
        (["--data", "partial.csv"], "partial.csv: not a complete x, y grid: 3 points do not fill the 2×2 grid"),
        (["--data", "repeated.csv"], "repeated.csv: not a complete x, y grid: point 3 repeats (x, y) = (1.0, 1.0)"),
        (["--data", "empty.csv"], "empty.csv: grid: no data to plot"),
        (["--data", "nan.csv"], #"nan.csv:3:3: expected a finite number, found "nan""#),
        (
            ["--model", "huge.json"],
            "huge.json: the model's output at (x, y) = (-3.0, -3.0) is -inf, not a finite number"
        ),
        (
            ["--model", "three.json"],
            "three.json: the model has 3 inputs and 1 output; a surface needs 2 inputs (x, y) and 1 output"
        ),
        (
            ["--model", "two-out.json"],
            "two-out.json: the model has 2 inputs and 2 outputs; a surface needs 2 inputs (x, y) and 1 output"
        ),
        (["--model", "broken.json"], "broken.json:1:"),
        (
            ["--data", "grid.csv", "--clean", "small.csv"],
            "grid.csv and small.csv: not a complete x, y grid: the fields' grids differ"
        ),
        (["--path", "header.csv"], "header.csv: no column named \"x\"; available: \"a\", \"b\", \"c\""),
    ])
    func badDataIsExit65WithAMessage(arguments: [String], message: String) throws {
        try withScratchFiles([
            "grid.csv": "x,y,z\n0,0,1\n1,0,2\n0,1,3\n1,1,4\n",
            "small.csv": Self.gridCSV(grid: 3) { $0 + $1 },
            "partial.csv": "x,y,z\n0,0,1\n1,0,2\n0,1,3\n",
            "repeated.csv": "x,y,z\n0,0,1\n1,0,2\n1,1,3\n1,1,4\n",
            "header.csv": "a,b,c\n",
            "empty.csv": "x,y,z\n",
            "nan.csv": "x,y,z\n0,0,1\n1,0,nan\n0,1,3\n1,1,4\n",
            "huge.json": Self.linearModel(1e308, 1e308),
            "three.json": Self.linearModel(1, 1, inputs: 3),
            "two-out.json": Self.linearModel(1, 1, outputs: 2),
            "broken.json": "{\"inputs\": 2, \"layers\": [",
        ]) { directory in
            let result = try ToolRunner.run("surface-plot", arguments + ["-o", "out.png"], in: directory)
            #expect(result.status == SysExit.dataError.rawValue, "\(arguments): \(result.standardError)")
            #expect(result.standardError.hasPrefix("surface-plot: " + message), "\(arguments): \(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.png").path))
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.hasPrefix(".") })
        }
    }

    @Test func missingInputsAreExit66() throws {
        for option in ["--model", "--data", "--path"] {
            let result = try ToolRunner.run("surface-plot", [option, "/nonexistent/input", "-o", "-"])
            #expect(result.status == SysExit.noInput.rawValue, "\(option)")
            #expect(
                result.standardError.hasPrefix("surface-plot: /nonexistent/input: cannot open"),
                "\(option): \(result.standardError)")
            #expect(result.output.isEmpty)
        }
        let clean = try ToolRunner.run(
            "surface-plot", ["--model", "/nonexistent/m.json", "--clean", "/nonexistent/c.csv", "-o", "-"])
        #expect(clean.status == SysExit.noInput.rawValue)
    }

    @Test func unwritableOutputIsExit74BeforeAnyInputIsRead() throws {
        // The inputs do not exist either: the output is checked first.
        let missing = try ToolRunner.run(
            "surface-plot", ["--data", "/nonexistent/grid.csv", "-o", "/nonexistent/dir/s.png"])
        #expect(missing.status == SysExit.ioError.rawValue)
        #expect(
            missing.standardError == "surface-plot: /nonexistent/dir/s.png: directory /nonexistent/dir does not exist\n"
        )
        try withScratchFiles([:]) { directory in
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("out.png"), withIntermediateDirectories: false)
            let result = try ToolRunner.run("surface-plot", ["-o", "out.png"], in: directory)
            #expect(result.status == SysExit.ioError.rawValue)
            #expect(result.standardError == "surface-plot: out.png: is a directory\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.png"])
        }
    }

    @Test(arguments: [
        (["--model", "m.json", "--data", "d.csv"], "give --model or --data, not both"),
        (["--style", "wireframe"], "unknown style 'wireframe'; choose one of surface, heatmap, contour"),
        (["--colormap", "jet"], "unknown colormap 'jet'; choose one of viridis, magma, cividis, rdbu"),
        (["--data", "d.csv", "--grid", "20"], "--grid and --range apply to the built-in surface and --model"),
        (["--grid", "1"], "--grid must be from 2 to 1000"),
        (["--range", "3,-3"], "--range must be low,high with low < high, got 3,-3"),
        (["--columns", "x,y"], "--columns applies to --data"),
        (["--data", "d.csv", "--columns", "x,y"], "--columns must name three columns x,y,z, got 'x,y'"),
        (["--clean", "c.csv"], "--clean needs --model or --data"),
        (["--size", "800"], "invalid for '--size"),
        (["--size", "50x50"], "--size 50x50: each side must be 100 to 10000 pixels"),
        (["--data", "-", "--clean", "-"], "only one input can come from standard input"),
        (["--elevation", "nan"], "--elevation and --azimuth must be finite"),
        (
            ["--range=-1e308,1e308"],
            "--range -1e+308,1e+308: the built-in surface is not a finite number at (x, y) = (-1e+308, -1e+308), "
                + "where x² + y² overflows"
        ),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try ToolRunner.run("surface-plot", arguments + ["-o", "-"])
        #expect(result.status == SysExit.usage.rawValue, "\(arguments)")
        #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        #expect(result.output.isEmpty)
    }

    @Test func outputIsRequiredAndHelpHasExamples() throws {
        let none = try ToolRunner.run("surface-plot")
        #expect(
            none.status == SysExit.usage.rawValue
                && none.standardError.contains("Missing expected argument '--output <file>'"))
        let help = try ToolRunner.run("surface-plot", ["--help"])
        #expect(help.status == 0)
        #expect(
            help.standardOutput.contains("surface-plot --model model.json --clean clean.csv --style heatmap -o fit.png")
        )
        let version = try ToolRunner.run("surface-plot", ["--version"])
        #expect(version.status == 0 && version.standardOutput == toolkitVersion + "\n")
    }

    /// Issue 15's hostile surface-plot inputs, in every style: each finishes with a PNG (within a minute),
    /// and its heatmap shows what the heights say.
    @Test(.timeLimit(.minutes(1))) func hostileRangesAndGridsAreDrawnInEveryStyle() throws {
        let checkerboard =
            "x,y,z\n"
            + (0..<3).flatMap { i in (0..<3).map { j in "\(i),\(j),\((i + j) % 2 == 0 ? "-" : "")1e308\n" } }
            .joined()
        let subnormalStep =
            "x,y,z\n"
            + (0..<3).flatMap { i in (0..<2).map { j in "\(Double(i) * 5e-324),\(j),\(i + j)\n" } }
            .joined()
        // (name, arguments, colormap fractions expected at the heatmap's lower left and upper right corners)
        let cases: [(name: String, arguments: [String], corners: (Double, Double)?)] = [
            (
                "surface-plot --range=-1e308,1e308 (a model, z = (x + y)/4)",
                ["--model", "plane.json", "--range=-1e308,1e308"], (0, 1)
            ),
            ("surface-plot --range=-1e-320,1e-320 (x² + y² underflows: z = 0)", ["--range=-1e-320,1e-320"], (0, 0)),
            ("surface-plot --data with z = ±1e308", ["--data", "checkerboard.csv"], (0, 0)),
            ("surface-plot --data with an x step of 5e-324", ["--data", "subnormal.csv"], (0, 1)),
        ]
        try withScratchFiles([
            "plane.json": Self.linearModel(0.25, 0.25), "checkerboard.csv": checkerboard,
            "subnormal.csv": subnormalStep,
        ]) { directory in
            for c in cases {
                for style in ["surface", "heatmap", "contour"] {
                    let result = try ToolRunner.run(
                        "surface-plot", c.arguments + ["--style", style, "-o", "-"], in: directory)
                    #expect(
                        result.status == 0 && result.standardError.isEmpty,
                        "\(c.name), \(style): \(result.standardError)")
                    let image = try PNGImage(result.output)
                    #expect(image.width == 800 && image.height == 600, "\(c.name), \(style)")
                    guard style == "heatmap", let corners = c.corners else { continue }
                    let block = try #require(image.colormapBlock(.viridis), "\(c.name)")
                    #expect(block.x.count > 100 && block.y.count > 100, "\(c.name): \(block)")
                    let (left, right) = (block.x.lowerBound + 1, block.x.upperBound - 1)
                    let (top, bottom) = (block.y.lowerBound + 1, block.y.upperBound - 1)
                    #expect(
                        image.pixel(left, bottom, is: Colormap.viridis.color(at: corners.0), tolerance: 12), "\(c.name)"
                    )
                    #expect(
                        image.pixel(right, top, is: Colormap.viridis.color(at: corners.1), tolerance: 12), "\(c.name)")
                }
            }
        }
    }

    @Test func decimalCommaChangesTheLabelsWithDecimals() throws {
        // The built-in surface on [-3, 3]: its heights (about −0.2…1.4) are labelled with decimals.
        for style in ["surface", "contour"] {
            let comma = try ToolRunner.run("surface-plot", ["--style", style, "--decimal-comma", "-o", "-"])
            let point = try ToolRunner.run("surface-plot", ["--style", style, "-o", "-"])
            #expect(comma.status == 0 && point.status == 0)
            #expect(comma.output != point.output, "\(style)")
        }
    }
}
