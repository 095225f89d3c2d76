/// A colour with straight (not premultiplied) alpha; components in [0, 1], sRGB.
public struct Color: Equatable, Hashable, Sendable {
    /// The red component.
    public var red: Double
    /// The green component.
    public var green: Double
    /// The blue component.
    public var blue: Double
    /// The opacity: 0 transparent, 1 opaque.
    public var alpha: Double

    /// A colour from components in [0, 1].
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
            blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// A grey of the given lightness (0 black, 1 white).
    public init(gray: Double, alpha: Double = 1) { self.init(red: gray, green: gray, blue: gray, alpha: alpha) }

    /// The same colour with opacity `alpha` (replacing the current one).
    public func withAlpha(_ alpha: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: alpha) }

    /// The colour mixed with `other`: (1 − t)·self + t·other, per component.
    public func mixed(with other: Color, _ t: Double) -> Color {
        Color(
            red: red + (other.red - red) * t, green: green + (other.green - green) * t,
            blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    /// The components rounded to bytes, (r, g, b, a).
    public var bytes: (UInt8, UInt8, UInt8, UInt8) {
        (Color.byte(red), Color.byte(green), Color.byte(blue), Color.byte(alpha))
    }

    static func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }

    /// Opaque black.
    public static let black = Color(gray: 0)
    /// Opaque white.
    public static let white = Color(gray: 1)
    /// Fully transparent.
    public static let clear = Color(gray: 0, alpha: 0)

    /// The ten-colour qualitative cycle used for successive series ("tab10": C0 blue, C1 orange, C2 green,
    /// C3 red, C4 purple, C5 brown, C6 pink, C7 grey, C8 olive, C9 cyan), as in matplotlib's default style.
    public static let cycle: [Color] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map { Color(hex: $0) }
}
