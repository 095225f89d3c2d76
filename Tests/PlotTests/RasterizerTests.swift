import Plot
import Testing

/// Coverage of filled paths against closed-form areas.
@Suite struct RasterizerTests {
    @Test func pixelAlignedRectangleCoversExactlyItsPixels() {
        let canvas = Canvas(width: 40, height: 30)
        canvas.fill(.rectangle(Rect(x: 5, y: 7, width: 10, height: 4)), color: .black)
        for y in 0..<30 {
            for x in 0..<40 {
                let inside = (5..<15).contains(x) && (7..<11).contains(y)
                #expect(canvas.pixel(x: x, y: y).r == (inside ? 0 : 255), "pixel (\(x), \(y))")
            }
        }
    }

    @Test func antialiasedEdgesHaveTheirFractionalCoverage() {
        // x from 10.25 to 20.75: columns 10 and 20 are each three quarters covered.
        let canvas = Canvas(width: 30, height: 10)
        canvas.fill(.rectangle(Rect(x: 10.25, y: 2, width: 10.5, height: 5)), color: .black)
        for column in [10, 20] {
            let ink = Double(255 - Int(canvas.pixel(x: column, y: 4).r)) / 255
            #expect(abs(ink - 0.75) <= 1.0 / 255, "column \(column): coverage \(ink)")
        }
        #expect(canvas.pixel(x: 15, y: 4).r == 0)
        #expect(canvas.pixel(x: 9, y: 4).r == 255 && canvas.pixel(x: 21, y: 4).r == 255)
    }

    @Test func filledSquareHasExactArea() {
        // A 10.3-pixel square at a fractional offset and a tilted square of side 12: areas 106.09 and 144.
        let canvas = Canvas(width: 40, height: 40)
        canvas.fill(.rectangle(Rect(x: 3.37, y: 4.81, width: 10.3, height: 10.3)), color: .black)
        #expect(abs(inkArea(canvas) - 106.09) < 0.1)
        let tilted = Canvas(width: 40, height: 40)
        let c = Point(20.2, 19.7), u = Point(6, 0).rotated(by: 0.4), v = u.perpendicular
        tilted.fill(.polygon([c + u + v, c - u + v, c - u - v, c + u - v]), color: .black)
        #expect(abs(inkArea(tilted) - 144) < 0.1)
    }

    @Test func circleAreaIsPiRSquared() {
        let canvas = Canvas(width: 60, height: 60)
        canvas.fill(.circle(center: Point(30.3, 29.6), radius: 20), color: .black)
        #expect(abs(inkArea(canvas) - Double.pi * 400) / (Double.pi * 400) < 0.002)
    }

    @Test func fillRulesDifferOnNestedAndSelfOverlappingShapes() {
        // Two nested squares with the same orientation: winding 2 inside the inner one.
        var nested = Path.rectangle(Rect(x: 2, y: 2, width: 20, height: 20))
        nested.append(.rectangle(Rect(x: 8, y: 8, width: 8, height: 8)))
        let nonZero = Canvas(width: 24, height: 24), evenOdd = Canvas(width: 24, height: 24)
        nonZero.fill(nested, color: .black, rule: .nonZero)
        evenOdd.fill(nested, color: .black, rule: .evenOdd)
        #expect(nonZero.pixel(x: 12, y: 12).r == 0)
        #expect(evenOdd.pixel(x: 12, y: 12).r == 255)
        #expect(evenOdd.pixel(x: 4, y: 12).r == 0)
        #expect(abs(inkArea(evenOdd) - (400 - 64)) < 0.01)
        // A pentagram: its centre pentagon has winding number 2.
        var star = Path()
        for k in 0..<5 {
            let p = Point(30, 30) + Point(0, -25).rotated(by: Double(2 * k) * 2 * Double.pi / 5)
            if k == 0 { star.move(to: p) } else { star.line(to: p) }
        }
        let starNonZero = Canvas(width: 60, height: 60), starEvenOdd = Canvas(width: 60, height: 60)
        starNonZero.fill(star, color: .black, rule: .nonZero)
        starEvenOdd.fill(star, color: .black, rule: .evenOdd)
        #expect(starNonZero.pixel(x: 30, y: 31).r == 0)
        #expect(starEvenOdd.pixel(x: 30, y: 31).r == 255)
    }

    @Test func clippingKeepsDrawingInsideAndFillsUpToTheClipEdges() {
        let canvas = Canvas(width: 50, height: 40)
        canvas.clip = Rect(x: 10, y: 10, width: 20, height: 15)
        canvas.fill(.rectangle(Rect(x: 0, y: 0, width: 50, height: 40)), color: .black)
        #expect(inkArea(canvas) == 300)
        #expect(canvas.pixel(x: 29, y: 24).r == 0 && canvas.pixel(x: 30, y: 24).r == 255)
        // A triangle crossing the clip's right side is still filled up to it.
        let tri = Canvas(width: 50, height: 40)
        tri.clip = Rect(x: 0, y: 0, width: 25, height: 40)
        tri.fill(.polygon([Point(5, 5), Point(45, 5), Point(5, 35)]), color: .black)
        #expect(tri.pixel(x: 24, y: 6).r == 0)
        // Exact area of the clipped triangle: the part with x < 25 is the trapezoid of height 20 between
        // vertical extents 30 (x = 5) and 15 (x = 25).
        #expect(abs(inkArea(tri) - 450) < 0.1)
    }

    @Test func alphaBlendingOverWhite() {
        let canvas = Canvas(width: 4, height: 4)
        canvas.fill(
            .rectangle(Rect(x: 0, y: 0, width: 4, height: 4)), color: Color(red: 1, green: 0, blue: 0, alpha: 0.5))
        let p = canvas.pixel(x: 1, y: 1)
        // 0.5·(255, 0, 0) + 0.5·(255, 255, 255) = (255, 127.5, 127.5).
        #expect(p.r == 255 && abs(Int(p.g) - 128) <= 1 && abs(Int(p.b) - 128) <= 1 && p.a == 255)
        let clear = Canvas(width: 2, height: 2, background: .clear)
        clear.fill(
            .rectangle(Rect(x: 0, y: 0, width: 2, height: 2)), color: Color(red: 0, green: 0, blue: 1, alpha: 0.5))
        let q = clear.pixel(x: 0, y: 0)
        #expect(q.b == 255 && abs(Int(q.a) - 128) <= 1)
    }
}
