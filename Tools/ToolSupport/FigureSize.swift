import ArgumentParser

/// The value of a `--size WIDTHxHEIGHT` option of the plotting tools, in pixels (`800x600`).
public struct FigureSize: ExpressibleByArgument, CustomStringConvertible, Sendable {
    /// The sizes accepted on each side: large enough for the axes and labels, small enough to render quickly.
    public static let limits = 100...10_000

    /// The width in pixels.
    public var width: Int
    /// The height in pixels.
    public var height: Int

    /// A size in pixels.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Parses `WIDTHxHEIGHT` (`x` or `×`), both sides within ``limits``; nil (a usage error naming the
    /// option) for anything else.
    public init?(argument: String) {
        let parts = argument.split(omittingEmptySubsequences: false, whereSeparator: { "xX×".contains($0) })
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
            Self.limits.contains(width), Self.limits.contains(height)
        else { return nil }
        self.init(width: width, height: height)
    }

    /// `WIDTHxHEIGHT`.
    public var description: String { "\(width)x\(height)" }

    /// The default as `--help` shows it.
    public var defaultValueDescription: String { description }
}
