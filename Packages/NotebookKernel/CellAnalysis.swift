import SwiftParser
import SwiftSyntax

/// The kind of a top-level name, as a scoped import names it (`import var Cell3.rate`).
public enum NameKind: String, Sendable, Equatable {
    /// A `let` constant.
    case `let`
    /// A `var` variable.
    case `var`
    /// A function.
    case `func`
    /// A structure.
    case `struct`
    /// A class.
    case `class`
    /// An enumeration.
    case `enum`
    /// A protocol.
    case `protocol`
    /// A type alias.
    case `typealias`
}

/// A name a cell declares at its top level.
public struct DeclaredName: Sendable, Equatable {
    /// The identifier.
    public var name: String
    /// What it names.
    public var kind: NameKind

    /// A name.
    public init(_ name: String, _ kind: NameKind) {
        self.name = name
        self.kind = kind
    }
}

/// One top-level item of a cell: a declaration, a statement, or an import.
public struct CellItem: Sendable, Equatable {
    /// What the item is, and so where the cell's module puts it.
    public enum Role: Sendable, Equatable {
        /// An `import` declaration: hoisted to the top of the module and repeated in every later cell.
        case `import`
        /// A declaration that stays at the top level of the module (a function, a type, an extension, an
        /// operator); `names` are the names it declares, empty for an extension.
        case declaration(names: [DeclaredName])
        /// A `let` or `var`: a global of the module, initialised when the cell reaches it (`names` are the
        /// variables its patterns bind).
        case binding(names: [DeclaredName])
        /// A statement or expression, run in order in the cell's body.
        case statement
        /// The cell's last item when it is a bare expression whose value the cell shows (not an assignment,
        /// not `if` or `switch`).
        case shownExpression
    }

    /// Where the module puts the item.
    public var role: Role
    /// The item's source text, from its first token to its last (comments around it excluded).
    public var text: String
    /// The line of the item's first token in the cell, from 1.
    public var line: Int
    /// The column of the item's first token, from 1.
    public var column: Int
}

/// A cell split into its top-level items by Swift's parser.
///
/// The split is what lets a cell mix declarations and statements in any order, as a script does, while
/// each cell is compiled as a library: declarations stay at the module's top level (so later cells see
/// them), statements go into the cell's body function, in order.
public struct CellAnalysis: Sendable, Equatable {
    /// The items in source order.
    public var items: [CellItem]

    /// Every name the cell declares at its top level, in order.
    public var declaredNames: [DeclaredName] {
        items.flatMap { item -> [DeclaredName] in
            switch item.role {
            case let .declaration(names), let .binding(names): names
            case .import, .statement, .shownExpression: []
            }
        }
    }

    /// The cell's `import` declarations' texts.
    public var imports: [String] { items.filter { $0.role == .import }.map(\.text) }

    /// Parses `source`.
    public init(_ source: String) {
        let tree = Parser.parse(source: source)
        let converter = SourceLocationConverter(fileName: "cell", tree: tree)
        var items: [CellItem] = []
        for block in tree.statements {
            let location = block.startLocation(converter: converter)
            let text = block.trimmedDescription
            guard !text.isEmpty else { continue }
            let role = Self.role(of: block.item)
            items.append(CellItem(role: role, text: text, line: location.line, column: location.column))
        }
        if let last = items.last, last.role == .statement, let block = tree.statements.last,
            Self.isShown(block.item)
        {
            items[items.count - 1].role = .shownExpression
        }
        self.items = items
    }

    static func role(of item: CodeBlockItemSyntax.Item) -> CellItem.Role {
        guard case let .decl(declaration) = item else { return .statement }
        if declaration.is(ImportDeclSyntax.self) { return .import }
        if let variable = declaration.as(VariableDeclSyntax.self) {
            let kind: NameKind = variable.bindingSpecifier.tokenKind == .keyword(.let) ? .let : .var
            let names = variable.bindings.flatMap { identifiers(in: $0.pattern) }.map { DeclaredName($0, kind) }
            // `let _ = f()` binds nothing: it is run for its effect, as a statement.
            return names.isEmpty ? .statement : .binding(names: names)
        }
        return .declaration(names: declaredName(declaration).map { [$0] } ?? [])
    }

    static func declaredName(_ declaration: DeclSyntax) -> DeclaredName? {
        if let d = declaration.as(FunctionDeclSyntax.self) { return DeclaredName(d.name.text, .func) }
        if let d = declaration.as(StructDeclSyntax.self) { return DeclaredName(d.name.text, .struct) }
        if let d = declaration.as(ClassDeclSyntax.self) { return DeclaredName(d.name.text, .class) }
        if let d = declaration.as(EnumDeclSyntax.self) { return DeclaredName(d.name.text, .enum) }
        if let d = declaration.as(ProtocolDeclSyntax.self) { return DeclaredName(d.name.text, .protocol) }
        if let d = declaration.as(TypeAliasDeclSyntax.self) { return DeclaredName(d.name.text, .typealias) }
        return nil
    }

    /// The identifiers a pattern binds: `x`, `(a, b)`, `(a, (b, _))`.
    static func identifiers(in pattern: PatternSyntax) -> [String] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) { return [identifier.identifier.text] }
        if let tuple = pattern.as(TuplePatternSyntax.self) {
            return tuple.elements.flatMap { identifiers(in: $0.pattern) }
        }
        return []
    }

    /// Whether a last item's value is shown: a bare expression that is not an assignment (`x = 1`,
    /// `x += 1`), `if` or `switch`. The parser leaves operators unfolded, so an assignment is a sequence
    /// expression with an assignment among its elements.
    static func isShown(_ item: CodeBlockItemSyntax.Item) -> Bool {
        guard case let .expr(expression) = item else { return false }
        if expression.is(IfExprSyntax.self) || expression.is(SwitchExprSyntax.self) { return false }
        guard let sequence = expression.as(SequenceExprSyntax.self) else { return true }
        return !sequence.elements.contains { element in
            if element.is(AssignmentExprSyntax.self) { return true }
            guard let text = element.as(BinaryOperatorExprSyntax.self)?.operator.text else { return false }
            return text.hasSuffix("=") && !["==", "!=", "<=", ">=", "===", "!=="].contains(text)
        }
    }
}
