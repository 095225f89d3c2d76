/// A ready-made figure of a surface z = f(x, y), the figure of `surface-plot`: a 3-D view, a heatmap or
/// filled contours, with an optional optimizer path over it and an optional residuals panel beside it.
///
/// ```swift
/// var plot = SurfaceFigure(field: prediction)
/// plot.residuals = try prediction.residuals(against: clean)
/// plot.title = "Net3L(60, 30, 20)"
/// try plot.write(to: "surface.png")
/// ```
public struct SurfaceFigure {
    /// How the surface is drawn.
    public enum Style: String, CaseIterable, Sendable {
        /// A shaded 3-D view from `elevation` and `azimuth`.
        case surface
        /// A colour image seen from above.
        case heatmap
        /// Filled contours with labelled contour lines.
        case contour
    }

    /// The surface.
    public var field: ScalarField
    /// How it is drawn.
    public var style: Style
    /// Residuals to show in a second panel (a diverging map with limits symmetric about zero), or nil.
    public var residuals: ScalarField?
    /// An optimizer path (x, y) drawn over the surface (on a 3-D view it follows the surface's height).
    public var path: (x: [Double], y: [Double])?
    /// The title over the figure.
    public var title: String?
    /// The colormap of the surface.
    public var colormap: Colormap = .viridis
    /// The size in pixels (nil: 800 × 600, or 1400 × 600 with a residuals panel).
    public var width: Int?, height: Int?
    /// The axis labels.
    public var xLabel = "x", yLabel = "y", zLabel = "z"
    /// The 3-D view's camera elevation and azimuth, in degrees.
    public var elevation = 30.0, azimuth = -60.0
    /// Where to find the fonts (nil: the default, see `TextRenderer`).
    public var fontDirectory: String?
    /// The decimal separator of the tick, colorbar and contour labels (see ``Figure/numberFormat``):
    /// `.decimalPoint` by default.
    public var numberFormat = NumberFormat.decimalPoint

    /// A figure of `field` drawn as `style`.
    public init(field: ScalarField, style: Style = .surface) {
        self.field = field
        self.style = style
    }

    /// The figure, for further changes before rendering.
    public func figure() -> Figure {
        let columns = residuals == nil ? 1 : 2
        let figure = Figure(width: width ?? (columns == 1 ? 800 : 1400), height: height ?? 600, columns: columns)
        figure.fontDirectory = fontDirectory
        figure.numberFormat = numberFormat
        figure.title = title
        switch style {
        case .surface:
            let view = figure.surfaceAxes()
            view.surface(field, colormap: colormap)
            view.colorbar(label: zLabel)
            (view.xLabel, view.yLabel, view.zLabel) = (xLabel, yLabel, zLabel)
            (view.elevation, view.azimuth) = (elevation, azimuth)
            if let path {
                view.path(path.x, path.y, zip(path.x, path.y).map { field.value(atX: $0, y: $1) })
            }
        case .heatmap, .contour:
            let axes = figure.axes()
            if style == .heatmap {
                axes.heatmap(field, colormap: colormap, interpolation: .bilinear)
            } else {
                axes.filledContour(field, count: 10, colormap: colormap)
                axes.contour(field, count: 10, color: Color(gray: 0.15, alpha: 0.6), width: 0.6, labels: true)
            }
            axes.colorbar(label: zLabel)
            if let path { axes.trajectory(path.x, path.y, color: Color(hex: 0xd62728)) }
            (axes.xLabel, axes.yLabel, axes.equalAspect) = (xLabel, yLabel, true)
        }
        if let residuals {
            let axes = figure.axes(row: 0, column: 1)
            let largest = residuals.values.lazy.filter(\.isFinite).map(abs).max() ?? 0
            let limit = largest > 0 ? largest : 1
            axes.heatmap(residuals, colormap: .rdbu, range: (-limit, limit), interpolation: .bilinear)
            axes.colorbar(label: "residual")
            (axes.title, axes.xLabel, axes.yLabel, axes.equalAspect) = ("residuals", xLabel, yLabel, true)
        }
        return figure
    }

    /// The PNG bytes.
    /// - Throws: `PlotError` for non-finite values, naming the layer.
    public func pngData() throws -> [UInt8] { try figure().pngData() }

    /// Writes the PNG atomically.
    /// - Throws: as `pngData`, or `PlotError.cannotWrite` naming the path (nothing is left behind).
    public func write(to path: String) throws { try figure().write(to: path) }
}
