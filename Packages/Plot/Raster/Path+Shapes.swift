/// Common closed shapes.
extension Path {
    /// A rectangle (one clockwise-on-screen contour).
    public static func rectangle(_ r: Rect) -> Path {
        var path = Path()
        path.addPolygon([Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)])
        return path
    }

    /// A rectangle with corners rounded to `radius` (clamped to half the shorter side).
    public static func roundedRectangle(_ r: Rect, radius: Double) -> Path {
        let q = min(radius, r.width / 2, r.height / 2)
        guard q > 0 else { return rectangle(r) }
        let h = Double.pi / 2
        var path = Path()
        path.arc(center: Point(r.maxX - q, r.minY + q), radius: q, from: 0, to: h)
        path.arc(center: Point(r.minX + q, r.minY + q), radius: q, from: h, to: 2 * h)
        path.arc(center: Point(r.minX + q, r.maxY - q), radius: q, from: 2 * h, to: 3 * h)
        path.arc(center: Point(r.maxX - q, r.maxY - q), radius: q, from: 3 * h, to: 4 * h)
        path.close()
        return path
    }

    /// A circle, flattened to the path tolerance.
    public static func circle(center: Point, radius: Double) -> Path {
        var path = Path()
        path.arc(center: center, radius: radius, from: 0, to: 2 * Double.pi)
        path.close()
        return path
    }

    /// An open polyline through `points` (for stroking).
    public static func polyline(_ points: [Point]) -> Path {
        var path = Path()
        guard let first = points.first else { return path }
        path.move(to: first)
        for p in points.dropFirst() { path.line(to: p) }
        return path
    }

    /// A closed polygon through `vertices`.
    public static func polygon(_ vertices: [Point]) -> Path {
        var path = Path()
        path.addPolygon(vertices)
        return path
    }
}
