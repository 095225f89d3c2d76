/// An interval low…high prepared for the affine arithmetic of axes and colour scales, (v − low)/(high − low),
/// for any finite ends.
///
/// The width of an interval between finite numbers can overflow (−10³⁰⁸…10³⁰⁸) or be too small for its
/// reciprocal to be finite (a subnormal width such as 10⁻³²⁰). Such intervals, and the values measured
/// against them, are first multiplied by a power of two 2ᵏ that brings the larger end near 1; the product is
/// exact, so positions keep their full precision. For every other interval k = 0 and the arithmetic is the
/// plain one, bit for bit.
struct ScaledInterval {
    /// The power of two k the values are multiplied by (0 for an ordinary interval).
    let exponent: Int
    /// The ends, times 2ᵏ.
    let low: Double, high: Double

    /// The interval between `low` and `high` (in either order; non-finite ends are left unscaled).
    init(_ low: Double, _ high: Double) {
        let width = high - low
        let m = max(abs(low), abs(high))
        exponent = (width.isFinite && abs(width) >= 0x1p-960) || !m.isFinite || m == 0 ? 0 : -Int(m.exponent)
        (self.low, self.high) = (Self.scale(low, exponent), Self.scale(high, exponent))
    }

    /// high − low, times 2ᵏ.
    var width: Double { high - low }

    /// A value times 2ᵏ.
    @inline(__always) func scaled(_ v: Double) -> Double { Self.scale(v, exponent) }

    /// A scaled value back in the interval's own units.
    func unscaled(_ s: Double) -> Double { Self.scale(s, -exponent) }

    /// The reciprocal of the scaled width, 0 unless low < high: (scaled(v) − low)·`reciprocalWidth` is
    /// where v lies in the interval, from 0 to 1.
    var reciprocalWidth: Double { high > low ? 1 / width : 0 }

    @inline(__always) static func scale(_ v: Double, _ k: Int) -> Double {
        k == 0 ? v : Double(sign: .plus, exponent: k, significand: v)
    }
}
