/// What every series or layer drawn in 2-D axes provides.
protocol PlotItem {
    /// What the item is, for error messages ("line", "bars", …).
    var kind: String { get }
    /// Drawing order: images (0) below patches (1) below lines and markers (2).
    var layer: Int { get }
    /// The legend label, or nil to leave the item out of the legend.
    var label: String? { get }
    /// How the item looks in the legend.
    var legendHandle: LegendHandle { get }
    /// The data bounds the item needs shown, and edges margins must not cross.
    var extent: DataExtent { get }
    /// A colormap and value range, for items a colorbar can describe.
    var mappable: Mappable? { get }
    /// Checks the data: non-empty, finite, positive on log axes.
    /// - Parameter name: how error messages name the item.
    func validate(name: String, x: AxisScale, y: AxisScale) throws
    /// Draws the item (the canvas is clipped to the plot area).
    func draw(_ context: AxesContext)
    /// Pixel polylines a legend should avoid covering (its vertices and the segments between them).
    func obstacles(_ context: AxesContext) -> [[Point]]
}

extension PlotItem {
    var mappable: Mappable? { nil }
}

/// The data bounds of an item, and "sticky" values margins stop at (the base of bars, the edges of an image).
struct DataExtent {
    var x: (Double, Double)?
    var y: (Double, Double)?
    var stickyX: [Double] = []
    var stickyY: [Double] = []

    /// The bounds of the finite values of `x` and `y`.
    init(x: [Double], y: [Double]) {
        self.x = DataExtent.bounds(x)
        self.y = DataExtent.bounds(y)
    }

    init(x: (Double, Double)?, y: (Double, Double)?, stickyX: [Double] = [], stickyY: [Double] = []) {
        self.x = x
        self.y = y
        self.stickyX = stickyX
        self.stickyY = stickyY
    }

    static func bounds(_ values: [Double]) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return lo <= hi ? (lo, hi) : nil
    }
}

/// A colormap with the values its ends stand for; `boundaries` makes a colorbar discrete (filled contours).
struct Mappable {
    var colormap: Colormap
    var low: Double
    var high: Double
    var boundaries: [Double]? = nil
}

/// How an item is drawn in the legend.
enum LegendHandle {
    /// A line sample, with an optional marker in the middle.
    case line(color: Color, width: Double, style: LineStyle, marker: Marker, markerSize: Double)
    /// A marker alone.
    case marker(Marker, color: Color, size: Double)
    /// A filled rectangle, with an optional line across it (a band around a mean).
    case patch(fill: Color, line: Color?, width: Double)
    /// An error bar: a vertical bar with caps, with the series' marker and (when connected) a line sample.
    case errorBar(color: Color, width: Double, marker: Marker, connect: Bool)
}

/// Everything an item needs to draw itself in an axes.
struct AxesContext {
    let canvas: Canvas
    let text: TextRenderer
    let units: Units
    /// The plot area.
    let rect: Rect
    let x: AxisMap
    let y: AxisMap
    /// Whether dense lines are drawn through `Path.decimatedPolyline` (``Axes/simplifiesDenseLines``).
    var simplifiesLines = true

    /// The pixel position of a data point.
    @inline(__always) func point(_ x: Double, _ y: Double) -> Point { Point(self.x(x), self.y(y)) }

    /// The pixel positions of a series.
    func points(_ xs: [Double], _ ys: [Double]) -> [Point] {
        var out = [Point]()
        out.reserveCapacity(xs.count)
        for i in 0..<min(xs.count, ys.count) { out.append(point(xs[i], ys[i])) }
        return out
    }

    /// The vertices to draw a series' line through: its points, or for a dense series (more than
    /// `AxesContext.denseLine` points per pixel column of the plot area) those `Path.decimatedPolyline`
    /// keeps, computed without holding every point.
    func linePoints(_ xs: [Double], _ ys: [Double]) -> [Point] {
        let count = min(xs.count, ys.count)
        guard simplifiesLines, Double(count) > AxesContext.denseLine * max(1, rect.width) else {
            return points(xs, ys)
        }
        return Path.decimatedPolyline(count: count) { point(xs[$0], ys[$0]) }
    }

    /// How many points per pixel column make a line dense enough to decimate; below it lines are drawn
    /// through every point.
    static let denseLine = 16.0
}

/// Checks one coordinate array of a series.
/// - Throws: `PlotError.emptyData`, `.nonFiniteData` or `.nonPositiveOnLogAxis` naming `what`.
func validateValues(_ values: [Double], _ what: String, scale: AxisScale) throws {
    guard !values.isEmpty else { throw PlotError.emptyData(what) }
    if let i = values.firstIndex(where: { !$0.isFinite }) { throw PlotError.nonFiniteData(what, index: i) }
    if scale == .log, let i = values.firstIndex(where: { $0 <= 0 }) {
        throw PlotError.nonPositiveOnLogAxis(what, index: i)
    }
}
