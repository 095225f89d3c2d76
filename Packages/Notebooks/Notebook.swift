import Platform
import Plot

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

/// What a notebook prints and checks while it runs, and where its figures go.
///
/// Lines go to `output` as they are produced (the `notebook` tool prints them) and are kept in
/// ``transcript``; checks print as `[PASS]`/`[FAIL]` lines and are kept in ``checks``.
public final class NotebookSession {
    /// The directory figures are written to, or nil to skip drawing.
    public let figureDirectory: String?
    /// Every line printed so far.
    public private(set) var transcript: [String] = []
    /// Every check so far.
    public private(set) var checks: [NotebookCheck] = []
    /// The figure files written so far.
    public private(set) var figures: [String] = []
    private let output: (String) -> Void

    /// A session writing lines to `output` and figures to `figureDirectory`.
    public init(figureDirectory: String? = nil, output: @escaping (String) -> Void = { _ in }) {
        self.figureDirectory = figureDirectory
        self.output = output
    }

    /// True when every check passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// Prints a line.
    public func say(_ line: String = "") {
        transcript.append(line)
        output(line)
    }

    /// Prints a section heading.
    public func section(_ title: String) {
        say()
        say("## " + title)
    }

    /// Checks that `actual` is within `tolerance·max(1, |expected|)` of `expected` (absolute near 0,
    /// relative for large values).
    ///
    /// - Parameter source: where the expected value comes from, e.g. "stated" (printed in the notebook)
    ///   or "reference" (the solved value of udl-notebooks.md).
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

    /// Draws a figure into `<figureDirectory>/<name>.png` (nothing when figures are off).
    public func figure(_ name: String, _ make: () throws -> Figure) throws {
        guard let directory = figureDirectory else { return }
        let path = directory + "/" + name + ".png"
        try make().write(to: path)
        figures.append(path)
        say("figure: \(path)")
    }
}

/// `value` with a fixed number of decimals, exactly as Python's `"%.{decimals}f" % value` prints it
/// (C's `printf`, correctly rounded from the binary value).
public func fixed(_ value: Double, _ decimals: Int) -> String {
    var buffer = [UInt8](repeating: 0, count: 512)
    let length = buffer.withUnsafeMutableBufferPointer { pointer in
        pointer.withMemoryRebound(to: CChar.self) { chars in
            withVaList([value]) { vsnprintf(chars.baseAddress, 512, "%.\(decimals)f", $0) }
        }
    }
    return String(decoding: buffer[0..<Int(min(length, 511))], as: UTF8.self)
}

/// A number in shortest round-trip form, for check messages.
func format(_ value: Double) -> String { "\(value)" }
