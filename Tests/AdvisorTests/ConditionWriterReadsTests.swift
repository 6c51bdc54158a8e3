import Testing
@testable import Advisor

/// Which fields of a result a table reads is found on bytes for ASCII texts; it must be what the search on
/// Characters finds.
@Suite struct ConditionWriterReadsTests {
    @Test(arguments: 0..<6) func bytesAndCharactersFindTheSameReads(seed: Int) {
        let pieces = ["pathway", "pathway", ".", "route", "body", "x", "_", " ", "(", ")", "1", "\"", ",", "-", "a.",
                      "pathwayRoute", "subpathway", "qms", "=", "pathway.", ".pathway", "if ", " then ", "null"]
        var random = SeededRandom(seed: UInt64(seed) &+ 7)
        var differing: [String] = []
        var whole = 0, fields = 0
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<(1 + random.next(below: 10)) { text += pieces[random.next(below: pieces.count)] }
            let bytes = ConditionWriter.asciiReads(of: "pathway", in: text)
            let characters = ConditionWriter.characterReads(of: "pathway", in: text)
            guard let bytes else { differing.append("not read as ASCII: \(text)"); continue }
            if bytes != characters { differing.append(text) }
            if characters == nil { whole += 1 } else if characters?.isEmpty == false { fields += 1 }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        #expect(whole > 100 && fields > 100, "whole \(whole), fields \(fields)")
    }

    @Test func aTextThatIsNotASCIIIsLeftToTheCharacters() {
        #expect(ConditionWriter.asciiReads(of: "pathway", in: "pathway.route = \"承認\"") == .none)
        #expect(ConditionWriter.reads(of: "pathway", in: "pathway.route = \"承認\"") == ["route"])
    }
}
