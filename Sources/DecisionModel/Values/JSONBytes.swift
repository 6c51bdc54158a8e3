/// A JSON document being written, as UTF-8 bytes: a report is half a megabyte, and appending each piece to a
/// `String` cost more than deciding what to write (each append checks and may grow the string's storage).
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 12) }

    /// The document (valid UTF-8: every piece came from a `String`).
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A line break and the indentation of a nesting level.
    mutating func newline(indent: [UInt8], depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        if !indent.isEmpty { bytes.append(contentsOf: indent) }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// `s` quoted as `JSONValue.appendQuoted` quotes it; a string with nothing to escape (nearly all) is copied
    /// whole.
    mutating func appendQuoted(_ s: String) {
        var s = s
        let copied = s.withUTF8 { utf8 in
            guard !JSONValue.mayNeedEscape(utf8) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !copied {
            var quoted = ""
            JSONValue.appendQuoted(s, to: &quoted)
            append(quoted)
        }
    }
}
