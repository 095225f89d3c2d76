import Notebooks

// The chapter-6 reference (``ChapterSixReference``, the notebooks' own copy) as the rows the tests of Optim's
// optimizers on the notebooks' problems read: the step with its values by name.

/// 6.2, GD with line search from (1.6, −0.5): (step, loss, φ0, φ1, α); α is 0 at step 0.
let notebook62Trajectory = ChapterSixReference.gradientDescent62.enumerated().map {
    (step: $0.offset, loss: $0.element[0], phi0: $0.element[1], phi1: $0.element[2], alpha: $0.element[3])
}

/// Rows `[φ0, φ1]` of steps 0, 1, … as (step, φ0, φ1).
func steps(_ table: [[Double]]) -> [(step: Int, phi0: Double, phi1: Double)] {
    table.enumerated().map { (step: $0.offset, phi0: $0.element[0], phi1: $0.element[1]) }
}

/// 6.3 (i), GD with line search (max_dist 2) from (−1.5, 8.5).
let notebook63LineSearchTrajectory = steps(ChapterSixReference.lineSearch63)
/// 6.3 (ii), GD with α = 0.2 from (−1.5, 8.5).
let notebook63FixedRateTrajectory = steps(ChapterSixReference.fixedRate63)
/// 6.3 (iii), SGD with seed 1, α = 0.8, batch 5 from (3.5, 6.5).
let notebook63SGDTrajectory = steps(ChapterSixReference.stochastic63)

/// 6.4, seed 1, α 0.6, β 0.6, batch 5 from (−1.5, 6.5): (step, SGD, momentum and Nesterov (φ0, φ1)).
let notebook64Trajectories = ChapterSixReference.momentum64.map {
    (step: $0.step, sgd: ($0.phi[0], $0.phi[1]), momentum: ($0.phi[2], $0.phi[3]), nesterov: ($0.phi[4], $0.phi[5]))
}

/// 6.4, the minibatch indices `np.random.permutation(30)[:5]` of steps 1…81 after `np.random.seed(1)`.
let notebook64Batches = ChapterSixReference.batches

/// 6.5, Adam from (−0.7, −0.9): (step, (φ0, φ1) with and without bias correction).
let notebook65Adam = ChapterSixReference.adam65.map {
    (step: $0.step, adam: ($0.phi[0], $0.phi[1]), noCorrection: ($0.phi[2], $0.phi[3]))
}
