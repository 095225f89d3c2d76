import ArgumentParser
import Datasets
import Plot
import PlotToolSupport
import Tensor
import ToolSupport

/// `surface-plot`: a surface z = f(x, y) as a PNG: the assignment's surface, a model, or a CSV grid.
@main
struct SurfacePlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surface-plot",
        abstract: "Draw a surface z = f(x, y) as a 3-D view, a heatmap or filled contours (PNG).",
        discussion: """
            What is drawn: with no --model or --data, the assignment's surface \
            sin(0.8(x²+y²)) / (x²+y²)^0.9 (0 at the origin); with --model, a model JSON with 2 inputs (x, y) \
            and 1 output; with --data, the columns x,y,z of a CSV file whose rows form a complete grid, in any \
            order (surface-data's output, for one). The built-in surface and the model are evaluated on \
            NumPy's linspace(LOW, HIGH, GRID) on both axes, 40 points on [-3, 3] by default, the grid of \
            surface-data.

            --clean adds a residuals panel on a diverging map symmetric about zero: the model minus the clean \
            heights, with the model evaluated at the clean file's points, or --data minus the clean heights on \
            the same grid. The clean file's height column is z_clean when it has one (surface-data --clean), \
            else z. --path draws an optimizer path (columns x,y) over the surface; on a 3-D view it follows the \
            surface's height. --elevation and --azimuth only turn the 3-D view.

            The output path is checked before anything is read; the PNG is written atomically, so a failed \
            run leaves nothing behind. '-' writes the PNG to standard output, and reads an input from standard \
            input (one input at most).

            Examples:
              surface-plot -o surface.png          # the assignment's surface in 3-D
              surface-plot --style contour --colormap cividis --grid 120 -o contour.png
              surface-data --clean > clean.csv
              surface-plot --model model.json --clean clean.csv --style heatmap -o fit.png
              surface-data --noise 0.1 | surface-plot --data - --style heatmap \\
                  --title 'noisy data' -o noisy.png
              surface-plot --data clean.csv --columns x,y,z_clean --path path.csv \\
                  --style contour -o path.png
            """,
        version: toolkitVersion)

    @Option(
        help: ArgumentHelp("Model JSON to draw: 2 inputs (x, y), 1 output ('-': standard input).", valueName: "file"))
    var model: String?

    @Option(help: ArgumentHelp("CSV grid to draw: x,y,z rows in any order ('-': standard input).", valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("The x, y and height columns of --data (default: x,y,z).", valueName: "x,y,z"))
    var columns: String?

    @Option(help: ArgumentHelp("How to draw the surface.", valueName: "style"))
    var style: Choice<SurfaceFigure.Style> = "surface"

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Values per axis for the built-in surface and --model (2 … 1000; default 40).", valueName: "n"))
    var grid: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Interval of both axes for the built-in surface and --model (default -3,3).", valueName: "low,high"))
    var range: AxisRange?

    @Option(
        help: ArgumentHelp("Clean CSV grid: adds a residuals panel (model or --data minus clean).", valueName: "file"))
    var clean: String?

    @Option(
        help: ArgumentHelp(
            "The x, y and height columns of --clean (default: x,y,z_clean if present, else x,y,z).", valueName: "x,y,z")
    )
    var cleanColumns: String?

    @Option(help: ArgumentHelp("Optimizer path to draw over the surface: CSV with columns x,y.", valueName: "file"))
    var path: String?

    @Option(help: "Title over the figure (default: the formula for the built-in surface, none otherwise).")
    var title: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Figure size in pixels, each side 100 to 10000 (default 800x600, 1400x600 with --clean).", valueName: "WxH")
    )
    var size: FigureSize?

    @Option(help: ArgumentHelp("Colormap.", valueName: "name"))
    var colormap: Choice<Colormap> = "viridis"

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Camera elevation of the 3-D view, in degrees.", valueName: "degrees"))
    var elevation = 30.0

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Camera azimuth of the 3-D view, in degrees.", valueName: "degrees")
    )
    var azimuth = -60.0

    @Flag(
        help:
            "Decimal commas in the tick, colorbar and contour labels (0,5 instead of 0.5), for figures of a Spanish text."
    )
    var decimalComma = false

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("The PNG file to write ('-': standard output).", valueName: "file"))
    var output: String

    func validate() throws {
        if model != nil && data != nil { throw ValidationError("give --model or --data, not both") }
        try size?.check()
        _ = try style.resolved("style")
        _ = try colormap.resolved("colormap")
        if data != nil && (grid != nil || range != nil) {
            throw ValidationError(
                "--grid and --range apply to the built-in surface and --model; a --data grid has its own points")
        }
        if let grid, !(2...1000).contains(grid) {
            throw ValidationError("--grid must be from 2 to 1000 (values per axis), got \(grid)")
        }
        if let range, range.low >= range.high {
            throw ValidationError("--range must be low,high with low < high, got \(range)")
        }
        if columns != nil && data == nil { throw ValidationError("--columns applies to --data") }
        if clean != nil && model == nil && data == nil {
            throw ValidationError("--clean needs --model or --data to compare with it")
        }
        if cleanColumns != nil && clean == nil { throw ValidationError("--clean-columns applies to --clean") }
        for (text, option) in [(columns, "--columns"), (cleanColumns, "--clean-columns")] {
            if let text, Self.names(text).count != 3 || Self.names(text).contains("") {
                throw ValidationError("\(option) must name three columns x,y,z, got '\(text)'")
            }
        }
        guard elevation.isFinite && azimuth.isFinite else {
            throw ValidationError("--elevation and --azimuth must be finite")
        }
        if [model, data, clean, path].filter({ $0 == "-" }).count > 1 {
            throw ValidationError("only one input can come from standard input")
        }
    }

    /// The names of a `--columns`-style option.
    static func names(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    func run() throws {
        try runReportingErrors(tool: "surface-plot") {
            try OutputFile.validate(
                [("-o", output)], inputs: [("--model", model), ("--data", data), ("--clean", clean), ("--path", path)])
            try OutputFile.write(output, bytes: try figure().pngData())
        }
    }

    /// The figure the options describe, its inputs read and checked.
    func figure() throws -> SurfaceFigure {
        let range = self.range ?? AxisRange(low: -3, high: 3)
        let axis = Tensor.linspace(range.low, range.high, count: grid ?? 40).scalars
        let cleanField = try clean.map { path in
            try SurfaceInputs.grid(path) { header in
                cleanColumns.map(Self.names) ?? ["x", "y", header.contains("z_clean") ? "z_clean" : "z"]
            }.field
        }
        var plot: SurfaceFigure
        if let model {
            let network = try SurfaceInputs.network(model)
            let name = InputFile.name(model)
            plot = SurfaceFigure(field: try SurfaceInputs.field(of: network, x: axis, y: axis, name: name))
            if let cleanField {
                let prediction = try SurfaceInputs.field(of: network, x: cleanField.x, y: cleanField.y, name: name)
                plot.residuals = try prediction.residuals(against: cleanField)
            }
            plot.zLabel = "prediction"
        } else if let data {
            let (field, names) = try SurfaceInputs.grid(data) { _ in columns.map(Self.names) ?? ["x", "y", "z"] }
            plot = SurfaceFigure(field: field)
            if let cleanField {
                do {
                    plot.residuals = try field.residuals(against: cleanField)
                } catch let error as PlotError {
                    throw ToolError(.dataError, "\(InputFile.name(data)) and \(InputFile.name(clean!)): \(error)")
                }
            }
            (plot.xLabel, plot.yLabel, plot.zLabel) = (names[0], names[1], names[2])
        } else {
            let field = ScalarField(x: axis, y: axis, SurfaceData.height)
            if let p = field.values.firstIndex(where: { !$0.isFinite }) {
                let (x, y) = (axis[p % axis.count], axis[p / axis.count])
                throw ToolError(
                    .usage,
                    "--range \(range): the built-in surface is not a finite number at (x, y) = "
                        + "(\(CSVWriter.format(x)), \(CSVWriter.format(y))), where x² + y² overflows; "
                        + "keep the range within ±9.4e153")
            }
            plot = SurfaceFigure(field: field)
            plot.title = "z = sin(0.8(x² + y²)) / (x² + y²)$^{0.9}$"
        }
        plot.style = try style.resolved("style")
        plot.colormap = try colormap.resolved("colormap")
        if let title { plot.title = title.isEmpty ? nil : title }
        if let size { (plot.width, plot.height) = (size.width, size.height) }
        (plot.elevation, plot.azimuth) = (elevation, azimuth)
        plot.numberFormat = decimalComma ? .decimalComma : .decimalPoint
        if let path { plot.path = try SurfaceInputs.path(path) }
        return plot
    }
}
