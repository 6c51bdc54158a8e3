import XMLSupport

/// `Rules/citations.xml`: how each law article, notice or official page is shown to readers (ja/en). Rule rows
/// name entries by id in their `cite` annotation; the research notes in `source` texts are never shown.
public struct Citations: Sendable {
    public static let namespace = "urn:yakuji:citations:1"
    public static let fileName = "citations.xml"
    /// The annotation column of a rule row that lists citation ids.
    public static let column = "cite"

    public var texts: [String: LocalizedText] = [:]

    public init() {}

    public init(root: XMLElementNode) {
        for e in root.children(named: "citation") {
            texts[e.attribute("id") ?? ""] = Questions.localized(e.children(named: "text"))
        }
    }

    /// The readable citations of space-separated ids; unknown ids are left out (the lint reports them).
    public func readable(_ ids: String?, _ language: Language) -> [String] {
        (ids ?? "").split(separator: " ").compactMap { texts[String($0)]?.text(language).nonEmpty }
    }
}
