import ArgumentParser
import Datasets
import Platform
import Plot
import PlotToolSupport
import ToolSupport

/// `curve-plot`: line plots of columns of CSV files, such as the metrics of `train`, as a PNG.
@main
struct CurvePlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curve-plot",
        abstract: "Draw columns of one or more CSV files as lines against a column (PNG).",
        discussion: """
            Each --y column of each file becomes one curve against the --x column. By default x is the first \
            column and y every other column except 'seconds' (the timing column of train --metrics). Empty \
            fields and 'nan' are missing values: those rows are left out of that curve; so are infinities, with a \
            note, so that the curve of a run that diverged (train writes its loss 'inf') is drawn up to the \
            divergence. A column asked for with --y that \
            has no values is an error; a default column without values (validation_loss when train ran without \
            a validation set) is skipped with a note.

            Curves are named by column for one file (by the --label, or 'label: column', when one is given), by \
            --label for one column of several files, and \
            'label: column' for several of each. Labels default to the file names without directory and \
            extension ('stdin' for '-'); a legend is shown when there are two curves or more. On a logarithmic \
            axis every value must be positive. Any finite values can be drawn (1e-300 to 1e300 on a log axis, \
            ±1e308, subnormal numbers); a curve with more points than the plot has pixel columns is drawn \
            through the extremes of each column, which looks the same and keeps millions of rows fast.

            The output path is checked before anything is read; the PNG is written atomically, so a failed run \
            leaves nothing behind. '-' reads one of the files from standard input, and -o - writes the PNG to \
            standard output.

            Examples:
              train --data d.csv --validation clean.csv --epochs 500 --metrics - \\
                  | curve-plot - --log-y -o loss.png
              curve-plot adam.csv sgd.csv lbfgs.csv --y train_loss --log-y \\
                  --title 'Training loss' -o compare.png
              curve-plot m.csv --x seconds --y train_loss,validation_loss --smooth 10 \\
                  --log-y -o time.png
            """,
        version: toolkitVersion)

    @Argument(help: ArgumentHelp("CSV files with a header row ('-': standard input, at most once).", valueName: "file"))
    var files: [String]

    @Option(
        name: .customLong("x"),
        help: ArgumentHelp("The column along the x axis (default: the first column).", valueName: "name"))
    var xColumn: String?

    @Option(
        name: .customLong("y"),
        help: ArgumentHelp("The columns to draw (default: all but x and seconds).", valueName: "a,b,…"))
    var yColumns: String?

    @Option(
        name: .customLong("label"),
        help: ArgumentHelp(
            "A label per file, in order: repeat the option, or give one comma-separated list.", valueName: "text"))
    var labels: [String] = []

    @Flag(help: "Logarithmic x axis.")
    var logX = false

    @Flag(help: "Logarithmic y axis.")
    var logY = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Replace each value by the mean of the last N values (a trailing moving average).", valueName: "N"))
    var smooth = 1

    @Option(help: "Title over the plot.")
    var title: String?

    @Option(help: ArgumentHelp("Label of the x axis (default: the x column's name).", valueName: "text"))
    var xLabel: String?

    @Option(
        help: ArgumentHelp(
            "Label of the y axis (default: the y column's name, or the part after '_' that all share).",
            valueName: "text"))
    var yLabel: String?

    @Option(
        help: ArgumentHelp(
            "Where the legend goes: \(Self.legendLocations.map(\.name).joined(separator: ", ")) (default: best, or none for one curve).",
            valueName: "place"))
    var legend: String?

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Figure size in pixels, each side 100 to 10000.", valueName: "WxH"))
    var size = FigureSize(width: 800, height: 600)

    @Flag(help: "Decimal commas in the tick labels (0,5 instead of 0.5), for figures of a Spanish text.")
    var decimalComma = false

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("The PNG file to write ('-': standard output).", valueName: "file"))
    var output: String

    /// The names `--legend` accepts.
    static let legendLocations: [(name: String, location: LegendLocation?)] = [
        ("best", .best), ("upper-right", .upperRight), ("upper-left", .upperLeft), ("lower-left", .lowerLeft),
        ("lower-right", .lowerRight), ("outside", .outsideRight), ("none", nil),
    ]

    /// The labels, one per file: the `--label` values, one comma-separated `--label` for several files, or
    /// the files' names.
    var fileLabels: [String] {
        if labels.isEmpty { return files.map(Self.defaultLabel) }
        if labels.count == 1 && files.count > 1 {
            return labels[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return labels
    }

    /// A file's name without directory and extension, `stdin` for `-`.
    static func defaultLabel(_ path: String) -> String {
        guard path != "-" else { return "stdin" }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    /// The y label for these columns: the column's name when there is one; for several, the part after the
    /// last underscore when all share it (`train_loss`, `validation_loss` → `loss`), else none (the legend
    /// names them).
    static func commonName(_ columns: Set<String>) -> String? {
        guard columns.count > 1 else { return columns.first }
        let suffixes = Set(columns.map { $0.split(separator: "_").last.map(String.init) ?? $0 })
        return suffixes.count == 1 && columns.allSatisfy({ $0.contains("_") }) ? suffixes.first : nil
    }

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one CSV file ('-' for standard input)") }
        guard files.filter({ $0 == "-" }).count <= 1 else {
            throw ValidationError("standard input ('-') can be read only once")
        }
        guard fileLabels.count == files.count else {
            throw ValidationError(
                "--label gives \(fileLabels.count) label\(fileLabels.count == 1 ? "" : "s") for \(files.count) file\(files.count == 1 ? "" : "s")"
            )
        }
        if let yColumns, yColumns.split(separator: ",", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw ValidationError("--y must be column names separated by commas, got '\(yColumns)'")
        }
        try size.check()
        guard smooth >= 1 else { throw ValidationError("--smooth must be at least 1 (1: no smoothing), got \(smooth)") }
        if let legend, !Self.legendLocations.contains(where: { $0.name == legend }) {
            throw ValidationError(
                "unknown legend place '\(legend)'; choose one of \(Self.legendLocations.map(\.name).joined(separator: ", "))"
            )
        }
    }

    func run() throws {
        try runReportingErrors(tool: "curve-plot") {
            try OutputFile.validate([("-o", output)], inputs: files.map { ("", $0) })
            try OutputFile.write(output, bytes: try figure().pngData())
        }
    }

    /// The figure the options describe, its files read and checked.
    func figure() throws -> CurveFigure {
        let asked = yColumns.map { $0.split(separator: ",").map(String.init) }
        var curves: [(label: String, column: String, series: CurveFigure.Series)] = []
        var xName = xColumn
        for (file, label) in zip(files, fileLabels) {
            let (name, x, xs, columns) = try read(file, asked: asked)
            xName = xName ?? x
            for (column, ys) in columns {
                var series = CurveFigure.Series(label: column, x: xs, y: ys).removingMissingPoints()
                if series.x.isEmpty {
                    let what = "\(name): column \(column) has no values to draw"
                    guard asked == nil else { throw ToolError(.dataError, what) }
                    StandardError.write("curve-plot: note: \(what); skipped\n")
                    continue
                }
                if smooth > 1 { series = series.movingAverage(window: smooth) }
                curves.append((label, column, series))
            }
        }
        guard !curves.isEmpty else {
            throw ToolError(.dataError, "\(files.map(InputFile.name).joined(separator: ", ")): no values to draw")
        }
        let severalColumns = Set(curves.map(\.column)).count > 1 || curves.count > files.count
        for k in curves.indices {
            let (label, column) = (curves[k].label, curves[k].column)
            curves[k].series.label =
                files.count == 1 && labels.isEmpty ? column : severalColumns ? "\(label): \(column)" : label
        }
        var plot = CurveFigure(series: curves.map(\.series), title: title, width: size.width, height: size.height)
        plot.xLabel = xLabel ?? xName
        plot.yLabel = yLabel ?? Self.commonName(Set(curves.map(\.column)))
        (plot.logX, plot.logY) = (logX, logY)
        plot.numberFormat = decimalComma ? .decimalComma : .decimalPoint
        plot.legend =
            legend.map { name in Self.legendLocations.first { $0.name == name }!.location }
            ?? (curves.count > 1 ? .best : nil)
        return plot
    }

    /// The x column and the columns to draw of one file, read row by row (only those columns are kept).
    /// - Throws: `CSVError` for a malformed file or an unknown column, ``ToolError`` 65 for a file with
    ///   nothing to draw besides x, or a value that a logarithmic axis cannot show, naming its file, line,
    ///   field and value.
    func read(_ file: String, asked: [String]?) throws -> (
        name: String, x: String, xs: [Double], columns: [(name: String, values: [Double])]
    ) {
        let reader = try InputFile.csvReader(file, options: .init(allowsMissing: true, allowsNonFinite: true))
        func index(_ column: String) throws -> Int {
            guard let i = reader.columns.firstIndex(of: column) else {
                throw CSVError(.unknownColumn(column, available: reader.columns), file: reader.name)
            }
            return i
        }
        let x = xColumn ?? reader.columns[0]
        let xIndex = try index(x)
        let names = asked ?? reader.columns.filter { $0 != x && $0 != "seconds" }
        guard !names.isEmpty else { throw ToolError(.dataError, "\(reader.name): no column to draw besides \(x)") }
        let indices = try names.map(index)
        /// A value the log axis `flag` asks for must be positive (NaN is a missing value, left out).
        func check(_ value: Double, field: Int, on flag: String, if log: Bool) throws {
            guard log, value <= 0 else { return }
            throw ToolError(
                .dataError,
                "\(reader.name):\(reader.lineNumber):\(field + 1): \(reader.columns[field]) is \(CSVWriter.format(value)), "
                    + "not positive, and cannot be drawn on a logarithmic axis (\(flag))")
        }
        var row: [Double] = [], xs: [Double] = []
        var ys = [[Double]](repeating: [], count: names.count)
        // Infinities (a diverged loss is written `inf`) are left out like missing values, so the curve is
        // drawn up to them; each column's count and first line are noted.
        var infinite = [(count: Int, line: Int, value: Double)?](repeating: nil, count: reader.columns.count)
        func finite(_ value: Double, field: Int) -> Double {
            guard value.isInfinite else { return value }
            infinite[field] = (
                (infinite[field]?.count ?? 0) + 1, infinite[field]?.line ?? reader.lineNumber,
                infinite[field]?.value ?? value
            )
            return .nan
        }
        while try reader.readRow(into: &row) {
            let xv = finite(row[xIndex], field: xIndex)
            try check(xv, field: xIndex, on: "--log-x", if: logX)
            xs.append(xv)
            for (k, j) in indices.enumerated() {
                let y = finite(row[j], field: j)
                try check(y, field: j, on: "--log-y", if: logY && !xv.isNaN)
                ys[k].append(y)
            }
        }
        if let line = reader.spelledNaN.firstLine {
            let count = reader.spelledNaN.count
            StandardError.write(
                "curve-plot: note: \(reader.name): \(count) field\(count == 1 ? "" : "s") spelled nan (first at line "
                    + "\(line)) read as missing values and left out\n")
        }
        for (field, found) in infinite.enumerated() {
            guard let found else { continue }
            StandardError.write(
                "curve-plot: note: \(reader.name): column \(reader.columns[field]): \(found.count) infinite "
                    + "value\(found.count == 1 ? "" : "s") (first \(CSVWriter.format(found.value)) at line \(found.line)) "
                    + "left out\n")
        }
        return (reader.name, x, xs, Array(zip(names, ys)))
    }
}
