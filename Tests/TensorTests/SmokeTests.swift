import Testing
import Tensor

@Test func smoke() {
    #expect(Tensor([1, 2, 3]).sum() == 6)
}
