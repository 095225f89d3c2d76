/// A colorbar: the colormap as a bar beside a plot, with ticks and labels on its right.
///
/// A continuous mappable fills the bar with a smooth gradient; a filled contour's (with boundaries) with
/// one block per band, in the band's colour.
struct ColorbarFrame {
    let rect: Rect
    let mappable: Mappable
    let label: String?
    let map: AxisMap
    let ticks: TickSet

    init(rect: Rect, mappable: Mappable, label: String?, units: Units) {
        self.rect = rect
        self.mappable = mappable
        self.label = label
        let (low, high) =
            mappable.high > mappable.low
            ? (mappable.low, mappable.high) : Axes.separated(mappable.low - 1, mappable.low + 1, .linear)
        map = AxisMap(scale: .linear, limits: (low, high), pixels: (rect.maxY, rect.minY))
        ticks = Ticks.ticks(
            low: low, high: high, scale: .linear,
            bins: Ticks.binCount(length: rect.height / units.scale, fontSize: Style.fontSize, vertical: true),
            numberFormat: units.numberFormat)
    }

    func decorations(units: Units, text: TextRenderer) -> Decorations {
        var d = Decorations()
        let font = units.font(Style.fontSize)
        let x = rect.maxX + units.px(Style.majorTickLength + Style.tickPad)
        d.boxes.append(
            Rect(x: rect.minX, y: rect.minY, width: rect.width + units.px(Style.majorTickLength), height: rect.height))
        var right = x
        for (v, label) in ticks.labelled {
            let item = TextItem(text: label, font: font, position: Point(x, map(v)), anchor: .left)
            right = max(right, item.box(text).maxX)
            d.texts.append(item)
        }
        if let m = ticks.multiplier {
            d.texts.append(
                TextItem(
                    text: m, font: font, position: Point(rect.minX, rect.minY - units.px(2)),
                    anchor: TextAnchor(.left, .bottom)))
        }
        if let label {
            d.texts.append(
                TextItem(
                    text: label, font: font, position: Point(right + units.px(Style.labelPad), rect.center.y),
                    anchor: .top, angle: 90))
        }
        return d
    }

    func draw(on canvas: Canvas, units: Units, text: TextRenderer) {
        let saved = canvas.clip
        canvas.clip = nil
        if let boundaries = mappable.boundaries, boundaries.count > 1 {
            let n = boundaries.count - 1
            for k in 0..<n {
                let y0 = map(boundaries[k]), y1 = map(boundaries[k + 1])
                let t = n > 1 ? Double(k) / Double(n - 1) : 0.5
                canvas.fill(
                    .rectangle(Rect(x: rect.minX, y: min(y0, y1), width: rect.width, height: abs(y1 - y0))),
                    color: mappable.colormap.color(at: t))
            }
        } else {
            // A constant field (low = high) is drawn in the colormap's first colour, as matplotlib's Normalize
            // maps it to 0; the bar, widened to low ± 1, shows that colour throughout.
            let x0 = Int(rect.minX), x1 = Int(rect.maxX), range = ScaledInterval(mappable.low, mappable.high)
            for y in Int(rect.minY)..<Int(rect.maxY) where y >= 0 && y < canvas.height {
                let value = range.scaled(map.value(at: Double(y) + 0.5))
                let t = range.width > 0 ? (value - range.low) / range.width : 0
                let (r, g, b, _) = mappable.colormap.color(at: t).bytes
                for x in max(0, x0)..<min(canvas.width, x1) {
                    let i = (y * canvas.width + x) * 4
                    canvas.pixels[i] = r
                    canvas.pixels[i + 1] = g
                    canvas.pixels[i + 2] = b
                    canvas.pixels[i + 3] = 255
                }
            }
        }
        let line = units.px(Style.spineWidth)
        canvas.stroke(.rectangle(rect.insetBy(line / 2)), color: .black, style: StrokeStyle(width: line, join: .miter))
        var marks = Path()
        for v in ticks.major {
            let y = pixelCentre(map(v))
            marks.append(.polyline([Point(rect.maxX, y), Point(rect.maxX + units.px(Style.majorTickLength), y)]))
        }
        canvas.stroke(marks, color: .black, style: StrokeStyle(width: units.px(Style.majorTickWidth)))
        for item in decorations(units: units, text: text).texts { item.draw(text, on: canvas) }
        canvas.clip = saved
    }
}

/// The centre of the pixel row or column nearest to `v`: thin lines there stay sharp.
func pixelCentre(_ v: Double) -> Double { (v - 0.5).rounded() + 0.5 }
