/// `yakuji glossary`: every term as an aligned table, or the matches of a search with their definitions.
public enum GlossaryListing {
    public static func page(_ terms: [Glossary.Term], language: Language, full: Bool) -> Page {
        var page = Page()
        if full {
            for term in terms {
                page.heading(term.title(language) + (term.reading.map { "  [\($0)]" } ?? ""))
                let order: [Language] = language == .ja ? [.ja, .en] : [.en, .ja]
                page.table(order.compactMap { l in term.definition[l].map { [l.rawValue, $0] } }, indent: 2)
                page.text("\(TrainingStrings.text(.source, language)): \(Citations.withoutResearchNotes(term.source))", indent: 2, style: .dim)
                page.text("yakuji explain \(term.id)", indent: 2, style: .dim)
                page.blank()
            }
        } else {
            let rows = terms.map { [$0.name.text(.ja), $0.reading ?? "", $0.name.text(.en)] }
            page.table(rows)
            page.blank()
        }
        page.text(TrainingStrings.format(.glossaryCount, language, String(terms.count)), style: .dim)
        return page
    }
}
