import JSON

/// A Jupyter notebook in nbformat 4.5: Markdown cells and code cells with their stored outputs, written as
/// the JSON that Jupyter itself writes (keys sorted, one-space indent, multi-line strings as lists of lines).
public struct JupyterNotebook: Sendable, Equatable {
    /// What a code cell printed or displayed.
    public enum Output: Sendable, Equatable {
        /// Text on standard output (a `stream` output named `stdout`).
        case standardOutput(String)
        /// A PNG shown with `IPython.display.display(Image(...))` (a `display_data` output).
        case png([UInt8])
    }

    /// One cell.
    public enum Cell: Sendable, Equatable {
        /// Markdown text.
        case markdown(String)
        /// Code with the outputs its execution produced.
        case code(String, outputs: [Output])
    }

    /// The cells in order.
    public var cells: [Cell]

    /// A notebook of `cells` for the standard IPython kernel.
    public init(cells: [Cell]) {
        self.cells = cells
    }

    /// The `.ipynb` file's text. Cells are numbered `celda-01`, `celda-02`, …; code cells carry the execution
    /// counts 1, 2, … that running them in order gives.
    public func json() -> String {
        var count = 0
        let rendered = cells.enumerated().map { index, cell -> JSONOutput in
            let id = JSONOutput.string("celda-" + (index < 9 ? "0" : "") + String(index + 1))
            switch cell {
            case let .markdown(text):
                return .object([
                    ("cell_type", .string("markdown")), ("id", id), ("metadata", .object([])),
                    ("source", Self.lines(text)),
                ])
            case let .code(source, outputs):
                count += 1
                return .object([
                    ("cell_type", .string("code")), ("execution_count", .integer(count)), ("id", id),
                    ("metadata", .object([])), ("outputs", .array(outputs.map(Self.output))),
                    ("source", Self.lines(source)),
                ])
            }
        }
        let notebook = JSONOutput.object([
            ("cells", .array(rendered)),
            (
                "metadata",
                .object([
                    (
                        "kernelspec",
                        .object([
                            ("display_name", .string("Python 3 (ipykernel)")), ("language", .string("python")),
                            ("name", .string("python3")),
                        ])
                    ),
                    ("language_info", .object([("name", .string("python"))])),
                ])
            ),
            ("nbformat", .integer(4)), ("nbformat_minor", .integer(5)),
        ])
        return notebook.indented() + "\n"
    }

    /// A multi-line text as nbformat stores it: a list of lines, each but the last with its newline.
    static func lines(_ text: String) -> JSONOutput {
        var lines: [JSONOutput] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" {
                lines.append(.string(current))
                current = ""
            }
        }
        if !current.isEmpty { lines.append(.string(current)) }
        return .array(lines)
    }

    private static func output(_ output: Output) -> JSONOutput {
        switch output {
        case let .standardOutput(text):
            return .object([
                ("name", .string("stdout")), ("output_type", .string("stream")), ("text", Self.lines(text)),
            ])
        case let .png(bytes):
            return .object([
                (
                    "data",
                    .object([
                        ("image/png", .string(base64(bytes))),
                        ("text/plain", .array([.string("<IPython.core.display.Image object>")])),
                    ])
                ),
                ("metadata", .object([])), ("output_type", .string("display_data")),
            ])
        }
    }
}

/// `bytes` in standard Base64 (RFC 4648, with padding, no line breaks), as IPython stores images.
func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
        let b0 = UInt32(bytes[i])
        let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
        let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
        let group = b0 << 16 | b1 << 8 | b2
        out.append(alphabet[Int(group >> 18 & 63)])
        out.append(alphabet[Int(group >> 12 & 63)])
        out.append(i + 1 < bytes.count ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
        out.append(i + 2 < bytes.count ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
        i += 3
    }
    return String(decoding: out, as: UTF8.self)
}
