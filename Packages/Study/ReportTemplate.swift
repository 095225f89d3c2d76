import NumberFormatting

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fills a report template with numbers from the study's results, so that the report cannot drift from
/// them: `make study` renders `docs/report/informe.template.md` into `informe.md`, and a test renders it
/// again from the committed results and compares.
///
/// A placeholder is `{{table:key:column|format}}`: the cell `column` of the row whose key is `key` in
/// `<results>/<table>.csv` (e.g. `{{comparison-summary:adam400:test_median|num}}`), `{{block:name}}` for a
/// generated Markdown fragment (``ReportBlocks``), or `{{include:path}}` for a Markdown file under the
/// results (e.g. `backprop-check`'s derivation). Formats write Spanish numbers (decimal comma):
/// `num` (3 significant digits, scientific notation outside [0.01, 1000)), `sci` (always scientific),
/// `fix0` … `fix6` (fixed decimals), `int`, `pct` (a fraction as a percentage), `intervals0` … `intervals6`
/// (a cell `low:high;low:high` as the union of open intervals, `$(0;\,0{,}026)\cup(0{,}096;\,0{,}191)$`),
/// `text` (the cell as is).
/// Scientific notation is LaTeX mathematics, `$1{,}23\cdot10^{-4}$`, which a forge and pandoc both render
/// (Unicode superscripts are missing from most text fonts).
public enum ReportTemplate {
    /// The rendered text.
    ///
    /// - Throws: ``StudyError/unknownValue(_:)`` for a placeholder the results cannot fill.
    public static func render(_ template: String, results: String) throws -> String {
        var tables: [String: StudyTable] = [:]
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw StudyError.unknownValue(String(rest[open.lowerBound...].prefix(40)))
            }
            let placeholder = String(rest[open.upperBound..<close.lowerBound])
            output += try value(placeholder, results: results, tables: &tables)
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    static func value(_ placeholder: String, results: String, tables: inout [String: StudyTable]) throws -> String {
        let parts = placeholder.split(separator: "|", maxSplits: 1).map(String.init)
        let path = parts[0].split(separator: ":").map(String.init)
        if path.count == 2 && path[0] == "block" {
            return try ReportBlocks.block(path[1], results: results)
        }
        if path.count == 2 && path[0] == "include" && !path[1].contains("..") {
            var text = try StudyPreparation.readText("\(results)/\(path[1])")
            while text.hasSuffix("\n") { text.removeLast() }
            return text
        }
        guard path.count == 3 else { throw StudyError.unknownValue(placeholder) }
        if tables[path[0]] == nil {
            tables[path[0]] = try? StudyTable(path: "\(results)/\(path[0]).csv")
        }
        guard let cell = tables[path[0]]?.value(key: path[1], column: path[2]) else {
            throw StudyError.unknownValue(placeholder)
        }
        return try format(cell, parts.count > 1 ? parts[1] : "text", placeholder: placeholder)
    }

    /// A cell in the named format.
    public static func format(_ cell: String, _ style: String, placeholder: String = "") throws -> String {
        if style == "text" { return cell }
        if style.hasPrefix("intervals"), let decimals = Int(style.dropFirst("intervals".count)) {
            return try intervals(cell, decimals: decimals, placeholder: placeholder)
        }
        guard let x = Double(cell) else {
            if cell.isEmpty { return "—" }
            throw StudyError.unknownValue(placeholder)
        }
        switch style {
        case "num": return number(x)
        case "sci": return scientific(x)
        case "int": return grouped(Int(x.rounded()))
        case "pct": return Numbers.spanish(Numbers.fixed(x * 100, decimals: 0)) + " %"
        default:
            guard style.hasPrefix("fix"), let decimals = Int(style.dropFirst(3)) else {
                throw StudyError.unknownValue(placeholder)
            }
            return Numbers.spanish(Numbers.fixed(x, decimals: decimals))
        }
    }

    /// A cell `low:high;low:high` (as ``ReportBlocks/summarizeBackpropagation(results:)`` writes intervals)
    /// as their union in LaTeX mathematics with `decimals` fixed decimals; an empty cell as a dash.
    static func intervals(_ cell: String, decimals: Int, placeholder: String) throws -> String {
        if cell.isEmpty { return "—" }
        let spans = try cell.split(separator: ";").map { span in
            let ends = span.split(separator: ":").compactMap { Double($0) }
            guard ends.count == 2 else { throw StudyError.unknownValue(placeholder) }
            let text = ends.map {
                $0 == 0 ? "0" : Numbers.fixed($0, decimals: decimals).replacing(".", with: "{,}")
            }
            return "(\(text[0]);\\,\(text[1]))"
        }
        return "$" + spans.joined(separator: "\\cup") + "$"
    }

    /// Three significant digits: fixed in [0.01, 1000), scientific elsewhere.
    public static func number(_ x: Double) -> String {
        let magnitude = abs(x)
        if magnitude == 0 { return "0" }
        if magnitude >= 0.01 && magnitude < 1000 {
            let digits = max(0, 2 - Int(log10(magnitude).rounded(.down)))
            return Numbers.spanish(Numbers.fixed(x, decimals: digits))
        }
        return scientific(x)
    }

    /// `$1{,}23\cdot10^{-4}$`: three significant digits times a power of ten, in LaTeX mathematics.
    public static func scientific(_ x: Double) -> String {
        let text = Numbers.printed(x, .scientific, precision: 2)
        let parts = text.split(separator: "e")
        let exponent = Int(parts[1])!
        let mantissa = String(parts[0]).replacing(".", with: "{,}")
        return "$" + mantissa + (exponent == 0 ? "" : "\\cdot10^{\(exponent)}") + "$"
    }

    /// An integer with its thousands separated by a space from five digits on (RAE's rule; a no-break
    /// space, which every text font has).
    static func grouped(_ n: Int) -> String { Numbers.grouped(n, separator: "\u{00A0}", minimumDigits: 5, minus: "−") }

}
