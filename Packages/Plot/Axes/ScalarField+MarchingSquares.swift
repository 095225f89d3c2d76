/// Contours of a `ScalarField` by marching squares.
///
/// Each grid cell is classified by which corners are at or above the level; the level crosses a cell edge
/// where its two corners differ, at the point found by linear interpolation, t = (level − a)/(b − a).
/// A cell with two crossings holds one segment; a saddle (four crossings, opposite corners alike) is
/// resolved by the mean of its corners: the corners unlike the centre are cut off. Segments are joined into
/// polylines through the edge they share. Cells with a NaN corner are skipped.
extension ScalarField {
    /// The contour lines at `level`, as polylines in data coordinates (a closed loop repeats its first
    /// point at the end).
    /// - Complexity: O(cells).
    public func contourLines(at level: Double) -> [[Point]] {
        var segments: [(Int, Int)] = []
        var crossings: [Int: Point] = [:]
        forEachCell { i, j, v in
            guard !v.contains(where: \.isNaN) else { return }
            let high = v.map { $0 >= level }
            var edges: [Int] = []
            for k in 0..<4 where high[k] != high[(k + 1) % 4] {
                let id = edgeID(i, j, k)
                if crossings[id] == nil { crossings[id] = crossing(i, j, k, v, level) }
                edges.append(id)
            }
            if edges.count == 2 {
                segments.append((edges[0], edges[1]))
            } else if edges.count == 4 {
                let centreHigh = v.reduce(0, { $0 + $1 / 4 }) >= level
                // Corner k lies between edge k − 1 (before it) and edge k (after it).
                for k in 0..<4 where high[k] != centreHigh {
                    segments.append((edgeID(i, j, (k + 3) % 4), edgeID(i, j, k)))
                }
            }
        }
        return chain(segments).map { $0.map { crossings[$0]! } }
    }

    /// The region where the field is at or above `level`, as a path with every cell's piece oriented the
    /// same way (shared edges cancel when filled with the non-zero rule, so the fill has no seams).
    /// Runs of cells wholly above the level become one rectangle.
    func superlevelPath(at level: Double, _ toPixel: (Point) -> Point) -> Path {
        var path = Path()
        var runStart: Int? = nil
        func closeRun(_ end: Int, _ j: Int) {
            guard let start = runStart else { return }
            path.addPolygon(
                [Point(x[start], y[j]), Point(x[end], y[j]), Point(x[end], y[j + 1]), Point(x[start], y[j + 1])].map(
                    toPixel))
            runStart = nil
        }
        forEachCell { i, j, v in
            guard !v.contains(where: \.isNaN) else { return closeRun(i, j) }
            let high = v.map { $0 >= level }
            if high.allSatisfy({ $0 }) {
                if runStart == nil { runStart = i }
                if i == x.count - 2 { closeRun(i + 1, j) }
                return
            }
            closeRun(i, j)
            guard high.contains(true) else { return }
            let corners = cornerPoints(i, j)
            let saddle = high[0] == high[2] && high[1] == high[3]
            if saddle && v.reduce(0, { $0 + $1 / 4 }) < level {
                for k in 0..<4 where high[k] {
                    let before = (k + 3) % 4
                    path.addPolygon(
                        [crossing(i, j, before, v, level), corners[k], crossing(i, j, k, v, level)].map(toPixel))
                }
                return
            }
            var polygon: [Point] = []
            for k in 0..<4 {
                if high[k] { polygon.append(corners[k]) }
                if high[k] != high[(k + 1) % 4] { polygon.append(crossing(i, j, k, v, level)) }
            }
            path.addPolygon(polygon.map(toPixel))
        } rowEnd: { j in
            closeRun(x.count - 1, j)
        }
        return path
    }

    // MARK: Cells and edges

    /// Calls `body(i, j, corners)` for every cell, corners in counter-clockwise order
    /// (i, j), (i+1, j), (i+1, j+1), (i, j+1).
    private func forEachCell(_ body: (Int, Int, [Double]) -> Void, rowEnd: (Int) -> Void = { _ in }) {
        let nx = x.count
        values.withUnsafeBufferPointer { f in
            for j in 0..<(y.count - 1) {
                for i in 0..<(nx - 1) {
                    body(i, j, [f[j * nx + i], f[j * nx + i + 1], f[(j + 1) * nx + i + 1], f[(j + 1) * nx + i]])
                }
                rowEnd(j)
            }
        }
    }

    private func cornerPoints(_ i: Int, _ j: Int) -> [Point] {
        [Point(x[i], y[j]), Point(x[i + 1], y[j]), Point(x[i + 1], y[j + 1]), Point(x[i], y[j + 1])]
    }

    /// A grid-wide identifier of edge k of cell (i, j): 0 bottom, 1 right, 2 top, 3 left (from corner k to
    /// corner k + 1). Horizontal edges get even numbers, vertical ones odd.
    private func edgeID(_ i: Int, _ j: Int, _ k: Int) -> Int {
        switch k {
        case 0: 2 * (j * x.count + i)
        case 1: 2 * (j * x.count + i + 1) + 1
        case 2: 2 * ((j + 1) * x.count + i)
        default: 2 * (j * x.count + i) + 1
        }
    }

    /// Where the level crosses edge k of cell (i, j).
    private func crossing(_ i: Int, _ j: Int, _ k: Int, _ v: [Double], _ level: Double) -> Point {
        let corners = cornerPoints(i, j)
        let a = v[k], b = v[(k + 1) % 4]
        let range = ScaledInterval(a, b)  // (b − a) overflows when the corners are ±1e308
        let t = a == b ? 0.5 : (range.scaled(level) - range.low) / range.width
        return corners[k] + (corners[(k + 1) % 4] - corners[k]) * t
    }

    /// Joins segments (pairs of edge identifiers) into chains: open chains from their free ends first,
    /// then closed loops (ending where they start).
    private func chain(_ segments: [(Int, Int)]) -> [[Int]] {
        var incident: [Int: [Int]] = [:]
        for (s, (a, b)) in segments.enumerated() {
            incident[a, default: []].append(s)
            incident[b, default: []].append(s)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var chains: [[Int]] = []
        func walk(from start: Int) -> [Int] {
            var chain = [start], current = start
            while let s = incident[current]?.first(where: { !used[$0] }) {
                used[s] = true
                current = segments[s].0 == current ? segments[s].1 : segments[s].0
                chain.append(current)
            }
            return chain
        }
        let ends = incident.filter { $0.value.count == 1 }.keys.sorted()
        for end in ends where incident[end]!.contains(where: { !used[$0] }) { chains.append(walk(from: end)) }
        for s in segments.indices where !used[s] { chains.append(walk(from: segments[s].0)) }
        return chains
    }
}
