import Foundation
import Testing
@testable import Advisor

/// The quick way past texts without a research note must give what the patterns give.
@Suite struct CitationCleaningTests {
    /// Every annotation and citation text of the bundled rules.
    static func bundledTexts() throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.bundledRules)
            .filter { $0.hasSuffix(".dmn") || $0.hasSuffix(".xml") }
        let text = try NSRegularExpression(pattern: #"<text>([^<]*)</text>|source="([^"]*)""#)
        var found: [String] = []
        for file in files {
            let content = try String(contentsOfFile: Fixtures.bundledRules + "/" + file, encoding: .utf8)
            for match in text.matches(in: content, range: NSRange(content.startIndex..., in: content)) {
                for group in 1...2 {
                    if let range = Range(match.range(at: group), in: content) { found.append(unescaped(String(content[range]))) }
                }
            }
        }
        return found
    }

    static func unescaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func everyBundledTextIsCleanedAsThePatternsCleanIt() throws {
        let texts = try Self.bundledTexts()
        #expect(texts.count > 1000)
        let differing = texts.filter { Citations.withoutResearchNotes($0) != Citations.strippedByPatterns($0) }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        // Both ways are exercised: most texts take the quick way, the noted ones the patterns.
        #expect(texts.contains { !Citations.mayHoldNote($0) && !Citations.mayNeedSeparatorCleanup($0) })
        #expect(texts.contains { Citations.mayHoldNote($0) })
    }

    @Test(arguments: [
        "  PMD Act Art. 23-2-5  ", "Art. 5; ; notice", "Art. 5;\u{3000};notice", "( ; ) Art. 5", "(,)", "()", "Art. 5,",
        "Art. 5 ;\u{3000}", ": Art. 5", "\u{3000}, Art. 5", "and A9 rest", " or B1", "orderly text", "andante",
        "notice (see brief §5)", "x [S12|H] y", "a|b", "A (x) B", "MHLW 0331第1号, 2024-03-31", "薬機法第23条の2の5；第2項",
    ])
    func craftedTextIsCleanedAsThePatternsCleanIt(text: String) {
        #expect(Citations.withoutResearchNotes(text) == Citations.strippedByPatterns(text))
    }
}
