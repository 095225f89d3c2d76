import Tensor
import TestSupport
import Testing

@Suite struct CreationTests {
    @Test func constantTensors() {
        #expect(Tensor.zeros([2, 3]).scalars == [0, 0, 0, 0, 0, 0])
        #expect(Tensor.ones([2]).scalars == [1, 1])
        #expect(Tensor.full([1, 2], 7.5).scalars == [7.5, 7.5])
        #expect(Tensor.identity(3).scalars == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Tensor(2.5).rank == 0 && Tensor(2.5).scalar == 2.5)
    }

    @Test func nestedArrays() throws {
        let m = try Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m.shape == [2, 3])
        #expect(m[1, 2] == 6)
        let cube = try Tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]])
        #expect(cube.shape == [3, 2, 2])
        #expect(cube[2, 0, 1] == 10)
    }

    @Test func raggedArraysThrowNamingTheRow() {
        #expect(throws: TensorError.ragged(path: [1], expected: 2, found: 3)) {
            try Tensor([[1, 2], [3, 4, 5]])
        }
        #expect(throws: TensorError.ragged(path: [1, 0], expected: 2, found: 1)) {
            try Tensor([[[1, 2]], [[3]]])
        }
    }

    /// linspace must equal NumPy's bit for bit: the 40-point course grid depends on it.
    @Test func linspaceMatchesNumPyExactly() {
        for item in numpy["linspace"].array {
            let values = Tensor.linspace(
                item["start"].double, item["stop"].double,
                count: item["count"].int)
            #expect(values.scalars == item["values"].doubles, "linspace \(item["start"].double)")
        }
    }

    /// surface-plot --range=-1e308,1e308 (issue 15): ends whose difference overflows still give a finite,
    /// increasing, evenly spaced grid (NumPy's gives NaN and infinities). x[i] = 1e308·(−1 + 2i/39), to the
    /// rounding of the halved step.
    @Test func linspaceBetweenEndsWhoseDifferenceOverflows() {
        let x = Tensor.linspace(-1e308, 1e308, count: 40).scalars
        #expect(x.first == -1e308 && x.last == 1e308)
        let increasing = zip(x, x.dropFirst()).allSatisfy { $0 < $1 }
        #expect(increasing)
        for (i, v) in x.enumerated() {
            #expect(abs(v / 1e308 - (-1 + 2 * Double(i) / 39)) < 1e-15, "x[\(i)] = \(v)")
        }
        let whole = Tensor.linspace(-.greatestFiniteMagnitude, .greatestFiniteMagnitude, count: 3).scalars
        #expect(whole == [-.greatestFiniteMagnitude, 0, .greatestFiniteMagnitude])
    }

    /// arange must equal NumPy's bit for bit, including its `start + i·(x₁ − x₀)` rule.
    @Test func arangeMatchesNumPyExactly() {
        for item in numpy["arange"].array {
            let values = Tensor.arange(
                item["start"].double, item["stop"].double,
                step: item["step"].double)
            #expect(values.scalars == item["values"].doubles, "arange \(item["start"].double)")
        }
    }

    /// The spot values the UDL reference lists for NumPy's arange (§0.1).
    @Test func arangeReferenceSpotValues() {
        #expect(Tensor.arange(0, 1, step: 0.01).count == 100)
        #expect(Tensor.arange(0, 1, step: 0.01).scalars[50] == 0.5)
        let z = Tensor.arange(-1, 1, step: 0.01)
        #expect(z.count == 200)
        #expect(z.scalars[100] == 8.881784197001252e-16)
        #expect(z.scalars[110] == 0.10000000000000098)
        let b = Tensor.arange(-2, 6, step: 0.1)
        #expect(b.count == 80 && b.scalars[36] == 1.6000000000000032 && b.scalars[26] == 0.6000000000000023)
        #expect(Tensor.arange(0.1, 0.5, step: 0.005).scalars[33] == 0.26500000000000012)
        #expect(Tensor.arange(0, 1, step: 0.01).scalars[27] == 0.27000000000000002)
    }
}
