/// Tick labels, axis labels, title and colorbar: the parts of an axes outside its plot area.
extension Axes {
    /// The decorations of the axes placed in `f`.
    func decorations(_ f: AxesFrame, units: Units, text: TextRenderer) -> Decorations {
        var d = Decorations()
        let r = f.rect
        let font = units.font(Style.fontSize)
        let tick = units.px(Style.majorTickLength), pad = units.px(Style.tickPad)
        d.boxes.append(Rect(x: r.minX - tick, y: r.minY, width: r.width + tick, height: r.height + tick))

        // x tick labels, under the ticks; then the x label and the multiplier.
        let xLabelTop = r.maxY + tick + pad
        var xLabelBottom = xLabelTop
        for (v, label) in f.xTicks.labelled {
            let item = TextItem(text: label, font: font, position: Point(f.x(v), xLabelTop), anchor: .top)
            xLabelBottom = max(xLabelBottom, item.box(text).maxY)
            d.texts.append(item)
        }
        if xLabelBottom == xLabelTop { xLabelBottom += text.measure("0", font: font).height }
        if let m = f.xTicks.multiplier {
            d.texts.append(
                TextItem(
                    text: m, font: font, position: Point(r.maxX, xLabelBottom + pad), anchor: TextAnchor(.right, .top)))
        }
        if let xLabel {
            d.texts.append(
                TextItem(
                    text: xLabel, font: font, position: Point(r.center.x, xLabelBottom + units.px(Style.labelPad)),
                    anchor: .top))
        }

        // y tick labels, left of the ticks; then the y label, rotated, left of the widest.
        let yLabelRight = r.minX - tick - pad
        var yLabelLeft = yLabelRight
        for (v, label) in f.yTicks.labelled {
            let item = TextItem(text: label, font: font, position: Point(yLabelRight, f.y(v)), anchor: .right)
            yLabelLeft = min(yLabelLeft, item.box(text).minX)
            d.texts.append(item)
        }
        if let yLabel {
            d.texts.append(
                TextItem(
                    text: yLabel, font: font, position: Point(yLabelLeft - units.px(Style.labelPad), r.center.y),
                    anchor: .bottom, angle: 90))
        }
        var top = r.minY
        if let m = f.yTicks.multiplier {
            let item = TextItem(
                text: m, font: font, position: Point(r.minX, r.minY - units.px(2)), anchor: TextAnchor(.left, .bottom))
            top = item.box(text).minY
            d.texts.append(item)
        }
        if let title {
            d.texts.append(
                TextItem(
                    text: title, font: units.font(Style.titleSize),
                    position: Point(r.center.x, top - units.px(Style.titlePad)),
                    anchor: .bottom))
        }
        if let bar = colorbarFrame(f, units: units) {
            let c = bar.decorations(units: units, text: text)
            d.texts += c.texts
            d.boxes += c.boxes
        }
        if let box = outsideLegendBox(f, units: units, text: text, besides: d) {
            d.boxes.append(box)
            d.outsideLegend = box
        }
        return d
    }

    /// The legend's box when it goes outside, right of everything else on the right of the plot area.
    func outsideLegendBox(_ f: AxesFrame, units: Units, text: TextRenderer, besides d: Decorations) -> Rect? {
        guard legendLocation == .outsideRight, let legend = Legend(self, units: units, text: text) else { return nil }
        let right = d.bounds(text).map { max($0.maxX, f.rect.maxX) } ?? f.rect.maxX
        return legend.box(
            .outsideRight, in: Rect(x: f.rect.minX, y: f.rect.minY, width: right - f.rect.minX, height: f.rect.height))
    }

    /// The colorbar beside the plot area, when one was requested and an item can supply its colours.
    func colorbarFrame(_ f: AxesFrame, units: Units) -> ColorbarFrame? {
        guard let request = colorbar, let mappable = items.last(where: { $0.mappable != nil })?.mappable else {
            return nil
        }
        let rect = Rect(
            x: f.rect.maxX + units.px(Style.colorbarPad), y: f.rect.minY,
            width: units.px(Style.colorbarWidth).rounded(), height: f.rect.height)
        return ColorbarFrame(rect: rect, mappable: mappable, label: request.label, units: units)
    }
}
