#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bound on the memory a run may ask for, checked before allocating rather than discovered by the
/// kernel's out-of-memory killer.
///
/// The default is half the physical memory (`sysconf(_SC_PHYS_PAGES) · _SC_PAGESIZE`); tools let the
/// user change it (`--max-memory`). Sizes are computed in `Double`, so that a request of 10²⁰ bytes is a
/// number to refuse rather than an integer overflow.
///
/// ```swift
/// try MemoryLimit.default.check(needing: 8e10, for: "a network of 10,000,200,001 parameters")
/// // MemoryLimitError: … needs 80 GB, more than the limit of 12 GB (half the physical memory) …
/// ```
public struct MemoryLimit: Sendable, Equatable, CustomStringConvertible {
    /// The limit in bytes.
    public let bytes: Double
    /// Where it comes from, for messages: `half the physical memory` or `--max-memory`.
    public let origin: String

    /// A limit of `bytes`, set by `origin`.
    public init(bytes: Double, origin: String) {
        self.bytes = bytes
        self.origin = origin
    }

    /// The machine's physical memory in bytes (0 when the system does not say).
    public static var physicalMemory: Double {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? Double(pages) * Double(size) : 0
    }

    /// Half the physical memory (8 GiB when the system does not say).
    public static var `default`: MemoryLimit {
        let physical = physicalMemory
        return physical > 0
            ? MemoryLimit(bytes: physical / 2, origin: "half the physical memory")
            : MemoryLimit(bytes: 8 * 1024 * 1024 * 1024, origin: "the default")
    }

    /// Refuses a request above the limit.
    ///
    /// - Parameters:
    ///   - needed: the bytes the work would allocate.
    ///   - what: what needs them, for the message (`the network 2 → 100000 → 100000 → 1`).
    /// - Throws: ``MemoryLimitError``.
    public func check(needing needed: Double, for what: String) throws(MemoryLimitError) {
        guard needed <= bytes else { throw MemoryLimitError(what: what, needed: needed, limit: self) }
    }

    /// The limit and its origin, e.g. `11.7 GB (half the physical memory)`.
    public var description: String { "\(MemoryLimit.format(bytes)) (\(origin))" }

    /// Bytes in decimal units with three significant digits: `512 B`, `48.2 MB`, `80 GB`, `3.46e+291 TB`.
    public static func format(_ bytes: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = bytes, unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if value >= 1000 {
            // Beyond a thousand terabytes: three significant digits and an exponent, `3.46e+291 TB`.
            let exponent = Int(log10(value).rounded(.down))
            let mantissa = (value / pow(10, Double(exponent)) * 100).rounded() / 100
            return "\(mantissa)e+\(exponent) \(units[unit])"
        }
        let digits = value < 10 ? 2 : value < 100 ? 1 : 0
        var text = String(Int((value * pow(10, Double(digits))).rounded()))
        if digits > 0 {
            while text.count <= digits { text = "0" + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return "\(text) \(units[unit])"
    }
}

/// A request for more memory than a ``MemoryLimit`` allows.
public struct MemoryLimitError: Error, Equatable, CustomStringConvertible {
    /// What needed the memory.
    public let what: String
    /// The bytes it needed.
    public let needed: Double
    /// The limit it exceeded.
    public let limit: MemoryLimit

    /// `<what> needs 80 GB, more than the limit of 11.7 GB (half the physical memory); --max-memory …`.
    public var description: String {
        "\(what) needs \(MemoryLimit.format(needed)), more than the limit of \(limit); "
            + "use less, or raise the limit with --max-memory"
    }
}
