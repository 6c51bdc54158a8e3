import Foundation

/// A JSON document being written, as UTF-8 bytes: a report is half a megabyte, and appending each piece to a
/// `String` cost more than deciding what to write (each append checks and may grow the string's storage). The bytes
/// sit in a buffer of its own rather than an `[UInt8]`: an array append checks uniqueness and capacity through a
/// generic call, which cost more than the copy for the short pieces a document is made of.
/// Public for writers of parts of a document that skip building its `JSONValue` (a batch's traces, see
/// `JSONValue.raw`); what they append must make compact JSON.
public struct JSONBytes: ~Copyable {
    private var buffer: DiagramBuffer<UInt8>

    public init(capacity: Int = 1 << 16) { buffer = DiagramBuffer(capacity: capacity) }

    deinit { buffer.free() }

    /// The bytes written.
    public consuming func finish() -> [UInt8] { Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count)) }

    /// The document (valid UTF-8: every piece came from a `String`).
    consuming func string() -> String { String(decoding: UnsafeBufferPointer(start: buffer.base, count: buffer.count), as: UTF8.self) }

    public mutating func append(_ byte: UInt8) { buffer.append(byte) }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    /// `text` as it is (JSON punctuation, or JSON already written).
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    public mutating func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    /// `value` as `compact()` writes it.
    public mutating func append(json value: JSONValue) { value.appendCompact(to: &self) }

    /// `value.json` as `compact()` writes it, without making the `JSONValue` (a trace writes thousands of values).
    public mutating func append(json value: FEELValue) {
        switch value {
        case .null: append("null")
        case .boolean(let b): append(b ? "true" : "false")
        case .number(let n): append(n.description)
        case .string(let s): appendQuoted(s)
        case .date(let d): appendQuoted(d.description)
        case .time(let t): appendQuoted(t.description)
        case .dateTime(let t): appendQuoted(t.description)
        case .duration(let d): appendQuoted(d.description)
        case .list(let items):
            append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { append(UInt8(ascii: ",")) }
                append(json: item)
            }
            append(UInt8(ascii: "]"))
        case .context(let c):
            append(UInt8(ascii: "{"))
            for (i, entry) in c.entries.enumerated() {
                if i > 0 { append(UInt8(ascii: ",")) }
                appendQuoted(entry.key)
                append(UInt8(ascii: ":"))
                append(json: entry.value)
            }
            append(UInt8(ascii: "}"))
        case .function, .range: value.json.appendCompact(to: &self)
        }
    }

    /// A line break and the indentation of a nesting level.
    mutating func newline(indent: [UInt8], depth: Int) {
        buffer.append(UInt8(ascii: "\n"))
        if !indent.isEmpty { indent.withUnsafeBufferPointer { append($0) } }
        buffer.append(repeating: UInt8(ascii: " "), count: 2 * depth)
    }

    /// `s` quoted as `JSONValue.appendQuoted` quotes it; a string with nothing to escape (nearly all) is copied
    /// whole.
    public mutating func appendQuoted(_ s: String) {
        let plain = s.utf8.withContiguousStorageIfAvailable { utf8 in
            guard Self.isPlainASCII(utf8) || !JSONValue.mayNeedEscape(utf8) else { return false }
            buffer.append(UInt8(ascii: "\""))
            append(utf8)
            buffer.append(UInt8(ascii: "\""))
            return true
        }
        switch plain {
        case true?: return
        case false?: appendEscaped(s)
        case nil:
            var s = s
            s.makeContiguousUTF8()
            appendQuoted(s)
        }
    }

    /// Printable ASCII with no quote or backslash: names, ids, most values of a trace. Decided eight bytes at a
    /// time (a batch quotes thousands of names a profile, and a byte loop cost more than the copy); false at the
    /// first word holding any other byte, which then leaves the string to `mayNeedEscape`.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            if !isPlain(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { return false }
            i += 8
        }
        guard i < n else { return true }
        // The last bytes: in the word that ends the string (some bytes read again), or one by one in a short one.
        if n >= 8 { return isPlain(UnsafeRawPointer(base + n - 8).loadUnaligned(as: UInt64.self)) }
        for b in bytes where b < 0x20 || b > 0x7E || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
        return true
    }

    /// No byte of `w` is below 0x20, 0x7F or above, `"` or `\`. Exact: a borrow or carry only crosses a byte
    /// already flagged.
    @inline(__always)
    private static func isPlain(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ w: UInt64) -> Bool { (w &- ones) & ~w & highs != 0 }
        return (w &- 0x20 &* ones) & ~w & highs == 0 && (w | (w &+ ones)) & highs == 0
            && !hasZero(w ^ 0x22 &* ones) && !hasZero(w ^ 0x5C &* ones)
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

    /// `compact`, one value as `compact()` writes it, laid out as the pretty writer lays out that value at `depth`:
    /// a line for each member and item, `": "` after a key, empty arrays and objects left as `[]` and `{}`. Strings
    /// are copied as they are, found by their closing quote (one an odd run of backslashes escapes is inside).
    mutating func appendRendered(compact: UnsafeBufferPointer<UInt8>, indent: [UInt8], depth: Int) {
        guard let base = compact.baseAddress else { return }
        let n = compact.count
        var depth = depth
        var copied = 0
        var i = 0
        while i < n {
            let byte = base[i]
            switch byte {
            case UInt8(ascii: "\""):
                i = Self.stringEnd(base, n, from: i)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                i += 1
                if i < n, base[i] == byte &+ 2 { i += 1; continue }  // `]` and `}` follow `[` and `{` by two
                append(UnsafeBufferPointer(start: base + copied, count: i - copied))
                depth += 1
                newline(indent: indent, depth: depth)
                copied = i
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                append(UnsafeBufferPointer(start: base + copied, count: i - copied))
                depth -= 1
                newline(indent: indent, depth: depth)
                copied = i
                i += 1
            case UInt8(ascii: ","):
                i += 1
                append(UnsafeBufferPointer(start: base + copied, count: i - copied))
                newline(indent: indent, depth: depth)
                copied = i
            case UInt8(ascii: ":"):
                i += 1
                append(UnsafeBufferPointer(start: base + copied, count: i - copied))
                append(UInt8(ascii: " "))
                copied = i
            default:
                i += 1
            }
        }
        append(UnsafeBufferPointer(start: base + copied, count: n - copied))
    }

    /// The index after the string that opens at `start` in compact JSON (after its closing quote).
    private static func stringEnd(_ base: UnsafePointer<UInt8>, _ n: Int, from start: Int) -> Int {
        var from = start + 1
        while from < n, let found = memchr(base + from, Int32(UInt8(ascii: "\"")), n - from) {
            let quote = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            while base[quote - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            from = quote + 1
        }
        return n
    }
}
