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
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

/// The C library's `write(2)`, under a name that no `write` method shadows.
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
