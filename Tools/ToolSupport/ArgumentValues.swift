import ArgumentParser
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A memory size on the command line (`--max-memory 4G`): a number of bytes with an optional unit, `k`,
/// `M`, `G` or `T` (powers of 1000; with `i`, as in `GiB`, powers of 1024), an optional `B`, any case.
public struct MemorySize: ExpressibleByArgument, CustomStringConvertible, Sendable {
    /// The size in bytes.
    public var bytes: Double

    /// A size of `bytes`.
    public init(bytes: Double) {
        self.bytes = bytes
    }

    /// Parses `4G`, `512MiB`, `1.5e9`, `800mb`; `nil` for anything else or a size that is not positive.
    public init?(argument: String) {
        var text = argument.lowercased()[...]
        if text.hasSuffix("b") { text.removeLast() }
        var base = 1000.0
        if text.hasSuffix("i") {
            base = 1024
            text.removeLast()
        }
        var scale = 1.0
        if let unit = text.last, let power = ["k", "m", "g", "t"].firstIndex(of: String(unit)) {
            scale = pow(base, Double(power + 1))
            text.removeLast()
        } else if base == 1024 {
            return nil
        }
        guard let value = Double(text), value.isFinite, value > 0 else { return nil }
        bytes = value * scale
    }

    /// The limit this size sets for a run, as `--max-memory`.
    public var limit: MemoryLimit { MemoryLimit(bytes: bytes, origin: "--max-memory") }

    /// The size in decimal units, e.g. `4 GB`.
    public var description: String { MemoryLimit.format(bytes) }
}

/// Column names given as `a,b,c` (`--inputs`, `--targets`): at least one, none empty.
///
/// - Parameter option: the option's name for the message, e.g. `--inputs`.
/// - Throws: `ValidationError` (exit 64) for an empty list or an empty name (`a,,b`, a trailing comma).
public func columnNames(_ argument: String, option: String) throws -> [String] {
    let names = argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard !names.contains(where: \.isEmpty) else {
        throw ValidationError(
            argument.isEmpty
                ? "\(option) is empty: name at least one column"
                : "\(option): expected comma-separated column names, got \"\(argument)\"")
    }
    return names
}

extension MemoryLimitError: ExitStatusProviding {
    /// 64: the command line asks for more than the limit (a smaller model or batch, or a higher
    /// `--max-memory`, fixes it).
    public var exitStatus: SysExit { .usage }
}
