import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Adam as the book writes it, UDL eqs. 6.15–6.17 (notebook 6.5), with or without bias correction.
///
///     m ← β·m + (1 − β)·g                       (6.15)
///     v ← γ·v + (1 − γ)·g²
///     m̃ = m / (1 − β^(t+1)),  ṽ = v / (1 − γ^(t+1))     (6.16; t = 0 on the first step)
///     θ ← θ − α·m̃ / (√ṽ + ε)                   (6.17)
///
/// Without bias correction m̃ = m and ṽ = v. ε is added to √ṽ (torch adds it after dividing by the
/// correction, see ``Adam``); the notebook's ε = 1e-20 makes the first step exactly α·sign(g).
public struct AdamUDL: FirstOrderOptimizer, Sendable {
    /// α, the step size.
    public var learningRate: Double
    /// β, the first-moment decay.
    public var beta: Double
    /// γ, the second-moment decay.
    public var gamma: Double
    /// ε, added to √ṽ.
    public var epsilon: Double
    /// Apply eq. 6.16's bias correction.
    public var biasCorrection: Bool

    /// The gradient written by the last objective call.
    public internal(set) var gradient = Tensor.zeros([0])
    /// The first moment m.
    public private(set) var firstMoment = Tensor.zeros([0])
    /// The second moment v.
    public private(set) var secondMoment = Tensor.zeros([0])
    /// The number of steps taken since the last reset.
    public private(set) var stepCount = 0

    /// Creates the book's Adam.
    ///
    /// - Parameters:
    ///   - learningRate: α ≥ 0 (default 1e-3, torch's; notebook 6.5 uses 0.05).
    ///   - beta: β in [0, 1) (default 0.9, as the notebook).
    ///   - gamma: γ in [0, 1) (default 0.99, as the notebook).
    ///   - epsilon: ε ≥ 0 (default 1e-20, as the notebook).
    ///   - biasCorrection: apply eq. 6.16 (default `true`).
    /// - Throws: ``ConfigurationError/invalidValue(name:option:value:requirement:)`` for a value out of range.
    public init(
        learningRate: Double = 1e-3, beta: Double = 0.9, gamma: Double = 0.99, epsilon: Double = 1e-20,
        biasCorrection: Bool = true
    ) throws(ConfigurationError) {
        let check = HyperParameterChecks("adam-udl")
        try check.nonNegative(learningRate, "lr")
        try check.unitInterval(beta, "beta")
        try check.unitInterval(gamma, "gamma")
        try check.nonNegative(epsilon, "eps")
        self.learningRate = learningRate
        self.beta = beta
        self.gamma = gamma
        self.epsilon = epsilon
        self.biasCorrection = biasCorrection
    }

    mutating func prepareState(count: Int) {
        firstMoment.prepareBuffer(count: count)
        secondMoment.prepareBuffer(count: count)
    }

    /// Eqs. 6.15–6.17.
    mutating func update(_ parameters: inout Tensor) {
        let n = parameters.count
        let (alpha, beta, gamma, eps) = (learningRate, self.beta, self.gamma, epsilon)
        let power = Double(stepCount + 1)
        let (correction1, correction2) = biasCorrection ? (1 - pow(beta, power), 1 - pow(gamma, power)) : (1, 1)
        stepCount += 1
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeBufferPointer { g in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        guard let pTheta = theta.baseAddress, let pG = g.baseAddress, let pM = m.baseAddress,
                            let pV = v.baseAddress
                        else { return }
                        var i = 0
                        while i < n {  // four lanes at a time (see loadLanes)
                            let g4 = loadLanes(pG, i, n)
                            let m1 = beta * loadLanes(pM, i, n) + (1 - beta) * g4
                            let v1 = gamma * loadLanes(pV, i, n) + (1 - gamma) * (g4 * g4)
                            let mTilde = m1 / correction1
                            let vTilde = v1 / correction2
                            storeLanes(m1, pM, i, n)
                            storeLanes(v1, pV, i, n)
                            storeLanes(
                                loadLanes(pTheta, i, n) - alpha * mTilde / (vTilde.squareRoot() + eps), pTheta, i, n)
                            i += 4
                        }
                    }
                }
            }
        }
    }

    /// Sets both moments back to zero and the step count to 0.
    public mutating func reset() {
        stepCount = 0
        gradient = .zeros([0])
        firstMoment = .zeros([0])
        secondMoment = .zeros([0])
    }
}

extension AdamUDL: CatalogedOptimizer {
    /// `adam-udl`.
    static var catalogEntry: OptimizerEntry {
        let d = try! AdamUDL()
        return OptimizerEntry(
            "adam-udl", summary: "Adam as in UDL eqs. 6.15-6.17, with or without bias correction",
            defaults: [
                "lr": d.learningRate, "beta": d.beta, "gamma": d.gamma,
                "eps": d.epsilon, "bias_correction": d.biasCorrection,
            ]
        ) { r throws(ConfigurationError) in
            try AdamUDL(
                learningRate: r.number("lr"), beta: r.number("beta"), gamma: r.number("gamma"),
                epsilon: r.number("eps"), biasCorrection: r.flag("bias_correction"))
        }
    }
}
