import DecisionModel
import Testing
@testable import Advisor

/// `Citations.citation` remembers what a cite text shows; the memo must answer as working it out again does.
@Suite struct CitationsMemoTests {
    /// `citation` remembers what a cite text shows: asked again it answers the same, and a copy whose entries
    /// change shows the new entries (the memo does not outlive them), while the original keeps its own.
    @Test func rememberedCitationsFollowTheEntries() {
        func entry(_ id: String, _ en: String) -> Citations.Entry {
            Citations.Entry(id: id, text: LocalizedText([.en: en, .ja: en + "（日本語）"]), url: nil,
                            location: SourceLocation(file: "citations.xml", line: 1))
        }
        let citations = Citations(entries: ["a": entry("a", "Act A"), "b": entry("b", "Notice B")])
        #expect(citations.citation(cite: "a, b", source: nil, .en) == "Act A; Notice B")
        #expect(citations.citation(cite: "a, b", source: nil, .en) == "Act A; Notice B")
        #expect(citations.citation(cite: "a, b", source: nil, .ja) == "Act A（日本語）; Notice B（日本語）")
        #expect(citations.citation(cite: "x", source: "a source", .en) == "a source")
        #expect(citations.citation(cite: "x", source: "a source", .en) == "a source")
        var changed = citations
        changed.entries["a"] = entry("a", "Act A, amended")
        #expect(changed.citation(cite: "a, b", source: nil, .en) == "Act A, amended; Notice B")
        #expect(citations.citation(cite: "a, b", source: nil, .en) == "Act A; Notice B")
    }
}
