/// The fourteen notebooks of the assignment, in order.
public enum NotebookCatalog {
    /// Every notebook.
    public static let all: [any Notebook] = [
        ActivationFunctionsNotebook(),
        ComposingNetworksNotebook(),
        ClippingFunctionsNotebook(),
        DeepNetworksNotebook(),
        LeastSquaresLossNotebook(),
        BinaryCrossEntropyLossNotebook(),
        MulticlassCrossEntropyLossNotebook(),
        GradientDescentNotebook(),
        StochasticGradientDescentNotebook(),
        MomentumNotebook(),
        AdamNotebook(),
        BackpropagationToyModelNotebook(),
        BackpropagationNotebook(),
        InitializationNotebook(),
    ]

    /// The notebook with this number (e.g. "6.4"), if there is one.
    public static func notebook(_ id: String) -> (any Notebook)? {
        all.first { $0.id == id }
    }
}
