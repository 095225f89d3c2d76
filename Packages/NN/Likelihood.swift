import RealModule
import Tensor

/// The probability models of UDL chapter 5 and their likelihoods, as the notebooks 5.1–5.3 compute them.
///
/// Vectors hold one value per data point. Likelihoods are products (they underflow for large data sets,
/// which is why the book minimises negative log-likelihoods, sums of −log terms, instead).
public enum Likelihood {
    // MARK: Normal (notebook 5.1)

    /// The normal density N(y; μ, σ²) = exp(−(y − μ)²/(2σ²)) / √(2πσ²) (UDL eq. 5.7).
    public static func normalDensity(_ y: Double, mean mu: Double, standardDeviation sigma: Double) -> Double {
        Double.exp(-(y - mu) * (y - mu) / (2 * sigma * sigma)) / (2 * Double.pi * sigma * sigma).squareRoot()
    }

    /// Π_i N(y_i; μ_i, σ²), the likelihood of the observations under the predicted means.
    public static func normal(_ y: Tensor, means mu: Tensor, standardDeviation sigma: Double) -> Double {
        product(y, mu) { normalDensity($0, mean: $1, standardDeviation: sigma) }
    }

    /// −Σ_i log N(y_i; μ_i, σ²), computed term by term (never through the product).
    public static func normalNegativeLogLikelihood(_ y: Tensor, means mu: Tensor, standardDeviation sigma: Double)
        -> Double
    {
        -sumOfLogs(y, mu) { normalDensity($0, mean: $1, standardDeviation: sigma) }
    }

    /// Σ_i (y_i − ŷ_i)², the least-squares loss (UDL eq. 5.11).
    public static func sumOfSquares(_ y: Tensor, predictions: Tensor) -> Double {
        precondition(y.count == predictions.count, "\(y.count) observations for \(predictions.count) predictions")
        return pairwiseSum(Swift.zip(y.scalars, predictions.scalars).map { ($0 - $1) * ($0 - $1) })
    }

    // MARK: Bernoulli (notebook 5.2)

    /// Bern(y; λ) = λ^y (1 − λ)^(1−y) for y ∈ {0, 1} (UDL eq. 5.17).
    public static func bernoulli(_ y: Double, probability lambda: Double) -> Double {
        Double.pow(lambda, y) * Double.pow(1 - lambda, 1 - y)
    }

    /// Π_i Bern(y_i; λ_i).
    public static func bernoulli(_ y: Tensor, probabilities lambda: Tensor) -> Double {
        product(y, lambda) { bernoulli($0, probability: $1) }
    }

    /// −Σ_i log Bern(y_i; λ_i), the binary cross-entropy (UDL eq. 5.20).
    public static func bernoulliNegativeLogLikelihood(_ y: Tensor, probabilities lambda: Tensor) -> Double {
        -sumOfLogs(y, lambda) { bernoulli($0, probability: $1) }
    }

    // MARK: Categorical (notebook 5.3)

    /// softmax(z)_k = exp(z_k) / Σ_j exp(z_j) for each point (UDL eq. 5.22).
    ///
    /// - Parameter logits: `N × K` (one point per row) or a vector of K logits.
    /// - Parameter stable: subtract each row's maximum first, which changes nothing mathematically and
    ///   avoids overflow; `false` reproduces the notebook's plain exp-then-normalise.
    public static func softmax(_ logits: Tensor, stable: Bool = true) -> Tensor {
        let rows = logits.rank == 1 ? logits.reshaped([1, logits.count]) : logits
        let k = rows.shape[1]
        var result = rows
        result.withUnsafeMutableBufferPointer { z in
            for i in 0..<rows.shape[0] {
                let row = z.baseAddress! + i * k
                let shift = stable ? (0..<k).map { row[$0] }.max()! : 0
                var total = 0.0
                for j in 0..<k {
                    row[j] = Double.exp(row[j] - shift)
                    total += row[j]
                }
                for j in 0..<k { row[j] /= total }
            }
        }
        return logits.rank == 1 ? result.reshaped([k]) : result
    }

    /// log softmax(z)_k = z_k − log Σ_j exp(z_j), computed with the log-sum-exp shift.
    public static func logSoftmax(_ logits: Tensor) -> Tensor {
        let rows = logits.rank == 1 ? logits.reshaped([1, logits.count]) : logits
        let k = rows.shape[1]
        var result = rows
        result.withUnsafeMutableBufferPointer { z in
            for i in 0..<rows.shape[0] {
                let row = z.baseAddress! + i * k
                let shift = (0..<k).map { row[$0] }.max()!
                var total = 0.0
                for j in 0..<k { total += Double.exp(row[j] - shift) }
                let normalizer = shift + Double.log(total)
                for j in 0..<k { row[j] -= normalizer }
            }
        }
        return logits.rank == 1 ? result.reshaped([k]) : result
    }

    /// Cat(y; λ) = λ_y, the probability of class y (UDL eq. 5.21).
    public static func categorical(_ y: Int, probabilities lambda: Tensor) -> Double {
        lambda.scalars[y]
    }

    /// Π_i λ_i[y_i] for class labels y (a vector) and probabilities λ (`N × K`, one point per row).
    public static func categorical(_ y: Tensor, probabilities lambda: Tensor) -> Double {
        var result = 1.0
        for (i, label) in y.scalars.enumerated() { result *= lambda[i, Int(label)] }
        return result
    }

    /// −Σ_i log λ_i[y_i], the multiclass cross-entropy (UDL eq. 5.24).
    public static func categoricalNegativeLogLikelihood(_ y: Tensor, probabilities lambda: Tensor) -> Double {
        var total = 0.0
        for (i, label) in y.scalars.enumerated() { total -= Double.log(lambda[i, Int(label)]) }
        return total
    }

    // MARK: Helpers

    private static func product(_ a: Tensor, _ b: Tensor, _ term: (Double, Double) -> Double) -> Double {
        precondition(a.count == b.count, "\(a.count) observations for \(b.count) predictions")
        var result = 1.0
        for i in 0..<a.count { result *= term(a.scalars[i], b.scalars[i]) }
        return result
    }

    private static func sumOfLogs(_ a: Tensor, _ b: Tensor, _ term: (Double, Double) -> Double) -> Double {
        precondition(a.count == b.count, "\(a.count) observations for \(b.count) predictions")
        return pairwiseSum((0..<a.count).map { Double.log(term(a.scalars[$0], b.scalars[$0])) })
    }
}
