import RealModule

/// Where one gradient step lowers the loss, and which step length lowers it most, found on a fine grid
/// of rates and refined between its points.
///
/// The loss after one step, L(α) = L(θ − α∇L), need not rise monotonically past the first rate where it
/// stops falling: it can cross L(0) several times (SELU on Figure 1 does, three times). So the refinement
/// scans ``perDecade`` log-spaced rates per decade over ``decades`` decades below the step's rate, finds
/// every sign change of L(α) − L(0) between neighbouring grid rates and bisects each one, giving the whole
/// set of rates that lower the loss as intervals.
struct LearningRateRefinement {
    /// Grid rates per decade: neighbours 1.2 % apart.
    static let perDecade = 200
    /// Decades below the step's rate that the grid covers: rates from α·10⁻⁶ to α.
    static let decades = 6

    /// The rates in (0, α] where one step lowers the loss, as intervals (low, high) in increasing order.
    /// Each crossing of L(0) is bisected to a relative width of 1e-13; `high` is the last rate found to lower
    /// the loss and `low` the first (or 0 when the grid's smallest rate already lowers it: a nonzero gradient
    /// is a descent direction). Empty when no rate of the grid lowers the loss.
    var decreasingIntervals: [(low: Double, high: Double)] = []
    /// The minimiser of L(α) between the neighbours of the grid's best rate (golden-section search to a
    /// relative width of 1e-10), and L there; nil when no rate of the grid lowers the loss.
    var optimum: (rate: Double, loss: Double)?

    /// The rate below which every step lowers the loss: the end of the first interval when it starts at 0.
    var threshold: Double? {
        decreasingIntervals.first.flatMap { $0.low == 0 ? $0.high : nil }
    }

    /// - Parameters:
    ///   - rate: α, the largest rate considered (the step's learning rate).
    ///   - lossBefore: L(0), the loss before the step.
    ///   - loss: L(α), the loss after one step of length α.
    init(rate: Double, lossBefore: Double, loss: (Double) -> Double) {
        let count = Self.perDecade * Self.decades
        // Increasing rates α·10^(−j/perDecade), j = count … 0.
        let grid = (0...count).map { j in
            rate * Double.pow(10, -Double(count - j) / Double(Self.perDecade))
        }
        let values = grid.map(loss)
        let falls = values.map { $0 < lossBefore }
        // The crossing between grid[j − 1] and grid[j]: the grid rate on the falling side moves toward it.
        func crossing(_ j: Int) -> Double {
            var (low, high) = (grid[j - 1], grid[j])
            let lowFalls = falls[j - 1]
            while high - low > 1e-13 * high {
                let middle = (low + high) / 2
                if (loss(middle) < lossBefore) == lowFalls { low = middle } else { high = middle }
            }
            return lowFalls ? low : high
        }
        var start: Double? = falls[0] ? 0 : nil
        for j in 1...count where falls[j] != falls[j - 1] {
            let rate = crossing(j)
            if falls[j] {
                start = rate
            } else if let low = start {
                decreasingIntervals.append((low, rate))
                start = nil
            }
        }
        if let low = start { decreasingIntervals.append((low, grid[count])) }

        // NaN losses (overflowing steps) never fall and are never the best.
        guard let best = values.indices.filter({ falls[$0] }).min(by: { values[$0] < values[$1] }) else { return }
        // Golden-section search on [α_{j−1}, α_{j+1}] around the grid's best α_j (the ends of the grid close
        // the bracket at the best rate itself).
        var low = grid[max(best - 1, 0)], high = grid[min(best + 1, count)]
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
        let middle = (low + high) / 2
        optimum = (middle, loss(middle))
    }
}
