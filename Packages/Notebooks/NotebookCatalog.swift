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

extension NotebookCatalog {
    /// What `notebook list` prints: one line per notebook, its number, title and source.
    public static var listing: [String] {
        all.map { "\(ChapterSeven.padded($0.id, 5)) \($0.title)  (\($0.source))" }
    }

    /// What `notebook run all --summary` prints for one finished run: the notebook and its count of passed checks.
    public static func summary(_ notebook: any Notebook, _ session: NotebookSession) -> String {
        let passed = session.checks.filter(\.passed).count
        return "\(ChapterSeven.padded(notebook.id, 5)) \(notebook.title): "
            + "\(passed) of \(session.checks.count) checks passed"
    }

    /// The closing line of `notebook run all --summary`.
    public static func summaryTotal(_ sessions: [NotebookSession]) -> String {
        let checks = sessions.flatMap(\.checks)
        return "\(sessions.count) notebooks: \(checks.filter(\.passed).count) of \(checks.count) checks passed"
    }
}

extension Notebook {
    /// Runs the notebook as the `notebook` tool shows it: a heading, the run, and the count of passed checks.
    public func runReporting(_ session: NotebookSession) throws {
        session.say("# Notebook \(id): \(title)")
        try run(session)
        let failed = session.checks.filter { !$0.passed }.count
        session.say()
        session.say("\(session.checks.count - failed) of \(session.checks.count) checks passed")
    }
}
