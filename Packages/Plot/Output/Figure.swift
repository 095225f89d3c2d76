/// A figure: a grid of panels (2-D axes or 3-D surface views) rendered to a PNG.
///
/// ```swift
/// let figure = Figure(width: 800, height: 600)
/// let axes = figure.axes()
/// axes.line(epochs, loss, label: "train")
/// axes.yScale = .log
/// try figure.write(to: "loss.png")
/// ```
/// Sizes of text and lines are in points and scale with `dpi`; by default the dpi makes any figure look like
/// matplotlib's default 6.4 × 4.8 inch figure at 100 dpi scaled to the requested pixels. Panels are laid
/// out like matplotlib's `tight_layout`: the plot areas of a column share their left and right edges, those
/// of a row their top and bottom, and the tick labels, axis labels and titles fit between them.
public final class Figure {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int
    /// Pixels per inch: a point is dpi/72 pixels.
    public let dpi: Double
    /// The number of panel rows.
    public let rows: Int
    /// The number of panel columns.
    public let columns: Int
    /// A title above all panels.
    public var title: String?
    /// Where to find DejaVu Sans (nil: `PLOT_FONT_DIR` or the Debian path; see `TextRenderer`).
    public var fontDirectory: String?
    /// The figure's background.
    public var background: Color = .white
    /// How the numbers Plot writes itself look in every panel: tick labels (linear and log axes, 3-D views,
    /// colorbars), the ×10ᵏ multiplier and contour level labels. `.decimalPoint` (`0.5`) by default;
    /// `.decimalComma` (`0,5`) for figures of a Spanish text. Titles, axis labels and legends are drawn as
    /// given.
    public var numberFormat = NumberFormat.decimalPoint

    enum Panel {
        case axes(Axes)
        case surface(SurfaceAxes)
    }

    var panels: [Panel?]

    /// A figure of `width × height` pixels with a `rows × columns` grid of panels.
    /// - Parameters:
    ///   - width: the image width in pixels.
    ///   - height: the image height in pixels.
    ///   - rows: the number of panel rows.
    ///   - columns: the number of panel columns.
    ///   - dpi: pixels per inch (nil: min(width/6.4, height/4.8)).
    /// - Precondition: positive sizes and grid dimensions.
    public init(width: Int = 640, height: Int = 480, rows: Int = 1, columns: Int = 1, dpi: Double? = nil) {
        precondition(width > 0 && height > 0, "Figure: size \(width)×\(height) must be positive")
        precondition(rows > 0 && columns > 0, "Figure: grid \(rows)×\(columns) must be positive")
        self.width = width
        self.height = height
        self.rows = rows
        self.columns = columns
        self.dpi = dpi ?? min(Double(width) / 6.4, Double(height) / 4.8)
        panels = Array(repeating: nil, count: rows * columns)
    }

    /// The 2-D axes in a grid cell, created on first use.
    /// - Precondition: the cell exists and does not hold a surface view.
    public func axes(row: Int = 0, column: Int = 0) -> Axes {
        let index = cell(row, column)
        if case .axes(let axes) = panels[index] { return axes }
        precondition(panels[index] == nil, "Figure.axes: cell (\(row), \(column)) holds a surface view")
        let axes = Axes()
        panels[index] = .axes(axes)
        return axes
    }

    /// The 3-D surface view in a grid cell, created on first use.
    /// - Precondition: the cell exists and does not hold 2-D axes.
    public func surfaceAxes(row: Int = 0, column: Int = 0) -> SurfaceAxes {
        let index = cell(row, column)
        if case .surface(let surface) = panels[index] { return surface }
        precondition(panels[index] == nil, "Figure.surfaceAxes: cell (\(row), \(column)) holds 2-D axes")
        let surface = SurfaceAxes()
        panels[index] = .surface(surface)
        return surface
    }

    private func cell(_ row: Int, _ column: Int) -> Int {
        precondition(
            row >= 0 && row < rows && column >= 0 && column < columns,
            "Figure: cell (\(row), \(column)) is outside the \(rows)×\(columns) grid")
        return row * columns + column
    }

    /// Draws the figure.
    /// - Throws: `PlotError` for data that cannot be drawn (empty, non-finite, non-positive on a log axis),
    ///   naming the series, or when the fonts cannot be loaded.
    public func render() throws -> Canvas {
        for panel in panels {
            switch panel {
            case .axes(let axes): try axes.validate()
            case .surface(let surface): try surface.validate()
            case nil: break
            }
        }
        let text = try TextRenderer(fontDirectory: fontDirectory)
        let units = Units(scale: dpi / 72, numberFormat: numberFormat)
        let canvas = Canvas(width: width, height: height, background: background)
        let placed = layout(units: units, text: text)
        for (index, panel) in panels.enumerated() {
            switch panel {
            case .axes(let axes):
                axes.draw(axes.frame(in: placed[index], units: units), on: canvas, units: units, text: text)
            case .surface(let surface): surface.draw(in: placed[index], on: canvas, units: units, text: text)
            case nil: break
            }
        }
        if let title {
            let pad = units.px(Style.figurePad * Style.fontSize) / 2
            text.draw(
                title, font: units.font(Style.titleSize, .bold), color: Style.textColor,
                at: Point(Double(width) / 2, pad), anchor: .top, on: canvas)
        }
        return canvas
    }

    /// The figure as PNG bytes (RGB: figures are opaque).
    public func pngData() throws -> [UInt8] {
        try render().pngData(format: background.alpha < 1 ? .rgba : .rgb)
    }

    /// Renders the figure and writes it as a PNG file, atomically.
    /// - Throws: `PlotError` from rendering, or `PlotError.cannotWrite` naming `path`; nothing is left behind.
    public func write(to path: String) throws {
        try Canvas.writeFile(try pngData(), to: path)
    }
}
