/// One optimizer that can be built by name: its name, a line of help, its settings with their defaults
/// (PyTorch's keyword names, in PyTorch's order) and how to build it from them.
///
/// Each optimizer's file declares its entries next to its update rule (``CatalogedOptimizer``), with the
/// defaults taken from the initializer's default arguments and the range checks left to the initializer, so
/// both are written once. ``OptimizerCatalog`` collects the entries of every file; ``OptimizerConfiguration``
/// is a name and settings checked against an entry.
public struct OptimizerEntry: Sendable {
    /// The name in PyTorch's call syntax and on the command line, e.g. `adam` or `momentum-udl`.
    public let name: String
    /// A one-line description for `--help`, naming the method's source (torch.optim or a UDL equation).
    public let summary: String
    /// Every setting with its default value, in the order descriptions are written.
    public let defaults: [(name: String, value: OptionValue)]
    /// Builds the optimizer from the settings (given ones over the defaults), or throws the initializer's error.
    let build: @Sendable (OptionReader) throws(ConfigurationError) -> any Optimizer & Sendable

    /// An entry.
    ///
    /// - Parameters:
    ///   - name: the name (lower case, words joined by `-`).
    ///   - summary: one line of help.
    ///   - defaults: every setting with the value the initializer's default arguments give it.
    ///   - build: the optimizer from a reader of the settings (each one present: given or default).
    init(
        _ name: String, summary: String, defaults: KeyValuePairs<String, any OptionValueConvertible>,
        build: @escaping @Sendable (OptionReader) throws(ConfigurationError) -> any Optimizer & Sendable
    ) {
        self.name = name
        self.summary = summary
        self.defaults = defaults.map { ($0.key, $0.value.optionValue) }
        self.build = build
    }

    /// The names of the settings, in order.
    public var settingNames: [String] { defaults.map(\.name) }

    /// The default value of a setting, or nil when the optimizer has no such setting.
    public func defaultValue(_ setting: String) -> OptionValue? {
        defaults.first { $0.name == setting }?.value
    }

    /// A new optimizer with the given settings (the others at their defaults).
    ///
    /// - Throws: ``ConfigurationError`` for a setting this optimizer does not have, a value of the wrong
    ///   type, or a value the initializer refuses.
    func make(_ settings: [String: OptionValue]) throws(ConfigurationError) -> any Optimizer & Sendable {
        try build(OptionReader(name: name, options: settings, accepted: settingNames, defaults: defaults))
    }
}

/// An optimizer that lists itself in ``OptimizerCatalog``: conforming is all it takes for `train`, the study's
/// plans and ``OptimizerConfiguration`` to know it by name.
///
/// The conformance is found in the source by the Optim target's build step (`Plugins/OptimizerCatalogPlugin`),
/// which lists every type whose declaration or extension names `CatalogedOptimizer`; write the conformance
/// on that line.
protocol CatalogedOptimizer: Optimizer, Sendable {
    /// This type's entries: usually one (``catalogEntry``); ``Adam`` has two (`adam` and `adamw`).
    static var catalogEntries: [OptimizerEntry] { get }
    /// The entry of a type with one.
    static var catalogEntry: OptimizerEntry { get }
}

extension CatalogedOptimizer {
    /// The one entry, ``catalogEntry``.
    static var catalogEntries: [OptimizerEntry] { [catalogEntry] }

    /// Only a type that lists several entries in ``catalogEntries`` has no single one.
    static var catalogEntry: OptimizerEntry { preconditionFailure("\(Self.self) lists its entries in catalogEntries") }
}

/// Every optimizer that can be built by name, gathered from the optimizers' own files.
public enum OptimizerCatalog {
    /// The entries, sorted by name.
    public static let entries: [OptimizerEntry] = {
        let entries = catalogedOptimizerTypes.flatMap { $0.catalogEntries }.sorted { $0.name < $1.name }
        for (a, b) in zip(entries, entries.dropFirst()) where a.name == b.name {
            preconditionFailure("two optimizers are called \(a.name)")
        }
        return entries
    }()

    /// The names of the entries, sorted.
    public static var names: [String] { entries.map(\.name) }

    /// The entry called `name`, or nil.
    public static func entry(named name: String) -> OptimizerEntry? {
        entries.first { $0.name == name }
    }
}
