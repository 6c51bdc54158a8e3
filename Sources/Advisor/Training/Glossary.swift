import DecisionModel
import XMLSupport

/// The words a newcomer meets, in Japanese and English, with short definitions and the source each rests on
/// (`Rules/glossary.xml`, `urn:yakuji:glossary:1`). Terms link to the inputs, decisions and outcome values
/// they explain, so `explain` can go from a word to the rules and back.
public struct Glossary: Sendable {
    public static let namespace = "urn:yakuji:glossary:1"

    public enum Link: Sendable, Hashable {
        case input(String)
        case decision(String)
        /// An assessment key, or one of its values.
        case outcome(key: String, value: String?)
        case term(String)
    }

    public struct Term: Sendable {
        public var id: String
        public var name: LocalizedText
        /// How the Japanese name is read, in Hepburn romanisation.
        public var reading: String?
        /// Other spellings and abbreviations (一変, JMDN) the term is found by.
        public var aliases: [String]
        public var definition: LocalizedText
        public var source: String
        public var links: [Link]
        public var location: SourceLocation

        /// Every spelling the term is known by.
        public var spellings: [String] {
            [id] + Language.allCases.compactMap { name[$0] } + aliases
        }

        public func title(_ language: Language) -> String {
            let other: Language = language == .ja ? .en : .ja
            let first = name.text(language)
            guard let second = name[other], !second.isEmpty, second != first else { return first }
            return "\(first) (\(second))"
        }
    }

    public var terms: [Term]

    public init(terms: [Term] = []) { self.terms = terms }

    public init(root: XMLElementNode) {
        terms = root.children(named: "term").map { element in
            var links: [Link] = []
            for see in element.children(named: "see") {
                if let input = see.attribute("input") { links.append(.input(input)) }
                if let decision = see.attribute("decision") { links.append(.decision(decision)) }
                if let key = see.attribute("outcome") { links.append(.outcome(key: key, value: see.attribute("value"))) }
                if let term = see.attribute("term") { links.append(.term(term)) }
            }
            let jaName = element.children(named: "name").first { $0.attribute("lang") == "ja" }
            return Term(id: element.attribute("id") ?? "", name: Questions.localized(element.children(named: "name")),
                        reading: jaName?.attribute("reading"),
                        aliases: element.children(named: "alias").map(\.trimmedText).filter { !$0.isEmpty },
                        definition: Questions.localized(element.children(named: "definition")),
                        source: element.childText("source") ?? "", links: links,
                        location: SourceLocation(file: element.file, line: element.line))
        }
    }

    public func term(id: String) -> Term? { terms.first { $0.id == id } }

    /// The term spelled exactly so (id, either name or an alias; case and width folded).
    public func term(named text: String) -> Term? {
        let wanted = LookupTable.normalized(text.trimmingWhitespace())
        return terms.first { $0.spellings.contains { LookupTable.normalized($0) == wanted } }
    }

    /// Terms matching every word of `text`: by name or alias first, then by definition.
    public func search(_ text: String) -> [Term] {
        let words = LookupTable.normalized(text).split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return terms }
        func rank(_ term: Term) -> Int? {
            let names = LookupTable.normalized(term.spellings.joined(separator: " ") + " " + (term.reading ?? ""))
            if term.spellings.contains(where: { LookupTable.normalized($0) == words.joined(separator: " ") }) { return 0 }
            if words.allSatisfy({ LookupTable.contains(names, $0) }) { return 1 }
            let all = names + " " + LookupTable.normalized(Language.allCases.compactMap { term.definition[$0] }.joined(separator: " "))
            return words.allSatisfy({ LookupTable.contains(all, $0) }) ? 2 : nil
        }
        return terms.enumerated().compactMap { i, t in rank(t).map { (rank: $0, index: i, term: t) } }
            .sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }
            .map(\.term)
    }

    /// The terms a text uses, in the order they first appear. Longer spellings win, so 一部変更承認 is not also
    /// read as 承認; English spellings match whole words only.
    public func mentioned(in text: String) -> [Term] {
        let haystack = Array(LookupTable.normalized(text))
        var taken = [Bool](repeating: false, count: haystack.count)
        var found: [(position: Int, index: Int)] = []
        let needles = terms.enumerated().flatMap { index, term in
            (Language.allCases.compactMap { term.name[$0] } + term.aliases).map { (index: index, needle: Array(LookupTable.normalized($0))) }
        }.filter { $0.needle.count >= 2 }.sorted { $0.needle.count > $1.needle.count }
        for (index, needle) in needles {
            var start = 0
            while start + needle.count <= haystack.count {
                guard haystack[start..<start + needle.count].elementsEqual(needle),
                      !taken[start..<start + needle.count].contains(true),
                      Self.isWholeWord(haystack, start, needle.count) else { start += 1; continue }
                for i in start..<start + needle.count { taken[i] = true }
                found.append((start, index))
                start += needle.count
            }
        }
        var seen: Set<Int> = []
        return found.sorted { $0.position < $1.position }.compactMap { seen.insert($0.index).inserted ? terms[$0.index] : nil }
    }

    /// Latin needles must not sit inside a longer Latin word ("PMDA" in "PMDAs" is fine, "QMS" in "QMSX" is not).
    static func isWholeWord(_ text: [Character], _ start: Int, _ length: Int) -> Bool {
        func latin(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        let before = start > 0 ? text[start - 1] : " "
        let after = start + length < text.count ? text[start + length] : " "
        let first = text[start], last = text[start + length - 1]
        if latin(first) && latin(before) { return false }
        if latin(last) && latin(after) && after != "s" { return false }
        return true
    }
}
