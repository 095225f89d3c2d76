import Tensor
import TestSupport
import Testing

@Suite struct ReductionTests {
    /// Sums equal NumPy's bit for bit across every branch of its pairwise algorithm; mean, var and std
    /// (population) follow NumPy's formulas.
    @Test func pairwiseSumsMatchNumPyExactly() {
        for item in numpy["sums"].array {
            let n = item["n"].int
            let x = normals(seed: UInt32(item["seed"].int), [n]) * 1e3 + 0.1
            #expect(x.sum() == item["sum"].double, "sum of \(n)")
            guard n > 0 else { continue }
            #expect(x.mean() == item["mean"].double, "mean of \(n)")
            expectClose([x.variance()], [item["var"].double], absolute: 1e-14, relative: 1e-14)
            expectClose([x.standardDeviation()], [item["std"].double], absolute: 1e-14, relative: 1e-14)
        }
    }

    @Test func reductionsAlongEachAxisMatchNumPy() {
        let fixture = numpy["reductions"]
        let x = normals(seed: 7, fixture["shape"].ints)
        let axes = fixture["axes"]
        for axis in 0..<3 {
            let expected = axes["\(axis)"]
            #expect(x.sum(alongAxis: axis).scalars == expected["sum"].doubles, "sum axis \(axis)")
            expectClose(x.mean(alongAxis: axis).scalars, expected["mean"].doubles, absolute: 1e-15, relative: 1e-15)
            expectClose(x.variance(alongAxis: axis).scalars, expected["var"].doubles, absolute: 1e-14, relative: 1e-14)
            expectClose(
                x.standardDeviation(alongAxis: axis).scalars, expected["std"].doubles, absolute: 1e-14, relative: 1e-14)
            #expect(x.min(alongAxis: axis).scalars == expected["min"].doubles)
            #expect(x.max(alongAxis: axis).scalars == expected["max"].doubles)
            #expect(x.argmin(alongAxis: axis).scalars == expected["argmin"].doubles)
            #expect(x.argmax(alongAxis: axis).scalars == expected["argmax"].doubles)
            var reduced = x.shape
            reduced.remove(at: axis)
            #expect(x.sum(alongAxis: axis).shape == reduced)
        }
        let all = fixture["all"]
        #expect(x.sum() == all["sum"].double)
        #expect(x.min() == all["min"].double)
        #expect(x.max() == all["max"].double)
        #expect(x.argmin() == all["argmin"].int)
        #expect(x.argmax() == all["argmax"].int)
        expectClose([x.variance()], [all["var"].double], absolute: 1e-14, relative: 1e-14)
    }

    @Test func handComputedReductions() throws {
        let m = try Tensor([[1, 5, 2], [7, 0, 7]])
        #expect(m.sum(alongAxis: 0).scalars == [8, 5, 9])
        #expect(m.sum(alongAxis: 1).scalars == [8, 14])
        #expect(m.mean() == 22.0 / 6)
        #expect(m.argmax() == 3, "first of the tied maxima")
        #expect(m.argmax(alongAxis: 1).scalars == [1, 0])
        #expect(Tensor([2, 4, 4, 4, 5, 5, 7, 9]).standardDeviation() == 2)
        #expect(Tensor([3, .nan, 1]).min().isNaN && Tensor([3, .nan, 1]).argmin() == 1)
    }

    /// Pairwise summation keeps long sums accurate where naive summation drifts.
    @Test func pairwiseBeatsNaiveOnLongSums() {
        let n = 1_000_000
        let x = Tensor(repeating: 0.1, shape: [n])
        let exact = 100_000.0
        let naive = x.scalars.reduce(0, +)
        #expect(abs(x.sum() - exact) < abs(naive - exact) / 100)
        #expect(abs(x.sum() - exact) < 1e-9)
    }
}
