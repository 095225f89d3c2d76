import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The host's request loop: reads requests, runs them in the session, answers each with a reply event.
///
/// A request is a header line and, for a cell, its bytes: `EXEC <byte count>\n<cell>` runs a cell,
/// `QUIT\n` ends the session. Requests are read byte by byte up to the header's end and then exactly the
/// count, never further, because the process reading may change after every cell (see ``KernelSession``).
public enum KernelHost {
    /// A request.
    public enum Request: Equatable, Sendable {
        /// Run a cell.
        case execute(String)
        /// End the session.
        case quit
    }

    /// The next request, or nil at the end of the input or on a malformed header.
    public static func read(from input: FileDescriptor) -> Request? {
        var header: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(input.rawValue, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { break }
            header.append(byte)
            if header.count > 64 { return nil }
        }
        let words = String(decoding: header, as: UTF8.self).split(separator: " ")
        if words == ["QUIT"] { return .quit }
        guard words.count == 2, words[0] == "EXEC", let size = Int(words[1]), size >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(input.rawValue, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            filled += count
        }
        return .execute(String(decoding: bytes, as: UTF8.self))
    }

    /// Serves requests from `input` until `QUIT` or the input's end, then removes the session's directory.
    /// Jupyter's interrupt (SIGINT to the kernel's process group) must stop only the running cell, so the
    /// session's process ignores it; the cell's process and the compiler take it by default.
    public static func serve(_ session: KernelSession, input: FileDescriptor) {
        signal(SIGINT, SIG_IGN)
        session.events.ready()
        while let request = read(from: input), case let .execute(cell) = request {
            switch session.execute(cell) {
            case .ok: session.events.replyOK()
            case let .error(name, value, traceback):
                session.events.replyError(name: name, value: value, traceback: traceback)
            }
        }
        removeDirectory(session.compiler.workDirectory)
    }

    /// Removes a directory of plain files (the session's sources, modules and libraries).
    static func removeDirectory(_ path: String) {
        for name in Directory.entries(path) { unlink("\(path)/\(name)") }
        rmdir(path)
    }
}
