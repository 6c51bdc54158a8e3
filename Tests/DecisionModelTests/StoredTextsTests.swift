import Testing
@testable import DecisionModel

/// Texts kept as bytes until read (`StoredTexts`) read back byte for byte, and refuse lengths past their bytes.
@Suite struct StoredTextsTests {
    static let texts = ["", "source", "薬機法 第77条の2", "\u{304B}\u{3099}", "a.b"]

    static func stored(prefix: [UInt8] = []) throws -> StoredTexts {
        let bytes = prefix + texts.flatMap { Array($0.utf8) }
        return try #require(StoredTexts(bytes: bytes, start: prefix.count, lengths: texts.map(\.utf8.count)))
    }

    @Test(arguments: [0, 3])
    func textsComeBackByteForByte(prefix: Int) throws {
        let stored = try Self.stored(prefix: Array(repeating: 0xFF, count: prefix))
        #expect(stored.count == Self.texts.count)
        for (number, text) in Self.texts.enumerated() {
            #expect(Array(stored.text(number).utf8) == Array(text.utf8))
            #expect(Array(stored.freshText(number).utf8) == Array(text.utf8))
        }
    }

    @Test func aListReadsItsTextsInItsOrder() throws {
        let list = TextList(try Self.stored(), numbers: [2, 0, 2, 4])
        #expect(list.strings.map { Array($0.utf8) } == [Self.texts[2], "", Self.texts[2], "a.b"].map { Array($0.utf8) })
        #expect(TextList(["x", "y"]).strings == ["x", "y"])
    }

    @Test func lengthsPastTheBytesAreRefused() {
        #expect(StoredTexts(bytes: Array("abc".utf8), start: 0, lengths: [2, 2]) == nil)
        #expect(StoredTexts(bytes: Array("abc".utf8), start: 4, lengths: []) == nil)
        #expect(StoredTexts(bytes: Array("abc".utf8), start: 1, lengths: [2])?.text(0) == "bc")
    }
}
