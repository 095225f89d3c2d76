import Plot
import Testing

/// Preparing curves read from files, against closed forms.
@Suite struct CurveSeriesTests {
    @Test func missingPointsAreDroppedWithTheirPartner() {
        let series = CurveFigure.Series(
            label: "validation_loss", x: [0, 1, .nan, 3, 4], y: [.nan, 0.5, 0.4, 0.3, .infinity])
        let kept = series.removingMissingPoints()
        #expect(kept.label == "validation_loss")
        #expect(kept.x == [1, 3, 4])
        #expect(kept.y == [0.5, 0.3, .infinity])  // an infinity is not missing: drawing reports it
        #expect(CurveFigure.Series(label: "empty", x: [.nan], y: [1]).removingMissingPoints().x.isEmpty)
    }

    @Test func movingAverageOfALineLagsByHalfTheWindow() {
        // For y_i = a + b·i the trailing mean over N points is a + b·(i − (N − 1)/2) once the window is full,
        // and a + b·i/2 before (the mean of y_0 … y_i).
        let n = 12, a = 0.25, b = 2.0
        let x = (0..<n).map(Double.init)
        let series = CurveFigure.Series(label: "s", x: x, y: x.map { a + b * $0 })
        for window in [1, 2, 5, 12, 20] {
            let smoothed = series.movingAverage(window: window)
            #expect(smoothed.x == x)
            for i in 0..<n {
                let expected = i + 1 >= window ? a + b * (Double(i) - Double(window - 1) / 2) : a + b * Double(i) / 2
                #expect(abs(smoothed.y[i] - expected) < 1e-12, "window \(window), point \(i)")
            }
        }
    }

    @Test func movingAverageOfAnAlternatingSeriesIsFlatForAnEvenWindow() {
        // ±1 alternating: every full window of even length sums to 0.
        let y = (0..<9).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        let smoothed = CurveFigure.Series(label: "s", x: y.indices.map(Double.init), y: y).movingAverage(window: 4)
        #expect(smoothed.y == [1, 0, 1.0 / 3, 0, 0, 0, 0, 0, 0])
    }
}
