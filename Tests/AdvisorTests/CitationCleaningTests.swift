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

    @Test func theStripperWithoutICUCleansEveryBundledTextAsThePatternsDo() throws {
        let texts = try Self.bundledTexts()
        let undecided = texts.filter { ResearchNoteStripper.strip($0) == nil }
        #expect(undecided.isEmpty, "\(undecided.prefix(3))")
        let differing = texts.filter { text in ResearchNoteStripper.strip(text).map { $0 != Citations.strippedByPatterns(text) } ?? false }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
    }

    /// Texts put together from the pieces the patterns look for (brackets, separators, `brief`, tags, every kind of
    /// space and digit the classes name), so that each branch of each pattern meets near-misses.
    /// The stripper trims on scalars what Foundation trims on the string: every kind of blank at either end.
    @Test func trimmingOnScalarsEqualsFoundationTrimming() {
        let blanks: [Unicode.Scalar] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
                                        "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{FEFF}"]
        let inner: [Unicode.Scalar] = ["a", "薬", "é", ";", "(", "\u{1F600}"] + blanks
        var random = SeededRandom(seed: 15)
        var differing: [String] = []
        for _ in 0..<3_000 {
            let scalars = (0..<random.next(below: 9)).map { _ in
                random.next(below: 2) == 0 ? blanks[random.next(below: blanks.count)] : inner[random.next(below: inner.count)]
            }
            let text = String(String.UnicodeScalarView(scalars))
            if ResearchNoteStripper.trimmedText(scalars) != text.trimmingCharacters(in: .whitespacesAndNewlines) {
                differing.append(scalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test(arguments: 0..<8) func theStripperCleansGeneratedTextsAsThePatternsDo(seed: Int) {
        let pieces = ["[", "]", "(", ")", ";", ",", ":", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}",
                      "\u{3000}", "\u{2028}", "brief ", "brief", "see ", "§", "§ ", "3.3", "1", "٣", "S", "S12", "|", "|H",
                      "|M", "|X", "H", "A", "A9", "D12", "E1", "Appendix ", "Appendix D1", "Appendix E", "and ", "or ", "and",
                      "x", "S1x", "_", "日本", "薬機法", "第23条", ".", "-", "\u{200D}", "Sé", "PMDA"]
        var random = SeededRandom(seed: UInt64(seed) &+ 41)
        var differing: [String] = []
        var decided = 0, changed = 0
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<(1 + random.next(below: 14)) { text += pieces[random.next(below: pieces.count)] }
            guard let stripped = ResearchNoteStripper.strip(text) else { continue }
            decided += 1
            if stripped != text.trimmingCharacters(in: .whitespacesAndNewlines) { changed += 1 }
            if stripped != Citations.strippedByPatterns(text) { differing.append(text) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5).map { $0.debugDescription })")
        // Only texts with a joining scalar are left to the patterns; many lose a note or a separator.
        #expect(decided > 1000 && changed > 100, "decided \(decided), changed \(changed)")
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
