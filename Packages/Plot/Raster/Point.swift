import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point (or vector) in canvas pixel coordinates: x to the right, y downwards.
///
/// Pixel (i, j) covers the unit square [i, i+1) × [j, j+1); its centre is (i + ½, j + ½).
public struct Point: Equatable, Sendable {
    /// The horizontal coordinate, in pixels from the left edge.
    public var x: Double
    /// The vertical coordinate, in pixels from the top edge.
    public var y: Double

    /// A point at (x, y).
    @inlinable public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    /// The origin (0, 0).
    public static let zero = Point(0, 0)

    /// The vector sum.
    @inlinable public static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    /// The vector difference.
    @inlinable public static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    /// The vector scaled by `s`.
    @inlinable public static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }
    /// The negated vector.
    @inlinable public static prefix func - (a: Point) -> Point { Point(-a.x, -a.y) }

    /// The dot product a·b.
    @inlinable public func dot(_ b: Point) -> Double { x * b.x + y * b.y }
    /// The z-component of the cross product, a.x·b.y − a.y·b.x.
    @inlinable public func cross(_ b: Point) -> Double { x * b.y - y * b.x }
    /// The Euclidean length √(x² + y²).
    @inlinable public var length: Double { (x * x + y * y).squareRoot() }
    /// The vector turned a quarter turn, (−y, x).
    @inlinable public var perpendicular: Point { Point(-y, x) }
    /// The unit vector in the same direction, or zero for the zero vector.
    @inlinable public var normalized: Point {
        let l = length
        return l > 0 ? Point(x / l, y / l) : .zero
    }
    /// The vector rotated by `angle` radians (counter-clockwise on screen, where y points down).
    public func rotated(by angle: Double) -> Point {
        let c = cos(angle), s = sin(angle)
        return Point(c * x + s * y, -s * x + c * y)
    }
}

/// An axis-aligned rectangle in canvas pixel coordinates (y downwards).
public struct Rect: Equatable, Sendable {
    /// The left edge.
    public var x: Double
    /// The top edge.
    public var y: Double
    /// The width (non-negative).
    public var width: Double
    /// The height (non-negative).
    public var height: Double

    /// A rectangle with its top-left corner at (x, y).
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The left edge.
    public var minX: Double { x }
    /// The right edge.
    public var maxX: Double { x + width }
    /// The top edge.
    public var minY: Double { y }
    /// The bottom edge.
    public var maxY: Double { y + height }
    /// The centre.
    public var center: Point { Point(x + width / 2, y + height / 2) }

    /// Whether `p` lies inside or on the boundary.
    public func contains(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }

    /// Whether the two rectangles overlap with positive area.
    public func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// The rectangle grown by `d` on every side (shrunk for negative `d`).
    public func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }

    /// The smallest rectangle containing both.
    public func union(_ other: Rect) -> Rect {
        let x0 = min(minX, other.minX), y0 = min(minY, other.minY)
        return Rect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }

    /// The bounding box of a set of points.
    public init(bounding points: [Point]) {
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for p in points {
            x0 = min(x0, p.x)
            y0 = min(y0, p.y)
            x1 = max(x1, p.x)
            y1 = max(y1, p.y)
        }
        self.init(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
