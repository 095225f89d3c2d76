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

    /// Parses `WIDTHxHEIGHT` (`x` or `×`) of two integers; nil (a usage error naming the option) for
    /// anything else. The sides are checked against ``limits`` by ``check(option:)``, whose message says
    /// the range.
    public init?(argument: String) {
        let parts = argument.split(omittingEmptySubsequences: false, whereSeparator: { "xX×".contains($0) })
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else { return nil }
        self.init(width: width, height: height)
    }

    /// Checks both sides against ``limits``.
    ///
    /// - Throws: `ValidationError` (64) naming the option, the size and the range.
    public func check(option: String = "--size") throws {
        guard Self.limits.contains(width) && Self.limits.contains(height) else {
            throw ValidationError(
                "\(option) \(description): each side must be \(Self.limits.lowerBound) to \(Self.limits.upperBound) pixels"
            )
        }
    }

    /// `WIDTHxHEIGHT`.
    public var description: String { "\(width)x\(height)" }

    /// The default as `--help` shows it.
    public var defaultValueDescription: String { description }
}
