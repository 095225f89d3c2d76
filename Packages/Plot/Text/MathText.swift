/// A piece of laid-out text: characters drawn at one relative size and baseline shift.
struct TextRun: Equatable {
    /// The characters.
    var text: String
    /// The size relative to the font size.
    var scale: Double
    /// The baseline shift upwards, in ems of the font size.
    var rise: Double
}

/// The small markup of labels: plain text, with `$…$` spans in which `^{…}`/`^c` raise a superscript,
/// `_{…}`/`_c` lower a subscript (nestable), and `\name` gives a Greek letter or symbol (`\beta`, `\Omega`,
/// `\sigma`, `\partial`, `\times`, `\cdot`, `\pm`, …), as in matplotlib's mathtext. `\$` is a literal dollar.
/// Underscores and carets outside `$…$` are literal, so column names such as `train_loss` print as is.
enum MathText {
    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eta": "η", "theta": "θ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ",
        "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ",
        "Omega": "Ω", "partial": "∂", "nabla": "∇", "times": "×", "cdot": "·", "pm": "±", "infty": "∞",
        "leq": "≤", "geq": "≥", "approx": "≈", "sum": "∑", "in": "∈", "to": "→", "minus": "−",
    ]

    static let scriptScale = 0.7
    static let superscriptRise = 0.45
    static let subscriptDrop = 0.2

    /// The runs of `source`.
    static func runs(_ source: String) -> [TextRun] {
        var runs: [TextRun] = []
        var plain = ""
        var chars = Array(source)[...]
        while let c = chars.popFirst() {
            if c == "\\" && chars.first == "$" {
                plain.append(chars.removeFirst())
            } else if c == "$", let close = chars.firstIndex(of: "$") {
                if !plain.isEmpty { runs.append(TextRun(text: plain, scale: 1, rise: 0)) }
                plain = ""
                var math = chars[chars.startIndex..<close]
                parseMath(&math, scale: 1, rise: 0, into: &runs)
                chars = chars[(close + 1)...]
            } else {
                plain.append(c)
            }
        }
        if !plain.isEmpty { runs.append(TextRun(text: plain, scale: 1, rise: 0)) }
        return merge(runs)
    }

    /// Parses math until the input ends (or a closing brace, when `group` is set).
    private static func parseMath(
        _ s: inout ArraySlice<Character>, scale: Double, rise: Double, into runs: inout [TextRun], group: Bool = false
    ) {
        func emit(_ text: String) { runs.append(TextRun(text: text, scale: scale, rise: rise)) }
        while let c = s.popFirst() {
            switch c {
            case "}" where group: return
            case "{": parseMath(&s, scale: scale, rise: rise, into: &runs, group: true)
            case "^", "_":
                let childScale = scale * scriptScale
                let childRise = rise + (c == "^" ? superscriptRise : -subscriptDrop) * scale
                if s.first == "{" {
                    s.removeFirst()
                    parseMath(&s, scale: childScale, rise: childRise, into: &runs, group: true)
                } else if let next = s.first {
                    var single: ArraySlice<Character> = next == "\\" ? takeCommand(&s) : [s.removeFirst()]
                    parseMath(&single, scale: childScale, rise: childRise, into: &runs)
                }
            case "\\":
                s.insert(c, at: s.startIndex)
                let command = String(takeCommand(&s).dropFirst())
                emit(symbols[command] ?? command)
            case "-": emit("−")
            case " ": continue
            default: emit(String(c))
            }
        }
    }

    /// Removes a `\name` command (or `\c` for one non-letter) from the front of `s`.
    private static func takeCommand(_ s: inout ArraySlice<Character>) -> ArraySlice<Character> {
        var command: [Character] = [s.removeFirst()]
        if let first = s.first, !first.isLetter { command.append(s.removeFirst()) }
        while let next = s.first, next.isLetter { command.append(s.removeFirst()) }
        return command[...]
    }

    /// Joins neighbouring runs of the same size and shift.
    private static func merge(_ runs: [TextRun]) -> [TextRun] {
        var out: [TextRun] = []
        for run in runs {
            if let last = out.last, last.scale == run.scale, last.rise == run.rise {
                out[out.count - 1].text += run.text
            } else {
                out.append(run)
            }
        }
        return out
    }
}
