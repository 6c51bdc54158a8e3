/// The glossary terms a text uses, as lines to put under it: each term in both languages with its short
/// definition and how to read more (`yakuji explain ID`).
public enum GlossaryLinks {
    /// At most this many terms, so a help text stays readable.
    public static let shown = 6

    public static func lines(for texts: [String], glossary: Glossary, language: Language) -> [String] {
        let terms = glossary.mentioned(in: texts.joined(separator: "\n"))
        guard !terms.isEmpty else { return [] }
        var lines = ["\(TrainingStrings.text(.glossary, language)) (yakuji explain …):"]
        for term in terms.prefix(shown) {
            lines.append("  \(term.title(language)) [\(term.id)]: \(firstSentence(term.definition.text(language)))")
        }
        if terms.count > shown { lines.append("  … +\(terms.count - shown)") }
        return lines
    }

    /// A definition's first sentence (to the first 。 or ". ").
    static func firstSentence(_ text: String) -> String {
        if let end = text.firstIndex(of: "。") { return String(text[...end]) }
        if let range = text.range(of: ". ") { return String(text[..<range.lowerBound]) + "." }
        return text
    }
}
