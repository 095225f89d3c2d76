/// The memory a network of given widths takes, computed from the widths alone (before an
/// ``Architecture`` exists, whose offsets would overflow for absurd widths) and in `Double`, so that any
/// request, however large (a width of 10³⁰⁰ from a class label), is a number to compare with a limit.
extension Architecture {
    /// The number of parameters Σ_k (D_k + 1)·D_{k+1} of a network with widths D_i, D_1, …, D_o.
    public static func parameterCount(widths: [Double]) -> Double {
        zip(widths, widths.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
    }

    /// The bytes of a ``NetworkWorkspace`` for batches of `rows` points: 2·rows·(Σ D_k + Σ_{k≥1} D_k +
    /// D_o) doubles (the activations h_k and their gradients, the pre-activations f_k and theirs, and the
    /// output gradient).
    public static func workspaceBytes(widths: [Double], rows: Int) -> Double {
        guard let first = widths.first, let last = widths.last else { return 0 }
        let all = widths.reduce(0, +)
        return 16 * Double(rows) * (all + (all - first) + last)
    }
}

extension Loss {
    /// Whether the loss is a mean over the points (`.mean` reductions), so that the loss of a set
    /// evaluated in parts is the parts' losses weighted by their share of the points; otherwise it is a
    /// sum over the points and the parts' losses add up.
    public var isMeanOverPoints: Bool {
        switch self {
        case let .squaredError(reduction), let .binaryCrossEntropy(reduction), let .crossEntropy(reduction):
            reduction == .mean
        case .gaussianNegativeLogLikelihood: false
        }
    }
}
