import Platform
import Synchronization

/// The first failed write to standard output, kept until ``StandardOutput/check()``.
private let standardOutputFailure = Mutex<SystemError?>(nil)

/// Printing lines to standard output without losing write errors.
///
/// Swift's `print` ignores them: `notebook run 3.4 > /dev/full` would print nothing and exit 0. Lines
/// printed here go straight to descriptor 1; the first error is remembered, and ``check()`` turns it into
/// exit status 74 once the work is done.
///
/// ```swift
/// StandardOutput.print("# Notebook 3.4")
/// …
/// try StandardOutput.check()      // ToolError 74: <stdout>: write error: No space left on device
/// ```
public enum StandardOutput {
    /// Writes `text` and a line break; a failure is remembered for ``check()`` (later lines are dropped).
    public static func print(_ text: String = "") {
        guard standardOutputFailure.withLock({ $0 == nil }) else { return }
        var line = text + "\n"
        let failure = line.withUTF8 { bytes -> SystemError? in
            do throws(SystemError) {
                try FileDescriptor.standardOutput.writeAll(UnsafeRawBufferPointer(bytes))
                return nil
            } catch {
                return error
            }
        }
        if let failure { standardOutputFailure.withLock { $0 = $0 ?? failure } }
    }

    /// Throws the first write error since the start.
    ///
    /// - Throws: ``ToolError`` 74 naming `<stdout>` and the system's message.
    public static func check() throws {
        if let failure = standardOutputFailure.withLock({ $0 }) {
            throw ToolError(.ioError, "<stdout>: write error: \(failure)")
        }
    }
}
