import Foundation

/// `Citations.strippedByPatterns` without ICU: the same five note patterns and the same separator clean-up, each
/// written out as the regular-expression engine would match it (leftmost match, greedy, no overlap), on Unicode
/// scalars. ICU's first use costs a cold run about 2 ms, and every timeline cites benchmark sources that carry notes.
///
/// ICU's classes as used here: `\s` = \p{White_Space}, `\d` = \p{Nd}, `\w` = [\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200C\u200D],
/// `\b` between a `\w` and a `\W` scalar. ICU's `\b` skips combining marks and a Character may join several scalars,
/// so a text with a mark, or a `;` followed by a joining scalar, is left to the patterns (`strip` returns nil).
/// CitationCleaningTests compares the two on every bundled text and on generated ones.
enum ResearchNoteStripper {
    static func strip(_ source: String) -> String? {
        var s = Array(source.unicodeScalars)
        guard !s.contains(where: isMark) else { return nil }
        s = removeAll(s, bracketNote)
        s = removeAll(s, parenthesisNote)
        s = removeAll(s, looseNote)
        s = removeAll(s, tagNote)
        s = removeAll(s, leftoverNote)
        while let (start, end) = firstSeparatorMatch(s) {
            // As the patterns' caller decides it: on the matched text's Characters.
            let semicolon = String(String.UnicodeScalarView(s[start..<end])).contains(";")
            let replacement: [Unicode.Scalar] = semicolon && start != 0 && end != s.count ? [";", " "] : []
            s.replaceSubrange(start..<end, with: replacement)
        }
        return trimmedText(s)
    }

    /// `String(s).trimmingCharacters(in: .whitespacesAndNewlines)`, trimmed on the scalars and written as UTF-8 once:
    /// the string's scalar view and Foundation's trimming cost more than the stripping itself.
    static func trimmedText(_ s: [Unicode.Scalar]) -> String {
        let blank = CharacterSet.whitespacesAndNewlines
        var start = 0, end = s.count
        while start < end, blank.contains(s[start]) { start += 1 }
        while end > start, blank.contains(s[end - 1]) { end -= 1 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        for scalar in s[start..<end] { UTF8.encode(scalar) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Classes

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20: return true
        case 0..<0x80: return false
        default: return c.properties.isWhitespace
        }
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x30 && c.value <= 0x39 }
        return c.properties.generalCategory == .decimalNumber
    }

    static func isWord(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F }
        if v == 0x200C || v == 0x200D { return true }
        let p = c.properties
        return p.isAlphabetic || p.generalCategory == .decimalNumber || p.generalCategory == .connectorPunctuation || isMark(c)
    }

    static func isMark(_ c: Unicode.Scalar) -> Bool {
        guard c.value >= 0x300 else { return false }
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return c.value == 0x200C || c.value == 0x200D || c.properties.isGraphemeExtend
        }
    }

    /// `\b` before position `i`.
    static func boundary(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        let before = i > 0 && isWord(s[i - 1]), after = i < s.count && isWord(s[i])
        return before != after
    }

    static func starts(_ s: [Unicode.Scalar], _ i: Int, with word: String) -> Bool {
        var j = i
        for c in word.unicodeScalars {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    static func spaces(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i
        while j < s.count, isSpace(s[j]) { j += 1 }
        return j
    }

    /// The text with every non-overlapping leftmost match of `match` (the end of a match starting at a position,
    /// or nil) removed, as `stringByReplacingMatches` with an empty template does.
    static func removeAll(_ s: [Unicode.Scalar], _ match: ([Unicode.Scalar], Int) -> Int?) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if let end = match(s, i), end > i {
                i = end
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    // MARK: - The note patterns

    /// `\s*\[[^\]\[]*(?:brief|\bS\d+)[^\]\[]*\]`
    static func bracketNote(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        let open = spaces(s, from: i)
        guard open < s.count, s[open] == "[" else { return nil }
        var close = open + 1
        while close < s.count, s[close] != "]", s[close] != "[" { close += 1 }
        guard close < s.count, s[close] == "]" else { return nil }
        for p in (open + 1)..<close {
            if starts(s, p, with: "brief") { return close + 1 }
            if s[p] == "S", boundary(s, p), p + 1 < close, isDigit(s[p + 1]) { return close + 1 }
        }
        return nil
    }

    /// `\s*\((?:see )?brief [^()]*\)`
    static func parenthesisNote(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        let open = spaces(s, from: i)
        guard open < s.count, s[open] == "(" else { return nil }
        var j = open + 1
        if starts(s, j, with: "see brief ") { j += 4 }
        guard starts(s, j, with: "brief ") else { return nil }
        j += 6
        while j < s.count, s[j] != "(", s[j] != ")" { j += 1 }
        return j < s.count && s[j] == ")" ? j + 1 : nil
    }

    /// `(?:(?<=^)|(?<=[;,(]))\s*brief (?:§\s*[\d.]+|Appendix [A-D]\d*|[A-D]\d+)[^;,()\[\]]*(?:\([^()]*\))?`
    static func looseNote(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard i == 0 || s[i - 1] == ";" || s[i - 1] == "," || s[i - 1] == "(" else { return nil }
        var j = spaces(s, from: i)
        guard starts(s, j, with: "brief ") else { return nil }
        j += 6
        func letterAD(_ k: Int) -> Bool { k < s.count && ("A"..."D").contains(s[k]) }
        if j < s.count, s[j] == "§" {
            var k = spaces(s, from: j + 1)
            let first = k
            while k < s.count, isDigit(s[k]) || s[k] == "." { k += 1 }
            guard k > first else { return nil }
            j = k
        } else if starts(s, j, with: "Appendix "), letterAD(j + 9) {
            j += 10
            while j < s.count, isDigit(s[j]) { j += 1 }
        } else if letterAD(j), j + 1 < s.count, isDigit(s[j + 1]) {
            j += 2
            while j < s.count, isDigit(s[j]) { j += 1 }
        } else {
            return nil
        }
        while j < s.count, !";,()[]".unicodeScalars.contains(s[j]) { j += 1 }
        if j < s.count, s[j] == "(" {
            var k = j + 1
            while k < s.count, s[k] != "(", s[k] != ")" { k += 1 }
            if k < s.count, s[k] == ")" { j = k + 1 }
        }
        return j
    }

    /// `\b(?:S\d+\|[HML])\b`
    static func tagNote(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard s[i] == "S", boundary(s, i), i + 1 < s.count, isDigit(s[i + 1]) else { return nil }
        var j = i + 2
        while j < s.count, isDigit(s[j]) { j += 1 }
        guard j + 1 < s.count, s[j] == "|", "HML".unicodeScalars.contains(s[j + 1]) else { return nil }
        return boundary(s, j + 2) ? j + 2 : nil
    }

    /// `^\s*(?:and|or)\s+[A-D]\d+\b|\s*\[[HML]\]\s*$`
    static func leftoverNote(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        if i == 0 {
            var j = spaces(s, from: 0)
            if starts(s, j, with: "and") { j += 3 } else if starts(s, j, with: "or") { j += 2 } else { j = -1 }
            if j >= 0 {
                let k = spaces(s, from: j)
                if k > j, k + 1 < s.count, ("A"..."D").contains(s[k]), isDigit(s[k + 1]) {
                    var e = k + 2
                    while e < s.count, isDigit(s[e]) { e += 1 }
                    if boundary(s, e) { return e }
                }
            }
        }
        let open = spaces(s, from: i)
        guard open + 2 < s.count, s[open] == "[", "HML".unicodeScalars.contains(s[open + 1]), s[open + 2] == "]" else { return nil }
        let end = spaces(s, from: open + 3)
        return end == s.count ? end : nil
    }

    // MARK: - Separators

    /// The first match of `(;\s*){2,}|\(\s*[;,]?\s*\)|^\s*[;,:]\s*|\s*[;,]\s*$`.
    static func firstSeparatorMatch(_ s: [Unicode.Scalar]) -> (Int, Int)? {
        for i in s.indices {
            // (;\s*){2,}
            if s[i] == ";" {
                var j = spaces(s, from: i + 1), groups = 1
                while j < s.count, s[j] == ";" {
                    j = spaces(s, from: j + 1)
                    groups += 1
                }
                if groups >= 2 { return (i, j) }
            }
            // \(\s*[;,]?\s*\)
            if s[i] == "(" {
                var j = spaces(s, from: i + 1)
                if j < s.count, s[j] == ")" { return (i, j + 1) }
                if j < s.count, s[j] == ";" || s[j] == "," {
                    j = spaces(s, from: j + 1)
                    if j < s.count, s[j] == ")" { return (i, j + 1) }
                }
            }
            // ^\s*[;,:]\s*
            if i == 0 {
                let j = spaces(s, from: 0)
                if j < s.count, s[j] == ";" || s[j] == "," || s[j] == ":" { return (0, spaces(s, from: j + 1)) }
            }
            // \s*[;,]\s*$
            let j = spaces(s, from: i)
            if j < s.count, s[j] == ";" || s[j] == ",", spaces(s, from: j + 1) == s.count { return (i, s.count) }
        }
        return nil
    }
}
