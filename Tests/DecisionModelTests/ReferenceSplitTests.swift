import Testing
@testable import DecisionModel

/// A requirement's href splits at its last `#` into namespace and id, found among the bytes of ASCII text and among
/// the Characters of any other.
@Suite struct ReferenceSplitTests {
    static let cases: [(href: String, id: String, namespace: String?)] = [
        ("#d_class", "d_class", nil),
        ("d_class", "d_class", nil),
        ("urn:a:b#d_class", "d_class", "urn:a:b"),
        ("a#b#c", "c", "a#b"),
        ("a#", "", "a"),
        ("", "", nil),
        ("\r\n#x", "x", "\r\n"),
        ("urn:薬機法#判定", "判定", "urn:薬機法"),
        // A keycap: `#` and U+20E3 are one Character, which is not `#`.
        ("ns#id#\u{20E3}x", "id#\u{20E3}x", "ns"),
        ("#\u{20E3}", "#\u{20E3}", nil),
    ]

    @Test(arguments: cases.indices)
    func splitsAtTheLastHash(_ index: Int) {
        let (href, id, namespace) = Self.cases[index]
        let split = Reference.split(href)
        #expect(split.id == id && split.namespace == namespace, "\(href.unicodeScalars.map(\.value))")
        let reference = Reference(href: href, location: SourceLocation(file: "f.dmn", line: 1))
        #expect(reference.id == id && reference.namespace == namespace)
    }
}
