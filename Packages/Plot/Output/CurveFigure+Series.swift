/// Preparing curves read from files: dropping missing points and smoothing.
extension CurveFigure.Series {
    /// The series without the points whose x or y is NaN (a missing value, such as the empty
    /// `validation_loss` field of a metrics file read with missing values allowed).
    ///
    /// Infinities are kept, so that drawing still reports them as non-finite data. A series without
    /// missing points is returned as it is, sharing its arrays.
    /// - Complexity: O(n).
    public func removingMissingPoints() -> Self {
        guard x.contains(where: \.isNaN) || y.contains(where: \.isNaN) else { return self }
        var kept = Self(label: label, x: [], y: [])
        kept.x.reserveCapacity(x.count)
        kept.y.reserveCapacity(y.count)
        for (xi, yi) in zip(x, y) where !xi.isNaN && !yi.isNaN {
            kept.x.append(xi)
            kept.y.append(yi)
        }
        return kept
    }

    /// The series with each y replaced by the mean of the last `window` values up to it (a trailing moving
    /// average, as pandas' `rolling(window, min_periods=1).mean()`):
    ///
    ///     ȳ_i = (1 / (i − s + 1)) · Σ_{k=s}^{i} y_k,   s = max(0, i − window + 1),
    ///
    /// so the first points average what is there. The x values are unchanged; `window: 1` returns the series.
    /// - Precondition: `window ≥ 1`.
    /// - Complexity: O(n), with a running sum.
    public func movingAverage(window: Int) -> Self {
        precondition(window >= 1, "movingAverage: the window must be at least 1, got \(window)")
        var smoothed = self
        var sum = 0.0
        for i in y.indices {
            sum += y[i]
            if i >= window { sum -= y[i - window] }
            smoothed.y[i] = sum / Double(min(i + 1, window))
        }
        return smoothed
    }
}
