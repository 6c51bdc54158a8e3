/// The consultation-prep report as a format-neutral document: a cover and sections of blocks. The HTML and
/// Markdown writers render the same document, so both carry the same sections.
public struct ReportDocument: Sendable {
    public enum Block: Sendable {
        case paragraph(String)
        /// Small print under a statement: its citation or a caveat.
        case note(String)
        case subheading(String, anchor: String?)
        /// `nowrap`: columns kept on one line (figures).
        case table(header: [String], rows: [[String]], nowrap: Set<Int> = [])
        /// Label/value rows (the summary).
        case fields([(label: String, value: String)])
        case list([String])
        case checklist([String])
        /// An inline SVG for HTML, with the lines a text viewer shows instead.
        case chart(svg: String, text: [String])
    }

    public struct Section: Sendable {
        public var anchor: String
        public var heading: String
        public var blocks: [Block]
        /// Starts a new printed page.
        public var pageBreak: Bool
    }

    public var language: Language
    public var title: String
    public var cover: [(label: String, value: String)]
    public var disclaimer: String
    public var sections: [Section]
}
