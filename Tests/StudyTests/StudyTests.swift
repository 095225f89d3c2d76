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

    /// Decimal commas, true minus signs, and powers of ten as LaTeX mathematics (which both a forge and
    /// pandoc render; Unicode superscripts are missing from the report's font).
    @Test func spanishNumbers() throws {
        #expect(ReportTemplate.number(1.2345e-4) == "$1{,}23\\cdot10^{-4}$")
        #expect(ReportTemplate.number(0.0123456) == "0,0123")
        #expect(ReportTemplate.number(0.40867263857) == "0,409")
        #expect(ReportTemplate.number(12.345) == "12,3")
        #expect(ReportTemplate.number(2500) == "$2{,}50\\cdot10^{3}$")
        #expect(ReportTemplate.scientific(0.0061186) == "$6{,}12\\cdot10^{-3}$")
        #expect(ReportTemplate.scientific(-2.5) == "$-2{,}50$")
        #expect(try ReportTemplate.format("0.25", "pct") == "25 %")
        #expect(try ReportTemplate.format("3.14159", "fix2") == "3,14")
        #expect(try ReportTemplate.format("2499.6", "int") == "2500")
        #expect(try ReportTemplate.format("100000", "int") == "100\u{00A0}000")
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
        #expect(text == "Adam: $1{,}23\\cdot10^{-4}$.")
        try "**A** $x$\n\n".write(toFile: directory + "/part.md", atomically: true, encoding: .utf8)
        #expect(try ReportTemplate.render("[{{include:part.md}}]", results: directory) == "[**A** $x$]")
        #expect(throws: StudyError.unknownValue("include:../part.md")) {
            try ReportTemplate.render("{{include:../part.md}}", results: directory)
        }
        #expect(throws: StudyError.unknownValue("comparison-summary:sgd:test_median|num")) {
            try ReportTemplate.render("{{comparison-summary:sgd:test_median|num}}", results: directory)
        }
    }

    @Test func thePlanCoversEveryExperimentOnce() {
        let runs = StudyPlan.runs()
        // The comparison, the noise levels and the sizes over the same seeds, and the final candidates' folds.
        #expect(
            runs.count == 3 * 10 + 3 * 5 * 5 + 3 * 4 * 5 * 3 + StudyFinal.candidates.count * StudyFinal.folds)
        #expect(Set(runs.filter { $0.experiment == "size" }.map(\.seed)) == [0, 1, 2])
        #expect(Set(runs.map(\.name)).count == runs.count)
        let line = StudyPlan.command(runs[0], index: 1, count: runs.count, tools: "bin", results: "r")
        #expect(line.hasPrefix("bin/train --init-model r/init/"))
        #expect(line.contains("--metrics r/runs/\(runs[0].name).csv"))
        #expect(StudySummary.median([3, 1, 2]) == 2 && StudySummary.median([4, 1, 3, 2]) == 2.5)
    }

    /// A setting can hold any optimizer of the catalog with any of its settings (Lion, a tuple of betas):
    /// its flags are `train`'s own where there is one for every setting, else the whole configuration in
    /// `--optimizer`; a wrong setting is an error that names it, not a crash.
    @Test func anyConfigurationReachesTrain() throws {
        let lion = try OptimizerSetting(
            checking: "lion400", "Lion", "lion(lr=1e-4, betas=(0.9,0.99))", batchSize: 400)
        #expect(lion.flags == ["--optimizer", "lion", "--lr", "0.0001", "--betas", "0.9,0.99", "--batch-size", "400"])
        let adam = try OptimizerSetting(
            checking: "adam", "Adam", "adam(betas=(0.9,0.99), amsgrad=False)", batchSize: nil)
        #expect(adam.flags == ["--optimizer", "adam(betas=(0.9, 0.99), amsgrad=False)", "--batch-size", "full"])
        #expect(StudyFinal.spanishTitle(lion) == "lion (lr 0,0001, lotes de 400)")
        for (call, message) in [
            ("adam(betas=(0.9,))", "adam: betas=(0.9): expected two numbers"),
            ("adam(betas=(0.9, 1.5))", "adam: betas=(0.9, 1.5): expected two numbers in [0, 1)"),
        ] {
            let error = #expect(throws: (any Error).self) {
                try OptimizerSetting(checking: "x", "x", call, batchSize: nil)
            }
            #expect(error.map { "\($0)" } == message)
        }
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
        let deep = StudyFinal.candidate("adamw-deep")
        #expect(
            deep.setting.flags == [
                "--optimizer", "adamw", "--lr", "0.003", "--weight-decay", "0.3", "--batch-size", "400", "--schedule",
                "cosine(T_max=3000)",
            ])
        #expect(
            StudyFinal.spanishTitle(deep.setting) == "AdamW (lr 0,003, decaimiento 0,3, coseno, lotes de 400)")
        // In the run list the schedule is quoted for the shell.
        let fold = StudyFinal.crossValidationRuns.first { $0.optimizer == "adamw-deep" && $0.fold == 2 }!
        let line = StudyPlan.command(fold, index: 1, count: 1, tools: "bin", results: "r")
        #expect(line.contains("--schedule 'cosine(T_max=3000)'"))
        #expect(line.contains("--data r/data/folds/noise-0.1-fold2-train.csv"))
        #expect(line.contains("--validation r/data/folds/noise-0.1-fold2-validation.csv --epochs 3000"))
        #expect(line.contains("--init-model r/init/h50x50x50x50-s2.json"))
    }

    /// The folds partition the σ = 0.1 points: each point is validated in exactly one fold and trained on
    /// in the others; a candidate's validation curve is the mean of its folds', its epochs the curve's
    /// minimum, and the refits train every candidate on all points for those epochs.
    @Test func crossValidationAndRefits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cv-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/runs", withIntermediateDirectories: true)
        try StudyFinal.prepareFolds(results: directory)
        var validated: [String] = [], total = 0
        for fold in 0..<StudyFinal.folds {
            let train = try StudyTable(path: directory + "/" + StudyFinal.foldFile(fold, part: "train"))
            let validation = try StudyTable(path: directory + "/" + StudyFinal.foldFile(fold, part: "validation"))
            #expect(train.rows.count == 1280 && validation.rows.count == 320)
            #expect(
                Set(train.rows.map { $0[0] + "," + $0[1] }).isDisjoint(
                    with: validation.rows.map { $0[0] + "," + $0[1] }))
            validated += validation.rows.map { $0[0] + "," + $0[1] }
            total += train.rows.count + validation.rows.count
        }
        #expect(validated.count == 1600 && Set(validated).count == 1600 && total == 5 * 1600)

        // Synthetic fold curves: validation loss (e − m)²/10⁶ + 0.01 + fold/1000 with the minimum m of each
        // candidate at a different epoch; the mean curve's minimum is at m.
        for (index, candidate) in StudyFinal.candidates.enumerated() {
            let minimum = 100.0 * Double(index + 1)
            for run in StudyFinal.crossValidationRuns where run.optimizer == candidate.label {
                var text = "epoch,seconds,train_loss,validation_loss,batch_loss\n"
                for epoch in stride(from: 0, through: 1000, by: 5) {
                    let loss =
                        (Double(epoch) - minimum) * (Double(epoch) - minimum) / 1e6 + 0.01
                        + Double(index) / 1e4 + Double(run.fold!) / 1000
                    text += "\(epoch),0,\(loss),\(loss),\n"
                }
                try text.write(toFile: "\(directory)/runs/\(run.name).csv", atomically: true, encoding: .utf8)
            }
        }
        let validations = try StudyFinal.crossValidate(results: directory)
        #expect(validations.map(\.epoch) == [100, 200, 300, 400, 500])
        #expect(abs(validations[0].loss - (0.01 + 0.002)) < 1e-12)
        #expect(StudyFinal.choose(validations).label == StudyFinal.candidates[0].label)
        let refits = StudyFinal.refitRuns(validations, seeds: [0, 1, 2])
        #expect(refits.count == StudyFinal.candidates.count * 3)
        let refit = refits.first { $0.optimizer == "adamw-deep" && $0.seed == 1 }!
        #expect(refit.epochs == 500 && refit.hidden == [50, 50, 50, 50])
        let line = StudyPlan.command(refit, index: 1, count: 1, tools: "bin", results: "r")
        #expect(line.contains("--data r/data/noise-0.1.csv --save r/final/\(refit.name).json --epochs 500"))
        #expect(!line.contains("--validation"))
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
