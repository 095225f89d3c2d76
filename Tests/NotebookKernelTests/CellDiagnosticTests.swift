import NotebookKernel
import Testing

/// Compiler messages read from `swiftc -diagnostic-style llvm` and shown at the cell's own positions.
@Suite struct CellDiagnosticTests {
    let program = CellProgram(cell: "let y = 1\nlet z = nope + 1", index: 3, scope: SessionScope(prelude: []))

    @Test func messagesAboutTheCellKeepItsLineAndColumn() {
        let output = """
            celda:2:9: error: cannot find 'nope' in scope
            let z = nope + 1
                    ^~~~
            /tmp/udl-swift-kernel-x/UDLCell3.swift:12:1: warning: something generated
            /tmp/udl-swift-kernel-x/UDLCell3.swift:14:5: error: a generated line failed
            """
        let diagnostics = CellDiagnostic.parse(output, program: program)
        #expect(
            diagnostics == [
                CellDiagnostic(severity: "error", line: 2, column: 9, message: "cannot find 'nope' in scope"),
                CellDiagnostic(severity: "error", line: 0, column: 0, message: "a generated line failed"),
            ])
        #expect(
            diagnostics[0].rendered(cell: "let y = 1\nlet z = nope + 1")
                == "error: línea 2, columna 9: cannot find 'nope' in scope\n    2 | let z = nope + 1\n      |         ^"
        )
    }

    @Test func anUnparsableFailureIsStillExplained() {
        let diagnostics = CellDiagnostic.parse("error: link command failed with exit code 1", program: program)
        #expect(diagnostics.count == 1 && diagnostics[0].message.contains("link command failed"))
    }
}
