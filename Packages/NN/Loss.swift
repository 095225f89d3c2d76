import RealModule

/// How per-element loss terms combine into one number.
public enum Reduction: String, Sendable, CaseIterable {
    /// Σ terms (the notebooks' least squares and negative log-likelihoods).
    case sum
    /// Σ terms / count (PyTorch's default `reduction="mean"`).
    case mean
    /// ½ Σ terms (the textbook convention that cancels the 2 of the squared error's derivative).
    case halfSum

    /// The factor applied to the sum of `count` terms.
    @inlinable
    public func scale(count: Int) -> Double {
        switch self {
        case .sum: return 1
        case .mean: return count == 0 ? 0 : 1 / Double(count)
        case .halfSum: return 0.5
        }
    }
}

/// A loss function L[f, y] of a network's outputs, with its gradient ∂L/∂f (UDL chapter 5).
///
/// Each loss is a negative log-likelihood (up to constants) of a distribution whose parameters the
/// network predicts: squared error for a normal with fixed σ (eq. 5.12), binary cross-entropy for a
/// Bernoulli with λ = σ(f) (eq. 5.20), multiclass cross-entropy for a categorical with λ = softmax(f)
/// (eq. 5.24). The classification losses take logits, so they stay finite where σ or softmax saturate.
public enum Loss: Sendable, Equatable {
    /// Σ (f − y)² reduced as given: `.sum` is notebook 6.2's least squares, `.mean` PyTorch's `MSELoss`.
    case squaredError(Reduction)
    /// −[y log σ(f) + (1 − y) log(1 − σ(f))] per output (PyTorch's `BCEWithLogitsLoss`), y ∈ [0, 1].
    case binaryCrossEntropy(Reduction)
    /// −log softmax(f)_y per point (PyTorch's `CrossEntropyLoss`); targets are class indices 0 … D_o − 1
    /// (one per point). `.mean` divides by the number of points.
    case crossEntropy(Reduction)
    /// −Σ log N(y; f, σ²) = Σ [(y − f)²/(2σ²) + ½ log(2πσ²)], notebook 5.1's negative log-likelihood.
    case gaussianNegativeLogLikelihood(sigma: Double)

    /// Mean squared error (PyTorch's `MSELoss()`).
    public static let mse = Loss.squaredError(.mean)
    /// Sum of squared errors.
    public static let sse = Loss.squaredError(.sum)

    /// The number of target values per point: D_o, or 1 for class indices.
    public func targetWidth(outputs: Int) -> Int {
        if case .crossEntropy = self { return 1 }
        return outputs
    }

    /// The loss of `count` points with `width` outputs each (row-major), against their targets.
    public func value(outputs: UnsafePointer<Double>, targets: UnsafeBufferPointer<Double>, count: Int, width: Int)
        -> Double
    {
        evaluate(outputs: outputs, targets: targets, count: count, width: width, gradient: nil)
    }

    /// The loss, writing ∂L/∂f for every output into `gradient` (`count × width`, row-major).
    public func valueAndGradient(
        outputs: UnsafePointer<Double>, targets: UnsafeBufferPointer<Double>, count: Int, width: Int,
        gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        evaluate(outputs: outputs, targets: targets, count: count, width: width, gradient: gradient)
    }

    private func evaluate(
        outputs f: UnsafePointer<Double>, targets y: UnsafeBufferPointer<Double>, count n: Int, width d: Int,
        gradient g: UnsafeMutablePointer<Double>?
    ) -> Double {
        precondition(
            y.count == n * targetWidth(outputs: d), "\(y.count) targets for \(n) points × \(targetWidth(outputs: d))")
        var total = 0.0
        addTerms(outputs: f, targets: y.baseAddress, points: 0..<n, of: n, width: d, gradient: g, to: &total)
        return reduce(total, count: n, width: d)
    }

    /// Adds the terms of points `points` (of `count` in all) to the running sum `total`, in order, and
    /// writes their ∂L/∂f into `gradient`: the loss of a set visited in consecutive parts, with
    /// ``reduce(_:count:width:)`` at the end, is the loss of the whole set bit for bit.
    ///
    /// - Parameters:
    ///   - outputs: the outputs of the points `points`, from the first (`points.count × width`).
    ///   - targets: their targets.
    ///   - points: the points' positions among all `count` (for the mean's divisor and for messages).
    ///   - gradient: receives ∂L/∂f for those points, as `outputs` is laid out (nil: none).
    package func addTerms(
        outputs f: UnsafePointer<Double>, targets y: UnsafePointer<Double>?, points: Range<Int>, of n: Int,
        width d: Int, gradient g: UnsafeMutablePointer<Double>?, to total: inout Double
    ) {
        let m = points.count
        guard m > 0, let y else { return }
        switch self {
        case let .squaredError(reduction):
            let scale = reduction.scale(count: n * d)
            for i in 0..<(m * d) {
                let r = f[i] - y[i]
                total += r * r
                g?[i] = 2 * scale * r
            }
        case let .gaussianNegativeLogLikelihood(sigma):
            let variance = sigma * sigma
            let constant = 0.5 * Double.log(2 * Double.pi * variance)
            for i in 0..<(m * d) {
                let r = f[i] - y[i]
                total += r * r / (2 * variance) + constant
                g?[i] = r / variance
            }
        case let .binaryCrossEntropy(reduction):
            let scale = reduction.scale(count: n * d)
            for i in 0..<(m * d) {
                let z = f[i]
                total += Swift.max(z, 0) - z * y[i] + Double.log(onePlus: Double.exp(-Swift.abs(z)))
                g?[i] = scale * (Activation.logistic(z) - y[i])
            }
        case let .crossEntropy(reduction):
            let scale = reduction.scale(count: n)
            for i in 0..<m {
                let row = f + i * d
                guard let label = Int(exactly: y[i]), label >= 0, label < d else {
                    preconditionFailure(
                        "class label \(y[i]) of point \(points.lowerBound + i) is not one of 0…\(d - 1)")
                }
                var largest = row[0]
                for j in 1..<Swift.max(d, 1) { largest = Swift.max(largest, row[j]) }
                var sum = 0.0
                for j in 0..<d { sum += Double.exp(row[j] - largest) }
                let logNormalizer = largest + Double.log(sum)
                total += logNormalizer - row[label]
                if let g {
                    for j in 0..<d {
                        let probability = Double.exp(row[j] - logNormalizer)
                        g[i * d + j] = scale * (probability - (j == label ? 1 : 0))
                    }
                }
            }
        }
    }

    /// The loss of `count` points from the sum of their terms (``addTerms(outputs:targets:points:of:width:gradient:to:)``).
    package func reduce(_ total: Double, count n: Int, width d: Int) -> Double {
        switch self {
        case let .squaredError(reduction), let .binaryCrossEntropy(reduction):
            return reduction.scale(count: n * d) * total
        case let .crossEntropy(reduction):
            return reduction.scale(count: n) * total
        case .gaussianNegativeLogLikelihood:
            return total
        }
    }
}

extension Loss {
    /// The command-line names: `mse`, `sse`, `half-sse`, `bce`, `ce`.
    public static let names = ["mse", "sse", "half-sse", "bce", "ce"]

    /// The loss called `name` on the command line.
    public init?(name: String) {
        switch name {
        case "mse": self = .squaredError(.mean)
        case "sse": self = .squaredError(.sum)
        case "half-sse": self = .squaredError(.halfSum)
        case "bce": self = .binaryCrossEntropy(.mean)
        case "ce": self = .crossEntropy(.mean)
        default: return nil
        }
    }

    /// A one-line statement of the convention, e.g. `L = (1/N) Σ (f(x_i) − y_i)²`.
    public var formula: String {
        switch self {
        case let .squaredError(reduction):
            switch reduction {
            case .sum: return "L = Σ_i (f(x_i) − y_i)²"
            case .mean: return "L = (1/N) Σ_i (f(x_i) − y_i)²"
            case .halfSum: return "L = ½ Σ_i (f(x_i) − y_i)²"
            }
        case let .binaryCrossEntropy(reduction):
            return "L = \(reduction.prefix)Σ_i −[y_i log σ(f_i) + (1 − y_i) log(1 − σ(f_i))]"
        case let .crossEntropy(reduction):
            return "L = \(reduction.prefix)Σ_i −log softmax(f(x_i))_{y_i}"
        case let .gaussianNegativeLogLikelihood(sigma):
            return "L = −Σ_i log N(y_i; f(x_i), σ² = \(sigma * sigma))"
        }
    }
}

extension Reduction {
    /// The factor written before Σ in a formula.
    var prefix: String {
        switch self {
        case .sum: return ""
        case .mean: return "(1/N) "
        case .halfSum: return "½ "
        }
    }
}
