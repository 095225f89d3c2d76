import Plot
import Testing

/// Strokes turned into paths: widths, caps, joins, dashes, against closed-form areas and positions.
@Suite struct StrokeTests {
    @Test func horizontalLineLandsOnTheExpectedRows() {
        // A 1-pixel line centred on y = 10.5 fills row 10 exactly; one centred on y = 10 half-fills rows 9 and 10.
        let canvas = Canvas(width: 60, height: 20)
        canvas.stroke(.polyline([Point(5, 10.5), Point(50, 10.5)]), color: .black, style: StrokeStyle(width: 1))
        for x in 5..<50 {
            #expect(canvas.pixel(x: x, y: 10).r == 0)
            #expect(canvas.pixel(x: x, y: 9).r == 255 && canvas.pixel(x: x, y: 11).r == 255)
        }
        let half = Canvas(width: 60, height: 20)
        half.stroke(.polyline([Point(5, 10), Point(50, 10)]), color: .black, style: StrokeStyle(width: 1))
        for row in [9, 10] { #expect(abs(Int(half.pixel(x: 20, y: row).r) - 128) <= 1) }
        #expect(half.pixel(x: 20, y: 8).r == 255 && half.pixel(x: 20, y: 11).r == 255)
    }

    @Test func capsAddTheirClosedFormArea() {
        // A segment of length 40 and width 6: butt 240, square 240 + 2·3·6, round 240 + π·3².
        let expected: [(StrokeStyle.Cap, Double)] = [(.butt, 240), (.square, 276), (.round, 240 + Double.pi * 9)]
        for (cap, area) in expected {
            let canvas = Canvas(width: 70, height: 30)
            canvas.stroke(
                .polyline([Point(12.3, 14.6), Point(52.3, 14.6)]), color: .black, style: StrokeStyle(width: 6, cap: cap)
            )
            #expect(abs(inkArea(canvas) - area) < 0.25, "\(cap)")
        }
    }

    @Test func joinsAddTheirClosedFormArea() {
        // An L of two legs of length 40, width 8, butt caps. The legs' union is 2·8·40 − 8²/4; the outer
        // corner square (8²/4) is filled whole by a miter, half by a bevel, a quarter disc by a round join.
        let legs = 2 * 8 * 40 - 16.0
        let expected: [(StrokeStyle.Join, Double)] = [
            (.miter, legs + 16), (.bevel, legs + 8), (.round, legs + Double.pi * 4),
        ]
        for (join, area) in expected {
            let canvas = Canvas(width: 70, height: 70)
            let corner = Path.polyline([Point(10.5, 10.2), Point(50.5, 10.2), Point(50.5, 50.2)])
            canvas.stroke(corner, color: .black, style: StrokeStyle(width: 8, cap: .butt, join: join))
            #expect(abs(inkArea(canvas) - area) < 0.3, "\(join)")
        }
    }

    @Test func sharpCornersPastTheMiterLimitAreBevelled() {
        // A 20° turn: the miter would reach 1/sin(10°) ≈ 5.8 half-widths, past the limit 4.
        let limited = Canvas(width: 100, height: 60), beveled = Canvas(width: 100, height: 60)
        let path = Path.polyline([Point(10, 40), Point(80, 40), Point(10, 40 - 70 * 0.36397)])
        limited.stroke(path, color: .black, style: StrokeStyle(width: 4, join: .miter, miterLimit: 4))
        beveled.stroke(path, color: .black, style: StrokeStyle(width: 4, join: .bevel))
        #expect(abs(inkArea(limited) - inkArea(beveled)) < 0.01)
    }

    @Test func dashPatternCoversItsOnLengths() {
        // 100 pixels with [10 on, 10 off], width 2, butt caps: five dashes, area 5·10·2.
        let canvas = Canvas(width: 120, height: 10)
        canvas.stroke(
            .polyline([Point(10, 5), Point(110, 5)]), color: .black, style: StrokeStyle(width: 2, dash: [10, 10]))
        #expect(abs(inkArea(canvas) - 100) < 0.05)
        #expect(canvas.pixel(x: 15, y: 4).r == 0 && canvas.pixel(x: 25, y: 4).r == 255)
        // A phase of 5 shifts the pattern by half a dash.
        let shifted = Canvas(width: 120, height: 10)
        shifted.stroke(
            .polyline([Point(10, 5), Point(110, 5)]), color: .black,
            style: StrokeStyle(width: 2, dash: [10, 10], dashPhase: 5))
        #expect(shifted.pixel(x: 12, y: 4).r == 0 && shifted.pixel(x: 17, y: 4).r == 255)
        #expect(abs(inkArea(shifted) - 100) < 0.05)
    }

    @Test func overlappingPiecesOfOneStrokeCountOnce() {
        // A closed square outline of width 4: the union of the four sides with miter corners is the ring
        // between squares of sides 24 and 16.
        let canvas = Canvas(width: 40, height: 40)
        canvas.stroke(
            .rectangle(Rect(x: 10, y: 10, width: 20, height: 20)), color: .black,
            style: StrokeStyle(width: 4, join: .miter))
        #expect(abs(inkArea(canvas) - (576 - 256)) < 0.05)
    }
}
