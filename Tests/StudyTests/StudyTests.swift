import Foundation
import Study
import TestSupport
import Testing

@Suite struct StudyTests {
    @Test func tablesRoundTripThroughCSV() {
        var table = StudyTable(columns: ["key", "title", "value"])
        table.append(["a", "SGD lr 0.1, batch 40", "0.5"])
        table.append(["b", "a \"quoted\" name", "1e-05"])
        let parsed = StudyTable(csv: table.csv)
        #expect(parsed == table)
        #expect(parsed.value(key: "a", column: "title") == "SGD lr 0.1, batch 40")
        #expect(parsed.value(key: "b", column: "value") == "1e-05")
        #expect(parsed.value(key: "c", column: "value") == nil)
    }

    @Test func spanishNumbers() throws {
        #expect(ReportTemplate.number(1.2345e-4) == "1,23·10⁻⁴")
        #expect(ReportTemplate.number(0.0123456) == "0,0123")
        #expect(ReportTemplate.number(0.40867263857) == "0,409")
        #expect(ReportTemplate.number(12.345) == "12,3")
        #expect(ReportTemplate.number(2500) == "2,50·10³")
        #expect(ReportTemplate.scientific(0.0061186) == "6,12·10⁻³")
        #expect(try ReportTemplate.format("0.25", "pct") == "25 %")
        #expect(try ReportTemplate.format("3.14159", "fix2") == "3,14")
        #expect(try ReportTemplate.format("2499.6", "int") == "2500")
        #expect(try ReportTemplate.format("100000", "int") == "100\u{2009}000")
        #expect(try ReportTemplate.format("-0.5", "fix1") == "−0,5")
        #expect(try ReportTemplate.format("", "num") == "—")
    }

    @Test func templatesAreFilledFromTheResults() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var table = StudyTable(columns: ["key", "test_median"])
        table.append(["adam400", "0.000123"])
        try table.write(to: directory + "/comparison-summary.csv")
        let text = try ReportTemplate.render(
            "Adam: {{comparison-summary:adam400:test_median|num}}.", results: directory)
        #expect(text == "Adam: 1,23·10⁻⁴.")
        #expect(throws: StudyError.unknownValue("comparison-summary:sgd:test_median|num")) {
            try ReportTemplate.render("{{comparison-summary:sgd:test_median|num}}", results: directory)
        }
    }

    @Test func thePlanCoversEveryExperimentOnce() {
        let runs = StudyPlan.runs()
        #expect(runs.count == 3 * 10 + 5 * 5 + 4 * 5 * 3)
        #expect(Set(runs.map(\.name)).count == runs.count)
        let line = StudyPlan.command(runs[0], index: 1, count: runs.count, tools: "bin", results: "r")
        #expect(line.hasPrefix("bin/train --init-model r/init/"))
        #expect(line.contains("--metrics r/runs/\(runs[0].name).csv"))
        #expect(StudySummary.median([3, 1, 2]) == 2 && StudySummary.median([4, 1, 3, 2]) == 2.5)
    }

    /// Each setting reaches `train` as the flags of its configuration, in torch's keyword order, and the
    /// report names it in Spanish with decimal commas.
    @Test func settingsAsTrainFlagsAndSpanishTitles() {
        #expect(
            StudyPlan.setting("nesterov400").flags
                == ["--optimizer", "sgd", "--lr", "0.1", "--momentum", "0.9", "--nesterov", "--batch-size", "400"])
        #expect(
            StudyPlan.setting("lbfgs").flags == [
                "--optimizer", "lbfgs", "--lr", "1", "--max-iter", "1", "--max-eval", "4", "--line-search",
                "strong-wolfe",
                "--batch-size", "full",
            ])
        #expect(StudyPlan.setting("gd").flags == ["--optimizer", "sgd", "--lr", "0.05", "--batch-size", "full"])
        #expect(StudyFinal.spanishTitle("nesterov400") == "SGD (lr 0,1, momento 0,9, Nesterov, lotes de 400)")
        #expect(StudyFinal.spanishTitle("gd") == "SGD (lr 0,05, lote completo)")
    }

    /// The committed report is the committed template rendered with the committed results: the two cannot
    /// drift apart.
    @Test func theReportMatchesTheResults() throws {
        let root = repositoryURL("").path
        let template = try String(contentsOfFile: root + "/docs/report/informe.template.md", encoding: .utf8)
        let report = try String(contentsOfFile: root + "/docs/report/informe.md", encoding: .utf8)
        #expect(try ReportTemplate.render(template, results: root + "/results") == report)
    }
}
