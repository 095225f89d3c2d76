import Foundation
import Study
import TestSupport
import Testing

/// The report as the PDF the course grades, built from the committed `docs/report/informe.md` by
/// `scripts/report-pdf.sh` (pandoc and xelatex; `make setup` installs them, so a missing tool fails here
/// rather than skipping) and read back with poppler's tools: the page limits, every figure embedded, no
/// character missing from the fonts, no line or table wider than the text, the numbers in the PDF's text
/// equal to those in `results/`, and the committed PDF in step with the Markdown.
@Suite struct ReportPDFTests {
    /// What the build produced, read into memory (the files are gone).
    struct Build {
        /// xelatex's log.
        var log: String
        /// The text of each page (`pdftotext -raw`), from page 1.
        var pages: [String]
        /// `pdfimages -list`: two header lines, then one line per image.
        var images: String
    }

    static let root = repositoryURL("").path

    /// The PDF, built once for every test of the suite.
    static let build: Result<Build, BuildError> = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let pdf = directory.appendingPathComponent("informe.pdf").path
            let log = directory.appendingPathComponent("informe.log").path
            let made = try run(
                "/bin/sh",
                [
                    "\(root)/scripts/report-pdf.sh", "--input", "\(root)/docs/report/informe.md", "--output", pdf,
                    "--log", log,
                ])
            guard made.status == 0 else {
                return .failure(
                    BuildError(message: "scripts/report-pdf.sh failed (status \(made.status)): \(made.output)"))
            }
            let count = try pageCount(pdf)
            return .success(
                Build(
                    log: try String(contentsOfFile: log, encoding: .utf8),
                    pages: try (1...max(count, 1)).map { try text(pdf, page: $0) },
                    images: try poppler("pdfimages", ["-list", pdf])))
        } catch {
            return .failure(BuildError(message: "\(error)"))
        }
    }()

    struct BuildError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Runs a program and returns its exit status and standard output (standard error is discarded).
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read to the end before waiting, so a large output cannot fill the pipe and block the program.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs a poppler tool found on the PATH.
    static func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try run("/usr/bin/env", [tool] + arguments)
        guard result.status == 0 else { throw BuildError(message: "\(tool) failed (status \(result.status))") }
        return result.output
    }

    static func pageCount(_ pdf: String) throws -> Int {
        let info = try poppler("pdfinfo", [pdf])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    /// A page's text in the order the PDF draws it (`-raw`), which keeps an exponent after its base even
    /// where it is set higher than the line.
    static func text(_ pdf: String, page: Int) throws -> String {
        try poppler("pdftotext", ["-raw", "-f", "\(page)", "-l", "\(page)", pdf, "-"])
    }

    /// The build, or a recorded failure.
    func built() throws -> Build {
        switch Self.build {
        case let .success(build): return build
        case let .failure(error): throw error
        }
    }

    /// Text without spaces, with the dot operator LaTeX sets for `\cdot` written as a middle dot, so that
    /// a number compares however the PDF spaced it.
    static func normalized(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace }.map { $0 == "⋅" ? "·" : $0 })
    }

    /// A value as the report prints it (``ReportTemplate``), as it reads in the PDF's text: LaTeX's
    /// `$6{,}33\cdot10^{-5}$` is `6,33·10−5`.
    static func printed(_ markdown: String) -> String {
        var text = markdown.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: "{,}", with: ",")
        text = text.replacingOccurrences(of: "\\cup", with: "∪").replacingOccurrences(of: "\\,", with: "")
        text = text.replacingOccurrences(of: "\\cdot", with: "·").replacingOccurrences(of: "^{", with: "")
        text = text.replacingOccurrences(of: "}", with: "").replacingOccurrences(of: "-", with: "−")
        return normalized(text)
    }

    /// The main part (II-A, II-C, the final model) fits in 4 pages and the postgraduate extras (II-B,
    /// II-D), which start on a page of their own, in one more.
    @Test func pageLimits() throws {
        let build = try built()
        let extras = try #require(
            build.pages.firstIndex { $0.contains("II-B. Extra de postgrado") }, "no II-B heading in the PDF")
        #expect(extras <= 4, "the main part takes \(extras) pages")
        #expect(build.pages.count - extras <= 1, "the extras take \(build.pages.count - extras) pages")
        #expect(build.pages[extras].contains("II-D. Extra de postgrado"), "II-D is not on the extras' page")
        #expect(!build.pages[..<extras].joined().contains("Extra de postgrado"), "an extra starts in the main part")
    }

    /// Every Markdown image is in the PDF, as an image of its own.
    @Test func everyFigureIsEmbedded() throws {
        let build = try built()
        let markdown = try String(contentsOfFile: "\(Self.root)/docs/report/informe.md", encoding: .utf8)
        let figures = markdown.split(separator: "\n").filter { $0.hasPrefix("![") && $0.contains("](figures/") }
        let listing = build.images.split(separator: "\n")
        let images = listing.dropFirst(2).filter {
            $0.split(separator: " ", omittingEmptySubsequences: true)[2] == "image"
        }
        #expect(figures.count >= 5)
        #expect(images.count == figures.count, "\(images.count) images in the PDF for \(figures.count) in the Markdown")
        #expect(!markdown.contains("<img") && !markdown.contains("<p"), "raw HTML in the report")
    }

    /// Every character has a glyph, and nothing sticks out into the margin.
    @Test func fontsAndMargins() throws {
        let build = try built()
        let missing = build.log.split(separator: "\n").filter { $0.contains("Missing character") }
        #expect(missing.isEmpty, "\(Set(missing))")
        // xelatex reports a line or table wider than the text as "Overfull \hbox (Xpt too wide)".
        let overfull = build.log.split(separator: "\n").filter { $0.hasPrefix("Overfull \\hbox") }.filter { line in
            let points = line.split(separator: "(").last?.split(separator: "p").first.flatMap { Double($0) } ?? 0
            return points > 1
        }
        #expect(overfull.isEmpty, "\(overfull)")
    }

    /// The PDF's numbers are the results': every number the template takes from `results/`, formatted as
    /// the report prints it, is in the PDF's text, and so are the hand derivation's key values.
    @Test func numbersComeFromTheResults() throws {
        let build = try built()
        let pdf = Self.normalized(build.pages.joined())
        let results = "\(Self.root)/results"
        let template = try String(contentsOfFile: "\(Self.root)/docs/report/informe.template.md", encoding: .utf8)
        var placeholders: [String] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            placeholders.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        let numbers = placeholders.filter {
            !$0.hasPrefix("{{block:") && !$0.hasPrefix("{{include:") && !$0.hasSuffix("|text}}")
        }
        #expect(numbers.count > 60)
        for placeholder in numbers {
            let value = Self.printed(try ReportTemplate.render(placeholder, results: results))
            #expect(pdf.contains(value), "\(placeholder) = \(value) is not in the PDF")
        }
        // The generated tables' numeric cells (the activations of II-B, the final candidates).
        for block in ["backprop-activations", "final-candidates"] {
            let table = try ReportTemplate.render("{{block:\(block)}}", results: results)
            let cells = table.split(separator: "\n").dropFirst(2).flatMap { $0.split(separator: "|") }
                .map { Self.printed($0.replacingOccurrences(of: "**", with: "")) }
                .filter { cell in cell.contains(where: \.isNumber) && !cell.contains(where: \.isLetter) }
            #expect(cells.count >= 20, "\(block)")
            for cell in cells { #expect(pdf.contains(cell), "\(block): \(cell) is not in the PDF") }
        }
        // The key numbers by name, so that a template that lost them fails too.
        for (placeholder, expected) in [
            ("{{backprop:sigmoid:loss_before|fix6}}", "0,408673"),
            ("{{backprop:sigmoid:decreasing_intervals|intervals3}}", "$(0;\\,0{,}409)$"),
            ("{{backprop:sigmoid:optimal_rate|fix3}}", "0,204"), ("{{backprop:sigmoid:optimal_loss|fix4}}", "0,2798"),
        ] {
            #expect(try ReportTemplate.render(placeholder, results: results) == expected)
            #expect(template.contains(placeholder), "the report does not show \(placeholder)")
        }
        // SELU's loss along the step crosses its start three times: two intervals in II-B's table.
        #expect(
            try ReportTemplate.render("{{block:backprop-activations}}", results: results).contains(
                "$(0;\\,0{,}026)\\cup(0{,}096;\\,0{,}191)$"))
        for key in ["test_median", "test_min", "test_max"] {
            #expect(template.contains("{{final:\(key):value|num}}"))
        }
        for label in StudyPlan.optimizers.map(\.label) {
            #expect(template.contains("{{comparison-summary:\(label):test_median|num}}"), "\(label)")
        }
        // The derivation of point 1: f_2 = f(x_1), ℓ_1 and ∂ℓ_1/∂f_2 with four decimals.
        let exercise = try JSONFixture(
            data: Data(contentsOf: URL(fileURLWithPath: "\(results)/backprop/sigmoid-mse.json")))
        let point = exercise["points"][0]
        for value in [point["f"][2][0].double, point["loss"].double, point["dl_df"][2][0].double] {
            let text = String(format: "%.4f", value).replacingOccurrences(of: ".", with: ",")
            #expect(pdf.contains(text.replacingOccurrences(of: "-", with: "−")), "\(text) is not in the PDF")
        }
    }

    /// The committed PDF is the committed Markdown rendered: their texts agree page by page.
    @Test func theCommittedPDFMatchesTheMarkdown() throws {
        let build = try built()
        let committed = "\(Self.root)/docs/report/informe.pdf"
        let count = try Self.pageCount(committed)
        #expect(
            count == build.pages.count,
            "the committed PDF has \(count) pages, the Markdown gives \(build.pages.count): run make report")
        for page in 1...min(count, build.pages.count) {
            #expect(
                try Self.text(committed, page: page) == build.pages[page - 1], "page \(page) differs: run make report")
        }
    }
}
