/// How a path is stroked: width, end caps, corner joins and an optional dash pattern (all in pixels).
public struct StrokeStyle: Sendable {
    /// The shape at the two ends of an open contour (and of every dash).
    public enum Cap: Sendable {
        /// Ends flush with the end point.
        case butt
        /// A half disc around the end point.
        case round
        /// A half square beyond the end point.
        case square
    }

    /// The shape at a corner between two segments.
    public enum Join: Sendable {
        /// The outer edges extended until they meet, or a bevel past `miterLimit`.
        case miter
        /// A disc sector around the corner.
        case round
        /// The outer corners joined by a straight line.
        case bevel
    }

    /// The line width.
    public var width: Double
    /// The end caps.
    public var cap: Cap
    /// The corner joins.
    public var join: Join
    /// The largest ratio of miter length to line width before a miter becomes a bevel.
    public var miterLimit: Double
    /// Alternating on/off lengths, starting with "on"; empty for a solid line.
    public var dash: [Double]
    /// How far into the dash pattern the line starts.
    public var dashPhase: Double

    /// A stroke style; the defaults are a solid line with butt caps and round joins.
    public init(
        width: Double, cap: Cap = .butt, join: Join = .round, miterLimit: Double = 4, dash: [Double] = [],
        dashPhase: Double = 0
    ) {
        self.width = width
        self.cap = cap
        self.join = join
        self.miterLimit = miterLimit
        self.dash = dash
        self.dashPhase = dashPhase
    }
}

/// The named dash patterns of a line, in multiples of its width (matplotlib's "scaled dashes").
public enum LineStyle: Sendable, Equatable {
    /// A continuous line.
    case solid
    /// Dashes: 3.7 on, 1.6 off.
    case dashed
    /// Dots: 1 on, 1.65 off.
    case dotted
    /// Dash-dot: 6.4 on, 1.6 off, 1 on, 1.6 off.
    case dashDot
    /// A custom on/off pattern in multiples of the line width.
    case custom([Double])

    /// The on/off pattern in pixels for a line `width` pixels wide (empty for a solid line).
    public func pattern(width: Double) -> [Double] {
        let unit: [Double]
        switch self {
        case .solid: return []
        case .dashed: unit = [3.7, 1.6]
        case .dotted: unit = [1, 1.65]
        case .dashDot: unit = [6.4, 1.6, 1, 1.6]
        case .custom(let p): unit = p
        }
        return unit.map { $0 * max(width, 1) }
    }
}
