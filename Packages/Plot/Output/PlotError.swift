/// Errors from drawing, encoding and writing figures; each message names what failed and where.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// A series or field has no points.
    case emptyData(String)
    /// A value is NaN or infinite: what holds it, and the index of the first one.
    case nonFiniteData(String, index: Int)
    /// Scattered points that do not form a complete rectangular grid.
    case notAGrid(String)
    /// A value is zero or negative on a logarithmic axis: what holds it, and its index.
    case nonPositiveOnLogAxis(String, index: Int)
    /// A font file could not be found or opened.
    case fontUnavailable(path: String, reason: String)
    /// libpng refused to encode the image.
    case encodingFailed(String)
    /// The output file could not be written; nothing was left behind.
    case cannotWrite(path: String, reason: String)

    /// A one-line message for the user.
    public var description: String {
        switch self {
        case .emptyData(let what): "\(what): no data to plot"
        case .nonFiniteData(let what, let index): "\(what): value \(index) is not a finite number"
        case .nonPositiveOnLogAxis(let what, let index):
            "\(what): value \(index) is not positive and cannot be shown on a logarithmic axis"
        case .notAGrid(let reason): "not a complete x, y grid: \(reason)"
        case .fontUnavailable(let path, let reason): "\(path): cannot load font (\(reason))"
        case .encodingFailed(let reason): "PNG encoding failed: \(reason)"
        case .cannotWrite(let path, let reason): "\(path): cannot write (\(reason))"
        }
    }
}
