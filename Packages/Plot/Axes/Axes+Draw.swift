/// Drawing an axes: background, images, grid, series, legend, frame, ticks and labels.
extension Axes {
    func draw(_ f: AxesFrame, on canvas: Canvas, units: Units, text: TextRenderer) {
        let r = f.rect
        plotArea = r
        canvas.clip = nil
        canvas.fill(.rectangle(r), color: .white)
        let context = AxesContext(
            canvas: canvas, text: text, units: units, rect: r, x: f.x, y: f.y, simplifiesLines: simplifiesDenseLines)
        let ordered = items.enumerated().sorted { ($0.element.layer, $0.offset) < ($1.element.layer, $1.offset) }.map(
            \.element)
        canvas.clip = r
        for item in ordered where item.layer == 0 { item.draw(context) }
        if !grid.isEmpty { drawGrid(f, on: canvas, units: units) }
        for item in ordered where item.layer > 0 { item.draw(context) }
        if let location = legendLocation, location != .outsideRight, let legend = Legend(self, units: units, text: text)
        {
            let box = legend.place(location, in: r, avoiding: items.flatMap { $0.obstacles(context) })
            legend.draw(in: box, on: canvas, units: units, text: text)
        }
        canvas.clip = nil
        let spine = units.px(Style.spineWidth)
        canvas.stroke(.rectangle(r.insetBy(spine / 2)), color: .black, style: StrokeStyle(width: spine, join: .miter))
        drawTicks(f, on: canvas, units: units)
        let decorations = decorations(f, units: units, text: text)
        for item in decorations.texts { item.draw(text, on: canvas) }
        colorbarFrame(f, units: units)?.draw(on: canvas, units: units, text: text)
        if let box = decorations.outsideLegend, let legend = Legend(self, units: units, text: text) {
            legend.draw(in: box, on: canvas, units: units, text: text)
        }
    }

    private func drawGrid(_ f: AxesFrame, on canvas: Canvas, units: Units) {
        var lines = Path()
        for v in grid.contains(.x) ? f.xTicks.major : [] {
            let x = pixelCentre(f.x(v))
            lines.append(.polyline([Point(x, f.rect.minY), Point(x, f.rect.maxY)]))
        }
        for v in grid.contains(.y) ? f.yTicks.major : [] {
            let y = pixelCentre(f.y(v))
            lines.append(.polyline([Point(f.rect.minX, y), Point(f.rect.maxX, y)]))
        }
        canvas.stroke(lines, color: Style.gridColor, style: StrokeStyle(width: units.px(Style.gridWidth)))
    }

    /// Outward tick marks on the bottom and left spines.
    private func drawTicks(_ f: AxesFrame, on canvas: Canvas, units: Units) {
        let r = f.rect
        for (major, xs, ys) in [(true, f.xTicks.major, f.yTicks.major), (false, f.xTicks.minor, f.yTicks.minor)] {
            let length = units.px(major ? Style.majorTickLength : Style.minorTickLength)
            var marks = Path()
            for v in xs {
                let x = pixelCentre(f.x(v))
                marks.append(.polyline([Point(x, r.maxY), Point(x, r.maxY + length)]))
            }
            for v in ys {
                let y = pixelCentre(f.y(v))
                marks.append(.polyline([Point(r.minX - length, y), Point(r.minX, y)]))
            }
            canvas.stroke(
                marks, color: .black,
                style: StrokeStyle(width: units.px(major ? Style.majorTickWidth : Style.minorTickWidth)))
        }
    }
}
