/// Tight layout: room for each panel's decorations, with aligned plot areas.
extension Figure {
    /// The rectangle of every panel: the plot area of 2-D axes, the whole cell of a surface view.
    ///
    /// Starting from a guess, each pass places the plot areas so that every column gets the widest left and
    /// right decorations of its panels and every row the tallest top and bottom ones, with `Style.figurePad`
    /// font sizes around the figure and between cells; then it measures the decorations again (ticks
    /// depend on the plot size). Three passes settle it.
    func layout(units: Units, text: TextRenderer) -> [Rect] {
        let pad = units.px(Style.figurePad * Style.fontSize)
        let titleSpace = title.map { text.measure($0, font: units.font(Style.titleSize, .bold)).height + pad / 2 } ?? 0
        let guess = (left: units.px(50), right: units.px(10), top: units.px(20), bottom: units.px(35))
        var insets = panels.map { panel -> (left: Double, right: Double, top: Double, bottom: Double) in
            if case .axes = panel { return guess }
            return (0, 0, 0, 0)
        }
        var rects = [Rect](repeating: Rect(x: 0, y: 0, width: 1, height: 1), count: panels.count)
        for _ in 0..<3 {
            let left = (0..<columns).map { c in (0..<rows).map { insets[$0 * columns + c].left }.max()! }
            let right = (0..<columns).map { c in (0..<rows).map { insets[$0 * columns + c].right }.max()! }
            let top = (0..<rows).map { r in (0..<columns).map { insets[r * columns + $0].top }.max()! }
            let bottom = (0..<rows).map { r in (0..<columns).map { insets[r * columns + $0].bottom }.max()! }
            let plotWidth = max(
                10,
                (Double(width) - 2 * pad - Double(columns - 1) * pad - (left + right).reduce(0, +)) / Double(columns))
            let plotHeight = max(
                10,
                (Double(height) - 2 * pad - titleSpace - Double(rows - 1) * pad - (top + bottom).reduce(0, +))
                    / Double(rows))
            for r in 0..<rows {
                let y = pad + titleSpace + (0..<r).reduce(0.0) { $0 + top[$1] + plotHeight + bottom[$1] + pad } + top[r]
                for c in 0..<columns {
                    let x = pad + (0..<c).reduce(0.0) { $0 + left[$1] + plotWidth + right[$1] + pad } + left[c]
                    let index = r * columns + c
                    switch panels[index] {
                    case .axes(let axes):
                        let plot = Rect(x: x, y: y, width: plotWidth, height: plotHeight)
                        rects[index] = plot
                        let frame = axes.frame(in: plot, units: units)
                        if let bounds = axes.decorations(frame, units: units, text: text).bounds(text) {
                            insets[index] = (
                                max(0, frame.rect.minX - bounds.minX), max(0, bounds.maxX - frame.rect.maxX),
                                max(0, frame.rect.minY - bounds.minY), max(0, bounds.maxY - frame.rect.maxY)
                            )
                        }
                    default:
                        rects[index] = Rect(
                            x: x - left[c], y: y - top[r], width: plotWidth + left[c] + right[c],
                            height: plotHeight + top[r] + bottom[r])
                    }
                }
            }
        }
        return rects
    }
}
