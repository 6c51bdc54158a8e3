/// A JSON document being written, as UTF-8 bytes: a report is half a megabyte, and appending each piece to a
/// `String` cost more than deciding what to write (each append checks and may grow the string's storage). The bytes
/// sit in a buffer of its own rather than an `[UInt8]`: an array append checks uniqueness and capacity through a
/// generic call, which cost more than the copy for the short pieces a document is made of.
struct JSONBytes: ~Copyable {
    private var buffer = DiagramBuffer<UInt8>(capacity: 1 << 16)

    deinit { buffer.free() }

    /// The bytes written.
    consuming func finish() -> [UInt8] { Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count)) }

    /// The document (valid UTF-8: every piece came from a `String`).
    consuming func string() -> String { String(decoding: UnsafeBufferPointer(start: buffer.base, count: buffer.count), as: UTF8.self) }

    mutating func append(_ byte: UInt8) { buffer.append(byte) }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// A line break and the indentation of a nesting level.
    mutating func newline(indent: [UInt8], depth: Int) {
        buffer.append(UInt8(ascii: "\n"))
        if !indent.isEmpty { indent.withUnsafeBufferPointer { append($0) } }
        buffer.append(repeating: UInt8(ascii: " "), count: 2 * depth)
    }

    /// `s` quoted as `JSONValue.appendQuoted` quotes it; a string with nothing to escape (nearly all) is copied
    /// whole.
    mutating func appendQuoted(_ s: String) {
        var s = s
        let copied = s.withUTF8 { utf8 in
            guard !JSONValue.mayNeedEscape(utf8) else { return false }
            buffer.append(UInt8(ascii: "\""))
            append(utf8)
            buffer.append(UInt8(ascii: "\""))
            return true
        }
        if !copied { appendEscaped(s) }
    }

    /// `s` quoted with its escapes, as `JSONValue.appendQuoted` writes it, one scalar at a time.
    private mutating func appendEscaped(_ s: String) {
        append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": append(UInt8(ascii: "\\")); append(UInt8(ascii: "\""))
            case "\\": append(UInt8(ascii: "\\")); append(UInt8(ascii: "\\"))
            case "\n": append(UInt8(ascii: "\\")); append(UInt8(ascii: "n"))
            case "\r": append(UInt8(ascii: "\\")); append(UInt8(ascii: "r"))
            case "\t": append(UInt8(ascii: "\\")); append(UInt8(ascii: "t"))
            case let c where JSONValue.needsEscape(c):
                append(UInt8(ascii: "\\"))
                append(UInt8(ascii: "u"))
                let hex = Array(String(scalar.value, radix: 16).utf8)
                for _ in hex.count..<max(4, hex.count) { append(UInt8(ascii: "0")) }
                hex.withUnsafeBufferPointer { append($0) }
            default:
                for byte in scalar.utf8 { buffer.append(byte) }
            }
        }
        append(UInt8(ascii: "\""))
    }
}
