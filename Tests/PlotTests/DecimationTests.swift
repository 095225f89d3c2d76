import Foundation
import Plot
import Testing

/// Dense lines thinned for drawing (issue 15, item 6): the thinned polyline keeps every pixel column's
/// extremes, and the figure drawn through it looks like the one drawn through every point.
@Suite struct DecimationTests {
    @Test func denseLinesKeepEveryPixelColumnsExtremes() {
        // 200,000 vertices over 300 pixel columns, with noise: per column, the smallest and largest y of the
        // thinned polyline are those of the full one; its vertices are a subsequence of the full polyline's
        // with the same ends; at most 16 remain per column (4 per quarter column, and the two ends).
        let n = 200_000
        var state: UInt64 = 12345
        func noise() -> Double {  // a linear congruential generator (Knuth's MMIX constants), in −30…30
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 60 - 30
        }
        let full = (0..<n).map { i in
            Point(10 + 300 * Double(i) / Double(n), 200 + 80 * sin(Double(i) / 5000) + noise())
        }
        let thinned = Path.decimatedPolyline(full)
        func extremes(_ points: [Point]) -> [Double: (Double, Double)] {
            var e: [Double: (Double, Double)] = [:]
            for p in points {
                let c = p.x.rounded(.down), old = e[c] ?? (p.y, p.y)
                e[c] = (min(old.0, p.y), max(old.1, p.y))
            }
            return e
        }
        let (a, b) = (extremes(full), extremes(thinned))
        #expect(a.count == 300 && b.count == a.count)
        let sameExtremes = a.keys.allSatisfy { a[$0]!.0 == b[$0]?.0 && a[$0]!.1 == b[$0]?.1 }
        #expect(sameExtremes)
        #expect(thinned.first == full.first && thinned.last == full.last)
        #expect(thinned.count <= 16 * 300 + 2)
        var k = 0
        for p in thinned {
            while k < full.count && full[k] != p { k += 1 }
            k += 1
        }
        #expect(k <= full.count, "the thinned vertices are not a subsequence of the full ones")
        // A polyline turning back across columns at every vertex is kept whole.
        let zigzag = (0..<1000).map { Point(Double($0 % 2) * 5, Double($0)) }
        #expect(Path.decimatedPolyline(zigzag) == zigzag)
    }

    @Test func aThinnedDenseLineLooksLikeTheFullOne() throws {
        // A noisy curve of 400,000 points: drawn through every point and through the column extremes, each
        // pixel column is inked over the same rows (to one row); only antialiased edge pixels differ (the
        // full line's overlapping segments add their partial coverage up).
        let n = 400_000
        let x = (0..<n).map { Double($0) }
        let y = x.map { i in exp(-i / 150_000) + 0.05 * sin(i / 37) + 0.02 * sin(i / 3.1) }
        func render(simplify: Bool) throws -> (Canvas, Rect) {
            let figure = Figure(width: 640, height: 480)
            let axes = figure.axes()
            axes.line(x, y, color: .black, width: 1.5)
            axes.simplifiesDenseLines = simplify
            return (try figure.render(), try #require(axes.plotArea))
        }
        let (full, r) = try render(simplify: false), (thinned, _) = try render(simplify: true)
        var differing = 0, inkedColumns = 0
        for column in Int(r.minX) + 2..<Int(r.maxX) - 2 {
            func inked(_ canvas: Canvas) -> [Int] {
                (Int(r.minY) + 2..<Int(r.maxY) - 2).filter { canvas.pixel(x: column, y: $0).r < 128 }
            }
            let (a, b) = (inked(full), inked(thinned))
            guard let first = a.first, let last = a.last else {
                #expect(b.isEmpty, "column \(column)")  // a margin, left and right of the line
                continue
            }
            inkedColumns += 1
            #expect(abs(first - (b.first ?? -9)) <= 1 && abs(last - (b.last ?? -9)) <= 1, "column \(column): \(a) \(b)")
            for row in Int(r.minY)..<Int(r.maxY)
            where abs(Int(full.pixel(x: column, y: row).r) - Int(thinned.pixel(x: column, y: row).r)) > 64 {
                differing += 1
            }
        }
        #expect(inkedColumns > Int(0.85 * r.width))
        #expect(differing <= 2 * Int(r.width), "\(differing) pixels differ by more than a quarter")
    }
}
