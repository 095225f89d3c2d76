import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a stroked path into a fillable one.
///
/// Every segment becomes a rectangle of the line width; every corner gets the join's piece (miter quad,
/// bevel triangle or disc sector) on its outer side; open ends get their caps. All pieces are emitted with
/// the same orientation, so filling the union with the non-zero rule draws the stroke: overlaps have winding
/// number 2 and still count once. Dash patterns first cut each contour into dashes, each stroked with caps.
enum Stroker {
    static func outline(of path: Path, style: StrokeStyle) -> Path {
        var out = Path()
        let hw = style.width / 2
        let dash = style.dash.allSatisfy({ $0 >= 0 }) && style.dash.reduce(0, +) > 0 ? style.dash : []
        for contour in path.contours {
            var points = [Point]()
            points.reserveCapacity(contour.end - contour.start)
            for p in path.points[contour.start..<contour.end] where p.x.isFinite && p.y.isFinite {
                if let last = points.last, (p - last).length < 1e-9 { continue }
                points.append(p)
            }
            if dash.isEmpty {
                strokePolyline(points, closed: contour.closed, hw: hw, style: style, into: &out)
            } else {
                if contour.closed, let first = points.first { points.append(first) }
                for piece in dashes(of: points, pattern: dash, phase: style.dashPhase) {
                    strokePolyline(piece, closed: false, hw: hw, style: style, into: &out)
                }
            }
        }
        return out
    }

    /// Cuts a polyline into its "on" pieces under a dash pattern.
    static func dashes(of points: [Point], pattern: [Double], phase: Double) -> [[Point]] {
        let period = pattern.reduce(0, +)
        var index = 0
        var remaining = pattern[0]
        var offset = phase.truncatingRemainder(dividingBy: period)
        if offset < 0 { offset += period }
        while offset > 0 {
            if offset >= remaining {
                offset -= remaining
                index = (index + 1) % pattern.count
                remaining = pattern[index]
            } else {
                remaining -= offset
                offset = 0
            }
        }
        var pieces: [[Point]] = []
        var current: [Point] = index % 2 == 0 && !points.isEmpty ? [points[0]] : []
        for k in 1..<max(1, points.count) {
            var a = points[k - 1]
            let b = points[k]
            var length = (b - a).length
            while length > 0 {
                let step = min(remaining, length)
                let p = a + (b - a) * (step / length)
                if index % 2 == 0 { current.append(p) }
                remaining -= step
                length -= step
                a = p
                if remaining <= 1e-12 {
                    if index % 2 == 0 {
                        if current.count >= 2 { pieces.append(current) }
                        current = []
                    } else {
                        current = [a]
                    }
                    index = (index + 1) % pattern.count
                    remaining = pattern[index]
                }
            }
        }
        if current.count >= 2 { pieces.append(current) }
        return pieces
    }

    private static func strokePolyline(_ p: [Point], closed: Bool, hw: Double, style: StrokeStyle, into out: inout Path)
    {
        guard let first = p.first else { return }
        if p.count == 1 {
            switch style.cap {
            case .round: out.append(.circle(center: first, radius: hw))
            case .square:
                add(
                    [first + Point(-hw, -hw), first + Point(hw, -hw), first + Point(hw, hw), first + Point(-hw, hw)],
                    &out)
            case .butt: break
            }
            return
        }
        let n = p.count
        let segments = closed ? n : n - 1
        for i in 0..<segments {
            let a = p[i], b = p[(i + 1) % n]
            let normal = (b - a).normalized.perpendicular * hw
            add([a + normal, b + normal, b - normal, a - normal], &out)
        }
        let corners = closed ? 0..<n : 1..<(n - 1)
        for i in corners {
            let previous = p[(i + n - 1) % n], vertex = p[i], next = p[(i + 1) % n]
            join(vertex, (vertex - previous).normalized, (next - vertex).normalized, hw, style, &out)
        }
        if !closed {
            cap(p[n - 1], (p[n - 1] - p[n - 2]).normalized, hw, style.cap, &out)
            cap(p[0], (p[0] - p[1]).normalized, hw, style.cap, &out)
        }
    }

    /// The outer-side piece at a corner where direction `d0` turns into `d1`.
    private static func join(
        _ v: Point, _ d0: Point, _ d1: Point, _ hw: Double, _ style: StrokeStyle, _ out: inout Path
    ) {
        let turn = d0.cross(d1)
        if abs(turn) < 1e-12 && d0.dot(d1) > 0 { return }
        let side: Double = turn > 0 ? -1 : 1
        let n0 = d0.perpendicular * (hw * side), n1 = d1.perpendicular * (hw * side)
        switch style.join {
        case .bevel:
            add([v, v + n0, v + n1], &out)
        case .miter:
            let cosine = d0.dot(d1)
            let ratio = 1 / max(1e-12, ((1 + cosine) / 2).squareRoot())  // 1 / cos(θ/2)
            if ratio > style.miterLimit {
                add([v, v + n0, v + n1], &out)
            } else {
                add([v, v + n0, v + (n0 + n1) * (1 / (1 + cosine)), v + n1], &out)
            }
        case .round:
            add([v] + arc(from: n0, to: n1, around: v, radius: hw), &out)
        }
    }

    private static func cap(_ e: Point, _ outward: Point, _ hw: Double, _ cap: StrokeStyle.Cap, _ out: inout Path) {
        let n = outward.perpendicular * hw
        switch cap {
        case .butt: break
        case .square: add([e + n, e + n + outward * hw, e - n + outward * hw, e - n], &out)
        case .round:
            let half =
                arc(from: n, to: outward * hw, around: e, radius: hw)
                + arc(from: outward * hw, to: -n, around: e, radius: hw).dropFirst()
            add(half, &out)
        }
    }

    /// Points on the circle around `center` from offset `u` to offset `v` (the shorter way).
    private static func arc(from u: Point, to v: Point, around center: Point, radius: Double) -> [Point] {
        let angle = atan2(u.cross(v), u.dot(v))
        let steps = Path.segmentCount(radius: radius, angle: abs(angle))
        let scale = Path.areaPreservingScale(abs(angle) / Double(steps))
        var points = [Point]()
        points.reserveCapacity(steps + 1)
        for k in 0...steps {
            let t = angle * Double(k) / Double(steps), c = cos(t) * scale, s = sin(t) * scale
            points.append(center + Point(u.x * c - u.y * s, u.x * s + u.y * c))
        }
        return points
    }

    /// Adds a polygon with the orientation every piece shares (positive shoelace sum).
    private static func add(_ polygon: [Point], _ out: inout Path) {
        var area = 0.0
        for i in 0..<polygon.count { area += polygon[i].cross(polygon[(i + 1) % polygon.count]) }
        if area > 0 { out.addPolygon(polygon) } else if area < 0 { out.addPolygon(polygon.reversed()) }
    }
}
