/// A text that is one string literal and nothing else (`"Gravity/pump infusion set"`), the form of most table cells,
/// a list of such literals and nulls, or one plain name: read without the lexer and the parser, which make the same literal nodes of
/// it for 8,000–25,000 instructions a text (a warm start parsed some 1,300 such texts from the rules cache).
enum FEELPlainString {
    /// The literal's value and the text as the parser would hold it, or nil for any other text: an escape,
    /// whitespace or anything else around the quotes, or a known name that could start at the opening quote (the
    /// lexer tries known names first).
    static func read(_ source: String, names: FEELNames) -> (value: String, text: FEELSourceText)? {
        // One pass over the bytes, which also tells whether the text is ASCII (`FEELSourceText` would scan again).
        let scanned = source.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.count >= 2, bytes[0] == quote, bytes[bytes.count - 1] == quote else { return nil }
            var high: UInt8 = 0
            for byte in bytes[1..<(bytes.count - 1)] {
                if byte == quote || byte == backslash { return nil }
                high |= byte
            }
            return high < 0x80
        }
        guard let isASCII = scanned ?? nil, !names.startsAtQuoteOrComma else { return nil }
        // A quote is one scalar of its own, so the bytes between the two are whole scalars, as the lexer takes them.
        let value = String(Substring(source.utf8.dropFirst().dropLast()))
        return (value, FEELSourceText(source, isASCII: isASCII))
    }

    /// Unary tests that list string literals without escapes and `null`, separated by commas and spaces
    /// (`"us",null`, `"a", "b"`): each item as the parser makes it, at its offset in scalars, the text as the parser
    /// holds it, and whether it may hold an invisible or control character (`FEELUnaryTests` refuses those). Nil for
    /// any other text, or when a known name could start where an item or a comma does.
    static func listedItems(_ source: String, names: FEELNames) -> (items: [FEELNode], text: FEELSourceText, unusual: Bool)? {
        guard !names.startsAtQuoteOrComma else { return nil }
        // Byte ranges of the strings (nil for null) and scalar offsets, read in one pass over the bytes.
        var found: [(bytes: Range<Int>?, offset: Int)] = []
        var (high, unusual) = (UInt8(0), false)
        let complete = source.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var (index, offset) = (0, 0)
            func skipSpaces() { while index < bytes.count, bytes[index] == space { (index, offset) = (index + 1, offset + 1) } }
            skipSpaces()
            while index < bytes.count {
                let start = offset
                if bytes[index] == quote {
                    var end = index + 1
                    offset += 1
                    while end < bytes.count, bytes[end] != quote {
                        let byte = bytes[end]
                        if byte == backslash { return false }
                        high |= byte
                        if byte < 0x20 || byte == 0x7F { unusual = true }
                        // Continuation bytes are inside a scalar.
                        if byte & 0xC0 != 0x80 { offset += 1 }
                        end += 1
                    }
                    guard end < bytes.count else { return false }
                    found.append((index + 1..<end, start))
                    (index, offset) = (end + 1, offset + 1)
                } else if !names.startsAtN, bytes.count - index >= 4, bytes[index] == n, bytes[index + 1] == u, bytes[index + 2] == l,
                          bytes[index + 3] == l {
                    (index, offset) = (index + 4, offset + 4)
                    // `nullable` is a name, not null.
                    guard index == bytes.count || bytes[index] == space || bytes[index] == comma else { return false }
                    found.append((nil, start))
                } else {
                    return false
                }
                skipSpaces()
                if index == bytes.count { return true }
                guard bytes[index] == comma else { return false }
                (index, offset) = (index + 1, offset + 1)
                skipSpaces()
                if index == bytes.count { return false }
            }
            return false
        }
        guard complete == true else { return nil }
        let utf8 = source.utf8
        let items = found.map { item -> FEELNode in
            guard let bytes = item.bytes else { return FEELNode(.literal(.null), at: item.offset) }
            let range = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)
            // Quotes are scalars of their own, so the bytes between two are whole scalars, as the lexer takes them.
            return FEELNode(.literal(.string(String(Substring(utf8[range])))), at: item.offset)
        }
        return (items, FEELSourceText(source, isASCII: high < 0x80), unusual || high >= 0x80)
    }

    /// A text that is one plain name (`usAuthorised`, `change_type2`): ASCII letters, digits and underscores, not
    /// starting with a digit, not a reserved word. The lexer reads it as one name token whatever names are announced:
    /// an announced name that is a shorter part of it is refused before a letter or digit, and one that is all of it
    /// reads the same. The parser makes one name node of it.
    static func name(_ source: String) -> String? {
        let plain = source.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, !(0x30...0x39).contains(first) else { return false }
            return bytes.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
            }
        }
        guard plain == true, !FEELLexer.reservedWords.contains(source) else { return nil }
        return source
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let (space, comma, n, u, l) = (UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "n"), UInt8(ascii: "u"),
                                                  UInt8(ascii: "l"))
}
