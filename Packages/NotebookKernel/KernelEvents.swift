import JSON
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The kernel's event channel to the Jupyter side: one JSON object per line, after the byte U+001E (record
/// separator), on standard output (or the descriptor named by `UDL_KERNEL_EVENTS_FD`), in the same stream as
/// the cells' printed output, so the wrapper sees a figure exactly between the lines printed before and after
/// it. JSON escapes control characters, so the separator never occurs inside an event.
///
/// Events: `{"event": "busy", "pid": N}` (the process an interrupt stops), `{"event": "display", …}` and
/// `{"event": "result", …}` (written by the cells, through `NotebookSupport`), and at the end of every
/// request `{"event": "reply", "status": "ok", "pid": N}` or `{"event": "reply", "status": "error", "pid": N,
/// "ename": …, "evalue": …, "traceback": […]}`, where `pid` is the session's process from then on.
public struct KernelEvents: Sendable {
    /// The descriptor.
    public let descriptor: FileDescriptor

    /// The name of the environment variable that holds the descriptor's number.
    public static let environmentVariable = "UDL_KERNEL_EVENTS_FD"

    /// The channel on `descriptor`.
    public init(descriptor: FileDescriptor) {
        self.descriptor = descriptor
    }

    /// The byte that starts an event in the output stream.
    public static let separator: Character = "\u{1E}"

    /// Writes one event, `{"event": kind, …members}` (the cells' buffered output is flushed first, so it comes
    /// before the event).
    public func send(_ kind: String, _ members: [(key: String, value: JSONOutput)] = []) {
        fflush(nil)
        let event = JSONOutput.object([("event", .string(kind))] + members).compact
        try? descriptor.writeAll(Array((String(Self.separator) + event + "\n").utf8))
    }

    /// The host is ready, in process `pid`.
    public func ready() { send("ready", [("pid", .integer(Int(getpid())))]) }

    /// The process an interrupt stops now.
    public func busy(_ pid: pid_t) { send("busy", [("pid", .integer(Int(pid)))]) }

    /// The request ended well.
    public func replyOK() { send("reply", [("status", .string("ok")), ("pid", .integer(Int(getpid())))]) }

    /// The request failed: `name` and `value` are Jupyter's `ename` and `evalue`, `traceback` the lines shown.
    public func replyError(name: String, value: String, traceback: [String]) {
        send(
            "reply",
            [
                ("status", .string("error")), ("pid", .integer(Int(getpid()))), ("ename", .string(name)),
                ("evalue", .string(value)), ("traceback", .array(traceback.map { .string($0) })),
            ])
    }
}
