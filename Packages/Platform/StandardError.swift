#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing diagnostics to standard error (Swift 6 rejects the C global `stderr`).
public enum StandardError {
    /// Whether standard error is a terminal, so that progress bars and cursor movements make sense.
    public static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes the text as is (add the line break yourself); write errors are ignored.
    public static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in try? FileDescriptor.standardError.writeAll(UnsafeRawBufferPointer(bytes)) }
    }
}
