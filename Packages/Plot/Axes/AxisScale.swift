import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
///
/// Any finite limits work, such as ±10³⁰⁸ or a subnormal span: the transformed limits are a
/// `ScaledInterval`.
struct AxisMap {
    var scale: AxisScale
    var limits: (low: Double, high: Double)
    var pixels: (start: Double, end: Double)
    /// The transformed limits.
    private var interval: ScaledInterval
    private var factor: Double

    init(scale: AxisScale, limits: (Double, Double), pixels: (Double, Double)) {
        self.scale = scale
        self.limits = limits
        self.pixels = pixels
        interval = ScaledInterval(scale.transform(limits.0), scale.transform(limits.1))
        factor = interval.width != 0 ? (pixels.1 - pixels.0) / interval.width : 0
    }

    /// The pixel coordinate of a data value.
    @inline(__always) func callAsFunction(_ v: Double) -> Double {
        pixels.start + (interval.scaled(scale.transform(v)) - interval.low) * factor
    }

    /// The data value at a pixel coordinate.
    func value(at pixel: Double) -> Double {
        scale.inverse(interval.unscaled(interval.low + (pixel - pixels.start) / factor))
    }

    /// Whether a value lies within the limits (with a relative tolerance of 1e-10 of the span).
    func contains(_ v: Double) -> Bool {
        let a = interval.low, b = interval.high, t = interval.scaled(scale.transform(v))
        let tolerance = 1e-10 * abs(b - a)
        return t >= min(a, b) - tolerance && t <= max(a, b) + tolerance
    }
}
