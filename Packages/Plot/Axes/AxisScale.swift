import Platform

/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to log₁₀ of the value (positive values only).
    case log

    /// The value in the scale's linear space: v, or log₁₀ v.
    @inlinable public func transform(_ v: Double) -> Double { self == .log ? log10(v) : v }
    /// The inverse of `transform`.
    @inlinable public func inverse(_ t: Double) -> Double { self == .log ? pow(10, t) : t }
}

/// A mapping from an axis's data interval to a pixel interval (which may run backwards, as y does).
struct AxisMap {
    var scale: AxisScale
    var limits: (low: Double, high: Double)
    var pixels: (start: Double, end: Double)
    private var t0: Double, factor: Double

    init(scale: AxisScale, limits: (Double, Double), pixels: (Double, Double)) {
        self.scale = scale
        self.limits = limits
        self.pixels = pixels
        t0 = scale.transform(limits.0)
        factor = (pixels.1 - pixels.0) / (scale.transform(limits.1) - t0)
    }

    /// The pixel coordinate of a data value.
    @inline(__always) func callAsFunction(_ v: Double) -> Double { pixels.start + (scale.transform(v) - t0) * factor }

    /// The data value at a pixel coordinate.
    func value(at pixel: Double) -> Double { scale.inverse(t0 + (pixel - pixels.start) / factor) }

    /// Whether a value lies within the limits (with a relative tolerance of 1e-10 of the span).
    func contains(_ v: Double) -> Bool {
        let a = scale.transform(limits.low), b = scale.transform(limits.high), t = scale.transform(v)
        let tolerance = 1e-10 * abs(b - a)
        return t >= min(a, b) - tolerance && t <= max(a, b) + tolerance
    }
}
