/// A colormap: 256 colours that values in [0, 1] are mapped to, as matplotlib's `ListedColormap`.
///
/// A value t selects bin ⌊256·t⌋ (t = 1 selects the last); values outside [0, 1] are clamped.
public struct Colormap: Sendable {
    /// The name the command-line tools use.
    public let name: String
    /// The 256 colours as packed bytes 0xRRGGBB.
    let table: [UInt32]

    init(name: String, hex: String) {
        self.name = name
        var table: [UInt32] = []
        var digits = hex.utf8.makeIterator()
        var value: UInt32 = 0, count = 0
        while let c = digits.next() {
            let digit = UInt32(c >= 97 ? c - 87 : c - 48)
            value = value << 4 | digit
            count += 1
            if count == 6 {
                table.append(value)
                value = 0
                count = 0
            }
        }
        precondition(table.count == 256, "Colormap \(name): \(table.count) entries, expected 256")
        self.table = table
    }

    /// The bin of a value: ⌊256·t⌋ clamped to 0…255 (NaN → 0).
    @inline(__always) static func bin(_ t: Double) -> Int {
        guard t > 0 else { return 0 }
        return t >= 1 ? 255 : min(255, Int(t * 256))
    }

    /// The colour of a value in [0, 1].
    public func color(at t: Double) -> Color { Color(hex: table[Colormap.bin(t)]) }

    /// Perceptually uniform, dark blue → green → yellow (matplotlib's default).
    public static let viridis = Colormap(name: "viridis", hex: viridisTable)
    /// Perceptually uniform, black → purple → orange → pale yellow.
    public static let magma = Colormap(name: "magma", hex: magmaTable)
    /// Perceptually uniform and colour-vision-deficiency friendly, dark blue → grey → yellow.
    public static let cividis = Colormap(name: "cividis", hex: cividisTable)
    /// Diverging for signed data such as residuals: blue (low) → near white (middle) → red (high);
    /// ColorBrewer's RdBu reversed. Use with limits symmetric about zero.
    public static let rdbu = Colormap(name: "rdbu", hex: rdbuTable)

    /// Every colormap, in the order the tools list them.
    public static let all: [Colormap] = [.viridis, .magma, .cividis, .rdbu]

    /// The colormap with this name (case-insensitive), or nil.
    public static func named(_ name: String) -> Colormap? {
        all.first { $0.name == name.lowercased() }
    }
}
