import Tensor
import TestSupport
import Testing

@Suite struct DescriptionTests {
    /// Printing matches NumPy's `str()` for the fixture's arrays.
    @Test func printsLikeNumPy() {
        for item in numpy["printing"].array {
            let t = Tensor(shape: item["shape"].ints, scalars: item["values"].doubles)
            #expect(t.description == item["text"].string)
        }
    }

    @Test func scalarsAndHigherRanks() {
        #expect(Tensor(2.5).description == "2.5")
        let cube = Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
        #expect(cube.description == "[[[1. 2.]]\n\n [[3. 4.]]]")
    }
}
