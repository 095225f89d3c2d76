/// A string placed on the canvas: what layout measures and drawing draws, from one description.
struct TextItem {
    var text: String
    var font: Font
    var position: Point
    var anchor: TextAnchor
    var angle: Double = 0
    var color: Color = Style.textColor

    func box(_ renderer: TextRenderer) -> Rect {
        renderer.box(of: text, font: font, at: position, anchor: anchor, angle: angle)
    }

    func draw(_ renderer: TextRenderer, on canvas: Canvas) {
        renderer.draw(text, font: font, color: color, at: position, anchor: anchor, angle: angle, on: canvas)
    }
}

/// Everything drawn outside a panel's plot area, for layout to measure and the renderer to draw.
struct Decorations {
    var texts: [TextItem] = []
    /// Non-text extents (tick marks, a colorbar, a legend outside the plot).
    var boxes: [Rect] = []
    /// Where a legend outside the plot area goes.
    var outsideLegend: Rect?

    /// The union of every text box and extent.
    func bounds(_ renderer: TextRenderer) -> Rect? {
        let all = texts.filter { !$0.text.isEmpty }.map { $0.box(renderer) } + boxes
        guard let first = all.first else { return nil }
        return all.dropFirst().reduce(first) { $0.union($1) }
    }
}
