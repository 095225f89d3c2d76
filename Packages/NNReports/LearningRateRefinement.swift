/// The learning-rate scan's two conclusions made exact: where one gradient step stops lowering the loss,
/// and which step length lowers it most.
///
/// Both start from the scan's grid (rates in decreasing order, as ``BackpropagationReport`` draws them) and
/// refine inside the bracket the grid gives, so that they find the crossing and the minimum the scan saw.
struct LearningRateRefinement {
    /// The rate α* with L(α*) = L(0) between the largest decreasing rate of the scan and the next rate
    /// above it (nil when no rate of the scan lowers the loss).
    var threshold: Double?
    /// The minimiser of L(α) between the neighbours of the scan's best rate, and L there.
    var optimum: (rate: Double, loss: Double)?

    /// - Parameters:
    ///   - scan: (α, L(α)) with α decreasing.
    ///   - lossBefore: L(0), the loss before the step.
    ///   - loss: L(α), the loss after one step of length α.
    init(scan: [(rate: Double, loss: Double)], lossBefore: Double, loss: (Double) -> Double) {
        guard let best = scan.indices.min(by: { scan[$0].loss < scan[$1].loss }), scan[best].loss < lossBefore
        else { return }
        // Bisection: the largest decreasing grid rate lowers the loss, the grid rate above it does not.
        let largest = scan.indices.filter { scan[$0].loss < lossBefore }.max { scan[$0].rate < scan[$1].rate }!
        if largest > 0 {
            var (low, high) = (scan[largest].rate, scan[largest - 1].rate)
            while high - low > 1e-13 * high {
                let middle = (low + high) / 2
                if loss(middle) < lossBefore { low = middle } else { high = middle }
            }
            threshold = low
        }
        // Golden-section search on [α_{j+1}, α_{j−1}] around the grid's best α_j (the ends of the grid close
        // the bracket at the best rate itself).
        var low = scan[min(best + 1, scan.count - 1)].rate, high = scan[max(best - 1, 0)].rate
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low), b = low + ratio * (high - low)
        var la = loss(a), lb = loss(b)
        while high - low > 1e-10 * high {
            if la < lb {
                (high, b, lb) = (b, a, la)
                a = high - ratio * (high - low)
                la = loss(a)
            } else {
                (low, a, la) = (a, b, lb)
                b = low + ratio * (high - low)
                lb = loss(b)
            }
        }
        let rate = (low + high) / 2
        optimum = (rate, loss(rate))
    }
}
