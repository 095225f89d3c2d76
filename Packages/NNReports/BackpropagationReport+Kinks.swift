import NN

extension BackpropagationReport {
    /// The flat indices of the parameters whose central difference crosses one of the ``kinks``.
    ///
    /// A kink at unit u of f_k for some point moves when a parameter moves f_k[u]: every parameter of the
    /// layers 0 … k−1, and row u of Ω_k with β_k[u]. Perturbing such a parameter by ±δ straddles the kink,
    /// so its finite difference averages the two one-sided slopes while backpropagation uses the
    /// convention a′[0] of `Activation.derivative(_:)`: the two disagree by design there, not by a bug.
    ///
    /// - Complexity: O(P) per kink.
    public var parametersCrossingKinks: Set<Int> {
        var indices = Set<Int>()
        for kink in kinks {
            let layer = network.layers[kink.layer]
            indices.formUnion(0..<layer.weightOffset)
            let row = layer.weightOffset + kink.unit * layer.inputs
            indices.formUnion(row..<(row + layer.inputs))
            indices.insert(layer.biasOffset + kink.unit)
        }
        return indices
    }

    /// The points (0-based) whose input derivatives ∂L/∂x_i cross a kink: the points that have one.
    public var pointsCrossingKinks: Set<Int> {
        Set(kinks.map(\.point))
    }

    /// The gradient check's max |analytic − numeric| over the parameters and inputs whose finite
    /// differences cross no kink: `gradientCheck.maxAbsoluteError` when there are no ``kinks``.
    public var maxAbsoluteErrorAwayFromKinks: Double {
        let parameters = parametersCrossingKinks, points = pointsCrossingKinks
        var worst = 0.0
        func include(_ a: Double, _ b: Double) {
            let error = abs(a - b)
            worst = max(worst, error.isNaN ? .infinity : error)
        }
        let check = gradientCheck
        for (i, (a, b)) in zip(check.analytic.scalars, check.numeric.scalars).enumerated()
        where !parameters.contains(i) && check.isChecked(i) {
            include(a, b)
        }
        let width = network.inputs
        for (i, (a, b)) in zip(check.analyticInput.scalars, check.numericInput.scalars).enumerated()
        where !points.contains(i / width) {
            include(a, b)
        }
        return worst
    }
}
