import Foundation

/// A token of S-FEEL text. Offsets count Unicode scalars; `FEELSourceText` converts them.
struct FEELToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(FEELNumber)
        case string(String)
        /// `@"…"` temporal literal.
        case atString(String)
        case name(String)
        case keyword(String)
        case symbol(String)
        case end
    }

    let kind: Kind
    let offset: Int
    let length: Int

    var text: String {
        switch kind {
        case .number(let value): return value.description
        case .string(let value), .atString(let value): return FEELValue.quoted(value)
        case .name(let value), .keyword(let value), .symbol(let value): return value
        case .end: return "end of text"
        }
    }

    /// How the token is named in error messages.
    var quotedText: String {
        switch kind {
        case .end: return "end of text"
        case .name(let value): return "name '\(value)'"
        case .number(let value): return "number \(value)"
        case .string, .atString: return "string \(text)"
        default: return "'\(text)'"
        }
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }
    func isKeyword(_ keyword: String) -> Bool { kind == .keyword(keyword) }
}

/// Splits S-FEEL text into tokens, recognising names that contain spaces or other
/// characters by FEEL's rule: the longest known name that matches wins.
struct FEELLexer {
    static let reservedWords: Set<String> = [
        "and", "or", "true", "false", "null", "if", "then", "else", "in", "between", "instance", "of",
        "for", "some", "every", "satisfies", "return", "function",
    ]

    /// Where a built-in multi-word name may be matched.
    enum Placement: Sendable { case beforeParenthesis, beforeColon, afterDot }

    /// Built-in names that contain spaces (function names, named parameters, properties).
    static let builtinMultiWordNames: [(name: String, placement: Placement)] = {
        let functions = [
            "date and time", "years and months duration", "string length", "upper case", "lower case",
            "starts with", "ends with", "list contains", "substring before", "substring after",
            "day of week", "day of year", "week of year", "month of year", "index of", "distinct values",
            "insert before", "string join", "get value", "get entries", "round up", "round down",
            "round half up", "round half down", "is defined", "list replace", "context put", "context merge",
            "overlaps before", "overlaps after", "finished by", "met by", "started by",
        ]
        let parameters = [
            "start position", "grouping separator", "decimal separator", "input string", "search string",
            "replacement string", "start date", "end date",
        ]
        let properties = ["time offset", "start included", "end included"]
        return functions.map { ($0, Placement.beforeParenthesis) } + parameters.map { ($0, .beforeColon) }
            + properties.map { ($0, .afterDot) }
    }()

    private let source: FEELSourceText
    private let scalars: [Unicode.Scalar]
    /// Names with spaces or symbols that read as one name.
    private let knownNames: FEELNames
    private var position = 0
    private(set) var tokens: [FEELToken] = []

    init(_ source: FEELSourceText, knownNames: Set<String>) {
        self.init(source, names: FEELNames(knownNames))
    }

    init(_ source: FEELSourceText, names: FEELNames) {
        self.source = source
        self.scalars = source.scalars
        self.knownNames = names
    }

    static func tokenize(_ source: FEELSourceText, names: FEELNames) throws(FEELError) -> [FEELToken] {
        var lexer = FEELLexer(source, names: names)
        try lexer.run()
        return lexer.tokens
    }

    static func tokenize(_ source: FEELSourceText, knownNames: Set<String>) throws(FEELError) -> [FEELToken] {
        try tokenize(source, names: FEELNames(knownNames))
    }

    // MARK: - Character classes

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F,
             0x205F, 0x3000, 0xFEFF, 0x180E:
            return true
        default:
            return false
        }
    }

    /// FEEL grammar rule 28 (name start char).
    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        if isWhitespace(scalar) { return false }
        switch scalar.value {
        case 0x3F, 0x5F, 0x41...0x5A, 0x61...0x7A,  // ? _ A-Z a-z
             0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
             0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
             0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    /// FEEL grammar rule 29 (name part char), without `?` (which only names the input).
    static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3F: return false
        case 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isNameStart(scalar)
        }
    }

    // MARK: - Scanning

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func scalarAt(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    private mutating func emit(_ kind: FEELToken.Kind, from start: Int) {
        tokens.append(FEELToken(kind: kind, offset: start, length: position - start))
    }

    private mutating func run() throws(FEELError) {
        // Room for a short cell's tokens at once: growing from empty cost most texts two copies.
        tokens.reserveCapacity(8)
        while true {
            while let scalar = current, FEELLexer.isWhitespace(scalar) { position += 1 }
            if try skipComment() { continue }
            guard let scalar = current else { break }
            let start = position
            if let known = matchKnownName() {
                position = known.end
                emit(.name(known.name), from: start)
                continue
            }
            if scalar == "\"" {
                let text = try scanString()
                emit(.string(text), from: start)
            } else if scalar == "@" {
                position += 1
                guard current == "\"" else {
                    throw source.error("expected a string after '@'", at: start)
                }
                let text = try scanString()
                emit(.atString(text), from: start)
            } else if isDigit(scalar) || (scalar == "." && scalarAt(position + 1).map(isDigit) == true
                                                && !previousTokenEndsOperand) {
                try scanNumber()
            } else if FEELLexer.isNameStart(scalar) {
                position += 1
                while let next = current, FEELLexer.isNamePart(next) { position += 1 }
                let text = string(start, position)
                emit(FEELLexer.reservedWords.contains(text) ? .keyword(text) : .name(text), from: start)
            } else {
                try scanSymbol(scalar)
            }
        }
        tokens.append(FEELToken(kind: .end, offset: scalars.count, length: 0))
    }

    /// After a name, a literal or a closing bracket, `.` is a path dot, never the start of `.5`.
    private var previousTokenEndsOperand: Bool {
        guard let last = tokens.last else { return false }
        switch last.kind {
        case .name, .number, .string, .atString: return true
        case .keyword(let word): return ["true", "false", "null"].contains(word)
        case .symbol(let symbol): return [")", "]", "}", "."].contains(symbol)
        case .end: return false
        }
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

    private func string(_ start: Int, _ end: Int) -> String {
        // Most tokens are ASCII (numbers, names, keywords): their bytes are written at once, where appending
        // scalar by scalar cost more than the rest of lexing a table cell.
        let slice = scalars[start..<end]
        if slice.allSatisfy(\.isASCII) {
            return String(unsafeUninitializedCapacity: slice.count) { buffer in
                for (offset, scalar) in slice.enumerated() { buffer[offset] = UInt8(truncatingIfNeeded: scalar.value) }
                return slice.count
            }
        }
        // Other text (a Japanese name in a string literal) is encoded at once too, for the same reason.
        let length = slice.reduce(0) { $0 + UTF8.width($1) }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var offset = 0
            for scalar in slice {
                UTF8.encode(scalar) { byte in
                    buffer[offset] = byte
                    offset += 1
                }
            }
            return offset
        }
    }

    /// `// …` to the end of the line and `/* … */`.
    private mutating func skipComment() throws(FEELError) -> Bool {
        guard current == "/" else { return false }
        if scalarAt(position + 1) == "/" {
            while let scalar = current, scalar != "\n" { position += 1 }
            return true
        }
        if scalarAt(position + 1) == "*" {
            let start = position
            position += 2
            while position < scalars.count {
                if scalars[position] == "*" && scalarAt(position + 1) == "/" {
                    position += 2
                    return true
                }
                position += 1
            }
            throw source.error("unterminated comment", at: start)
        }
        return false
    }

    /// The longest known name starting here that ends at a word boundary.
    private func matchKnownName() -> (name: String, end: Int)? {
        guard let first = current, !FEELLexer.isWhitespace(first) else { return nil }
        // A known name must not start in the middle of a word.
        if let previous = scalarAt(position - 1), FEELLexer.isNamePart(previous) || previous == "?" { return nil }
        let afterDot = tokens.last?.isSymbol(".") == true
        return knownNames.longestMatch(in: scalars, at: position) { candidate, end in
            if let next = scalarAt(end), FEELLexer.isNamePart(next), candidate.endsWithNamePart { return false }
            switch candidate.placement {
            case nil: return true
            case .afterDot?: return afterDot
            case .beforeParenthesis?: return nextNonSpace(from: end) == "("
            case .beforeColon?: return nextNonSpace(from: end) == ":"
            }
        }
    }

    private func nextNonSpace(from index: Int) -> Unicode.Scalar? {
        var index = index
        while let scalar = scalarAt(index), FEELLexer.isWhitespace(scalar) { index += 1 }
        return scalarAt(index)
    }

    private mutating func scanNumber() throws(FEELError) {
        let start = position
        while let scalar = current, isDigit(scalar) { position += 1 }
        if current == ".", let next = scalarAt(position + 1), isDigit(next) {
            position += 1
            while let scalar = current, isDigit(scalar) { position += 1 }
        }
        if current == "e" || current == "E" {
            var look = position + 1
            if scalarAt(look) == "+" || scalarAt(look) == "-" { look += 1 }
            if let digit = scalarAt(look), isDigit(digit) {
                position = look
                while let scalar = current, isDigit(scalar) { position += 1 }
            }
        }
        let text = string(start, position)
        guard let number = FEELNumber(text) else {
            throw source.error("number out of range '\(text)'", at: start)
        }
        if let next = current, FEELLexer.isNameStart(next), next != "?" {
            throw source.error("unexpected '\(Character(next))' after number \(text)", at: position)
        }
        emit(.number(number), from: start)
    }

    private mutating func scanString() throws(FEELError) -> String {
        let start = position
        position += 1
        // Most strings have no escape: taken whole, not scalar by scalar.
        var end = position
        while end < scalars.count, scalars[end] != "\"", scalars[end] != "\\" { end += 1 }
        if end < scalars.count, scalars[end] == "\"" {
            defer { position = end + 1 }
            return string(position, end)
        }
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = current else {
                throw source.error("unterminated string", at: start)
            }
            if scalar == "\"" {
                position += 1
                return String(result)
            }
            if scalar == "\\" {
                let escapeStart = position
                position += 1
                guard let escaped = current else { throw source.error("unterminated string", at: start) }
                position += 1
                switch escaped {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "'": result.append("'")
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "b": result.append("\u{8}")
                case "f": result.append("\u{C}")
                case "u":
                    var value = try hex(4, escapeStart: escapeStart)
                    // A UTF-16 surrogate pair written as two \u escapes.
                    if (0xD800...0xDBFF).contains(value), current == "\\", scalarAt(position + 1) == "u" {
                        let low = position
                        position += 2
                        let second = try hex(4, escapeStart: low)
                        guard (0xDC00...0xDFFF).contains(second) else {
                            throw source.error("invalid surrogate pair in escape", at: escapeStart)
                        }
                        value = 0x10000 + ((value - 0xD800) << 10) + (second - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(value) else {
                        throw source.error("invalid Unicode escape", at: escapeStart)
                    }
                    result.append(unicode)
                case "U":
                    let value = try hex(6, escapeStart: escapeStart)
                    guard let unicode = Unicode.Scalar(value) else {
                        throw source.error("invalid Unicode escape", at: escapeStart)
                    }
                    result.append(unicode)
                default:
                    // Other escapes are kept as written: `"\d+"` is a regular expression's `\d` (DMN 1.5, 10.3.1.2).
                    result.append("\\")
                    result.append(escaped)
                }
                continue
            }
            result.append(scalar)
            position += 1
        }
    }

    private mutating func hex(_ count: Int, escapeStart: Int) throws(FEELError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let scalar = current, let digit = Character(scalar).hexDigitValue, scalar.isASCII else {
                throw source.error("expected \(count) hex digits in Unicode escape", at: escapeStart)
            }
            value = value * 16 + UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func scanSymbol(_ scalar: Unicode.Scalar) throws(FEELError) {
        let start = position
        let next = self.scalarAt(position + 1)
        let two: String?
        switch (scalar, next) {
        case ("*", "*"): two = "**"
        case ("!", "="): two = "!="
        case ("<", "="): two = "<="
        case (">", "="): two = ">="
        case (".", "."): two = ".."
        default: two = nil
        }
        if let two {
            position += 2
            emit(.symbol(two), from: start)
            return
        }
        switch scalar {
        case "(", ")", "[", "]", "{", "}", ",", ":", ".", "+", "-", "*", "/", "=", "<", ">":
            position += 1
            emit(.symbol(String(Character(scalar))), from: start)
        case "\u{2212}":  // minus sign, as pasted from documents
            position += 1
            emit(.symbol("-"), from: start)
        case "\u{201C}", "\u{201D}":
            throw source.error("unexpected character '\(Character(scalar))' (use straight quotes \")", at: start)
        default:
            throw source.error("unexpected character '\(FEELLexer.printable(scalar))'", at: start)
        }
    }

    static func printable(_ scalar: Unicode.Scalar) -> String {
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .control
            || scalar.properties.generalCategory == .format {
            return String(format: "U+%04X", scalar.value)
        }
        return String(Character(scalar))
    }
}

