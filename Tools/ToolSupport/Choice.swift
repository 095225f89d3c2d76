import ArgumentParser

/// A value a command-line option names by a word: an activation, a loss, an optimizer, a batch size.
///
/// Libraries do not import ArgumentParser, so a library's type conforms here in ToolSupport (or in the one
/// tool that uses it), and the option is declared as a ``Choice`` of it.
public protocol CommandLineChoice: Sendable {
    /// The words `--help` lists and shells complete, in that order, each with one line of help.
    static var choices: [(word: String, help: String)] { get }

    /// The value `word` names; nil when it names none.
    init?(word: String)
}

/// The word given to an option whose values form a closed set, such as `--activation` or `--optimizer`.
///
/// `--help` lists the words with their help and shells complete them (``CommandLineChoice/choices``).
/// Parsing keeps whatever word was given: the command's `validate()` turns it into a value with
/// ``resolved(_:)`` (or ``value``), so a word that names nothing is reported in the command's words and in
/// the order of its other checks, with a usage error (64).
///
/// ```swift
/// @Option(help: ArgumentHelp("Hidden activation.", valueName: "name"))
/// var activation: Choice<Activation> = "relu"
/// …
/// let activation = try self.activation.resolved("activation")   // unknown activation 'x'; choose one of …
/// ```
public struct Choice<Value: CommandLineChoice>: ExpressibleByArgument, ExpressibleByStringLiteral,
    CustomStringConvertible, Sendable
{
    /// The word as given.
    public var word: String

    /// The choice of `word`.
    public init(stringLiteral word: String) {
        self.word = word
    }

    /// Keeps any word; ``resolved(_:)`` checks it.
    public init?(argument: String) {
        word = argument
    }

    /// The value the word names, or nil.
    public var value: Value? { Value(word: word) }

    /// The value the word names.
    ///
    /// - Parameter what: what the option chooses, for the message (`activation`).
    /// - Throws: `ValidationError("unknown activation 'x'; choose one of identity, relu, …")`.
    public func resolved(_ what: String) throws -> Value {
        guard let value else {
            throw ValidationError(
                "unknown \(what) '\(word)'; choose one of \(Self.allValueStrings.joined(separator: ", "))")
        }
        return value
    }

    /// The word.
    public var description: String { word }

    /// The default as `--help` shows it.
    public var defaultValueDescription: String { word }

    /// The words of ``CommandLineChoice/choices``.
    public static var allValueStrings: [String] { Value.choices.map(\.word) }

    /// The help of each word, listed by `--help`.
    public static var allValueDescriptions: [String: String] {
        Dictionary(Value.choices.map { ($0.word, $0.help) }, uniquingKeysWith: { first, _ in first })
    }

    /// Shells complete the words.
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
