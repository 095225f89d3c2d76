import ArgumentParser
import NN
import Plot
import PlotToolSupport
import Testing
import ToolSupport

/// The closed sets of the tools' options: `--help` and shell completion offer exactly the names the
/// libraries accept, each with its help, and a word that names nothing is a usage error in the tools'
/// wording.
@Suite struct ChoiceTests {
    @Test func offersTheLibrariesNames() {
        #expect(Choice<Activation>.allValueStrings == Activation.names)
        #expect(Choice<Loss>.allValueStrings == Loss.names)
        #expect(Choice<SurfaceFigure.Style>.allValueStrings == SurfaceFigure.Style.allCases.map(\.rawValue))
        #expect(Choice<Colormap>.allValueStrings == Colormap.all.map(\.name))
        #expect(Choice<BatchSize>.allValueStrings == ["full"])
        #expect(Choice<Loss>.allValueDescriptions["mse"] == Loss.squaredError(.mean).formula)
        // Each activation's help is its formula in the book's notation, with the default constant.
        #expect(Choice<Activation>.allValueDescriptions["leaky-relu"] == "a[f] = f if f > 0, α·f if f ≤ 0; α = 0.01")
        #expect(Choice<Activation>.allValueDescriptions.count == Activation.names.count)
    }

    @Test func shellsCompleteTheWords() throws {
        let script = try ToolRunner.run("train", ["--generate-completion-script", "bash"]).standardOutput
        for words in [Loss.names, Activation.names, ["none", "strong-wolfe"], ["full"]] {
            #expect(script.contains("-W '" + words.joined(separator: "'$'\\n''") + "'"), "\(words)")
        }
        // The optimizers of the catalog, sorted by name.
        #expect(script.contains("'adadelta'$'\\n''adagrad'$'\\n''adam'$'\\n''adam-udl'$'\\n''adamw'"))
    }

    @Test func resolvesWordsAndAliases() throws {
        let relu: Choice<Activation> = "relu"
        #expect(try relu.resolved("activation") == .relu)
        #expect(Choice<Activation>(argument: "swish")?.value == .silu)
        #expect(Choice<Loss>(argument: "half-sse")?.value == .squaredError(.halfSum))
        #expect(Choice<Colormap>(argument: "CIVIDIS")?.value?.name == "cividis")
        #expect("\(relu)" == "relu" && relu.defaultValueDescription == "relu")
    }

    @Test func anUnknownWordIsAUsageErrorNamingTheChoices() {
        let loss = Choice<Loss>(argument: "baz")
        #expect(loss != nil && loss?.value == nil)
        let error = #expect(throws: ValidationError.self) { try loss?.resolved("loss") }
        #expect(error?.message == "unknown loss 'baz'; choose one of mse, sse, half-sse, bce, ce")
    }

    @Test(
        arguments: [
            ("full", BatchSize.full), ("1", .rows(1)), ("400", .rows(400)), ("+5", .rows(5)),
            ("0", nil), ("-3", nil), ("1.5", nil), ("fulll", nil), ("", nil),
        ] as [(String, BatchSize?)])
    func batchSizeIsFullOrAPositiveInteger(word: String, expected: BatchSize?) {
        #expect(BatchSize(word: word) == expected)
    }

    @Test func fullHasNoRowCount() {
        #expect(BatchSize.full.rowCount == nil && BatchSize.rows(16).rowCount == 16)
    }
}
