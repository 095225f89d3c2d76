import Platform
import Plot

/// Base64 (RFC 4648, with padding), as Jupyter carries an image.
func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
        let count = min(3, bytes.count - index)
        var chunk = UInt32(bytes[index]) << 16
        if count > 1 { chunk |= UInt32(bytes[index + 1]) << 8 }
        if count > 2 { chunk |= UInt32(bytes[index + 2]) }
        for k in 0..<4 {
            out.append(k <= count ? alphabet[Int((chunk >> (18 - 6 * UInt32(k))) & 63)] : UInt8(ascii: "="))
        }
        index += 3
    }
    return String(decoding: out, as: UTF8.self)
}

/// A PNG image as a notebook shows it: the picture inline, its size as text.
public struct PNGImage: NotebookDisplayable, Sendable {
    /// The PNG file's bytes.
    public var bytes: [UInt8]

    /// An image from a PNG file's bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// An image from a PNG file.
    public init(path: String) throws {
        bytes = try FileDescriptor.open(readingFrom: path).readAll()
    }

    /// `image/png`, with a text naming the image's pixel size.
    public func mimeBundle() throws -> MimeBundle {
        var text = "<imagen PNG, \(bytes.count) bytes>"
        if bytes.count >= 24 {
            let word = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
            text = "<imagen PNG de \(word(16)) × \(word(20)) píxeles>"
        }
        return MimeBundle(text: text, [("image/png", base64(bytes))])
    }
}

extension Figure: NotebookDisplayable {
    /// The figure as a PNG image.
    public func mimeBundle() throws -> MimeBundle { try PNGImage(bytes: pngData()).mimeBundle() }
}

extension CurveFigure: NotebookDisplayable {
    /// The figure as a PNG image.
    public func mimeBundle() throws -> MimeBundle { try PNGImage(bytes: pngData()).mimeBundle() }
}

extension SurfaceFigure: NotebookDisplayable {
    /// The figure as a PNG image.
    public func mimeBundle() throws -> MimeBundle { try PNGImage(bytes: pngData()).mimeBundle() }
}

extension Canvas: NotebookDisplayable {
    /// The canvas as a PNG image.
    public func mimeBundle() throws -> MimeBundle { try PNGImage(bytes: pngData()).mimeBundle() }
}
