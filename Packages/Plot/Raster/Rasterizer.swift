import Platform

/// How a path's winding number decides what is inside.
public enum FillRule: Sendable {
    /// Inside where the winding number is not zero.
    case nonZero
    /// Inside where the winding number is odd.
    case evenOdd
}

/// A coverage-based scanline rasterizer with signed-area accumulation.
///
/// Each edge adds, to the cells of every row it crosses, the change in "area to the right of the edge"
/// between adjacent cells; a running sum along a row then gives, per pixel, the exact area-weighted
/// winding number w of the pixel square (the integral of the winding number over the pixel). The fill
/// rule folds w into a coverage in [0, 1]: min(1, |w|) for non-zero, the triangle wave 1 − |1 − (|w| mod 2)|
/// for even-odd (exact wherever a pixel is crossed by at most one edge, as in Agg and tiny-skia).
///
/// Edges are clipped to an integer clip rectangle: parts above or below it are dropped, and parts left or
/// right of it become vertical edges on its sides. The left ones carry their winding into the clipped area
/// exactly; the right ones only close each row's sum beyond the last visible pixel, so that a row's sweep
/// runs to the clip's edge.
final class Rasterizer {
    let width: Int, height: Int
    /// Row-major accumulation cells, `width + 2` per row; kept zero between fills.
    private var cells: [Float]
    /// The leftmost and rightmost touched cell per row (`Int32.max`, −1 when untouched).
    private var rowMin: [Int32], rowMax: [Int32]
    /// One row of coverage handed to the span callback.
    private var coverage: [Float]
    private var touchedTop = Int.max, touchedBottom = -1
    private var clipX0 = 0.0, clipX1 = 0.0, clipY0 = 0.0, clipY1 = 0.0
    let stride: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        stride = width + 2
        cells = [Float](repeating: 0, count: stride * height)
        rowMin = [Int32](repeating: Int32.max, count: height)
        rowMax = [Int32](repeating: -1, count: height)
        coverage = [Float](repeating: 0, count: width + 2)
    }

    /// Rasterizes `path` inside `clip` (integer bounds, already within the canvas) and calls `span` once
    /// per touched row with the coverage of the pixels `xStart…` of that row: `span(y, xStart, coverage)`.
    func fill(
        _ path: Path, rule: FillRule, clip: (x0: Int, y0: Int, x1: Int, y1: Int),
        _ span: (_ row: Int, _ xStart: Int, _ coverage: UnsafeBufferPointer<Float>) -> Void
    ) {
        guard clip.x1 > clip.x0, clip.y1 > clip.y0 else { return }
        (clipX0, clipX1, clipY0, clipY1) = (Double(clip.x0), Double(clip.x1), Double(clip.y0), Double(clip.y1))
        path.points.withUnsafeBufferPointer { points in
            for contour in path.contours where contour.end - contour.start >= 2 {
                var previous = points[contour.end - 1]
                for i in contour.start..<contour.end {
                    addEdge(previous, points[i])
                    previous = points[i]
                }
            }
        }
        sweep(rule: rule, x1: clip.x1, span)
    }

    /// Turns the accumulated cells into coverage row by row, hands each row's run to `span` and clears it.
    private func sweep(rule: FillRule, x1: Int, _ span: (Int, Int, UnsafeBufferPointer<Float>) -> Void) {
        guard touchedBottom >= touchedTop else { return }
        cells.withUnsafeMutableBufferPointer { cells in
            coverage.withUnsafeMutableBufferPointer { coverage in
                for y in touchedTop...touchedBottom where rowMax[y] >= 0 {
                    let start = Int(rowMin[y]), end = min(Int(rowMax[y]), x1 - 1)
                    let row = cells.baseAddress! + y * stride
                    var sum: Float = 0
                    if end >= start {
                        for x in start...end {
                            sum += row[x]
                            row[x] = 0
                            var w = abs(sum)
                            if rule == .evenOdd {
                                w = w.truncatingRemainder(dividingBy: 2)
                                if w > 1 { w = 2 - w }
                            }
                            coverage[x - start] = min(w, 1)
                        }
                        span(y, start, UnsafeBufferPointer(rebasing: coverage[0..<(end - start + 1)]))
                    }
                    var x = max(start, end + 1)
                    while x <= Int(rowMax[y]) {
                        row[x] = 0
                        x += 1
                    }
                    rowMin[y] = Int32.max
                    rowMax[y] = -1
                }
            }
        }
        touchedTop = Int.max
        touchedBottom = -1
    }

    /// Clips an edge to the clip rectangle and accumulates what remains.
    private func addEdge(_ p: Point, _ q: Point) {
        guard p.y != q.y, p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { return }
        var a = p, b = q
        // Vertical clipping: drop what lies above or below.
        if (a.y < clipY0 && b.y < clipY0) || (a.y > clipY1 && b.y > clipY1) { return }
        let (ta, tb) = (a, b)
        if ta.y < clipY0 { a = Point(ta.x + (tb.x - ta.x) * (clipY0 - ta.y) / (tb.y - ta.y), clipY0) }
        if tb.y < clipY0 { b = Point(ta.x + (tb.x - ta.x) * (clipY0 - ta.y) / (tb.y - ta.y), clipY0) }
        if ta.y > clipY1 { a = Point(ta.x + (tb.x - ta.x) * (clipY1 - ta.y) / (tb.y - ta.y), clipY1) }
        if tb.y > clipY1 { b = Point(ta.x + (tb.x - ta.x) * (clipY1 - ta.y) / (tb.y - ta.y), clipY1) }
        // Horizontal clipping: split where the edge crosses the clip's left and right sides.
        var cuts: [Double] = [0, 1]
        if (a.x - clipX0) * (b.x - clipX0) < 0 { cuts.append((clipX0 - a.x) / (b.x - a.x)) }
        if (a.x - clipX1) * (b.x - clipX1) < 0 { cuts.append((clipX1 - a.x) / (b.x - a.x)) }
        if cuts.count == 2 { return addPiece(a, b) }
        cuts.sort()
        for k in 0..<(cuts.count - 1) {
            let u = a + (b - a) * cuts[k], v = a + (b - a) * cuts[k + 1]
            addPiece(u, v)
        }
    }

    /// Accumulates a piece lying wholly on one side of each vertical clip line.
    private func addPiece(_ u: Point, _ v: Point) {
        let mid = (u.x + v.x) / 2
        if mid >= clipX1 { return accumulate(Point(clipX1, u.y), Point(clipX1, v.y)) }
        if mid <= clipX0 { return accumulate(Point(clipX0, u.y), Point(clipX0, v.y)) }
        accumulate(u, v)
    }

    /// Adds the signed-area deltas of one clipped edge to the cells of the rows it crosses.
    private func accumulate(_ p: Point, _ q: Point) {
        if p.y == q.y { return }
        let direction: Double = p.y < q.y ? 1 : -1
        let (a, b) = p.y < q.y ? (p, q) : (q, p)
        let dxdy = (b.x - a.x) / (b.y - a.y)
        let rowStart = Int(a.y.rounded(.down)), rowEnd = min(height, Int(b.y.rounded(.up)))
        guard rowStart < rowEnd else { return }
        touchedTop = min(touchedTop, rowStart)
        touchedBottom = max(touchedBottom, rowEnd - 1)
        for y in rowStart..<rowEnd {
            let ya = max(a.y, Double(y)), yb = min(b.y, Double(y + 1))
            if yb <= ya { continue }
            let xa = a.x + (ya - a.y) * dxdy, xb = a.x + (yb - a.y) * dxdy
            accumulateRow(y, min(xa, xb), max(xa, xb), direction * (yb - ya))
        }
    }

    /// Adds one row's deltas for an edge spanning `xl…xr` with signed height `d`.
    ///
    /// With x uniform on [xl, xr], the coverage of column j is d·E[clamp(j + 1 − x, 0, 1)] =
    /// d·(A(j + 1) − A(j))/(xr − xl), where A(c) = ∫ max(c − x, 0) dx over [xl, xr]; each cell gets the
    /// difference of the coverages of its column and the column before.
    @inline(__always)
    private func accumulateRow(_ y: Int, _ xl: Double, _ xr: Double, _ d: Double) {
        let i0 = Int(xl.rounded(.down)), i1 = Int(xr.rounded(.up))
        let base = y * stride
        cells.withUnsafeMutableBufferPointer { cells in
            if i1 <= i0 + 1 {
                let m = (xl + xr) / 2 - Double(i0)
                cells[base + i0] += Float(d * (1 - m))
                cells[base + i0 + 1] += Float(d * m)
                mark(y, i0, i0 + 1)
                return
            }
            let s = d / (xr - xl), mid = (xl + xr) / 2
            @inline(__always) func area(_ c: Double) -> Double {
                c <= xl ? 0 : (c >= xr ? (xr - xl) * (c - mid) : (c - xl) * (c - xl) / 2)
            }
            var previousCoverage = 0.0
            var areaLow = 0.0
            for j in i0..<i1 {
                let areaHigh = area(Double(j + 1))
                let coverage = s * (areaHigh - areaLow)
                cells[base + j] += Float(coverage - previousCoverage)
                previousCoverage = coverage
                areaLow = areaHigh
            }
            cells[base + i1] += Float(d - previousCoverage)
            mark(y, i0, i1)
        }
    }

    @inline(__always) private func mark(_ y: Int, _ lo: Int, _ hi: Int) {
        if Int32(lo) < rowMin[y] { rowMin[y] = Int32(lo) }
        if Int32(hi) > rowMax[y] { rowMax[y] = Int32(hi) }
    }
}
