#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call: the C library's error number and its message.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The `errno` value.
    public let code: Int32

    /// An error with the given `errno` value.
    public init(code: Int32) {
        self.code = code
    }

    /// The error of the system call that just failed (the current `errno`).
    public static var current: SystemError { SystemError(code: errno) }

    /// The C library's message for the error, e.g. `No such file or directory`.
    public var message: String { String(cString: strerror(code)) }

    /// The same as ``message``.
    public var description: String { message }
}
