import Tensor
import TestSupport
import Testing

@Suite struct ElementwiseTests {
    /// Every broadcasting case of the fixture against NumPy, for + − × ÷ and >.
    @Test func broadcastingMatchesNumPy() {
        for item in numpy["broadcast"].array {
            let a = normals(seed: 11, item["a"].ints)
            let b = normals(seed: 12, item["b"].ints)
            let shape = item["shape"].ints
            for (name, result) in [("add", a + b), ("sub", a - b), ("mul", a * b), ("div", a / b), ("gt", a .> b)] {
                #expect(result.shape == shape, "\(name) \(a.shape) \(b.shape)")
                #expect(result.scalars == item[name].doubles, "\(name) \(a.shape) \(b.shape)")
            }
        }
    }

    @Test func mismatchedShapesAreNamedInTheError() {
        #expect(throws: TensorError.shapeMismatch(operation: "add", [2, 3], [2])) {
            try Tensor.broadcastShape([2, 3], [2], operation: "add")
        }
        let message = "\(TensorError.shapeMismatch(operation: "add", [2, 3], [2]))"
        #expect(message.contains("[2, 3]") && message.contains("[2]"))
    }

    @Test func scalarOperandsAndInPlaceForms() throws {
        let x = try Tensor([[1, -2], [3, 4]])
        #expect((x * 2 + 1).scalars == [3, -3, 7, 9])
        #expect((1 - x).scalars == [0, 3, -2, -3])
        #expect((-x).scalars == [-1, 2, -3, -4])
        var y = x
        y += Tensor([10, 20])
        #expect(y.scalars == [11, 18, 13, 24])
        y *= 0.5
        #expect(y.scalars == [5.5, 9, 6.5, 12])
        y -= try Tensor([[1], [2]])
        #expect(y.scalars == [4.5, 8, 4.5, 10])
        #expect(x.scalars == [1, -2, 3, 4], "value semantics: x is unchanged")
    }

    @Test func masksClampAndSelection() throws {
        let x = Tensor([-1.5, 0, 0.5, 2, .nan])
        #expect((x .>= 0).scalars == [0, 1, 1, 1, 0])
        #expect((x .> 0).scalars == [0, 0, 1, 1, 0])
        let clipped = x.clamped(min: -1, max: 1)
        #expect(Array(clipped.scalars.prefix(4)) == [-1, 0, 0.5, 1])
        #expect(clipped.scalars[4].isNaN)
        let chosen = Tensor([1, 2, 3]).selecting(where: Tensor([1, 0, 1]), otherwise: Tensor(-1))
        #expect(chosen.scalars == [1, -1, 3])
        #expect(!x.isFinite && Tensor([1, 2]).isFinite)
    }

    @Test func elementwiseFunctions() {
        let x = Tensor([1, 4, 9])
        #expect(x.squareRoot().scalars == [1, 2, 3])
        #expect(x.squared().scalars == [1, 16, 81])
        #expect(Tensor([0]).exp().scalars == [1])
        #expect(Tensor([1]).log().scalars == [0])
        #expect(Tensor([-2, 3]).magnitude().scalars == [2, 3])
        #expect(Tensor([2, 3]).power(3).scalars == [8, 27])
        #expect(x.map { $0 + 1 }.scalars == [2, 5, 10])
    }
}
