import Testing
@testable import DecisionModel

/// The byte scan that lets `sanitize` return whole documents untouched finds exactly the characters the scalar
/// test calls hazards: every scalar of the Basic Multilingual Plane, and some beyond, in Japanese text.
@Suite struct VisibleTextScanTests {
    static let scalars: [Unicode.Scalar] = (Array(0..<0xD800) + Array(0xE000...0xFFFF) + [0x1_0000, 0x1_F600, 0x2_0000, 0x10_FFFF])
        .compactMap(Unicode.Scalar.init)

    @Test(arguments: [true, false])
    func byteScanAgreesWithScalarTest(_ keepNewlines: Bool) {
        var disagreements: [String] = []
        for scalar in Self.scalars {
            let text = "審査\(Character(scalar))x"
            let hazard = text.unicodeScalars.contains { VisibleText.isHazard($0) && !(keepNewlines && ($0 == "\n" || $0 == "\t")) }
            let scanned = text.utf8.withContiguousStorageIfAvailable { VisibleText.mayHoldHazard($0, keepNewlines: keepNewlines) }
            if scanned != hazard { disagreements.append(VisibleText.codePoint(scalar)) }
        }
        #expect(disagreements.isEmpty, "scan and scalar test disagree on \(disagreements.prefix(10))")
    }

    @Test func hazardAtTheEndOfTheText() {
        for text in ["abc\u{202E}", "abc\u{85}", "abc\u{FFFF}", "abc\u{1B}", "日本\u{2069}"] {
            #expect(VisibleText.sanitize(text) != text)
        }
        #expect(VisibleText.sanitize("末尾\u{2014}") == "末尾\u{2014}")
    }
}

/// The byte scan that lets JSON strings be copied whole finds every scalar the writer escapes.
@Suite struct JSONEscapeScanTests {
    @Test func byteScanAgreesWithScalarTest() {
        var disagreements: [String] = []
        for scalar in VisibleTextScanTests.scalars {
            let text = "審査\(Character(scalar))x"
            let escaped = text.unicodeScalars.contains(where: JSONValue.needsEscape)
            let scanned = text.utf8.withContiguousStorageIfAvailable { JSONValue.mayNeedEscape($0) }
            if scanned != escaped { disagreements.append(VisibleText.codePoint(scalar)) }
        }
        #expect(disagreements.isEmpty, "scan and scalar test disagree on \(disagreements.prefix(10))")
    }

    @Test func escapedStringsStayEscaped() {
        #expect(JSONValue.string("審査\u{2028}\"\\").compact() == #""審査\u2028\"\\""#)
        #expect(JSONValue.string("審査ラグ").compact() == #""審査ラグ""#)
    }
}
