import Tensor

/// The strong-Wolfe line search of `torch.optim.LBFGS` (`_strong_wolfe`, itself from minFunc), step for step.
///
/// Along a descent direction d from x with loss f, gradient g and slope gᵀd < 0, it looks for a step t with
///
///     f(x + t·d) ≤ f + c₁·t·gᵀd                  (sufficient decrease, Armijo)
///     |∇f(x + t·d)ᵀd| ≤ −c₂·gᵀd                  (strong curvature condition)
///
/// in two phases. **Bracketing** starts at the trial step t and, while the trial still descends, extrapolates
/// with the minimiser of the cubic through the last two points, clamped to [t + 0.01·(t − t_prev), 10·t].
/// It stops with a bracket when the decrease fails (or, from the third trial on, the loss stops falling) or
/// the slope turns non-negative, and stops done when the curvature condition holds. **Zoom** shrinks the
/// bracket with cubic interpolation, moving a trial that lands within 10 % of the bracket's width from an
/// end to that 10 % mark when the previous trial made insufficient progress too, and stops when the
/// conditions hold or the bracket is narrower than `toleranceChange` (measured as width·max|d|).
///
/// Both phases share a budget of `maximumIterations` further evaluations after the first trial. If
/// bracketing exhausts it, the bracket becomes [0, t] and no zoom runs: the result is the better of the
/// start (t = 0) and the last trial. **With a budget of 0 the search evaluates only the first trial and
/// returns t = 0 whenever that trial does not lower the loss** — the stall of
/// `LBFGS(max_iter=1, line_search_fn="strong_wolfe")`, whose budget is `max_eval − 1 = 0`.
public struct StrongWolfeLineSearch: Sendable, Equatable {
    /// c₁, the sufficient-decrease constant (torch: 1e-4).
    public var sufficientDecrease: Double
    /// c₂, the curvature constant (torch: 0.9).
    public var curvature: Double
    /// The smallest bracket width (times max|d|) the zoom still refines (torch: `tolerance_change`, 1e-9).
    public var toleranceChange: Double
    /// The evaluation budget after the first trial (torch's `max_ls`: 25 by default, `max_eval − evaluations
    /// so far` inside L-BFGS). Negative budgets act as 0.
    public var maximumIterations: Int

    /// What the search found.
    public struct Result: Sendable, Equatable {
        /// The loss at x + t·d.
        public var loss: Double
        /// The gradient at x + t·d.
        public var gradient: Tensor
        /// The step length t (0 when no trial improved on the start and the budget was exhausted).
        public var stepLength: Double
        /// How many times the search evaluated the objective.
        public var evaluations: Int
    }

    /// Creates a search with torch's constants.
    ///
    /// - Parameters:
    ///   - sufficientDecrease: c₁.
    ///   - curvature: c₂.
    ///   - toleranceChange: the smallest bracket width.
    ///   - maximumIterations: the evaluation budget after the first trial.
    public init(
        sufficientDecrease: Double = 1e-4, curvature: Double = 0.9, toleranceChange: Double = 1e-9,
        maximumIterations: Int = 25
    ) {
        self.sufficientDecrease = sufficientDecrease
        self.curvature = curvature
        self.toleranceChange = toleranceChange
        self.maximumIterations = maximumIterations
    }

    /// Searches along `direction` from the trial step `initialStep`.
    ///
    /// - Parameters:
    ///   - initialStep: the first trial t.
    ///   - direction: d, a descent direction.
    ///   - loss: f at t = 0.
    ///   - gradient: g at t = 0.
    ///   - slope: gᵀd (negative).
    ///   - evaluate: returns the loss and the gradient at x + t·d.
    /// - Returns: the accepted step, its loss and gradient, and the evaluation count.
    public func search(
        initialStep: Double, direction: Tensor, loss: Double, gradient: Tensor, slope: Double,
        evaluate: (Double) throws -> (loss: Double, gradient: Tensor)
    ) rethrows -> Result {
        let (c1, c2, budget) = (sufficientDecrease, curvature, Swift.max(0, maximumIterations))
        let dNorm = maximumMagnitude(direction)
        var t = initialStep
        var (fNew, gNew) = try evaluate(t)
        var evaluations = 1
        var gtdNew = dotProduct(gNew, direction)

        // Bracketing phase. A bracket is kept as parallel two-element arrays (one element when done).
        var tPrev = 0.0, fPrev = loss, gPrev = gradient, gtdPrev = slope
        var done = false
        var iteration = 0
        var bracket: [Double] = [], bracketF: [Double] = [], bracketG: [Tensor] = [], bracketGtd: [Double] = []
        while iteration < budget {
            if fNew > loss + c1 * t * slope || (iteration > 1 && fNew >= fPrev) {
                (bracket, bracketF, bracketG, bracketGtd) = (
                    [tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]
                )
                break
            }
            if Swift.abs(gtdNew) <= -c2 * slope {
                (bracket, bracketF, bracketG) = ([t], [fNew], [gNew])
                done = true
                break
            }
            if gtdNew >= 0 {
                (bracket, bracketF, bracketG, bracketGtd) = (
                    [tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]
                )
                break
            }
            let minStep = t + 0.01 * (t - tPrev)
            let maxStep = t * 10
            let previous = t
            t = StrongWolfeLineSearch.cubicMinimum(
                tPrev, fPrev, gtdPrev, t, fNew, gtdNew, bounds: (minStep, maxStep))
            (tPrev, fPrev, gPrev, gtdPrev) = (previous, fNew, gNew, gtdNew)
            (fNew, gNew) = try evaluate(t)
            evaluations += 1
            gtdNew = dotProduct(gNew, direction)
            iteration += 1
        }
        if iteration == budget {
            (bracket, bracketF, bracketG) = ([0, t], [loss, fNew], [gradient, gNew])
        }

        // Zoom phase.
        var insufficientProgress = false
        var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
        while !done && iteration < budget {
            if Swift.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange { break }
            t = StrongWolfeLineSearch.cubicMinimum(
                bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1])
            let upper = pythonMax(bracket[0], bracket[1]), lower = pythonMin(bracket[0], bracket[1])
            let margin = 0.1 * (upper - lower)
            if pythonMin(upper - t, t - lower) < margin {
                if insufficientProgress || t >= upper || t <= lower {
                    t = Swift.abs(t - upper) < Swift.abs(t - lower) ? upper - margin : lower + margin
                    insufficientProgress = false
                } else {
                    insufficientProgress = true
                }
            } else {
                insufficientProgress = false
            }
            (fNew, gNew) = try evaluate(t)
            evaluations += 1
            gtdNew = dotProduct(gNew, direction)
            iteration += 1

            if fNew > loss + c1 * t * slope || fNew >= bracketF[low] {
                (bracket[high], bracketF[high], bracketG[high], bracketGtd[high]) = (t, fNew, gNew, gtdNew)
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0)
            } else {
                if Swift.abs(gtdNew) <= -c2 * slope {
                    done = true
                } else if gtdNew * (bracket[high] - bracket[low]) >= 0 {
                    (bracket[high], bracketF[high], bracketG[high], bracketGtd[high]) =
                        (bracket[low], bracketF[low], bracketG[low], bracketGtd[low])
                }
                (bracket[low], bracketF[low], bracketG[low], bracketGtd[low]) = (t, fNew, gNew, gtdNew)
            }
        }
        return Result(loss: bracketF[low], gradient: bracketG[low], stepLength: bracket[low], evaluations: evaluations)
    }

    /// The minimiser of the cubic through two points with their values and slopes, clamped to `bounds`
    /// (torch's `_cubic_interpolate`).
    ///
    /// With d₁ = g₁ + g₂ − 3(f₁ − f₂)/(x₁ − x₂) and d₂ = √(d₁² − g₁g₂), the minimiser is
    /// x₂ − (x₂ − x₁)·(g₂ + d₂ − d₁)/(g₂ − g₁ + 2d₂) (for x₁ ≤ x₂; symmetric otherwise). When d₁² < g₁g₂ the
    /// cubic has no minimiser and the midpoint of the bounds is returned.
    ///
    /// - Parameters:
    ///   - x1: first abscissa.
    ///   - f1: value at x1.
    ///   - g1: slope at x1.
    ///   - x2: second abscissa.
    ///   - f2: value at x2.
    ///   - g2: slope at x2.
    ///   - bounds: the interval to clamp to; `nil` means [min(x1, x2), max(x1, x2)].
    /// - Returns: the clamped minimiser.
    public static func cubicMinimum(
        _ x1: Double, _ f1: Double, _ g1: Double, _ x2: Double, _ f2: Double, _ g2: Double,
        bounds: (lower: Double, upper: Double)? = nil
    ) -> Double {
        let (lower, upper) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
        let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        let d2Square = d1 * d1 - g1 * g2
        guard d2Square >= 0 else { return (lower + upper) / 2 }
        let d2 = d2Square.squareRoot()
        let position =
            x1 <= x2
            ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
            : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return pythonMin(pythonMax(position, lower), upper)
    }
}

/// Python's `max(a, b)`: `b` only when `b > a`, so a NaN in `a` is kept (torch's code relies on Python's rules).
@inline(__always)
func pythonMax(_ a: Double, _ b: Double) -> Double { b > a ? b : a }

/// Python's `min(a, b)`: `b` only when `b < a`.
@inline(__always)
func pythonMin(_ a: Double, _ b: Double) -> Double { b < a ? b : a }
