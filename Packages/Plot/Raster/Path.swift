import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A set of polygonal contours in canvas pixel coordinates, the one shape every primitive becomes.
///
/// Curves are flattened into line segments when they are added, to a tolerance of
/// `Path.flatteningTolerance` pixels (Wang's bound on the segment count), so a path is just points.
/// A contour is filled as if closed; `close()` matters only for stroking.
public struct Path: Sendable {
    /// One contour: the points `start..<end` of `points`, and whether it was closed.
    public struct Contour: Sendable, Equatable {
        /// The index of the first point.
        public var start: Int
        /// One past the index of the last point.
        public var end: Int
        /// Whether the contour was closed with `close()`.
        public var closed: Bool
    }

    /// Every contour's points, one contour after another.
    public private(set) var points: [Point] = []
    /// The contours, in order.
    public private(set) var contours: [Contour] = []

    /// The largest distance, in pixels, between a curve and its flattened polygon.
    public static let flatteningTolerance = 0.05

    /// An empty path.
    public init() {}

    /// Whether the path has no points.
    public var isEmpty: Bool { points.isEmpty }

    /// Starts a new contour at `p`.
    public mutating func move(to p: Point) {
        contours.append(Contour(start: points.count, end: points.count + 1, closed: false))
        points.append(p)
    }

    /// Adds a straight segment from the current point to `p` (starting a contour if there is none).
    public mutating func line(to p: Point) {
        guard !contours.isEmpty, !contours[contours.count - 1].closed else { return move(to: p) }
        points.append(p)
        contours[contours.count - 1].end = points.count
    }

    /// Adds a quadratic Bézier curve from the current point through control point `c` to `p`.
    public mutating func quadCurve(to p: Point, control c: Point) {
        guard let p0 = points.last, !contours.isEmpty else { return move(to: p) }
        let m = (p0 - c * 2 + p).length
        let n = max(1, Int((0.25 * m / Path.flatteningTolerance).squareRoot().rounded(.up)))
        for i in 1...n {
            let t = Double(i) / Double(n), u = 1 - t
            line(to: p0 * (u * u) + c * (2 * u * t) + p * (t * t))
        }
    }

    /// Adds a cubic Bézier curve from the current point with controls `c1`, `c2` to `p`.
    public mutating func curve(to p: Point, control1 c1: Point, control2 c2: Point) {
        guard let p0 = points.last, !contours.isEmpty else { return move(to: p) }
        let m = max((p0 - c1 * 2 + c2).length, (c1 - c2 * 2 + p).length)
        let n = max(1, Int((0.75 * m / Path.flatteningTolerance).squareRoot().rounded(.up)))
        for i in 1...n {
            let t = Double(i) / Double(n), u = 1 - t
            line(to: p0 * (u * u * u) + c1 * (3 * u * u * t) + c2 * (3 * u * t * t) + p * (t * t * t))
        }
    }

    /// Adds a circular arc around `center` from angle `start` to `end` (radians, counter-clockwise on
    /// screen), continuing the current contour (or starting one at the arc's first point).
    ///
    /// The vertices lie on a circle a little larger than `radius`, by √(θ/sin θ) for the segment angle θ, so
    /// that the polygon's sector has the arc's exact area (a filled circle covers πr² pixels).
    public mutating func arc(center: Point, radius: Double, from start: Double, to end: Double) {
        let n = Path.segmentCount(radius: radius, angle: abs(end - start))
        let r = radius * Path.areaPreservingScale(abs(end - start) / Double(n))
        for i in 0...n {
            let a = start + (end - start) * Double(i) / Double(n)
            let p = Point(center.x + r * cos(a), center.y - r * sin(a))
            if i == 0 && (contours.isEmpty || contours[contours.count - 1].closed) { move(to: p) } else { line(to: p) }
        }
    }

    /// Closes the current contour.
    public mutating func close() {
        if !contours.isEmpty { contours[contours.count - 1].closed = true }
    }

    /// Appends every contour of `other`.
    public mutating func append(_ other: Path) {
        let offset = points.count
        points.append(contentsOf: other.points)
        for c in other.contours {
            contours.append(Contour(start: c.start + offset, end: c.end + offset, closed: c.closed))
        }
    }

    /// Appends a closed polygon through `vertices`.
    public mutating func addPolygon(_ vertices: [Point]) {
        guard let first = vertices.first else { return }
        move(to: first)
        for p in vertices.dropFirst() { line(to: p) }
        close()
    }

    /// The path with every point mapped through `transform`.
    public func map(_ transform: (Point) -> Point) -> Path {
        var copy = self
        copy.points = points.map(transform)
        return copy
    }

    /// The path with every contour turned to a positive shoelace sum (the orientation stroke outlines use),
    /// so that unions with them fill without holes under the non-zero rule.
    public func orientedPositively() -> Path {
        var copy = self
        for c in contours {
            var area = 0.0
            for i in c.start..<c.end { area += points[i].cross(points[i + 1 < c.end ? i + 1 : c.start]) }
            if area < 0 { copy.points[c.start..<c.end].reverse() }
        }
        return copy
    }

    /// The bounding box of the points, or nil for an empty path.
    public var bounds: Rect? { points.isEmpty ? nil : Rect(bounding: points) }

    /// √(θ/sin θ): the radius factor giving a polygon of segment angle θ the area of its circle.
    static func areaPreservingScale(_ theta: Double) -> Double {
        theta > 1e-6 ? (theta / sin(theta)).squareRoot() : 1
    }

    /// The number of segments that keep a circular arc within the flattening tolerance:
    /// the sagitta r(1 − cos(θ/2)) of each segment's angle θ must not exceed the tolerance.
    static func segmentCount(radius: Double, angle: Double) -> Int {
        guard radius > Path.flatteningTolerance else { return max(1, Int((angle / (Double.pi / 2)).rounded(.up))) }
        let step = 2 * acos(1 - Path.flatteningTolerance / radius)
        return max(2, min(256, Int((angle / step).rounded(.up))))
    }
}
