import Tensor
import TestSupport
import Testing

@Suite struct ShapeTests {
    let m = try! Tensor([[1, 2, 3], [4, 5, 6]])

    @Test func reshapeKeepsOrderAndInfersOneExtent() {
        #expect(m.reshaped([3, 2]).scalars == [1, 2, 3, 4, 5, 6])
        #expect(m.reshaped([-1]).shape == [6])
        #expect(m.reshaped([3, -1]).shape == [3, 2])
        #expect(m.reshaped([1, 2, 3, 1]).rank == 4)
    }

    @Test func transposeSwapsIndices() throws {
        let t = m.transposed()
        #expect(t.shape == [3, 2])
        #expect(t == (try Tensor([[1, 4], [2, 5], [3, 6]])))
        #expect(t.transposed() == m)
    }

    @Test func rowGatherAndSlices() throws {
        let x = try Tensor([[0, 1], [10, 11], [20, 21], [30, 31]])
        #expect(x.rows(at: [2, 0, 2]) == (try Tensor([[20, 21], [0, 1], [20, 21]])))
        #expect(x.rows(1..<3) == (try Tensor([[10, 11], [20, 21]])))
        #expect(x.row(3).scalars == [30, 31])
        #expect(x.row(3).shape == [2])
        #expect(x.column(1).scalars == [1, 11, 21, 31])
        var batch = Tensor.zeros([2, 2])
        x.gatherRows([3, 1], into: &batch)
        #expect(batch.scalars == [30, 31, 10, 11])
    }

    @Test func concatenateAndStack() throws {
        let a = try Tensor([[1, 2], [3, 4]])
        let b = try Tensor([[5, 6]])
        #expect(Tensor.concatenate([a, b]) == (try Tensor([[1, 2], [3, 4], [5, 6]])))
        let c = try Tensor([[7], [8]])
        #expect(Tensor.concatenate([a, c], axis: 1) == (try Tensor([[1, 2, 7], [3, 4, 8]])))
        let u = Tensor([1, 2, 3]), v = Tensor([4, 5, 6])
        #expect(Tensor.stack([u, v]) == (try Tensor([[1, 2, 3], [4, 5, 6]])))
        #expect(Tensor.stack([u, v], axis: 1) == (try Tensor([[1, 4], [2, 5], [3, 6]])))
    }
}
