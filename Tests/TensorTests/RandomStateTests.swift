import Tensor
import TestSupport
import Testing

@Suite struct RandomStateTests {
    let fixture = numpy["random"]

    /// The spot values of the UDL reference (§0.3): the first normals after seed 0.
    @Test func firstNormalsAfterSeedZero() {
        var random = RandomState(seed: 0)
        let first = (0..<6).map { _ in random.standardNormal() }
        #expect(
            first == [
                1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458,
                1.8675579901499675, -0.977277879876411,
            ])
        #expect(normals(seed: 0, [10]).scalars == fixture["seed0_normals"].doubles)
    }

    @Test func permutationAfterSeedOne() {
        var random = RandomState(seed: 1)
        let permutation = random.permutation(30)
        #expect(Array(permutation.prefix(5)) == [17, 21, 10, 19, 14])
        #expect(permutation == fixture["seed1_permutation30"].ints)
    }

    @Test func uniformsScaledDrawsAndTheGaussianCache() {
        var random = RandomState(seed: 42)
        #expect(random.uniform(shape: [5]).scalars == fixture["seed42_uniform5"].doubles)
        #expect(random.uniform(shape: [5], low: -2, high: 3).scalars == fixture["seed42_then_uniform_m2_3"].doubles)
        #expect(
            random.normal(shape: [5], mean: 1.5, standardDeviation: 0.25).scalars
                == fixture["seed42_then_normal_1.5_0.25"].doubles)
        // The fifth normal cached a value: it is returned by the next normal, across other draws.
        let mixed = fixture["seed42_then_mixed"]
        #expect(random.standardNormal() == mixed[0].double)
        #expect(random.uniform() == mixed[1].double)
        #expect(random.standardNormal() == mixed[2].double)
        #expect(random.permutation(7) == mixed[3].ints)
        var large = RandomState(seed: 4_294_967_295)
        #expect(large.normal(shape: [3]).scalars == fixture["seed4294967295_normals"].doubles)
    }

    /// All 187 weights and biases of notebook 7.2, regenerated in the notebook's order.
    @Test func notebook72Weights() {
        var random = RandomState(seed: 0)
        var draws: [Double] = []
        for shape in [[6, 1], [1, 6], [6, 1], [1, 1]] { draws += random.normal(shape: shape).scalars }
        for _ in 0..<4 {
            draws += random.normal(shape: [6, 6]).scalars
            draws += random.normal(shape: [6, 1]).scalars
        }
        #expect(draws == fixture["notebook72_187"].doubles)
        // Spot values from the reference's listing: Ω₅ (draws 6…11) and β₅ (draw 18).
        #expect(draws[6] == 0.9500884175255894 && draws[11] == 1.454273506962975)
        #expect(draws[18] == 0.31306770165090136)
    }

    @Test func reseedingRestartsTheStreamAndClearsTheCache() {
        var random = RandomState(seed: 3)
        let a = random.standardNormal()
        random.reseed(3)
        #expect(random.standardNormal() == a)
    }
}
