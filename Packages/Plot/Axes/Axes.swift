/// One 2-D plot in a figure: scales, limits, labels, and the series drawn in it.
///
/// Create it with `Figure.axes(row:column:)`, add series (`line`, `scatter`, `bar`, `errorBars`, `band`,
/// `heatmap`, `contour`, `trajectory`, …) and set its labels; nothing is drawn until the figure renders.
/// Series without a colour take the next colour of `Color.cycle`. Limits default to the data with 5%
/// margins (none past the base of bars or the edges of heatmaps and contours), as in matplotlib.
public final class Axes {
    /// The title above the plot.
    public var title: String?
    /// The label under the x axis.
    public var xLabel: String?
    /// The label left of the y axis (drawn rotated).
    public var yLabel: String?
    /// The x axis scale.
    public var xScale: AxisScale = .linear
    /// The y axis scale.
    public var yScale: AxisScale = .linear
    /// Fixed x limits (low, high), or nil to fit the data.
    public var xLimits: (Double, Double)?
    /// Fixed y limits (low, high), or nil to fit the data.
    public var yLimits: (Double, Double)?
    /// Which grid lines to draw at the major ticks (none by default, as in matplotlib).
    public var grid: GridLines = []
    /// Where the legend goes, or nil for no legend. It is drawn when some series has a label.
    public var legendLocation: LegendLocation? = .best
    /// Whether the plot area keeps one data unit as long on x as on y (for maps of a 2-D function), unless
    /// the spans are so unequal (about 50 : 1 or more) that a side would get under 2% of its room: the plot
    /// area then fills the room.
    public var equalAspect = false
    /// Whether a dense line (more than 16 points per pixel column of the plot area) is drawn through the
    /// extremes of each quarter pixel column only (see `Path.decimatedPolyline`), which looks the same and
    /// takes a fraction of the time and memory; on by default, as matplotlib's `path.simplify`. The legend
    /// then avoids the thinned line.
    public var simplifiesDenseLines = true
    /// Explicit x ticks (positions and labels), replacing the automatic ones (e.g. bar categories).
    public var xTicks: (positions: [Double], labels: [String])?
    /// The plot area in canvas pixels at the last render (nil before the first), for placing annotations
    /// or checking where data landed.
    public internal(set) var plotArea: Rect?
    /// The colorbar, if requested with `colorbar(label:)`.
    var colorbar: ColorbarRequest?

    var items: [any PlotItem] = []
    private var colorIndex = 0

    init() {}

    /// The next colour of the cycle.
    /// The next colour of the colour cycle, as a series drawn now without a colour would get it (to draw a
    /// band and its line in one colour).
    public func nextColor() -> Color { cycleColor() }

    func cycleColor() -> Color {
        defer { colorIndex += 1 }
        return Color.cycle[colorIndex % Color.cycle.count]
    }

    func add(_ item: any PlotItem) { items.append(item) }

    /// Adds a colorbar beside the plot for the most recent heatmap or filled contour.
    /// - Parameter label: the text along the colorbar (drawn rotated).
    public func colorbar(label: String? = nil) {
        colorbar = ColorbarRequest(label: label)
    }

    /// A short name of item `index` for error messages: its label, or its kind and position.
    func name(of index: Int) -> String {
        if let label = items[index].label { return "\(items[index].kind) \"\(label)\"" }
        return "\(items[index].kind) \(index + 1)"
    }
}

/// Where a legend is placed in the plot area.
public enum LegendLocation: Sendable, CaseIterable {
    /// The position covering the fewest data points, tried in the order of the cases below.
    case best
    /// The top-right corner.
    case upperRight
    /// The top-left corner.
    case upperLeft
    /// The bottom-left corner.
    case lowerLeft
    /// The bottom-right corner.
    case lowerRight
    /// The middle of the right side.
    case right
    /// The middle of the left side.
    case centerLeft
    /// The middle of the right side (same place as `right`, as in matplotlib).
    case centerRight
    /// The middle of the bottom.
    case lowerCenter
    /// The middle of the top.
    case upperCenter
    /// The centre.
    case center
    /// Outside the plot area, to the right of it (and of its colorbar), top-aligned; the layout makes room.
    case outsideRight
}

/// Grid lines across the plot area at the major ticks of one or both axes.
public struct GridLines: OptionSet, Sendable {
    /// The option bits.
    public let rawValue: Int
    /// An option set from its bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Vertical lines at the x ticks.
    public static let x = GridLines(rawValue: 1)
    /// Horizontal lines at the y ticks.
    public static let y = GridLines(rawValue: 2)
    /// Lines at the ticks of both axes.
    public static let both: GridLines = [.x, .y]
}

/// A requested colorbar.
struct ColorbarRequest {
    var label: String?
}
