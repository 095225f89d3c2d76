import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one-dimensional function of notebook 6.1, searched on [0, 1] by the bracketing line search:
///
///     f(φ) = 1 − 0.5·exp(−(φ − 0.65)²/0.1) − 0.45·exp(−(φ − 0.35)²/0.02)
///
/// Two wells: a broad one near 0.65 and a narrow, deeper one near 0.35.
public struct OneDimensionalTestFunction: TestProblem {
    /// Creates the function.
    public init() {}

    /// One parameter, φ.
    public var parameterCount: Int { 1 }

    /// f(φ), in the notebook's order of operations.
    ///
    /// - Parameter phi: φ.
    /// - Returns: f(φ).
    public func value(_ phi: Double) -> Double {
        1 - 0.5 * exp(-(phi - 0.65) * (phi - 0.65) / 0.1) - 0.45 * exp(-(phi - 0.35) * (phi - 0.35) / 0.02)
    }

    /// f′(φ) = 0.5·exp(…)·2(φ − 0.65)/0.1 + 0.45·exp(…)·2(φ − 0.35)/0.02.
    ///
    /// - Parameter phi: φ.
    /// - Returns: the derivative.
    public func derivative(_ phi: Double) -> Double {
        let broad = exp(-(phi - 0.65) * (phi - 0.65) / 0.1)
        let narrow = exp(-(phi - 0.35) * (phi - 0.35) / 0.02)
        return 0.5 * broad * 2 * (phi - 0.65) / 0.1 + 0.45 * narrow * 2 * (phi - 0.35) / 0.02
    }

    /// f at the single parameter.
    public func loss(at parameters: Tensor) -> Double {
        value(parameters.scalars[0])
    }

    /// Writes f′ at the single parameter.
    public func gradient(at parameters: Tensor, into gradient: inout Tensor) {
        gradient[0] = derivative(parameters.scalars[0])
    }
}
