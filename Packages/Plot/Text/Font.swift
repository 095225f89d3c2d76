/// The weight of a font face.
public enum FontWeight: Sendable, Hashable {
    /// DejaVu Sans.
    case regular
    /// DejaVu Sans Bold.
    case bold
}

/// A font request: size in pixels and weight.
public struct Font: Sendable, Hashable {
    /// The em size in pixels (points × dpi / 72).
    public var size: Double
    /// The weight.
    public var weight: FontWeight

    /// A font of `size` pixels.
    public init(size: Double, weight: FontWeight = .regular) {
        self.size = size
        self.weight = weight
    }
}

/// The measured extent of a laid-out string, in pixels, relative to its baseline origin.
///
/// `ascent` and `descent` are those of the line ("l" above, "p" below the baseline, as matplotlib
/// measures a line), raised by superscripts or lowered by subscripts where the text has them, so that
/// labels with different letters line up.
public struct TextExtents: Sendable, Equatable {
    /// The advance width: where the next string would start.
    public var width: Double
    /// The height above the baseline.
    public var ascent: Double
    /// The depth below the baseline (positive).
    public var descent: Double
    /// ascent + descent.
    public var height: Double { ascent + descent }
}

/// Which point of a string's box is placed at the drawing position.
public struct TextAnchor: Sendable, Equatable {
    /// The horizontal reference.
    public enum Horizontal: Sendable { case left, center, right }
    /// The vertical reference.
    public enum Vertical: Sendable {
        /// The top of the line (its ascent).
        case top
        /// Halfway between the top and the bottom of the line.
        case center
        /// Halfway between the baseline and the top: centres digits and capitals.
        case centerBaseline
        /// The baseline.
        case baseline
        /// The bottom of the line (its descent).
        case bottom
    }
    /// The horizontal reference.
    public var horizontal: Horizontal
    /// The vertical reference.
    public var vertical: Vertical

    /// An anchor from its two references.
    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// The top-left corner.
    public static let topLeft = TextAnchor(.left, .top)
    /// The middle of the top edge.
    public static let top = TextAnchor(.center, .top)
    /// The centre.
    public static let center = TextAnchor(.center, .center)
    /// The middle of the bottom edge.
    public static let bottom = TextAnchor(.center, .bottom)
    /// The left end, centred on digits and capitals.
    public static let left = TextAnchor(.left, .centerBaseline)
    /// The right end, centred on digits and capitals.
    public static let right = TextAnchor(.right, .centerBaseline)
}
