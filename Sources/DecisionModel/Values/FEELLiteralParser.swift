/// Reads FEEL literal syntax without evaluating anything, so an answer is data and never code.
///
/// Accepted: numbers (`12`, `-0.5`, `1e3`), strings (`"text"` with FEEL escapes), `true`, `false`, `null`,
/// the temporal literals `date("…")`, `time("…")`, `date and time("…")`, `duration("…")` and `@"…"`, and
/// lists (`[1, 2]`) and contexts (`{a: 1, "b c": "x"}`) of these. Names, operators and every other call are
/// refused: `"1" + "2"` is an error here, not `"12"`.
public struct FEELLiteralParser {
    /// Lists and contexts nested deeper than this are refused (a recursive reader must not exhaust the stack).
    public static let maxDepth = 32

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        /// 0-based offset in Unicode scalars.
        public var offset: Int

        public var description: String { "\(message) at offset \(offset)" }
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    private init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// The value `text` spells; surrounding whitespace is allowed.
    public static func parse(_ text: String) throws(Failure) -> FEELValue {
        var parser = FEELLiteralParser(text)
        parser.skipWhitespace()
        if parser.atEnd { throw parser.failure("expected a value but the text is empty") }
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        if !parser.atEnd {
            throw parser.failure("unexpected '\(parser.scalars[parser.index])' after the value: only a literal is accepted "
                                 + "(no operators, names or function calls)")
        }
        return value
    }

    private var atEnd: Bool { index >= scalars.count }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func failure(_ message: String, at offset: Int? = nil) -> Failure {
        Failure(message: message, offset: offset ?? index)
    }

    private mutating func skipWhitespace() {
        while let c = current, c.properties.isWhitespace { index += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) -> FEELValue {
        guard depth < Self.maxDepth else { throw failure("lists and contexts nested deeper than \(Self.maxDepth) levels") }
        guard let c = current else { throw failure("expected a value") }
        switch c {
        case "\"": return .string(try string())
        case "[": return try list(depth: depth)
        case "{": return try context(depth: depth)
        case "@":
            index += 1
            guard current == "\"" else { throw failure("expected a string after '@'") }
            let start = index
            return try Self.temporal(try string(), kind: nil, at: start)
        case "-", ".", "0"..."9": return try number()
        default:
            guard Self.isNameStart(c) else { throw failure("expected a value, found '\(c)'") }
            return try word()
        }
    }

    private mutating func number() throws(Failure) -> FEELValue {
        let start = index
        if current == "-" { index += 1 }
        while let c = current, ("0"..."9").contains(c) || c == "." { index += 1 }
        if let c = current, c == "e" || c == "E" {
            index += 1
            if let sign = current, sign == "+" || sign == "-" { index += 1 }
            while let d = current, ("0"..."9").contains(d) { index += 1 }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        guard let n = FEELNumber(text) else { throw failure("'\(text)' is not a number", at: start) }
        return .number(n)
    }

    /// `true`, `false`, `null`, or a temporal constructor applied to one string literal.
    private mutating func word() throws(Failure) -> FEELValue {
        let start = index
        while let c = current, Self.isNameStart(c) || c == " " { index += 1 }
        var end = index
        while end > start, scalars[end - 1] == " " { end -= 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<end]))
        switch name {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "null": return .null
        default: break
        }
        let kinds: [String: TemporalKind] = ["date": .date, "time": .time, "date and time": .dateTime, "duration": .duration]
        guard let kind = kinds[name] else {
            throw failure("'\(name)' is not a literal: names and function calls are not accepted in a value", at: start)
        }
        skipWhitespace()
        guard current == "(" else { throw failure("expected '(' after \(name)") }
        index += 1
        skipWhitespace()
        guard current == "\"" else { throw failure("\(name)(…) takes one string literal here") }
        let argumentStart = index
        let text = try string()
        skipWhitespace()
        guard current == ")" else { throw failure("expected ')' to close \(name)(") }
        index += 1
        return try Self.temporal(text, kind: kind, at: argumentStart)
    }

    enum TemporalKind { case date, time, dateTime, duration }

    /// A temporal value from its ISO 8601 text; `kind` nil (an `@"…"` literal) takes whichever kind fits.
    private static func temporal(_ text: String, kind: TemporalKind?, at offset: Int) throws(Failure) -> FEELValue {
        if kind == nil || kind == .date, let d = FEELDate(iso8601: text) { return .date(d) }
        if kind == nil || kind == .dateTime, let t = FEELDateTime(iso8601: text) { return .dateTime(t) }
        if kind == nil || kind == .time, let t = FEELTime(iso8601: text) { return .time(t) }
        if kind == nil || kind == .duration, let d = FEELDuration(iso8601: text) { return .duration(d) }
        let expected: String
        switch kind {
        case .date?: expected = "a valid date YYYY-MM-DD"
        case .time?: expected = "a valid time hh:mm:ss"
        case .dateTime?: expected = "a valid date and time YYYY-MM-DDThh:mm:ss"
        case .duration?: expected = "an ISO 8601 duration such as P1Y2M or P3DT4H"
        case nil: expected = "a date, time, date and time or duration"
        }
        throw Failure(message: "\"\(excerpt(text))\" is not \(expected)", offset: offset)
    }

    private mutating func list(depth: Int) throws(Failure) -> FEELValue {
        index += 1
        var items: [FEELValue] = []
        skipWhitespace()
        if current == "]" { index += 1; return .list(items) }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case ","?: index += 1
            case "]"?: index += 1; return .list(items)
            default: throw failure("expected ',' or ']' in a list")
            }
        }
    }

    private mutating func context(depth: Int) throws(Failure) -> FEELValue {
        index += 1
        var entries: [(String, FEELValue)] = []
        var seen: Set<String> = []
        skipWhitespace()
        if current == "}" { index += 1; return .context(FEELContext(entries)) }
        while true {
            skipWhitespace()
            let keyStart = index
            let key = try contextKey()
            guard seen.insert(key).inserted else { throw failure("the key '\(excerpt(key))' appears twice", at: keyStart) }
            skipWhitespace()
            guard current == ":" else { throw failure("expected ':' after a context key") }
            index += 1
            skipWhitespace()
            entries.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            switch current {
            case ","?: index += 1
            case "}"?: index += 1; return .context(FEELContext(entries))
            default: throw failure("expected ',' or '}' in a context")
            }
        }
    }

    /// A string literal, or a name (letters, digits, `_`, `?`, inner spaces) up to the colon.
    private mutating func contextKey() throws(Failure) -> String {
        if current == "\"" { return try string() }
        let start = index
        guard let first = current, Self.isNameStart(first) else { throw failure("expected a context key") }
        while let c = current, Self.isNameStart(c) || ("0"..."9").contains(c) || c == " " || c == "?" { index += 1 }
        var end = index
        while end > start, scalars[end - 1] == " " { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// A `"…"` literal with FEEL's escapes: `\"`, `\\`, `\'`, `\n`, `\r`, `\t`, `\uXXXX`, `\UXXXXXX`.
    private mutating func string() throws(Failure) -> String {
        let start = index
        index += 1
        var out = String.UnicodeScalarView()
        while let c = current {
            index += 1
            switch c {
            case "\"": return String(out)
            case "\\": out.append(try escape())
            default: out.append(c)
            }
        }
        throw failure("the string opened here is not closed with '\"'", at: start)
    }

    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        let start = index - 1
        guard let c = current else { throw failure("a '\\' ends the text", at: start) }
        index += 1
        switch c {
        case "\"", "\\", "'": return c
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "u":
            let high = try hex(4, at: start)
            if (0xD800...0xDBFF).contains(high) {
                guard current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                    throw failure("a lone surrogate \\u\(String(high, radix: 16)) is not a character", at: start)
                }
                index += 2
                let low = try hex(4, at: start)
                guard (0xDC00...0xDFFF).contains(low), let s = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                    throw failure("an invalid surrogate pair", at: start)
                }
                return s
            }
            guard let s = Unicode.Scalar(high) else { throw failure("a lone surrogate is not a character", at: start) }
            return s
        case "U":
            guard let s = Unicode.Scalar(try hex(6, at: start)) else { throw failure("not a Unicode character", at: start) }
            return s
        default:
            throw failure("unknown escape '\\\(c)'", at: start)
        }
    }

    private mutating func hex(_ count: Int, at start: Int) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let c = current, let digit = Self.hexDigit(c) else {
                throw failure("expected \(count) hex digits", at: start)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private static func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": c.value - 48
        case "a"..."f": c.value - 87
        case "A"..."F": c.value - 55
        default: nil
        }
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c == "_"
    }
}

/// A short, printable excerpt of text for a message: control characters shown as `\u{…}`, long text cut with
/// its length, so a hostile value is never echoed in full.
public func excerpt(_ text: String, limit: Int = 40) -> String {
    var out = ""
    var shown = 0
    for character in text {
        if shown == limit {
            return out + "… (\(text.count) characters)"
        }
        out += VisibleText.escaped(character)
        shown += 1
    }
    return out
}
