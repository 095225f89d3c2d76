/// A 3-D view of a surface z = f(x, y): shaded, colormapped quads drawn far to near inside a box with
/// grey back panes, grid lines, ticks and axis labels, like matplotlib's `plot_surface`.
///
/// Create it with `Figure.surfaceAxes(row:column:)`, give it a field with `surface(_:)`, optionally
/// 3-D paths with `path(_:_:_:)`, and set the view with `elevation` and `azimuth`.
public final class SurfaceAxes {
    /// The title above the view.
    public var title: String?
    /// The x axis label.
    public var xLabel: String?
    /// The y axis label.
    public var yLabel: String?
    /// The z axis label.
    public var zLabel: String?
    /// The camera's height above the x–y plane, in degrees (matplotlib's default: 30).
    public var elevation = 30.0
    /// The camera's direction in the x–y plane, in degrees from +x towards +y (matplotlib's default: −60).
    public var azimuth = -60.0
    /// Fixed z limits, or nil for the data's range.
    public var zLimits: (Double, Double)?
    /// How strongly faces turned from the light are darkened: 0 shows the colormap's colours unchanged.
    public var lighting = 0.35
    /// A colour for the quads' edges (a wireframe over the colours), or nil for none.
    public var edgeColor: Color?
    /// The edge width in points.
    public var edgeWidth = 0.3

    var field: ScalarField?
    var colormap = Colormap.viridis
    var range: (Double, Double)?
    var paths: [(x: [Double], y: [Double], z: [Double], color: Color, width: Double)] = []
    var colorbar: ColorbarRequest?

    init() {}

    /// Sets the surface to draw.
    /// - Parameters:
    ///   - field: the heights z = f(x, y) on their grid (it replaces any surface set before).
    ///   - colormap: the colours of the z values.
    ///   - range: the z values at the colormap's ends (nil: the field's range).
    public func surface(_ field: ScalarField, colormap: Colormap = .viridis, range: (Double, Double)? = nil) {
        self.field = field
        self.colormap = colormap
        self.range = range
    }

    /// Adds a 3-D polyline (for example an optimizer's path on the surface), drawn over the surface.
    public func path(_ x: [Double], _ y: [Double], _ z: [Double], color: Color = Color.cycle[3], width: Double = 1.5) {
        precondition(x.count == y.count && y.count == z.count, "SurfaceAxes.path: x, y and z differ in length")
        paths.append((x, y, z, color, width))
    }

    /// Adds a colorbar for the surface's colours beside the view.
    public func colorbar(label: String? = nil) {
        colorbar = ColorbarRequest(label: label)
    }

    func validate() throws {
        if let field {
            try field.validate("surface")
            try validateValues(field.x, "surface x", scale: .linear)
            try validateValues(field.y, "surface y", scale: .linear)
        }
        for (k, path) in paths.enumerated() {
            for (values, axis) in [(path.x, "x"), (path.y, "y"), (path.z, "z")] {
                try validateValues(values, "3-D path \(k + 1) \(axis)", scale: .linear)
            }
        }
    }

    /// The x, y and z limits: the field's grid and values, widened to include the paths.
    func limits() -> (x: (Double, Double), y: (Double, Double), z: (Double, Double)) {
        var xs: [Double] = [], ys: [Double] = [], zs: [Double] = []
        if let field {
            xs += [field.x[0], field.x[field.x.count - 1]]
            ys += [field.y[0], field.y[field.y.count - 1]]
            let r = field.valueRange
            zs += [r.min, r.max]
        }
        for p in paths {
            xs += p.x
            ys += p.y
            zs += p.z
        }
        func span(_ v: [Double]) -> (Double, Double) {
            guard let r = DataExtent.bounds(v) else { return (0, 1) }
            return r.1 > r.0 ? r : Axes.separated(r.0 - 0.5, r.1 + 0.5, .linear)
        }
        return (span(xs), span(ys), zLimits ?? span(zs))
    }

    /// The values at the colormap's ends.
    var colorRange: (Double, Double) { range ?? field.map { ($0.valueRange.min, $0.valueRange.max) } ?? (0, 1) }
}
