/// The regular-expression dialect of FEEL's `matches`, `replace` and `split` (DMN 1.5, 10.3.4.3: XML Schema
/// regular expressions with the XPath 3.1 extensions — `^`, `$`, reluctant quantifiers, `(?:…)`, flags).
/// Parsed into a tree here and compiled for a linear-time machine in `FEELRegex`. Back-references (`\1`) are
/// refused: no engine runs them in linear time, and a pattern must never make an evaluation hang.
indirect enum FEELRegexNode: Sendable {
    case empty
    case character(FEELCharacterSet)
    case lineStart, lineEnd
    case sequence([FEELRegexNode])
    case alternatives([FEELRegexNode])
    /// `max` nil: unbounded.
    case repeated(FEELRegexNode, min: Int, max: Int?, greedy: Bool)
    /// `index` nil: a non-capturing group.
    case group(FEELRegexNode, index: Int?)
}

/// A set of characters: a class `[…]`, an escape such as `\d` or `\p{Lu}`, `.` or a single character.
indirect enum FEELCharacterSet: Sendable {
    case range(UInt32, UInt32)
    case categories(Set<Unicode.GeneralCategory>)
    case nameStart, nameCharacter
    case anyExceptNewline
    case union([FEELCharacterSet])
    case complement(FEELCharacterSet)
    case subtracting(FEELCharacterSet, FEELCharacterSet)

    static let anything = FEELCharacterSet.range(0, 0x10FFFF)

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .range(let low, let high): return low <= scalar.value && scalar.value <= high
        case .categories(let categories): return categories.contains(scalar.properties.generalCategory)
        case .nameStart:
            return scalar == "_" || scalar == ":" || FEELCharacterSet.letters.contains(scalar.properties.generalCategory)
        case .nameCharacter:
            return "_:.-\u{B7}".unicodeScalars.contains(scalar)
                || FEELCharacterSet.nameCategories.contains(scalar.properties.generalCategory)
        case .anyExceptNewline: return scalar != "\n" && scalar != "\r"
        case .union(let sets): return sets.contains { $0.contains(scalar) }
        case .complement(let set): return !set.contains(scalar)
        case .subtracting(let set, let removed): return set.contains(scalar) && !removed.contains(scalar)
        }
    }

    static let letters: Set<Unicode.GeneralCategory> = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .letterNumber]
    static let nameCategories: Set<Unicode.GeneralCategory> = letters.union([
        .modifierLetter, .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark])
}

/// Reads a pattern (as Unicode scalars) into a `FEELRegexNode`; errors name the offset.
struct FEELRegexParser {
    private let pattern: [Unicode.Scalar]
    private var index = 0
    private let extended: Bool
    private(set) var groupCount = 0
    private var depth = 0

    init(_ pattern: [Unicode.Scalar], extended: Bool) {
        self.pattern = pattern
        self.extended = extended
    }

    static let maxNesting = 200
    static let maxCount = 1_000

    mutating func parse() throws(FEELProblem) -> FEELRegexNode {
        let node = try parseAlternatives()
        if let extra = peek() { throw problem("unexpected '\(extra)'") }
        return node
    }

    private func problem(_ message: String) -> FEELProblem {
        FEELProblem("invalid regular expression: \(message) at offset \(index)")
    }

    /// The next pattern character; with the `x` flag whitespace outside classes is skipped (XPath 3.1, 5.6.1).
    private mutating func peek() -> Unicode.Scalar? {
        if extended { while index < pattern.count, " \t\n\r".unicodeScalars.contains(pattern[index]) { index += 1 } }
        return index < pattern.count ? pattern[index] : nil
    }

    private mutating func next() -> Unicode.Scalar? {
        guard let scalar = peek() else { return nil }
        index += 1
        return scalar
    }

    private mutating func parseAlternatives() throws(FEELProblem) -> FEELRegexNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= FEELRegexParser.maxNesting else { throw problem("nested deeper than \(FEELRegexParser.maxNesting) levels") }
        var branches = [try parseSequence()]
        while peek() == "|" {
            index += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternatives(branches)
    }

    private mutating func parseSequence() throws(FEELProblem) -> FEELRegexNode {
        var pieces: [FEELRegexNode] = []
        while let scalar = peek(), scalar != "|", scalar != ")" {
            var atom = try parseAtom()
            while let quantifier = try parseQuantifier() {
                atom = .repeated(atom, min: quantifier.min, max: quantifier.max, greedy: quantifier.greedy)
            }
            pieces.append(atom)
        }
        return pieces.count == 1 ? pieces[0] : (pieces.isEmpty ? .empty : .sequence(pieces))
    }

    private mutating func parseQuantifier() throws(FEELProblem) -> (min: Int, max: Int?, greedy: Bool)? {
        guard let scalar = peek() else { return nil }
        var bounds: (Int, Int?)
        switch scalar {
        case "*": index += 1; bounds = (0, nil)
        case "+": index += 1; bounds = (1, nil)
        case "?": index += 1; bounds = (0, 1)
        case "{":
            index += 1
            let low = try parseCount()
            var high: Int? = low
            if peek() == "," {
                index += 1
                high = peek() == "}" ? nil : try parseCount()
            }
            guard next() == "}" else { throw problem("expected '}' to close a quantifier") }
            if let high, high < low { throw problem("quantifier {\(low),\(high)} has its bounds reversed") }
            bounds = (low, high)
        default: return nil
        }
        var greedy = true
        if peek() == "?" {
            index += 1
            greedy = false
        }
        return (bounds.0, bounds.1, greedy)
    }

    private mutating func parseCount() throws(FEELProblem) -> Int {
        var value = 0, digits = 0
        while let scalar = peek(), ("0"..."9").contains(scalar) {
            index += 1
            digits += 1
            value = value * 10 + Int(scalar.value - 48)
            guard value <= FEELRegexParser.maxCount else { throw problem("a count above \(FEELRegexParser.maxCount)") }
        }
        guard digits > 0 else { throw problem("expected a number in a quantifier") }
        return value
    }

    private mutating func parseAtom() throws(FEELProblem) -> FEELRegexNode {
        let start = index
        guard let scalar = next() else { throw problem("unexpected end of pattern") }
        switch scalar {
        case "(":
            var capture: Int?
            if index + 1 < pattern.count, pattern[index] == "?", pattern[index + 1] == ":" {
                index += 2
            } else {
                groupCount += 1
                capture = groupCount
            }
            let body = try parseAlternatives()
            guard next() == ")" else {
                index = start
                throw problem("'(' is not closed")
            }
            return .group(body, index: capture)
        case "[": return .character(try parseClass())
        case ".": return .character(.anyExceptNewline)
        case "^": return .lineStart
        case "$": return .lineEnd
        case "\\": return .character(try parseEscape(inClass: false))
        case "*", "+", "?": throw problem("'\(scalar)' has nothing to repeat")
        case "{": throw problem("'{' starts no quantifier (write \\{ for the character)")
        case ")": throw problem("')' without a matching '('")
        default: return .character(.range(scalar.value, scalar.value))
        }
    }

    /// After `\`: a single-character escape, a multi-character one (`\d`, `\s`, …) or a category (`\p{…}`).
    private mutating func parseEscape(inClass: Bool) throws(FEELProblem) -> FEELCharacterSet {
        guard index < pattern.count else { throw problem("'\\' at the end of the pattern") }
        let scalar = pattern[index]
        index += 1
        func single(_ s: Unicode.Scalar) -> FEELCharacterSet { .range(s.value, s.value) }
        switch scalar {
        case "n": return single("\n")
        case "r": return single("\r")
        case "t": return single("\t")
        case "\\", "|", ".", "-", "^", "?", "*", "+", "{", "}", "(", ")", "[", "]", "$": return single(scalar)
        case "s": return FEELCharacterSet.whitespace
        case "S": return .complement(FEELCharacterSet.whitespace)
        case "d": return .categories([.decimalNumber])
        case "D": return .complement(.categories([.decimalNumber]))
        case "w": return FEELCharacterSet.word
        case "W": return .complement(FEELCharacterSet.word)
        case "i": return .nameStart
        case "I": return .complement(.nameStart)
        case "c": return .nameCharacter
        case "C": return .complement(.nameCharacter)
        case "p", "P":
            let set = try parseProperty()
            return scalar == "p" ? set : .complement(set)
        case "1"..."9":
            throw problem("back-references such as '\\\(scalar)' are not supported (they cannot run in linear time)")
        default:
            throw problem("unknown escape '\\\(scalar)'")
        }
    }

    /// `{Lu}`, `{L}` or `{IsBasicLatin}` after `\p` or `\P`.
    private mutating func parseProperty() throws(FEELProblem) -> FEELCharacterSet {
        guard index < pattern.count, pattern[index] == "{" else { throw problem("expected '{' after \\p") }
        index += 1
        var name = ""
        while index < pattern.count, pattern[index] != "}" {
            name.unicodeScalars.append(pattern[index])
            index += 1
        }
        guard index < pattern.count else { throw problem("'\\p{' is not closed") }
        index += 1
        if name.hasPrefix("Is") {
            guard let block = FEELCharacterSet.blocks[String(name.dropFirst(2))] else {
                throw problem("unknown or unsupported Unicode block '\(name)'")
            }
            return .range(block.lowerBound, block.upperBound)
        }
        guard let categories = FEELCharacterSet.categoryNames[name] else { throw problem("unknown category '\(name)'") }
        return .categories(categories)
    }

    /// After `[`: `^`? items (`-[` subtraction `]`)? `]`.
    private mutating func parseClass() throws(FEELProblem) -> FEELCharacterSet {
        let open = index - 1
        var negated = false
        if index < pattern.count, pattern[index] == "^" {
            negated = true
            index += 1
        }
        var items: [FEELCharacterSet] = []
        var subtracted: FEELCharacterSet?
        var first = true
        while true {
            guard index < pattern.count else {
                index = open
                throw problem("'[' is not closed")
            }
            let scalar = pattern[index]
            if scalar == "]", !first { index += 1; break }
            if scalar == "-", index + 1 < pattern.count, pattern[index + 1] == "[", !first {
                index += 2
                subtracted = try parseClass()
                guard index < pattern.count, pattern[index] == "]" else { throw problem("expected ']' after a class subtraction") }
                index += 1
                break
            }
            first = false
            let low = try parseClassCharacter()
            guard case .range(let lowValue, let lowEnd) = low, lowValue == lowEnd,
                  index + 1 < pattern.count, pattern[index] == "-", pattern[index + 1] != "]", pattern[index + 1] != "[" else {
                items.append(low)
                continue
            }
            index += 1
            let high = try parseClassCharacter()
            guard case .range(let highValue, let highEnd) = high, highValue == highEnd else {
                throw problem("a range in a class must end in a single character")
            }
            guard lowValue <= highValue else { throw problem("class range with its ends reversed") }
            items.append(.range(lowValue, highValue))
        }
        var set: FEELCharacterSet = items.count == 1 ? items[0] : .union(items)
        if negated { set = .complement(set) }
        if let subtracted { set = .subtracting(set, subtracted) }
        return set
    }

    private mutating func parseClassCharacter() throws(FEELProblem) -> FEELCharacterSet {
        let scalar = pattern[index]
        index += 1
        if scalar == "\\" { return try parseEscape(inClass: true) }
        if scalar == "[" { throw problem("'[' inside a class must be escaped") }
        return .range(scalar.value, scalar.value)
    }
}

extension FEELCharacterSet {
    static let whitespace = FEELCharacterSet.union([.range(0x20, 0x20), .range(0x9, 0xA), .range(0xD, 0xD)])
    /// `\w`: everything but punctuation, separators and "other" characters (XML Schema, F.1.1).
    static let word = FEELCharacterSet.complement(.categories([
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
        .finalPunctuation, .otherPunctuation, .spaceSeparator, .lineSeparator, .paragraphSeparator,
        .control, .format, .surrogate, .privateUse, .unassigned]))

    static let categoryNames: [String: Set<Unicode.GeneralCategory>] = {
        let table: [String: Unicode.GeneralCategory] = [
            "Lu": .uppercaseLetter, "Ll": .lowercaseLetter, "Lt": .titlecaseLetter, "Lm": .modifierLetter,
            "Lo": .otherLetter, "Mn": .nonspacingMark, "Mc": .spacingMark, "Me": .enclosingMark,
            "Nd": .decimalNumber, "Nl": .letterNumber, "No": .otherNumber, "Pc": .connectorPunctuation,
            "Pd": .dashPunctuation, "Ps": .openPunctuation, "Pe": .closePunctuation, "Pi": .initialPunctuation,
            "Pf": .finalPunctuation, "Po": .otherPunctuation, "Zs": .spaceSeparator, "Zl": .lineSeparator,
            "Zp": .paragraphSeparator, "Sm": .mathSymbol, "Sc": .currencySymbol, "Sk": .modifierSymbol,
            "So": .otherSymbol, "Cc": .control, "Cf": .format, "Co": .privateUse, "Cn": .unassigned, "Cs": .surrogate]
        var names = table.mapValues { Set([$0]) }
        for (name, category) in table { names[String(name.prefix(1)), default: []].insert(category) }
        return names
    }()

    /// The Unicode blocks a rule author is likely to name; others are an error rather than a silent guess.
    static let blocks: [String: ClosedRange<UInt32>] = [
        "BasicLatin": 0x0000...0x007F, "Latin-1Supplement": 0x0080...0x00FF, "LatinExtended-A": 0x0100...0x017F,
        "LatinExtended-B": 0x0180...0x024F, "IPAExtensions": 0x0250...0x02AF, "Greek": 0x0370...0x03FF,
        "GreekandCoptic": 0x0370...0x03FF, "Cyrillic": 0x0400...0x04FF, "Hebrew": 0x0590...0x05FF,
        "Arabic": 0x0600...0x06FF, "GeneralPunctuation": 0x2000...0x206F, "CurrencySymbols": 0x20A0...0x20CF,
        "LetterlikeSymbols": 0x2100...0x214F, "NumberForms": 0x2150...0x218F, "Arrows": 0x2190...0x21FF,
        "MathematicalOperators": 0x2200...0x22FF, "CJKRadicalsSupplement": 0x2E80...0x2EFF,
        "CJKSymbolsandPunctuation": 0x3000...0x303F, "Hiragana": 0x3040...0x309F, "Katakana": 0x30A0...0x30FF,
        "CJKUnifiedIdeographsExtensionA": 0x3400...0x4DBF, "CJKUnifiedIdeographs": 0x4E00...0x9FFF,
        "HangulSyllables": 0xAC00...0xD7AF, "CJKCompatibilityIdeographs": 0xF900...0xFAFF,
        "HalfwidthandFullwidthForms": 0xFF00...0xFFEF]
}
