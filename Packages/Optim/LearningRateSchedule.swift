import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A learning-rate schedule: the rate for step k as a function of the base rate α₀.
///
/// Apply it between steps: `optimizer.learningRate = schedule.learningRate(base: α₀, step: k)`, with k the
/// number of scheduler steps so far (0 before training, like torch's `last_epoch`). The closed forms match
/// `torch.optim.lr_scheduler` (`StepLR`, `ExponentialLR`, `CosineAnnealingLR`), which computes the same
/// rates recursively.
public enum LearningRateSchedule: Sendable, Equatable {
    /// α₀ at every step.
    case constant
    /// α₀·γ^⌊k/M⌋: multiply by γ every M steps (the exercise of notebook 6.3; torch's `StepLR`).
    case stepDecay(every: Int, factor: Double)
    /// α₀·γ^k (torch's `ExponentialLR`).
    case exponential(factor: Double)
    /// η_min + (α₀ − η_min)·(1 + cos(π·k/T))/2: half a cosine from α₀ down to η_min over T steps, then back
    /// up (torch's `CosineAnnealingLR`).
    case cosine(period: Int, minimum: Double)

    /// The learning rate after `step` scheduler steps.
    ///
    /// - Parameters:
    ///   - base: α₀.
    ///   - step: k ≥ 0.
    /// - Returns: the rate for step k.
    public func learningRate(base: Double, step: Int) -> Double {
        switch self {
        case .constant:
            return base
        case let .stepDecay(every, factor):
            return base * pow(factor, Double(step / Swift.max(every, 1)))
        case let .exponential(factor):
            return base * pow(factor, Double(step))
        case let .cosine(period, minimum):
            return minimum + (base - minimum) * (1 + cos(Double.pi * Double(step) / Double(Swift.max(period, 1)))) / 2
        }
    }
}
