import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The box around a surface: back panes with grid lines, three labelled axes, the fit into the cell.
extension SurfaceAxes {
    /// One of the three axes: the box edge it is drawn on, the outward direction of its ticks, its ticks.
    struct Axis3D {
        var coordinate: Int
        /// Maps an axis value to the edge point at that value, in box coordinates.
        var point: (Double) -> Vector3
        var outward: Vector3
        var ticks: TickSet
        var label: String?
        var low: Double, high: Double
    }

    func draw(in cell: Rect, on canvas: Canvas, units: Units, text: TextRenderer) {
        var area = cell
        if let title {
            let item = TextItem(
                text: title, font: units.font(Style.titleSize), position: Point(cell.center.x, cell.minY), anchor: .top)
            item.draw(text, on: canvas)
            let height = item.box(text).height + units.px(Style.titlePad)
            area = Rect(x: area.minX, y: area.minY + height, width: area.width, height: area.height - height)
        }
        if colorbar != nil, field != nil {
            let height = (area.height * 0.6).rounded()
            let probe = colorbarFrame(
                Rect(x: 0, y: 0, width: units.px(Style.colorbarWidth).rounded(), height: height), units)
            let width = probe.decorations(units: units, text: text).bounds(text)!.width
            let bar = colorbarFrame(
                Rect(
                    x: (area.maxX - width).rounded(), y: (area.center.y - height / 2).rounded(),
                    width: units.px(Style.colorbarWidth).rounded(), height: height), units)
            bar.draw(on: canvas, units: units, text: text)
            area.width -= width + units.px(Style.colorbarPad)
        }
        let l = limits()
        var p = Projection(limits: l, elevation: elevation, azimuth: azimuth)
        let axes = makeAxes(p, limits: l, units: units, area: area)
        fit(&p, axes: axes, into: area, units: units, text: text)
        drawPanes(p, axes: axes, on: canvas, units: units)
        drawSurface(p, on: canvas, units: units)
        drawPaths(p, on: canvas, units: units)
        var lines = Path(), marks = Path()
        let tick = units.px(Style.majorTickLength)
        for axis in axes {
            lines.append(.polyline([p.pixel(axis.point(axis.low)), p.pixel(axis.point(axis.high))]))
            let direction = p.screenDirection(axis.outward)
            for v in axis.ticks.major {
                let at = p.pixel(axis.point(v))
                marks.append(.polyline([at, at + direction * tick]))
            }
        }
        canvas.stroke(lines, color: .black, style: StrokeStyle(width: units.px(Style.spineWidth), cap: .square))
        canvas.stroke(marks, color: .black, style: StrokeStyle(width: units.px(Style.majorTickWidth)))
        for item in decorations(p, axes: axes, units: units, text: text).texts { item.draw(text, on: canvas) }
    }

    func colorbarFrame(_ rect: Rect, _ units: Units) -> ColorbarFrame {
        let (low, high) = colorRange
        return ColorbarFrame(
            rect: rect, mappable: Mappable(colormap: colormap, low: low, high: high),
            label: colorbar?.label, units: units)
    }

    /// The axes on the front edges: x and y along the bottom edges nearest the camera, z on the vertical
    /// edge seen furthest right, as matplotlib draws them. (Below the x–y plane, the top edges replace the
    /// bottom ones.)
    func makeAxes(
        _ p: Projection, limits l: (x: (Double, Double), y: (Double, Double), z: (Double, Double)),
        units: Units, area: Rect
    ) -> [Axis3D] {
        let h = Projection.halfSides, d = p.toCamera
        let frontX = (d.x >= 0 ? 1.0 : -1.0) * h.x, frontY = (d.y >= 0 ? 1.0 : -1.0) * h.y
        let bottom = (d.z >= 0 ? -1.0 : 1.0) * h.z
        let corners = [(-h.x, -h.y), (h.x, -h.y), (-h.x, h.y), (h.x, h.y)]
        let right = corners.max { p.screen(Vector3($0.0, $0.1, 0)).x < p.screen(Vector3($1.0, $1.1, 0)).x }!
        let bins = max(
            3,
            min(
                6,
                Ticks.binCount(
                    length: min(area.width, area.height) / units.scale, fontSize: Style.fontSize,
                    vertical: false)))
        func ticks(_ r: (Double, Double)) -> TickSet {
            Ticks.ticks(low: r.0, high: r.1, scale: .linear, bins: bins, numberFormat: units.numberFormat)
        }
        let (xTicks, yTicks, zTicks) = (ticks(l.x), ticks(l.y), ticks(l.z))
        // A ×10ᵏ multiplier follows the axis label (a 3-D view has no free corner beside each axis for it).
        func label(_ text: String?, _ ticks: TickSet) -> String? {
            guard let m = ticks.multiplier else { return text }
            return text.map { "\($0) \(m)" } ?? m
        }
        return [
            Axis3D(
                coordinate: 0, point: { p.box($0, 0, 0).with(y: frontY, z: bottom) }, outward: Vector3(0, frontY, 0),
                ticks: xTicks, label: label(xLabel, xTicks), low: l.x.0, high: l.x.1),
            Axis3D(
                coordinate: 1, point: { p.box(0, $0, 0).with(x: frontX, z: bottom) }, outward: Vector3(frontX, 0, 0),
                ticks: yTicks, label: label(yLabel, yTicks), low: l.y.0, high: l.y.1),
            Axis3D(
                coordinate: 2, point: { p.box(0, 0, $0).with(x: right.0, y: right.1) },
                outward: Vector3(right.0, right.1, 0),
                ticks: zTicks, label: label(zLabel, zTicks), low: l.z.0, high: l.z.1),
        ]
    }

    /// Tick labels beyond the tick marks and axis labels beyond the tick labels, each pushed out along its
    /// axis's outward direction by half its own extent in that direction. A tick label that would overlap
    /// another axis's (where two axes meet at a corner) is left out. As in matplotlib's mplot3d, an axis
    /// label longer than 4 characters is turned to run along its axis (kept within ±90° so it reads left
    /// to right or upwards), so a long z label stands beside the z axis rather than widening the figure.
    func decorations(_ p: Projection, axes: [Axis3D], units: Units, text: TextRenderer) -> Decorations {
        var d = Decorations()
        d.boxes.append(Rect(bounding: p.corners.map(p.pixel)))
        let font = units.font(Style.fontSize)
        let gap = units.px(Style.majorTickLength + Style.tickPad)
        for axis in axes {
            let direction = p.screenDirection(axis.outward)
            func reach(_ s: String, angle: Double = 0) -> Double {
                let e = text.measure(s, font: font), (c, n) = (abs(cos(angle * .pi / 180)), abs(sin(angle * .pi / 180)))
                let (width, height) = (c * e.width + n * e.height, n * e.width + c * e.height)
                return abs(direction.x) * width / 2 + abs(direction.y) * height / 2
            }
            var widest = 0.0
            let others = d.texts.map { $0.box(text) }
            for (v, label) in axis.ticks.labelled {
                let r = reach(label)
                let item = TextItem(
                    text: label, font: font, position: p.pixel(axis.point(v)) + direction * (gap + r), anchor: .center)
                guard !others.contains(where: { $0.intersects(item.box(text)) }) else { continue }
                widest = max(widest, 2 * r)
                d.texts.append(item)
            }
            if let label = axis.label {
                let middle = p.pixel(axis.point((axis.low + axis.high) / 2))
                let along = p.pixel(axis.point(axis.high)) - p.pixel(axis.point(axis.low))
                var angle = label.count > 4 ? atan2(-along.y, along.x) * 180 / .pi : 0  // screen y runs down
                if angle > 90 { angle -= 180 } else if angle <= -90 { angle += 180 }
                let offset = gap + widest + units.px(Style.labelPad) + reach(label, angle: angle)
                d.texts.append(
                    TextItem(
                        text: label, font: font, position: middle + direction * offset, anchor: .center, angle: angle))
            }
        }
        return d
    }

    /// Chooses the scale and centre so the box and its labels fill `area`: the labels' extent does not
    /// grow with the scale, so one measurement gives the scale and a second the centring.
    func fit(_ p: inout Projection, axes: [Axis3D], into area: Rect, units: Units, text: TextRenderer) {
        let unit = Rect(bounding: p.corners.map(p.screen))
        p.scale = min(area.width, area.height) / 4
        p.centre = area.center
        let first = decorations(p, axes: axes, units: units, text: text).bounds(text)!
        let extraWidth = first.width - unit.width * p.scale, extraHeight = first.height - unit.height * p.scale
        p.scale = max(1, min((area.width - extraWidth) / unit.width, (area.height - extraHeight) / unit.height))
        let second = decorations(p, axes: axes, units: units, text: text).bounds(text)!
        p.centre = p.centre + (area.center - second.center)
    }

    /// The three panes behind the surface, with grid lines at the ticks of the two axes spanning each.
    func drawPanes(_ p: Projection, axes: [Axis3D], on canvas: Canvas, units: Units) {
        let h = Projection.halfSides, d = p.toCamera
        let back = Vector3((d.x >= 0 ? -1 : 1) * h.x, (d.y >= 0 ? -1 : 1) * h.y, (d.z >= 0 ? -1 : 1) * h.z)
        var grid = Path()
        for normal in 0..<3 {
            let (a, b) = ((normal + 1) % 3, (normal + 2) % 3)
            func corner(_ u: Double, _ v: Double) -> Vector3 {
                var c = [0.0, 0, 0]
                c[normal] = back.component(normal)
                c[a] = u * h.component(a)
                c[b] = v * h.component(b)
                return Vector3(c[0], c[1], c[2])
            }
            canvas.fill(
                .polygon([corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)].map(p.pixel)),
                color: Style.paneColor)
            for axis in [a, b] {
                for v in axes[axis].ticks.major {
                    let t = axes[axis].point(v).component(axis) / h.component(axis)
                    let ends = axis == a ? [corner(t, -1), corner(t, 1)] : [corner(-1, t), corner(1, t)]
                    grid.append(.polyline(ends.map(p.pixel)))
                }
            }
        }
        canvas.stroke(grid, color: Style.grid3DColor, style: StrokeStyle(width: units.px(Style.gridWidth)))
    }
}

extension Vector3 {
    /// Component 0 (x), 1 (y) or 2 (z).
    func component(_ k: Int) -> Double { k == 0 ? x : (k == 1 ? y : z) }

    /// The vector with some components replaced.
    func with(x: Double? = nil, y: Double? = nil, z: Double? = nil) -> Vector3 {
        Vector3(x ?? self.x, y ?? self.y, z ?? self.z)
    }
}
