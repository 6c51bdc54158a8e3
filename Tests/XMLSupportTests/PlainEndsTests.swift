import Testing
@testable import XMLSupport

/// The shortcut that lets a trim keep a text as it is never skips a text a trim would change: every scalar of the
/// Basic Multilingual Plane at either end, alone and after whitespace it might join into one character.
@Suite struct PlainEndsTests {
    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }

    @Test func neverSkipsATrim() {
        var wrong: [String] = []
        for value in Array(0..<0xD800) + Array(0xE000...0xFFFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(Character(scalar))
            for text in [c, "審査" + c, c + "審査", "審 " + c, "審\u{3000}" + c, c + " 審"] where text.hasPlainEnds {
                if Self.trimmed(text) != text { wrong.append(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")) }
            }
        }
        #expect(wrong.isEmpty, "kept untrimmed: \(wrong.prefix(10))")
    }

    @Test func japaneseAndASCIIEndsArePlain() {
        #expect("審査ラグ。".hasPlainEnds)
        #expect("（注）".hasPlainEnds)
        #expect("class II".hasPlainEnds)
        #expect(!"審査 ".hasPlainEnds)
        #expect(!"\u{3000}審査".hasPlainEnds)
        #expect(!"".hasPlainEnds)
    }

    @Test func trimmedTextStillTrims() {
        #expect(XMLElementNode(name: "a", text: "\u{3000}審査。\n").trimmedText == "審査。")
        #expect(XMLElementNode(name: "a", text: "審査。").trimmedText == "審査。")
    }
}
