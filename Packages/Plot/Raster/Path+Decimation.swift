/// Thinning dense polylines before stroking them.
extension Path {
    /// The vertices of a polyline thinned for drawing, keeping its extremes in every quarter of a pixel
    /// column.
    ///
    /// The polyline is cut into runs of consecutive vertices in one quarter-pixel column (the same ⌊4x⌋); of
    /// each run the first and last vertex and the highest and lowest (smallest and largest y) are kept, in
    /// their original order (the "M4" reduction of Jugel et al., 2014, on quarter pixels). Every pixel column
    /// thus keeps its smallest and largest y, at nearly their places across the column (where a wide line's
    /// edge spills into the next column), and consecutive runs stay joined by the same segment as before: the
    /// stroked line covers the same pixels as the full one, as matplotlib's path simplification keeps a dense
    /// line's look. The first and last segments are kept as they are, so that the line's caps point the same
    /// way. A line along x with n vertices over w pixel columns keeps at most 16w + 2 of them; a line that
    /// turns back across columns at every vertex keeps them all.
    /// - Complexity: O(n).
    public static func decimatedPolyline(_ points: [Point]) -> [Point] {
        decimatedPolyline(count: points.count) { points[$0] }
    }

    /// ``decimatedPolyline(_:)`` of the vertices `point(0)…point(count − 1)`, computed one at a time so
    /// that the full polyline is never held in memory.
    static func decimatedPolyline(count: Int, _ point: (Int) -> Point) -> [Point] {
        guard count > 3 else { return (0..<count).map(point) }
        var kept = [point(0)]
        // The runs of the vertices 1…count − 2, between the two end vertices.
        var first = point(1)
        var (lowest, highest, last) = (first, first, first)
        var (lowestIndex, highestIndex, lastIndex) = (0, 0, 0)
        var column = (first.x * 4).rounded(.down)
        func closeRun() {
            kept.append(first)
            // The interior picks in the order they were met, each once.
            let (a, b) =
                lowestIndex <= highestIndex
                ? ((lowestIndex, lowest), (highestIndex, highest))
                : ((highestIndex, highest), (lowestIndex, lowest))
            var previous = 0
            for (index, p) in [a, b, (lastIndex, last)] where index > previous {
                kept.append(p)
                previous = index
            }
        }
        var runStart = 1
        for i in 2..<(count - 1) {
            let p = point(i)
            if (p.x * 4).rounded(.down) == column {
                let offset = i - runStart
                if p.y < lowest.y { (lowest, lowestIndex) = (p, offset) }
                if p.y > highest.y { (highest, highestIndex) = (p, offset) }
                (last, lastIndex) = (p, offset)
                continue
            }
            closeRun()
            (first, lowest, highest, last) = (p, p, p, p)
            (lowestIndex, highestIndex, lastIndex) = (0, 0, 0)
            column = (p.x * 4).rounded(.down)
            runStart = i
        }
        closeRun()
        kept.append(point(count - 1))
        return kept
    }
}
