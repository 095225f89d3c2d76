import NotebookKernel
import Testing

/// How a cell is split into declarations, bindings, statements and a shown expression, and the module built
/// from it.
@Suite struct CellAnalysisTests {
    @Test func declarationsBindingsAndStatementsKeepTheirOrderAndPositions() {
        let cell = """
            import Glibc
            let rate = 0.1
            func twice(_ x: Double) -> Double { 2 * x }
              var (a, b) = (1, 2)
            print(twice(rate))
            struct Point { var x: Double }
            a + b
            """
        let items = CellAnalysis(cell).items
        #expect(items.map(\.line) == [1, 2, 3, 4, 5, 6, 7])
        #expect(items[3].column == 3)
        #expect(items[0].role == .import)
        #expect(items[1].role == .binding(names: [DeclaredName("rate", .let)]))
        #expect(items[2].role == .declaration(names: [DeclaredName("twice", .func)]))
        #expect(items[3].role == .binding(names: [DeclaredName("a", .var), DeclaredName("b", .var)]))
        #expect(items[4].role == .statement)
        #expect(items[5].role == .declaration(names: [DeclaredName("Point", .struct)]))
        #expect(items[6].role == .shownExpression)
        #expect(items[6].text == "a + b")
    }

    @Test func assignmentsConditionalsAndWildcardsAreNotShown() {
        for cell in ["x = 3", "x += 1", "if x > 1 { print(x) }", "switch x { default: break }"] {
            #expect(CellAnalysis(cell).items.last?.role == .statement, "\(cell)")
        }
        for cell in ["x == 3", "x <= 1", "f(x)", "[1, 2].map { $0 * 2 }"] {
            #expect(CellAnalysis(cell).items.last?.role == .shownExpression, "\(cell)")
        }
        #expect(CellAnalysis("let _ = f()").items.map(\.role) == [.statement])
    }

    @Test func commentsAndBlankCellsHaveNoItems() {
        #expect(CellAnalysis("// nada\n\n/* tampoco */").items.isEmpty)
        #expect(CellAnalysis("").items.isEmpty)
    }

    @Test func aLaterCellImportsEveryNameScopedFromItsLatestCell() {
        var scope = SessionScope(prelude: ["Tensor"])
        let first = CellProgram(cell: "var rate = 0.1\nfunc f() {}", index: 1, scope: scope)
        scope.add(first)
        let second = CellProgram(cell: "let rate = 0.5", index: 2, scope: scope)
        scope.add(second)
        #expect(scope.modules == ["UDLCell1", "UDLCell2"])
        #expect(scope.latest["rate"] == SessionScope.Definition(module: "UDLCell2", kind: .let))
        #expect(scope.latest["f"] == SessionScope.Definition(module: "UDLCell1", kind: .func))
        let third = CellProgram(cell: "rate", index: 3, scope: scope)
        let lines = third.source.split(separator: "\n").map(String.init)
        #expect(lines.starts(with: ["import Tensor", "@testable import UDLCell1", "@testable import UDLCell2"]))
        #expect(lines.contains("@testable import let UDLCell2.`rate`"))
        #expect(lines.contains("@testable import func UDLCell1.`f`"))
        #expect(!lines.contains { $0.contains("UDLCell1.`rate`") })
        // A cell that declares a name does not import it.
        let fourth = CellProgram(cell: "var rate = 2.0", index: 4, scope: scope)
        #expect(!fourth.source.contains("UDLCell2.`rate`"))
    }

    @Test func theBodyRunsStatementsAndInitialisesGlobalsInTheCellsOrder() {
        let program = CellProgram(cell: "let a = 1\nprint(a)\nvar b = a\nb", index: 7, scope: SessionScope(prelude: []))
        let source = program.source
        #expect(program.moduleName == "UDLCell7" && program.entrySymbol == "udl_cell_7_run")
        let body = try! #require(source.firstRange(of: "func __cellBody() throws {")).upperBound
        let tail = String(source[body...])
        let order = ["_ = `a`", "print(a)", "_ = `b`", "__kernelShow(b)"].map { tail.firstRange(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(source.contains("#sourceLocation(file: \"celda\", line: 4)\n__kernelShow(b)"))
        #expect(source.contains("@_cdecl(\"udl_cell_7_run\")"))
    }

    @Test func aShownExpressionsColumnsAreGivenBackInTheCellsTerms() {
        let program = CellProgram(cell: "let a = 1\n  a + nope", index: 1, scope: SessionScope(prelude: []))
        // "__kernelShow(" is 13 characters and replaces the line's 2 leading spaces: column 18 there is 7 in the cell.
        #expect(program.cellColumn(line: 2, column: 18) == 7)
        #expect(program.cellColumn(line: 1, column: 5) == 5)
    }
}
