import Datasets
import Tensor
import Testing

/// Splits and minibatch orders against NumPy's legacy generator (`datasets_fixtures.py`).
@Suite struct SplitAndMinibatchTests {
    @Test func splitsFollowScikitLearnsRule() throws {
        for fixture in try Fixture.cases("splits.json", as: Fixture.Split.self) {
            let split = try DataSplit(count: fixture.n, validationFraction: fixture.fraction, seed: fixture.seed)
            #expect(split.validation == fixture.validation)
            #expect(split.training == fixture.training)
        }
    }

    @Test func zeroFractionKeepsEveryRowInOrderAndDrawsNothing() throws {
        var random = RandomState(seed: 4)
        let split = try DataSplit(count: 5, validationFraction: 0, random: &random)
        #expect(split.training == [0, 1, 2, 3, 4] && split.validation.isEmpty)
        var fresh = RandomState(seed: 4)
        #expect(random.nextUInt32() == fresh.nextUInt32())
    }

    @Test func badSplits() {
        #expect(throws: DatasetError.invalidFraction(1)) { try DataSplit(count: 10, validationFraction: 1, seed: 0) }
        #expect(throws: DatasetError.invalidFraction(-0.1)) {
            try DataSplit(count: 10, validationFraction: -0.1, seed: 0)
        }
        #expect(throws: DatasetError.emptyTrainingSet(rows: 1, validation: 1)) {
            try DataSplit(count: 1, validationFraction: 0.5, seed: 0)
        }
        #expect(
            DatasetError.emptyTrainingSet(rows: 1, validation: 1).description
                == "a validation set of 1 of the 1 rows leaves no rows for training")
    }

    @Test(arguments: [1, 3, 7, 40, 2000])
    func shuffledEpochsAreNumPysPermutationsCutIntoBatches(batchSize: Int) throws {
        for fixture in try Fixture.cases("permutations.json", as: Fixture.Permutations.self) {
            let n = fixture.n, epochs = fixture.epochs
            var minibatches = Minibatches(count: n, batchSize: batchSize, seed: fixture.seed)
            for expected in epochs {
                let epoch = minibatches.nextEpoch()
                #expect(epoch.order == expected)
                #expect(Array(epoch.joined()) == expected)
                // PyTorch's DataLoader(drop_last=False): full batches, then the remainder.
                let sizes = epoch.map(\.count)
                let full = min(batchSize, n)
                #expect(sizes.count == (n + full - 1) / full && sizes.count == minibatches.batchesPerEpoch)
                #expect(sizes.dropLast().allSatisfy { $0 == full })
                #expect(sizes.last == n - full * (sizes.count - 1))
            }
            #expect(minibatches.epochsDrawn == epochs.count)
        }
    }

    @Test func fullBatchAndNoShuffle() {
        var full = Minibatches(count: 5, seed: 0)
        let epoch = full.nextEpoch()
        #expect(full.batchesPerEpoch == 1 && epoch.count == 1 && Array(epoch[0]) == epoch.order)
        var ordered = Minibatches(count: 5, batchSize: 2, shuffle: false, seed: 9)
        for _ in 0..<3 { #expect(ordered.nextEpoch().map(Array.init) == [[0, 1], [2, 3], [4]]) }
        var after = ordered.random, fresh = RandomState(seed: 9)
        #expect(after.uniform() == fresh.uniform())  // nothing was drawn
        var none = Minibatches(count: 0, batchSize: 4, seed: 0)
        #expect(none.nextEpoch().isEmpty)
    }
}
