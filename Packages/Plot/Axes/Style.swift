/// The look of figures, in points (1/72 inch), after matplotlib's default style ("classic" is not used):
/// DejaVu Sans 10 pt text and 12 pt titles, 0.8 pt spines, 3.5 pt outward ticks, 1.5 pt lines, 6 pt markers,
/// the tab10 colour cycle, a light translucent legend frame, 5% data margins.
enum Style {
    static let fontSize = 10.0
    static let titleSize = 12.0
    static let spineWidth = 0.8
    static let majorTickLength = 3.5
    static let minorTickLength = 2.0
    static let majorTickWidth = 0.8
    static let minorTickWidth = 0.6
    static let tickPad = 3.5
    static let labelPad = 4.0
    static let titlePad = 6.0
    static let lineWidth = 1.5
    static let markerSize = 6.0
    static let markerEdgeWidth = 1.0
    static let gridWidth = 0.8
    static let gridColor = Color(hex: 0xb0b0b0)
    static let textColor = Color.black
    static let margin = 0.05
    /// Padding around the figure and between panels, in font sizes (matplotlib's tight_layout pad).
    static let figurePad = 1.08

    // Legend, in font sizes except where noted.
    static let legendBorderPad = 0.4
    static let legendLabelSpacing = 0.5
    static let legendHandleLength = 2.0
    static let legendHandleTextPad = 0.8
    static let legendBorderAxesPad = 0.5
    static let legendFrameAlpha = 0.8
    static let legendEdgeColor = Color(gray: 0.8)

    // Colorbar, in points.
    static let colorbarPad = 12.0
    static let colorbarWidth = 13.0

    // 3-D panes and grid.
    static let paneColor = Color(gray: 0.95, alpha: 0.5)
    static let grid3DColor = Color(gray: 0.85)
}

/// Conversions between points and pixels for one figure, and how it writes numbers.
struct Units {
    /// Pixels per point: dpi / 72.
    let scale: Double
    /// The decimal separator of tick and contour labels.
    var numberFormat = NumberFormat.decimalPoint
    /// A length in points, in pixels.
    @inline(__always) func px(_ points: Double) -> Double { points * scale }
    /// The font of a size in points.
    func font(_ points: Double, _ weight: FontWeight = .regular) -> Font { Font(size: points * scale, weight: weight) }
}
