import NumberFormatting
import Platform
import Plot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One of the UDL notebooks, rebuilt in Swift: the same setup, the same data and seeds, the values the
/// notebook prints, checks of every value it states (and of the reference's solved values), answers to its
/// pen-and-paper questions, and its figures.
public protocol Notebook: Sendable {
    /// The notebook's number, e.g. `"6.4"`.
    var id: String { get }
    /// Its title, e.g. `"Momentum"`.
    var title: String { get }
    /// Its path in the udlbook repository, e.g. `Notebooks/Chap06/6_4_Momentum.ipynb`.
    var source: String { get }
    /// Runs the notebook, reporting through `session`.
    func run(_ session: NotebookSession) throws
}

/// The outcome of one check.
public struct NotebookCheck: Sendable, Equatable {
    /// What was checked.
    public let label: String
    /// Whether it held.
    public let passed: Bool
    /// The values compared.
    public let detail: String
}

/// One part of a notebook's run: a named, consecutive slice of its transcript (e.g. `momentum` in
/// notebook 6.4, printed alone by `notebook run 6.4 --part momentum`), started by ``NotebookSession/part(_:)``.
public struct NotebookPart: Sendable, Equatable {
    /// The part's name, e.g. `"momentum"`.
    public let name: String
    /// Its lines: indices into ``NotebookSession/transcript``.
    public let lines: Range<Int>
    /// The file names (`6.4-trajectories.png`) of the figures it drew.
    public let figures: [String]
}

/// What a notebook prints and checks while it runs, and where its figures go.
///
/// Lines go to `output` as they are produced (the `notebook` tool prints them) and are kept in
/// ``transcript``; checks print as `[PASS]`/`[FAIL]` lines and are kept in ``checks``.
///
/// A notebook divides its run into named parts (``part(_:)``). Lines printed before the first part
/// (the tool's heading) belong to the first one, lines printed after the run (the count of passed checks)
/// to the last. With a `selectedPart` the whole notebook still runs, so every value is the one of a full
/// run, but only that part's lines reach `output` and only its figures are drawn.
public final class NotebookSession {
    /// The directory figures are written to, or nil to skip drawing.
    public let figureDirectory: String?
    /// The directory named in the `figure:` lines (the one a reader's command wrote to), when it differs
    /// from ``figureDirectory``.
    public let shownFigureDirectory: String?
    /// The only part whose lines are printed and whose figures are drawn, or nil for all of them.
    public let selectedPart: String?
    /// Every line printed so far.
    public private(set) var transcript: [String] = []
    /// Every check so far.
    public private(set) var checks: [NotebookCheck] = []
    /// The figure files written so far.
    public private(set) var figures: [String] = []
    /// The parts started so far: name, first line (0 for the first part) and figure files.
    private var started: [(name: String, start: Int, figures: [String])] = []
    /// Lines printed before the first part, held back until it is known whether that part is selected.
    private var pending: [String] = []
    private let output: (String) -> Void

    /// A session writing lines to `output` and figures to `figureDirectory`.
    ///
    /// - Parameters:
    ///   - figureDirectory: where figures are written, or nil to skip drawing.
    ///   - shownFigureDirectory: the directory the `figure:` lines name instead of `figureDirectory`.
    ///   - selectedPart: print only this part's lines and draw only its figures.
    ///   - output: receives each printed line.
    public init(
        figureDirectory: String? = nil, shownFigureDirectory: String? = nil, selectedPart: String? = nil,
        output: @escaping (String) -> Void = { _ in }
    ) {
        self.figureDirectory = figureDirectory
        self.shownFigureDirectory = shownFigureDirectory
        self.selectedPart = selectedPart
        self.output = output
    }

    /// Whether lines printed now reach the output (and figures drawn now are drawn).
    private var printing: Bool {
        guard let selectedPart else { return true }
        return started.last?.name == selectedPart
    }

    /// Starts the part `name`: what is printed from here to the next part belongs to it.
    public func part(_ name: String) {
        started.append((name, started.isEmpty ? 0 : transcript.count, []))
        if started.count == 1 {
            if printing { pending.forEach(output) }
            pending = []
        }
    }

    /// The parts so far, in order; the last one runs to the end of the transcript.
    public var parts: [NotebookPart] {
        started.indices.map { i in
            let end = i + 1 < started.count ? started[i + 1].start : transcript.count
            return NotebookPart(name: started[i].name, lines: started[i].start..<end, figures: started[i].figures)
        }
    }

    /// True when every check passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// Prints a line.
    public func say(_ line: String = "") {
        transcript.append(line)
        if started.isEmpty && selectedPart != nil {
            pending.append(line)
        } else if printing {
            output(line)
        }
    }

    /// Prints a section heading; with `part`, the section starts that part (see ``part(_:)``).
    public func section(_ title: String, part name: String? = nil) {
        if let name { part(name) }
        say()
        say("## " + title)
    }

    /// Checks that `actual` is within `tolerance·max(1, |expected|)` of `expected` (absolute near 0,
    /// relative for large values).
    ///
    /// - Parameters:
    ///   - label: what is checked, printed in the `[PASS]`/`[FAIL]` line and kept in ``checks``.
    ///   - actual: the value computed by the run.
    ///   - expected: the value it should have.
    ///   - tolerance: the largest accepted error, absolute when |expected| ≤ 1 and relative to |expected|
    ///     above.
    ///   - source: where the expected value comes from, e.g. "stated" (printed in the notebook)
    ///     or "reference" (the solved value of udl-notebooks.md).
    public func check(
        _ label: String, _ actual: Double, _ expected: Double, tolerance: Double, source: String = "reference"
    ) {
        let error = Swift.abs(actual - expected) / Swift.max(1, Swift.abs(expected))
        let passed = error <= tolerance
        record(
            label, passed: passed, detail: "\(format(actual)) vs \(source) \(format(expected)) (tolerance \(tolerance))"
        )
    }

    /// Checks that a value printed with `decimals` decimals reads as the notebook's stated text.
    public func checkPrinted(_ label: String, _ actual: Double, decimals: Int, stated: String) {
        let printed = fixed(actual, decimals)
        record(label, passed: printed == stated, detail: "prints \(printed), notebook states \(stated)")
    }

    /// Checks a condition.
    public func check(_ label: String, _ condition: Bool, _ detail: String) {
        record(label, passed: condition, detail: detail)
    }

    private func record(_ label: String, passed: Bool, detail: String) {
        checks.append(NotebookCheck(label: label, passed: passed, detail: detail))
        say("[\(passed ? "PASS" : "FAIL")] \(label): \(detail)")
    }

    /// Prints the answer to one of the notebook's pen-and-paper questions.
    public func answer(_ question: String, _ answer: String) {
        say("Q: " + question)
        say("A: " + answer)
    }

    /// Draws a figure into `<figureDirectory>/<name>.png` (nothing when figures are off, or when another
    /// part than the current one is selected).
    ///
    /// Every figure of every notebook passes through here: the one place for settings that all of them share.
    public func figure(_ name: String, _ make: () throws -> Figure) throws {
        guard let directory = figureDirectory, printing else { return }
        let file = name + ".png"
        let figure = try make()
        figure.numberFormat = .decimalComma  // the pages are Spanish: 0,5 on the ticks
        try figure.write(to: directory + "/" + file)
        figures.append(directory + "/" + file)
        if !started.isEmpty { started[started.count - 1].figures.append(file) }
        say("figure: \(shownFigureDirectory ?? directory)/\(file)")
    }
}

/// `value` with a fixed number of decimals, exactly as Python's `"%.{decimals}f" % value` prints it
/// (``Numbers/fixed(_:decimals:)``: C's `printf`, correctly rounded from the binary value).
public func fixed(_ value: Double, _ decimals: Int) -> String { Numbers.fixed(value, decimals: decimals) }

/// `value` with a fixed number of decimals and a decimal comma, for the Spanish text of figures.
func fixedComma(_ value: Double, _ decimals: Int) -> String { comma(fixed(value, decimals)) }

/// A number written with a decimal point (`"0.05"`), with a decimal comma instead (`"0,05"`).
func comma(_ number: String) -> String { Numbers.marked(number, .comma) }

/// A number in shortest round-trip form, for check messages.
func format(_ value: Double) -> String { Numbers.shortest(value) }
