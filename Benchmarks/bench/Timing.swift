/// Seconds taken by one call of `body`: the best of `repeats` timings of `inner` back-to-back calls.
func seconds(repeats: Int = 5, inner: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<repeats {
        let elapsed = clock.measure { for _ in 0..<inner { body() } }
        best = min(best, elapsed.seconds / Double(inner))
    }
    return best
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}

/// Prints a result line: a label padded to a column, then the value.
func report(_ label: String, _ value: String) {
    print("  " + label.padding(toLength: 34) + value)
}

extension String {
    /// The string padded with spaces (or cut) to `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}

/// Formats a number with a fixed count of decimals.
func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if have < decimals { text += String(repeating: "0", count: decimals - have) }
        if decimals == 0 { text = String(text[..<dot]) }
    }
    return text
}
