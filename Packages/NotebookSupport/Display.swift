import JSON
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a notebook shows for a value: its representations by MIME type, `text/plain` always among them.
///
/// Jupyter picks the richest it can show (`image/png` before `text/html` before `text/plain`).
public struct MimeBundle: Sendable, Equatable {
    /// (MIME type, content) pairs; binary content (`image/png`) is base64.
    public var items: [(String, String)]

    /// A bundle of plain text only.
    public init(text: String) {
        items = [("text/plain", text)]
    }

    /// A bundle of plain text and other representations.
    public init(text: String, _ others: [(String, String)]) {
        items = [("text/plain", text)] + others
    }

    /// The plain text.
    public var text: String { items.first { $0.0 == "text/plain" }?.1 ?? "" }

    /// Compares the pairs in order.
    public static func == (a: MimeBundle, b: MimeBundle) -> Bool {
        a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}

/// A value a notebook shows richly: a figure as an image, a table as HTML.
public protocol NotebookDisplayable {
    /// The value's representations.
    func mimeBundle() throws -> MimeBundle
}

/// The notebook's side of the kernel's event channel (see the kernel's `KernelEvents`): the descriptor named
/// by `UDL_KERNEL_EVENTS_FD` (the host sets it; standard output, where an event is a line after the byte
/// U+001E), or nil outside the kernel (then displays print their plain text).
enum KernelChannel {
    static let descriptor: FileDescriptor? = {
        guard let value = getenv("UDL_KERNEL_EVENTS_FD"), let number = Int32(String(cString: value)) else {
            return nil
        }
        return FileDescriptor(rawValue: number)
    }()

    /// Sends `{"event": kind, "data": {…}}` after flushing the cell's buffered output, so the figure appears
    /// after the lines printed before it.
    static func send(_ kind: String, _ bundle: MimeBundle) {
        fflush(nil)
        guard let descriptor else {
            print(bundle.text)
            return
        }
        let data = JSONOutput.object(bundle.items.map { (key: $0.0, value: .string($0.1)) })
        let line = "\u{1E}" + JSONOutput.object([("event", .string(kind)), ("data", data)]).compact + "\n"
        try? descriptor.writeAll(Array(line.utf8))
    }
}

/// Shows `value` in the notebook now, below what the cell printed so far (a figure inline, a table as HTML).
/// Outside the kernel it prints the value's plain text.
public func display(_ value: some NotebookDisplayable) {
    do {
        KernelChannel.send("display", try value.mimeBundle())
    } catch {
        StandardError.write("no se pudo mostrar: \(error)\n")
    }
}

/// Shows plain text as a display (the same as printing it, but as one output block).
public func display(text: String) { KernelChannel.send("display", MimeBundle(text: text)) }

/// The plain text a cell's last value is shown as: numbers with a decimal comma (``es(_:digits:)``),
/// strings quoted, arrays of numbers as `[0,5; 1,25]`, everything else as `print` writes it.
public func shownText<T>(_ value: T) -> String {
    switch value {
    case let x as Double: return es(x)
    case let x as Float: return es(Double(x))
    case let xs as [Double]: return "[" + xs.map { es($0) }.joined(separator: "; ") + "]"
    case let text as String: return String(reflecting: text)
    default: return String(describing: value)
    }
}

/// Shows a cell's last bare expression (the kernel wraps it in this call): nothing for `Void`, a displayable
/// value richly, anything else as ``shownText(_:)``. Not meant to be called by hand.
public func __kernelShow<T>(_ value: T) {
    if T.self == Void.self { return }
    if let displayable = value as? any NotebookDisplayable {
        do {
            KernelChannel.send("result", try displayable.mimeBundle())
            return
        } catch {
            StandardError.write("no se pudo mostrar: \(error)\n")
        }
    }
    KernelChannel.send("result", MimeBundle(text: shownText(value)))
}

/// Runs a cell's body (the kernel's entry point calls this): 0 when it ends, 1 after writing a thrown error
/// to standard error. Not meant to be called by hand.
public func __kernelRun(_ body: () throws -> Void) -> Int32 {
    do {
        try body()
        fflush(nil)
        return 0
    } catch {
        fflush(nil)
        StandardError.write("Error: \(error)\n")
        return 1
    }
}
