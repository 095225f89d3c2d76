#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sizes of the processor's caches that blocked computations are sized for.
package enum ProcessorCache {
    /// The bytes of one core's level-2 cache: the C library's answer (`sysconf(_SC_LEVEL2_CACHE_SIZE)` on
    /// Linux, `hw.l2cachesize` on macOS), else Linux's `/sys/devices/system/cpu/cpu0/cache/index2/size`,
    /// else 512 KiB (the smallest of the processors the toolkit is measured on, AMD Zen 2 and 3).
    package static let level2Bytes: Int = {
        #if canImport(Glibc)
            let reported = sysconf(Int32(_SC_LEVEL2_CACHE_SIZE))
            if reported > 0 { return reported }
            if let text = firstLine(of: "/sys/devices/system/cpu/cpu0/cache/index2/size"), let bytes = parseSize(text) {
                return bytes
            }
        #elseif canImport(Darwin)
            var size = 0
            var length = MemoryLayout<Int>.size
            if sysctlbyname("hw.l2cachesize", &size, &length, nil, 0) == 0, size > 0 { return size }
        #endif
        return 512 << 10
    }()

    /// `512K`, `1M` or a plain number of bytes, as sysfs writes cache sizes.
    package static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces
        let unit: Int
        var digits = Substring(trimmed)
        switch trimmed.last {
        case "K": unit = 1 << 10
        case "M": unit = 1 << 20
        default: unit = 1
        }
        if unit > 1 { digits = digits.dropLast() }
        guard let value = Int(digits), value > 0 else { return nil }
        return value * unit
    }

    private static func firstLine(of path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
    }
}
