import Plot
import TestSupport
import Testing

/// Ticks and labels against matplotlib's choices (fixture from scripts/reference/plot_ticks.py).
@Suite struct TickTests {
    @Test func linearTicksAndLabelsMatchMatplotlib() throws {
        let cases = try fixture("ticks.json")["linear"].array
        #expect(cases.count >= 15)
        for c in cases {
            let (low, high, bins) = (c["low"].double, c["high"].double, c["bins"].int)
            let ticks = Ticks.ticks(low: low, high: high, scale: .linear, bins: bins)
            let expected = c["major"].doubles
            #expect(ticks.major.count == expected.count, "[\(low), \(high)] / \(bins): \(ticks.major) vs \(expected)")
            for (a, b) in zip(ticks.major, expected) {
                #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "[\(low), \(high)]")
            }
            #expect(ticks.labels == c["labels"].array.map(\.string), "[\(low), \(high)] / \(bins)")
            let order = c["orderOfMagnitude"].int
            #expect(ticks.multiplier == (order == 0 ? nil : "×10$^{\(order)}$"), "[\(low), \(high)]")
        }
    }

    @Test func logTicksAndLabelsMatchMatplotlib() throws {
        let cases = try fixture("ticks.json")["log"].array
        #expect(cases.count >= 8)
        for c in cases {
            let (low, high, bins) = (c["low"].double, c["high"].double, c["bins"].int)
            let ticks = Ticks.ticks(low: low, high: high, scale: .log, bins: bins)
            for (mine, key) in [(ticks.major, "major"), (ticks.minor, "minor")] {
                let expected = c[key].doubles
                #expect(mine.count == expected.count, "[\(low), \(high)] \(key): \(mine) vs \(expected)")
                for (a, b) in zip(mine, expected) { #expect(abs(a - b) <= 1e-9 * b, "[\(low), \(high)] \(key)") }
            }
            #expect(ticks.labels == c["labels"].array.map(\.string), "[\(low), \(high)]")
            #expect(ticks.minorLabels == c["minorLabels"].array.map(\.string), "[\(low), \(high)]")
        }
    }

    @Test func tickSpaceMatchesMatplotlib() throws {
        let cases = try fixture("ticks.json")["tickSpace"].array
        for c in cases {
            let x = Ticks.binCount(length: c["widthPoints"].double, fontSize: 10, vertical: false)
            let y = Ticks.binCount(length: c["heightPoints"].double, fontSize: 10, vertical: true)
            // matplotlib's locators clip the tick space to 1…9.
            #expect(x == min(9, max(1, c["x"].int)) && y == min(9, max(1, c["y"].int)))
        }
    }

    @Test func linearLocatorStepsAreNice() {
        // [0, 1] with up to 5 intervals: steps of 0.2 (the smallest of 1, 2, 2.5, 5 × 10ᵏ ≥ 0.2).
        #expect(Ticks.linear(low: 0, high: 1, bins: 5).map { ($0 * 10).rounded() / 10 } == [0, 0.2, 0.4, 0.6, 0.8, 1])
        // [0, 2500] with up to 4 intervals: raw step 625 → 1000.
        #expect(Ticks.linear(low: 0, high: 2500, bins: 4) == [0, 1000, 2000])
    }
}
