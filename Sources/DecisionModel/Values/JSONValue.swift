/// A JSON document with ordered object keys, so output is stable and diffable.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// A value already written as `compact()` writes it (one whole JSON value, valid UTF-8): parts of a document
    /// that are the same for many documents (a rule row of a batch's traces) are written once and copied in. The
    /// pretty layout lays the bytes out as it would the value. Equal only to a raw value of the same bytes.
    case raw([UInt8])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        case (.raw(let x), .raw(let y)): x == y
        default: false
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let entries) = self else { return nil }
        return entries.first { $0.0 == key }?.1
    }

    /// On one line with no spaces (a line of JSON Lines output).
    public func compact() -> String {
        var out = JSONBytes()
        appendCompact(to: &out)
        return out.string()
    }

    /// `compact()` as its UTF-8 bytes, for writers that pass them on: a batch line is tens of kilobytes, and making
    /// it a `String` checks every byte again.
    public func compactUTF8() -> [UInt8] {
        var out = JSONBytes()
        appendCompact(to: &out)
        return out.finish()
    }

    func appendCompact(to out: inout JSONBytes) {
        switch self {
        case .raw(let bytes): bytes.withUnsafeBufferPointer { out.append($0) }
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(n)
        case .string(let s): out.appendQuoted(s)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.appendCompact(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let entries):
            out.append(UInt8(ascii: "{"))
            for (i, entry) in entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.appendQuoted(entry.0)
                out.append(UInt8(ascii: ":"))
                entry.1.appendCompact(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Pretty-printed with two-space indentation.
    public func rendered(indent: String = "") -> String {
        String(decoding: renderedUTF8(indent: indent), as: UTF8.self)
    }

    /// `rendered` as UTF-8, for writing out without making a `String` of it (which checks every byte again).
    public func renderedUTF8(indent: String = "") -> [UInt8] {
        var out = JSONBytes()
        appendRendered(indent: Array(indent.utf8), depth: 0, to: &out)
        return out.finish()
    }

    /// `rendered`, appended in place: the report of an empty answer file is half a megabyte of nested objects,
    /// which joining each level's strings copied once per level. A level's indentation is `indent` and two spaces
    /// per `depth`.
    private func appendRendered(indent: [UInt8], depth: Int, to out: inout JSONBytes) {
        switch self {
        case .null, .bool, .number, .string: appendCompact(to: &out)
        case .raw(let bytes): bytes.withUnsafeBufferPointer { out.appendRendered(compact: $0, indent: indent, depth: depth) }
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.newline(indent: indent, depth: depth + 1)
                item.appendRendered(indent: indent, depth: depth + 1, to: &out)
            }
            out.newline(indent: indent, depth: depth)
            out.append(UInt8(ascii: "]"))
        case .object(let entries):
            if entries.isEmpty { out.append("{}"); return }
            out.append(UInt8(ascii: "{"))
            for (i, entry) in entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.newline(indent: indent, depth: depth + 1)
                out.appendQuoted(entry.0)
                out.append(": ")
                entry.1.appendRendered(indent: indent, depth: depth + 1, to: &out)
            }
            out.newline(indent: indent, depth: depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func quote(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// `quote`, appended in place: a batch writes thousands of lines, most of their strings plain ASCII, which
    /// is copied whole.
    static func appendQuoted(_ s: String, to out: inout String) {
        out.append("\"")
        let plain = s.utf8.withContiguousStorageIfAvailable { !mayNeedEscape($0) } ?? !s.unicodeScalars.contains(where: needsEscape)
        if plain {
            out.append(s)
            out.append("\"")
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where needsEscape(c):
                out += "\\u" + String(String(c.value, radix: 16).reversed()).padding(4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    /// Whether UTF-8 `bytes` may hold a scalar `needsEscape` accepts, decided byte by byte: a report's strings are
    /// mostly Japanese, which a scalar test would decode one by one.
    static func mayNeedEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        VisibleText.mayHoldHazard(bytes, keepNewlines: false, forJSON: true)
    }

    /// C0 controls must be escaped; DEL, C1 and the direction controls are escaped too, so JSON shown on a
    /// terminal cannot act on it.
    static func needsEscape(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "\\" || c.value < 0x20 || VisibleText.isHazard(c) || c.value == 0x2028 || c.value == 0x2029
    }
}

extension String {
    /// Left-pads a hex string to `width` with zeros (the string arrives reversed, see `quote`).
    fileprivate func padding(_ width: Int) -> String {
        String((self + String(repeating: "0", count: max(0, width - count))).reversed())
    }
}

extension FEELValue {
    /// FEEL values as JSON: numbers stay exact, temporal values become ISO strings, contexts objects.
    public var json: JSONValue {
        switch self {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .number(let n): .number(n.description)
        case .string(let s): .string(s)
        case .date(let d): .string(d.description)
        case .time(let t): .string(t.description)
        case .dateTime(let t): .string(t.description)
        case .duration(let d): .string(d.description)
        case .list(let items): .array(items.map(\.json))
        case .context(let c): .object(c.entries.map { ($0.key, $0.value.json) })
        case .function(let f): .string("function \(f.name)")
        case .range(let r): .string(r.description)
        }
    }
}
