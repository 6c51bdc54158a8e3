import DecisionModel
import Testing
@testable import Advisor

/// `Citations.ids` splits ASCII on bytes; it must give what splitting on characters gives.
@Suite struct CitationIdsTests {
    /// Splitting on characters, as `ids` did for every text.
    static func reference(_ text: String) -> [String] {
        text.split { $0 == " " || $0 == "," || $0 == ";" || $0.isNewline }.map(String.init)
    }

    @Test func asciiTextsSplitAsCharactersDo() {
        // Ids, separators and every other ASCII control and sign, "\r\n" included, in random order.
        let pieces = ["pmd-act-23-2", "mhlw-0930-1", "a", "B_2", " ", ",", ";", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}",
                      "\t", "\u{1F}", "\u{7F}", "-", ".", "/", ":", ""]
        var random = SeededRandom(seed: 42)
        for _ in 0..<5_000 {
            let text = (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(Citations.ids(text) == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
        #expect(Citations.ids(nil) == [])
        #expect(Citations.ids("a,\r\nb ;c") == ["a", "b", "c"])
    }

    @Test func otherTextsSplitAsCharactersDo() {
        for text in ["薬機法 第23条の2, 通知", "a\u{2028}b", "a\u{85}b", " \u{301}a", "é,e\u{301};x"] {
            #expect(Citations.ids(text) == Self.reference(text), "\(text)")
        }
    }
}
