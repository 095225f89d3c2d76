/// The bracketing line search of UDL notebooks 6.1–6.3 (the book's Figure 6.10): four points a < b < c < d
/// on [0, `maximumDistance`] and three rules.
///
/// It starts from a = 0, b = 0.33·D, c = 0.66·D, d = D and, while |b − c| > `threshold` and fewer than
/// `maximumIterations` passes have run, compares the losses at the four points and applies one rule:
///
/// 1. the loss at a is the smallest (ties count for a, as NumPy's `argmin`): b, c and d are halved;
/// 2. otherwise, if L(b) < L(c): d ← c, then b and c move to a + (d − a)/3 and a + 2(d − a)/3;
/// 3. otherwise: a ← b, then b and c move to a + (d − a)/3 and a + 2(d − a)/3.
///
/// The result is (b + c)/2. Rule 1 halves towards 0, as the code given in notebooks 6.2 and 6.3 does
/// (`b = b/2`); that is "halfway towards a" whenever a = 0, which is when the notebooks' runs apply it.
/// The notebooks evaluate all four points on every pass; this search remembers the previous pass's four
/// values and re-evaluates only points that moved, which changes the number of evaluations, not the result.
public struct BracketingLineSearch: Sendable, Equatable {
    /// The search stops once |b − c| ≤ threshold (notebooks 6.2/6.3: 1e-5; 6.1: 1e-4).
    public var threshold: Double
    /// D, the right end of the initial bracket [0, D] (6.2: 0.1; 6.3: 2.0; 6.1: 1).
    public var maximumDistance: Double
    /// The largest number of passes (6.2/6.3: 15; 6.1: 10).
    public var maximumIterations: Int

    /// Which rule a pass applied.
    public enum Rule: Int, Sendable {
        /// L(a) is the smallest: halve b, c and d.
        case shrink = 1
        /// L(b) < L(c): the minimum lies in [a, c].
        case dropRight = 2
        /// Otherwise: the minimum lies in [b, d].
        case dropLeft = 3
    }

    /// One pass: the four points and their losses before the rule, and the rule applied.
    public struct Pass: Sendable, Equatable {
        /// The points a, b, c, d at the start of the pass.
        public var points: [Double]
        /// The losses at a, b, c, d.
        public var losses: [Double]
        /// The rule the pass applied.
        public var rule: Rule
    }

    /// The outcome of a search.
    public struct Result: Sendable, Equatable {
        /// The step (b + c)/2.
        public var step: Double
        /// The final a, b, c, d.
        public var points: [Double]
        /// Every pass, in order.
        public var passes: [Pass]
        /// How many times the loss was evaluated.
        public var evaluations: Int
    }

    /// Creates a search; the defaults are those of notebooks 6.2 and 6.3.
    ///
    /// - Parameters:
    ///   - threshold: the stopping width |b − c|.
    ///   - maximumDistance: D.
    ///   - maximumIterations: the pass limit.
    public init(threshold: Double = 1e-5, maximumDistance: Double = 0.1, maximumIterations: Int = 15) {
        self.threshold = threshold
        self.maximumDistance = maximumDistance
        self.maximumIterations = maximumIterations
    }

    /// The settings of notebook 6.1: threshold 1e-4, D = 1, 10 passes.
    public static let notebook61 = BracketingLineSearch(threshold: 1e-4, maximumDistance: 1, maximumIterations: 10)

    /// Minimises a one-dimensional loss on [0, `maximumDistance`].
    ///
    /// - Parameter loss: the loss as a function of the distance t.
    /// - Returns: the step (b + c)/2 with the trace of passes.
    /// - Complexity: at most `maximumIterations` passes of at most four evaluations each.
    public func minimize(_ loss: (Double) throws -> Double) rethrows -> Result {
        var (a, b, c, d) = (0.0, 0.33 * maximumDistance, 0.66 * maximumDistance, 1.0 * maximumDistance)
        var passes: [Pass] = []
        var evaluations = 0
        var known: [(point: Double, loss: Double)] = []
        func value(_ t: Double) throws -> Double {
            if let hit = known.first(where: { $0.point == t }) { return hit.loss }
            evaluations += 1
            return try loss(t)
        }
        while Swift.abs(b - c) > threshold && passes.count < maximumIterations {
            let points = [a, b, c, d]
            var losses: [Double] = []
            for t in points { losses.append(try value(t)) }
            known = Array(zip(points, losses))
            let rule: Rule
            if losses[0] <= losses[1] && losses[0] <= losses[2] && losses[0] <= losses[3] {
                rule = .shrink
                (b, c, d) = (b / 2, c / 2, d / 2)
            } else if losses[1] < losses[2] {
                rule = .dropRight
                d = c
                (b, c) = (a + (d - a) / 3, a + 2 * (d - a) / 3)
            } else {
                rule = .dropLeft
                a = b
                (b, c) = (a + (d - a) / 3, a + 2 * (d - a) / 3)
            }
            passes.append(Pass(points: points, losses: losses, rule: rule))
        }
        return Result(step: (b + c) / 2, points: [a, b, c, d], passes: passes, evaluations: evaluations)
    }
}
