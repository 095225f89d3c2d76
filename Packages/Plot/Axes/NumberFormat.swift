import NumberFormatting

/// How Plot writes the numbers it prints itself: the tick labels of 2-D axes (linear and logarithmic), the
/// ×10ᵏ multiplier beside an axis, colorbar ticks, the tick labels of 3-D views and contour level labels.
///
/// Titles, axis labels and legend entries are the caller's text and are drawn as given. Set it on the figure
/// (``Figure/numberFormat``, ``CurveFigure/numberFormat``, ``SurfaceFigure/numberFormat``):
///
/// ```swift
/// let figure = Figure(width: 800, height: 600)
/// figure.numberFormat = .decimalComma   // tick labels 0,5 instead of 0.5, for a Spanish report
/// ```
public enum NumberFormat: String, Sendable, CaseIterable {
    /// A point before the decimals, as in English: `0.5`, `−2.25`. The default.
    case decimalPoint
    /// A comma before the decimals, as in Spanish and most European languages: `0,5`, `−2,25`.
    case decimalComma

    /// The character between the integer part and the decimals.
    public var decimalSeparator: Character { self == .decimalPoint ? "." : "," }

    /// `text`, a number as C's `printf` writes it (with a decimal point), in this format.
    func apply(_ text: String) -> String {
        Numbers.marked(text, self == .decimalPoint ? .point : .comma)
    }
}
