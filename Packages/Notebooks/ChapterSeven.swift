import NN
import NumberFormatting
import Platform
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Helpers shared by the chapter 7 notebooks (7.1–7.3): checks of whole vectors, NumPy-style array
/// printing, and per-layer views of a flat parameter vector.
enum ChapterSeven {
    /// Checks `actual` against `expected` element by element (`|a − e| ≤ tolerance·max(1, |e|)`) as one
    /// check line, reporting the worst element.
    static func check(
        _ session: NotebookSession, _ label: String, _ actual: [Double], _ expected: [Double], tolerance: Double,
        source: String = "reference"
    ) {
        guard actual.count == expected.count else {
            session.check(label, false, "\(actual.count) values vs \(expected.count) in the \(source)")
            return
        }
        var worst = 0.0, index = 0
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            let error = Swift.abs(a - e) / Swift.max(1, Swift.abs(e))
            if !(error <= worst) { (worst, index) = (error, i) }
        }
        let passed = worst <= tolerance
        session.check(
            label, passed,
            "\(actual.count) values, worst [\(index)] \(actual[index]) vs \(source) \(expected[index]) (error \(scientific(worst)), tolerance \(tolerance))"
        )
    }

    /// `value` in scientific notation with `digits` decimals, as C's `"%.{digits}e"` prints it.
    static func scientific(_ value: Double, _ digits: Int = 2) -> String {
        Numbers.printed(value, .scientific, precision: digits)
    }

    /// `values` printed the way NumPy prints a 1-D array with `np.set_printoptions(precision=3)`: fixed
    /// notation with `decimals` decimals, padded to a common width, in brackets.
    static func array(_ values: [Double], decimals: Int = 3) -> String {
        let texts = values.map { fixed($0, decimals) }
        let width = texts.map(\.count).max() ?? 0
        return "[" + texts.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: " ") + "]"
    }

    /// A matrix (rows of `columns` values, row-major) printed like NumPy, one bracketed row per line.
    static func matrix(_ values: [Double], columns: Int, decimals: Int = 3) -> [String] {
        let texts = values.map { fixed($0, decimals) }
        let width = texts.map(\.count).max() ?? 0
        let padded = texts.map { String(repeating: " ", count: width - $0.count) + $0 }
        let rows = stride(from: 0, to: padded.count, by: columns).map {
            "[" + padded[$0..<($0 + columns)].joined(separator: " ") + "]"
        }
        return rows.enumerated().map { i, row in (i == 0 ? "[" : " ") + row + (i == rows.count - 1 ? "]" : "") }
    }

    /// `text` padded with spaces to `width` characters, on the right (`left: true`) or on the left.
    static func padded(_ text: String, _ width: Int, left: Bool = true) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, width - text.count))
        return left ? text + fill : fill + text
    }

    /// The flat indices of Ω_k in a network's parameter vector.
    static func weights(_ layer: Layer) -> Range<Int> { layer.weightOffset..<layer.biasOffset }

    /// The flat indices of β_k in a network's parameter vector.
    static func biases(_ layer: Layer) -> Range<Int> { layer.biasOffset..<(layer.biasOffset + layer.outputs) }

    /// The 1 × 1 batch holding one scalar.
    static func scalar(_ value: Double) -> Tensor { Tensor(shape: [1, 1], scalars: [value]) }
}
