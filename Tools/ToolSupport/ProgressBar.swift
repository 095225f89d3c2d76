import Platform

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
///
/// ```
/// training [██████████··········]  50%  1000/2000  loss 0.0123  ETA 12s
/// ```
///
/// Redraws are limited to ten a second, so calling ``update(_:detail:)`` every step costs little. When
/// standard error is not a terminal (a log file, a pipe, CI) or `quiet` is set, nothing is ever written.
///
/// ```swift
/// let progress = ProgressBar(total: epochs, label: "training", quiet: quiet)
/// for epoch in 1...epochs { …; progress.update(epoch, detail: "loss \(loss)") }
/// progress.finish()
/// ```
public final class ProgressBar {
    /// The count that means done.
    public let total: Int
    /// The text before the bar.
    public let label: String
    /// Whether anything is drawn: standard error is a terminal and the bar is not quiet.
    public let isEnabled: Bool

    private let width = 20
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?

    /// A bar for `total` units of work.
    ///
    /// - Parameters:
    ///   - total: the count that means done.
    ///   - label: the text before the bar.
    ///   - quiet: `true` (a tool's `--quiet`) draws nothing.
    public init(total: Int, label: String = "", quiet: Bool = false) {
        self.total = max(total, 0)
        self.label = label
        self.isEnabled = !quiet && StandardError.isTerminal
        started = clock.now
    }

    /// Shows `completed` of ``total`` units done, with an optional detail such as the current loss.
    public func update(_ completed: Int, detail: String = "") {
        guard isEnabled else { return }
        let now = clock.now
        if let lastDrawn, completed < total, now - lastDrawn < .milliseconds(100) { return }
        lastDrawn = now
        StandardError.write("\r" + line(completed, detail: detail, elapsed: now - started) + "\u{1B}[K")
    }

    /// Clears the bar's line, leaving the cursor at its start.
    public func finish() {
        guard isEnabled else { return }
        StandardError.write("\r\u{1B}[K")
    }

    /// The text of the bar.
    func line(_ completed: Int, detail: String, elapsed: Duration) -> String {
        let done = min(max(completed, 0), total)
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int((fraction * Double(width)).rounded(.down))
        var text = label.isEmpty ? "" : label + " "
        text += "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] "
        let percent = String(Int((fraction * 100).rounded(.down)))
        text += String(repeating: " ", count: 3 - percent.count) + percent + "%  \(done)/\(total)"
        if !detail.isEmpty { text += "  " + detail }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if done > 0 && done < total {
            let remaining = seconds / Double(done) * Double(total - done)
            text += "  ETA " + ProgressBar.format(seconds: remaining)
        }
        return text
    }

    /// Seconds as `42s`, `3m05s` or `1h02m`.
    static func format(seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + (s % 60 < 10 ? "0" : "") + "\(s % 60)s" }
        return "\(s / 3600)h" + (s % 3600 / 60 < 10 ? "0" : "") + "\(s % 3600 / 60)m"
    }
}
