/// A ready-made line plot of several series, the figure of `curve-plot` (training curves and the like).
///
/// ```swift
/// var plot = CurveFigure(xLabel: "epoch", yLabel: "loss")
/// plot.series.append(.init(label: "train_loss", x: epochs, y: trainLoss))
/// plot.logY = true
/// try plot.write(to: "loss.png")
/// ```
/// Series take the colours of `Color.cycle` in order; more than ten series move the legend outside the
/// plot. Horizontal grid lines help read values off a log axis.
public struct CurveFigure {
    /// One curve: y against x, with its legend label.
    public struct Series {
        /// The legend label.
        public var label: String
        /// The abscissas.
        public var x: [Double]
        /// The ordinates, as many as `x`.
        public var y: [Double]

        /// A series.
        public init(label: String, x: [Double], y: [Double]) {
            self.label = label
            self.x = x
            self.y = y
        }
    }

    /// The curves, drawn in order.
    public var series: [Series]
    /// The title.
    public var title: String?
    /// The x axis label.
    public var xLabel: String?
    /// The y axis label.
    public var yLabel: String?
    /// Whether the x axis is logarithmic.
    public var logX = false
    /// Whether the y axis is logarithmic.
    public var logY = false
    /// The size in pixels.
    public var width: Int, height: Int
    /// Where the legend goes (nil: no legend).
    public var legend: LegendLocation? = .best
    /// Where to find the fonts (nil: the default, see `TextRenderer`).
    public var fontDirectory: String?
    /// The decimal separator of the tick labels (see ``Figure/numberFormat``): `.decimalPoint` by default.
    public var numberFormat = NumberFormat.decimalPoint

    /// A figure of curves.
    public init(
        series: [Series] = [], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        width: Int = 800, height: Int = 600
    ) {
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// The figure, for further changes before rendering.
    public func figure() -> Figure {
        let figure = Figure(width: width, height: height)
        figure.fontDirectory = fontDirectory
        figure.numberFormat = numberFormat
        let axes = figure.axes()
        for s in series { axes.line(s.x, s.y, label: s.label) }
        axes.title = title
        axes.xLabel = xLabel
        axes.yLabel = yLabel
        axes.xScale = logX ? .log : .linear
        axes.yScale = logY ? .log : .linear
        axes.grid = .both
        axes.legendLocation = series.count > 10 && legend != nil ? .outsideRight : legend
        return figure
    }

    /// The PNG bytes.
    /// - Throws: `PlotError` for empty, non-finite or (on log axes) non-positive data, naming the series.
    public func pngData() throws -> [UInt8] { try figure().pngData() }

    /// Writes the PNG atomically.
    /// - Throws: as `pngData`, or `PlotError.cannotWrite` naming the path (nothing is left behind).
    public func write(to path: String) throws { try figure().write(to: path) }
}
