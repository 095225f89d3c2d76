/// The surface itself: quads in depth order.
extension SurfaceAxes {
    /// Draws every grid cell as a quad, far to near (painter's algorithm), coloured by the mean z of its
    /// corners and darkened by `lighting` according to the angle between its normal (turned towards the
    /// camera) and a light above-left of the camera. Each quad is grown by half a pixel so neighbours
    /// overlap and no background shows through their shared antialiased edges.
    /// - Complexity: O(n log n) for n quads, plus their pixels.
    func drawSurface(_ p: Projection, on canvas: Canvas, units: Units) {
        guard let field else { return }
        let nx = field.x.count, ny = field.y.count
        var box = [Vector3](), pixels = [Point](), depth = [Double]()
        box.reserveCapacity(nx * ny)
        for j in 0..<ny {
            for i in 0..<nx {
                let b = p.box(field.x[i], field.y[j], field[i, j])
                box.append(b)
                pixels.append(p.pixel(b))
                depth.append(p.depth(b))
            }
        }
        let light = (p.right * -0.4 + p.up * 0.6 + p.toCamera * 0.7).normalized
        let range = ScaledInterval(colorRange.0, colorRange.1)
        let scale = range.reciprocalWidth
        var quads: [(depth: Double, index: Int)] = []
        quads.reserveCapacity((nx - 1) * (ny - 1))
        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                let k = j * nx + i
                quads.append(((depth[k] + depth[k + 1] + depth[k + nx] + depth[k + nx + 1]) / 4, k))
            }
        }
        quads.sort { $0.depth < $1.depth }
        let grow = 0.5
        let edge = edgeColor.map { ($0, StrokeStyle(width: units.px(edgeWidth), join: .miter)) }
        for (_, k) in quads {
            let corners = [pixels[k], pixels[k + 1], pixels[k + nx + 1], pixels[k + nx]]
            // The mean of the corners, as a sum of quarters (equal to the sum over 4, without overflowing).
            let z =
                field.values[k] / 4 + field.values[k + 1] / 4 + field.values[k + nx] / 4 + field.values[k + nx + 1] / 4
            var normal = (box[k + nx + 1] - box[k]).cross(box[k + nx] - box[k + 1]).normalized
            if normal.dot(p.toCamera) < 0 { normal = normal * -1 }
            let brightness = 1 - lighting * (1 - max(0, normal.dot(light)))
            var color = colormap.color(at: (range.scaled(z) - range.low) * scale)
            color = Color(red: color.red * brightness, green: color.green * brightness, blue: color.blue * brightness)
            canvas.fill(.polygon(SurfaceAxes.grown(corners, by: grow)), color: color)
            if let (edgeColor, style) = edge { canvas.stroke(.polygon(corners), color: edgeColor, style: style) }
        }
    }

    /// The polygon with every edge moved outwards by `d` pixels (miter corners, at most 3d from the original
    /// vertex).
    static func grown(_ v: [Point], by d: Double) -> [Point] {
        var area = 0.0
        for i in v.indices { area += v[i].cross(v[(i + 1) % v.count]) }
        let side: Double = area >= 0 ? -1 : 1
        return v.indices.map { i in
            let previous = v[(i + v.count - 1) % v.count], next = v[(i + 1) % v.count]
            let n1 = (v[i] - previous).normalized.perpendicular * side,
                n2 = (next - v[i]).normalized.perpendicular * side
            var offset = (n1 + n2) * (d / max(0.2, 1 + n1.dot(n2)))
            if offset.length > 3 * d { offset = offset.normalized * (3 * d) }
            return v[i] + offset
        }
    }

    /// Draws the 3-D paths over the surface, with a ring at each start and a star at each end.
    func drawPaths(_ p: Projection, on canvas: Canvas, units: Units) {
        for path in paths {
            let points = zip(path.x, zip(path.y, path.z)).map { p.pixel($0, $1.0, $1.1) }
            if points.count > 1 {
                canvas.stroke(
                    .polyline(points), color: path.color, style: StrokeStyle(width: units.px(path.width), cap: .round))
            }
            guard let first = points.first, let last = points.last else { continue }
            Marker.circle.draw(
                at: [first], size: units.px(8), fill: .white, edge: path.color, edgeWidth: units.px(1.5), on: canvas)
            Marker.star.draw(
                at: [last], size: units.px(12), fill: path.color, edge: .white, edgeWidth: units.px(0.8), on: canvas)
        }
    }
}
