import Tensor

/// The minibatches of each training epoch: the row indices, shuffled anew each epoch or kept in order.
///
/// Each call of ``nextEpoch()`` gives one epoch's batches, as PyTorch's `DataLoader(shuffle=…,
/// drop_last=False)` does: the order of the `count` rows is cut into consecutive batches of
/// `batchSize` indices, the last one shorter when `batchSize` does not divide `count`.
///
/// The order of random draws, so that a run can be reproduced in NumPy: when shuffling, each call of
/// ``nextEpoch()`` draws exactly one `permutation(count)` from ``random`` (NumPy:
/// `np.random.permutation(n)`, which makes n − 1 bounded-integer draws, for i = n−1 down to 1), before
/// any batch of that epoch is used, and nothing else is ever drawn. Epoch e's order is therefore the
/// e-th of `np.random.seed(s); [np.random.permutation(n) for e in range(epochs)]`. Without shuffling
/// nothing is drawn and the order is 0, 1, …, count − 1 every epoch.
///
/// ```swift
/// var minibatches = Minibatches(count: 1600, batchSize: 40, shuffle: true, seed: 0)
/// for _ in 0..<epochs {
///     for batch in minibatches.nextEpoch() {          // batch: ArraySlice<Int>, 40 indices
///         inputs.gatherRows(batch, into: &batchInputs)
///     }
/// }
/// ```
public struct Minibatches: Sendable {
    /// The number of rows.
    public let count: Int
    /// The number of rows per batch (the last batch of an epoch may be shorter).
    public let batchSize: Int
    /// Whether each epoch draws a new order.
    public let shuffles: Bool
    /// The generator the permutations come from, as it stands after the epochs drawn so far.
    public private(set) var random: RandomState
    /// The number of epochs handed out so far.
    public private(set) var epochsDrawn = 0
    private var order: [Int]

    /// Batches of `count` rows drawn from `random`.
    ///
    /// - Parameters:
    ///   - count: the number of rows.
    ///   - batchSize: the rows per batch; `nil` for one full batch per epoch.
    ///   - shuffle: whether to draw a new order each epoch (`false`: `--no-shuffle`).
    ///   - random: the generator, taken by value (read it back from ``random``).
    /// - Precondition: `count ≥ 0`; `batchSize ≥ 1` when given.
    public init(count: Int, batchSize: Int? = nil, shuffle: Bool = true, random: RandomState) {
        precondition(count >= 0, "a data set cannot have \(count) rows")
        precondition(batchSize.map { $0 >= 1 } ?? true, "the batch size must be at least 1, got \(batchSize!)")
        self.count = count
        self.batchSize = max(1, min(batchSize ?? count, count))
        self.shuffles = shuffle
        self.random = random
        order = Array(0..<count)
    }

    /// Batches of `count` rows, shuffled by a generator seeded like `np.random.seed(seed)`.
    public init(count: Int, batchSize: Int? = nil, shuffle: Bool = true, seed: UInt32) {
        self.init(count: count, batchSize: batchSize, shuffle: shuffle, random: RandomState(seed: seed))
    }

    /// The number of batches in each epoch, ⌈count / batchSize⌉.
    public var batchesPerEpoch: Int { (count + batchSize - 1) / batchSize }

    /// The next epoch's batches, drawing its order first when shuffling.
    ///
    /// - Complexity: O(count) when shuffling, O(1) otherwise; no allocation after the first epoch
    ///   unless the caller keeps the previous epoch.
    public mutating func nextEpoch() -> Epoch {
        if shuffles {
            // The same values as `random.permutation(count)`, in the existing storage.
            for i in 0..<count { order[i] = i }
            random.shuffle(&order)
        }
        epochsDrawn += 1
        return Epoch(order: order, batchSize: batchSize)
    }

    /// One epoch's batches: consecutive slices of a row order.
    public struct Epoch: RandomAccessCollection, Sendable {
        /// The order of the rows in this epoch.
        public let order: [Int]
        /// The rows per batch (the last batch may be shorter).
        public let batchSize: Int

        /// The first batch's position, 0.
        public var startIndex: Int { 0 }
        /// One past the last batch's position, ⌈order.count / batchSize⌉.
        public var endIndex: Int { (order.count + batchSize - 1) / batchSize }

        /// The row indices of batch `position`.
        public subscript(position: Int) -> ArraySlice<Int> {
            let start = position * batchSize
            return order[start..<Swift.min(start + batchSize, order.count)]
        }
    }
}
