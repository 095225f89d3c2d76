/// What a new cell is compiled against: the modules every cell imports and what the earlier cells left.
public struct SessionScope: Sendable, Equatable {
    /// The modules imported in every cell (the toolkit's libraries and the notebook helpers).
    public var prelude: [String]
    /// The `import` declarations of earlier cells, repeated in every later one.
    public var userImports: [String] = []
    /// The modules of the earlier cells that ran to the end, in order.
    public var modules: [String] = []
    /// For each top-level name, the module of the latest cell that declared it and what it names.
    public var latest: [String: Definition] = [:]

    /// Where a name's latest declaration lives.
    public struct Definition: Sendable, Equatable {
        /// The cell module.
        public var module: String
        /// What the name names there.
        public var kind: NameKind

        /// A definition.
        public init(module: String, kind: NameKind) {
            self.module = module
            self.kind = kind
        }
    }

    /// A scope with no cells yet.
    public init(prelude: [String]) {
        self.prelude = prelude
    }

    /// The scope after `program` ran to the end: its module and names join, its names replace earlier ones.
    public mutating func add(_ program: CellProgram) {
        modules.append(program.moduleName)
        for name in program.analysis.declaredNames {
            latest[name.name] = Definition(module: program.moduleName, kind: name.kind)
        }
        for text in program.analysis.imports where !userImports.contains(text) { userImports.append(text) }
    }
}

/// A cell as the source of a library module: declarations at the top level, statements in a body function,
/// the last bare expression shown, and every item placed at its cell line and column (`#sourceLocation`),
/// so the compiler's messages and the run-time traps name the cell's own positions.
///
/// Earlier cells are reached by `@testable import` (their internal declarations are visible, so a cell is
/// written without `public`), and every name is also imported scoped from the latest cell that declared
/// it (`@testable import var UDLCell3.rate`): a scoped import wins over a whole-module one, so redefining a
/// name in a later cell replaces it, as in a REPL. Globals are lazily initialised in Swift; the body touches
/// each one where the cell declares it, so initialisers run in the cell's order (a seeded generator draws
/// the same numbers as the script would).
public struct CellProgram: Sendable, Equatable {
    /// The cell's number in the session, from 1.
    public let index: Int
    /// The module's name, `UDLCell<index>`.
    public let moduleName: String
    /// The C symbol of the cell's entry point: runs the body, returns 0, or 1 after reporting a thrown error.
    public let entrySymbol: String
    /// The cell split into items.
    public let analysis: CellAnalysis
    /// The module's Swift source.
    public let source: String
    /// The file name the messages and traps give the cell's positions under.
    public static let cellFileName = "celda"
    /// The function a shown expression is passed to (in `NotebookSupport`).
    static let showFunction = "__kernelShow("
    /// Columns to subtract on a cell line whose text was shifted by the show call.
    let columnShifts: [Int: Int]

    /// The module of `cell`, the session's cell number `index`, compiled against `scope`.
    public init(cell: String, index: Int, scope: SessionScope) {
        self.index = index
        moduleName = "UDLCell\(index)"
        entrySymbol = "udl_cell_\(index)_run"
        analysis = CellAnalysis(cell)
        let own = Set(analysis.declaredNames.map(\.name))
        var lines = scope.prelude.map { "import \($0)" } + scope.userImports
        lines += scope.modules.map { "@testable import \($0)" }
        for (name, definition) in scope.latest.sorted(by: { $0.key < $1.key }) where !own.contains(name) {
            lines.append("@testable import \(definition.kind.rawValue) \(definition.module).\(Self.escaped(name))")
        }
        var body: [String] = []
        var shifts: [Int: Int] = [:]
        func located(_ item: CellItem, _ text: String) -> [String] {
            ["#sourceLocation(file: \"\(Self.cellFileName)\", line: \(item.line))", text, "#sourceLocation()"]
        }
        let padding = { (item: CellItem) in String(repeating: " ", count: item.column - 1) }
        for item in analysis.items {
            switch item.role {
            case .import, .declaration:
                lines += located(item, padding(item) + item.text)
            case let .binding(names):
                lines += located(item, padding(item) + item.text)
                body += names.map { "    _ = \(Self.escaped($0.name))" }
            case .statement:
                body += located(item, padding(item) + item.text)
            case .shownExpression:
                shifts[item.line] = Self.showFunction.count - (item.column - 1)
                body += located(item, Self.showFunction + item.text + ")")
            }
        }
        columnShifts = shifts
        lines.append("func __cellBody() throws {")
        lines += body
        lines.append("}")
        lines.append("@_cdecl(\"\(entrySymbol)\") public func __cellEntry() -> Int32 { __kernelRun(__cellBody) }")
        source = lines.joined(separator: "\n") + "\n"
    }

    /// A name as an identifier in generated code: backquoted when it is a keyword-like name.
    static func escaped(_ name: String) -> String { name.hasPrefix("`") ? name : "`\(name)`" }

    /// The cell column of a compiler column on a cell line.
    public func cellColumn(line: Int, column: Int) -> Int {
        guard let shift = columnShifts[line] else { return column }
        return max(1, column - shift)
    }
}
