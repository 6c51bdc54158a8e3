import DecisionModel
import Foundation
import Synchronization
import XMLSupport

/// How each law article, notice or official page the rules rest on is shown to a reader, in Japanese and
/// English (`Rules/citations.xml`). Rule rows (annotation column `cite`), questions and outcome values
/// (`<source cite="…">`) name entries by id; the research notes behind them stay in the `source` texts.
public struct Citations: Sendable {
    public static let namespace = "urn:yakuji:citations:1"

    public struct Entry: Sendable {
        public var id: String
        public var text: LocalizedText
        public var url: String?
        public var location: SourceLocation
    }

    public var entries: [String: Entry] { didSet { shownMemo = ShownMemo() } }

    /// `citation`'s answers by `cite` text and language: a batch cites the same rows in profile after profile, and
    /// splitting the ids and joining the entries' texts cost more than the rest of a rule's trace entry. Shared by
    /// copies, replaced when the entries change.
    private var shownMemo = ShownMemo()

    private final class ShownMemo: Sendable {
        struct Key: Hashable {
            let cite: String
            let language: Language
        }

        let shown = Mutex<[Key: String?]>([:])
    }

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    public init(root: XMLElementNode) {
        var entries: [String: Entry] = [:]
        for element in root.children(named: "citation") {
            let id = element.attribute("id") ?? ""
            entries[id] = Entry(id: id, text: Questions.localized(element.children(named: "text")),
                                url: element.childText("url").flatMap { $0.isEmpty ? nil : $0 },
                                location: SourceLocation(file: element.file, line: element.line))
        }
        self.entries = entries
    }

    public subscript(id: String) -> Entry? { entries[id] }

    /// Ids as written in a `cite` annotation or attribute, separated by spaces or commas.
    public static func ids(_ text: String?) -> [String] {
        let text = text ?? ""
        // Ids are ASCII: split on bytes, which gives what splitting on characters gives there ("\r\n" is one
        // newline character, and both of its bytes separate) without finding character boundaries.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.split { $0 == 0x20 || $0 == 0x2C || $0 == 0x3B || (0x0A...0x0D).contains($0) }
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return text.split { $0 == " " || $0 == "," || $0 == ";" || $0.isNewline }.map(String.init)
    }

    /// The cited entries in the reader's language, each with its page when it has one; nil when none is known.
    public func display(_ ids: [String], _ language: Language) -> String? {
        let shown = ids.compactMap { entries[$0] }.map { entry in
            entry.text.text(language) + (entry.url.map { " <\($0)>" } ?? "")
        }
        return shown.isEmpty ? nil : shown.joined(separator: "; ")
    }

    /// What a reader sees for a source: the cited entries when ids are given, else the research source with its
    /// cross-references to the research brief removed (rows of tables that have no `cite` column yet).
    public func citation(cite: String?, source: String?, _ language: Language) -> String? {
        if let shown = shown(cite, language) { return shown }
        let plain = Self.withoutResearchNotes(source ?? "")
        return plain.isEmpty ? nil : plain
    }

    /// `display` of the ids a `cite` text names, remembered (see `shownMemo`).
    private func shown(_ cite: String?, _ language: Language) -> String? {
        guard let cite else { return display([], language) }
        let key = ShownMemo.Key(cite: cite, language: language)
        if let known = shownMemo.shown.withLock({ $0[key] }) { return known }
        let shown = display(Self.ids(cite), language)
        shownMemo.shown.withLock { memo in if memo.count < 4096 { memo[key] = shown } }
        return shown
    }

    /// Research cross-references: `[brief …]`, `[S26|H]`, `brief A6`, `(brief Appendix D1)`.
    static let bracketNote = try! NSRegularExpression(pattern: #"\s*\[[^\]\[]*(?:brief|\bS\d+)[^\]\[]*\]"#)
    static let parenthesisNote = try! NSRegularExpression(pattern: #"\s*\((?:see )?brief [^()]*\)"#)
    static let looseNote = try! NSRegularExpression(
        pattern: #"(?:(?<=^)|(?<=[;,(]))\s*brief (?:§\s*[\d.]+|Appendix [A-D]\d*|[A-D]\d+)[^;,()\[\]]*(?:\([^()]*\))?"#)
    static let tagNote = try! NSRegularExpression(pattern: #"\b(?:S\d+\|[HML])\b"#)
    /// What a removed note leaves behind: "and A9", a lone confidence tag "[L]".
    static let leftoverNote = try! NSRegularExpression(pattern: #"^\s*(?:and|or)\s+[A-D]\d+\b|\s*\[[HML]\]\s*$"#)

    public static func withoutResearchNotes(_ source: String) -> String {
        // The stored forms first: finding one hashes nothing, and a source that loses nothing is returned as given.
        if let known = stored.withLock({ $0.stripped(source) }) { return known }
        // The rules hold a few hundred sources and every assessment of a batch cites some of them again.
        if let known = cleaned.withLock({ $0[source] }) { return known }
        let text = stripped(source)
        cleaned.withLock { if $0.count < 4096 { $0[source] = text } }
        return text
    }

    private static let cleaned = Mutex<[String: String]>([:])
    /// What the rules cache entry of the last rule set read from one held (`StoredSources`). Removing notes depends
    /// on the text alone, so a table stays right for any rule set; and an entry's key names the program that wrote it,
    /// so its forms are this program's removal.
    private static let stored = Mutex(StoredSources())

    /// Takes the stripped sources a rules cache entry kept instead of stripping them again.
    static func useStored(_ sources: StoredSources) { stored.withLock { $0 = sources } }

    static func stripped(_ source: String) -> String {
        // Most sources carry no note: proving that no pattern below can match skips ICU's regular expressions, whose
        // first use costs a cold run milliseconds.
        if !mayHoldNote(source) && !mayNeedSeparatorCleanup(source) {
            return source.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ResearchNoteStripper.strip(source) ?? strippedByPatterns(source)
    }

    static func strippedByPatterns(_ source: String) -> String {
        var text = source
        for expression in [bracketNote, parenthesisNote, looseNote, tagNote, leftoverNote] {
            text = expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        }
        // Separators left dangling by a removed note.
        while let range = text.range(of: #"(;\s*){2,}|\(\s*[;,]?\s*\)|^\s*[;,:]\s*|\s*[;,]\s*$"#, options: .regularExpression) {
            text.replaceSubrange(range, with: text[range].contains(";") && range.lowerBound != text.startIndex
                && range.upperBound != text.endIndex ? "; " : "")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// False only when none of the note patterns can match: each needs `[`, `|` or `brief`, or a leading and/or.
    static func mayHoldNote(_ text: String) -> Bool {
        if text.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "|") }) || text.contains("brief") { return true }
        let start = text.unicodeScalars.drop { $0.properties.isWhitespace }
        return start.starts(with: "and".unicodeScalars) || start.starts(with: "or".unicodeScalars)
    }

    /// False only when none of the dangling-separator patterns can match. Unicode's White_Space stands for the
    /// patterns' `\s`, which it includes, so a doubt always falls back to the patterns.
    static func mayNeedSeparatorCleanup(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        guard let first = scalars.first, let last = scalars.last else { return false }
        if ";,:".unicodeScalars.contains(first) || ";,".unicodeScalars.contains(last) { return true }
        for (i, c) in scalars.enumerated() where i + 1 < scalars.count {
            let next = scalars[i + 1]
            if c == ";" && next == ";" { return true }
            if c == "(" && (next == ")" || ";,".unicodeScalars.contains(next) && i + 2 < scalars.count && scalars[i + 2] == ")") {
                return true
            }
        }
        return false
    }

    /// Whether a text shown to readers still carries a research cross-reference.
    public static func hasResearchNote(_ text: String) -> Bool {
        // Compiled once: rules check asks this of every row's reasons (a 16 MB table has 16,000 rows).
        researchNote.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static let researchNote = try! NSRegularExpression(pattern: #"\bbrief (§|[A-D]\d|Appendix)|\[S\d+|\bS\d+\|[HML]\b"#)
}
