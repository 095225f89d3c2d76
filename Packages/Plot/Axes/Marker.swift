import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The symbol drawn at each data point.
public enum Marker: Sendable, Equatable {
    /// No symbol.
    case none
    /// A filled disc ("o").
    case circle
    /// A filled square ("s").
    case square
    /// A filled upward triangle ("^").
    case triangle
    /// A filled diamond ("D").
    case diamond
    /// A five-pointed star ("*").
    case star
    /// A plus sign, stroked ("+").
    case plus
    /// A diagonal cross, stroked ("x").
    case cross

    /// Whether the marker is drawn by stroking lines rather than filling a shape.
    var isStroked: Bool { self == .plus || self == .cross }

    /// The marker's outline centred on `c` for a marker `size` pixels across.
    func path(at c: Point, size: Double) -> Path {
        let r = size / 2
        switch self {
        case .none: return Path()
        case .circle: return .circle(center: c, radius: r)
        case .square: return .rectangle(Rect(x: c.x - r, y: c.y - r, width: size, height: size))
        case .triangle: return .polygon([Point(c.x, c.y - r), Point(c.x + r, c.y + r), Point(c.x - r, c.y + r)])
        case .diamond:
            let w = r * 0.75
            return .polygon([Point(c.x, c.y - r), Point(c.x + w, c.y), Point(c.x, c.y + r), Point(c.x - w, c.y)])
        case .star:
            var points: [Point] = []
            for k in 0..<10 {
                let a = Double.pi / 2 + Double(k) * Double.pi / 5
                let radius = k % 2 == 0 ? r : r * 0.381966
                points.append(Point(c.x + radius * cos(a), c.y - radius * sin(a)))
            }
            return .polygon(points)
        case .plus:
            var path = Path.polyline([Point(c.x - r, c.y), Point(c.x + r, c.y)])
            path.append(.polyline([Point(c.x, c.y - r), Point(c.x, c.y + r)]))
            return path
        case .cross:
            let d = r * 0.7071
            var path = Path.polyline([Point(c.x - d, c.y - d), Point(c.x + d, c.y + d)])
            path.append(.polyline([Point(c.x - d, c.y + d), Point(c.x + d, c.y - d)]))
            return path
        }
    }

    /// Draws the marker at every point: filled with `fill`, edged with `edge` (`edgeWidth` pixels).
    func draw(at points: [Point], size: Double, fill: Color, edge: Color, edgeWidth: Double, on canvas: Canvas) {
        guard self != .none, !points.isEmpty else { return }
        var shapes = Path()
        for p in points { shapes.append(path(at: p, size: size)) }
        if isStroked {
            canvas.stroke(shapes, color: edge, style: StrokeStyle(width: max(edgeWidth, size / 6)))
        } else if edgeWidth <= 0 {
            canvas.fill(shapes, color: fill)
        } else if edge == fill {
            // One fill of shape ∪ edge, so a translucent marker is not blended twice along its edge.
            var union = shapes.orientedPositively()
            union.append(Stroker.outline(of: shapes, style: StrokeStyle(width: edgeWidth, join: .miter)))
            canvas.fill(union, color: fill)
        } else {
            canvas.fill(shapes, color: fill)
            canvas.stroke(shapes, color: edge, style: StrokeStyle(width: edgeWidth, join: .miter))
        }
    }
}
