import Foundation
import Plot

/// The gallery's figures, with realistic content from the assignment: the surface
/// f(x, y) = sin(0.8(x² + y²))/(x² + y²)^0.9 on linspace(−3, 3, 40) (0 at the origin), optimizer loss
/// curves over seeds, and gradient-descent paths over a 2-D loss.
enum Gallery {
    /// The assignment's surface, with the removable singularity at the origin set to 0.
    static func surface(_ x: Double, _ y: Double) -> Double {
        let r2 = x * x + y * y
        return r2 == 0 ? 0 : sin(0.8 * r2) / pow(r2, 0.9)
    }

    /// linspace(a, b, n).
    static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
    }

    /// The surface on the assignment's 40 × 40 grid.
    static let surfaceField = ScalarField(x: linspace(-3, 3, 40), y: linspace(-3, 3, 40), surface)

    /// A small deterministic generator (SplitMix64) for the synthetic noise of the examples.
    struct Noise {
        var state: UInt64
        mutating func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        /// A standard normal draw (Box–Muller).
        mutating func normal() -> Double {
            (-2 * log(1 - uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    /// A noisy exponential decay towards `floor`, like a training loss over epochs.
    static func lossCurve(epochs: [Double], start: Double, time: Double, floor: Double, noise: Double, seed: UInt64)
        -> [Double]
    {
        var g = Noise(state: seed)
        return epochs.map { e in
            let clean = start * exp(-e / time) + floor
            return clean * exp(noise * g.normal())
        }
    }
}
