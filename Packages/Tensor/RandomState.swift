import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A seeded random generator that reproduces NumPy's legacy `np.random.seed(s)` stream bit for bit.
///
/// It is the Mersenne Twister MT19937 with NumPy's integer seeding, 53-bit uniform doubles, the polar
/// Box–Muller normal with its cached second value, and the Fisher–Yates `permutation`, so
///
/// ```swift
/// var random = RandomState(seed: 0)
/// random.standardNormal()   // 1.764052345967664, as np.random.seed(0); np.random.normal()
/// ```
///
/// regenerates the random data and weights of the UDL notebooks exactly. One generator instance is one
/// stream; it is a value type, so copying it forks the stream.
public struct RandomState: RandomNumberGenerator, Sendable {
    private static let stateSize = 624
    private static let shift = 397

    private var state: [UInt32]
    private var index: Int
    private var cachedNormal: Double?

    /// A generator seeded like `np.random.seed(seed)` with an integer seed.
    public init(seed: UInt32) {
        state = [UInt32](repeating: 0, count: RandomState.stateSize)
        index = RandomState.stateSize
        reseed(seed)
    }

    /// Restarts the stream as `np.random.seed(seed)` does, clearing the cached normal.
    ///
    /// Knuth's linear-congruential initialisation (MT19937's `init_genrand`):
    /// `mt[0] = s`, `mt[i] = 1812433253·(mt[i−1] ⊕ (mt[i−1] ≫ 30)) + i  (mod 2³²)`.
    public mutating func reseed(_ seed: UInt32) {
        state[0] = seed
        for i in 1..<RandomState.stateSize {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        index = RandomState.stateSize
        cachedNormal = nil
    }

    /// The next 32-bit output of MT19937 (NumPy's `genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if index >= RandomState.stateSize { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// Regenerates the 624 words of state.
    private mutating func twist() {
        let n = RandomState.stateSize, m = RandomState.shift
        state.withUnsafeMutableBufferPointer { mt in
            for i in 0..<n {
                let y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % n] & 0x7fff_ffff)
                var next = mt[(i + m) % n] ^ (y >> 1)
                if y & 1 != 0 { next ^= 0x9908_b0df }
                mt[i] = next
            }
        }
        index = 0
    }

    /// 64 random bits from two 32-bit outputs (high word first), for Swift's `RandomNumberGenerator`.
    public mutating func next() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// A uniform double in [0, 1) with 53 random bits (NumPy's `random_sample`):
    /// `((a ≫ 5)·2²⁶ + (b ≫ 6)) / 2⁵³`.
    public mutating func uniform() -> Double {
        let a = Double(nextUInt32() >> 5)
        let b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A uniform double in [low, high) (NumPy's `uniform(low, high)`: `low + (high − low)·u`).
    public mutating func uniform(low: Double, high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A standard normal draw by NumPy's legacy polar Box–Muller method.
    ///
    /// Pairs `x₁, x₂ = 2u − 1` are drawn until `0 < r² = x₁² + x₂² < 1`; then `f = √(−2 ln r² / r²)`,
    /// `f·x₁` is cached for the next call and `f·x₂` is returned.
    public mutating func standardNormal() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * uniform() - 1
            x2 = 2 * uniform() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedNormal = f * x1
        return f * x2
    }

    /// A normal draw with the given mean and standard deviation (NumPy's `normal(loc, scale)`).
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        mean + standardDeviation * standardNormal()
    }

    /// A uniform integer in `0...maximum` by NumPy's masked rejection sampling (`random_interval`).
    public mutating func interval(_ maximum: Int) -> Int {
        precondition(maximum >= 0 && maximum <= Int(UInt32.max), "interval maximum \(maximum) out of range")
        if maximum == 0 { return 0 }
        var mask = UInt32(maximum)
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        while true {
            let value = nextUInt32() & mask
            if value <= UInt32(maximum) { return Int(value) }
        }
    }

    /// Shuffles `values` in place as NumPy's legacy `shuffle` does: for i = n−1 down to 1, swap element i
    /// with element `interval(i)`.
    ///
    /// Specialised for row indices (`[Int]`, the minibatch order drawn every epoch), so that callers in
    /// other modules run it without generic dispatch.
    @_specialize(exported:true,where T == Int)
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, through: 1, by: -1) {
            values.swapAt(i, interval(i))
        }
    }

    /// A random permutation of `0..<n` (NumPy's `permutation(n)`).
    public mutating func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<n)
        shuffle(&values)
        return values
    }

    /// A tensor of normal draws filled in row-major order (NumPy's `normal(loc, scale, size=shape)`).
    public mutating func normal(shape: [Int], mean: Double = 0, standardDeviation: Double = 1) -> Tensor {
        var values = [Double](repeating: 0, count: Tensor.elementCount(shape))
        for i in values.indices { values[i] = normal(mean: mean, standardDeviation: standardDeviation) }
        return Tensor(shape: shape, scalars: values)
    }

    /// A tensor of uniform draws in [low, high), row-major (NumPy's `uniform(low, high, size=shape)`).
    public mutating func uniform(shape: [Int], low: Double = 0, high: Double = 1) -> Tensor {
        var values = [Double](repeating: 0, count: Tensor.elementCount(shape))
        for i in values.indices { values[i] = uniform(low: low, high: high) }
        return Tensor(shape: shape, scalars: values)
    }
}
