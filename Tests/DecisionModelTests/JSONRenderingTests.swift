import Testing
@testable import DecisionModel

/// The JSON writer's layout, and that what it writes needs nothing more to be shown safely.
@Suite struct JSONRenderingTests {
    static let document = JSONValue.object([
        ("a", .array([.number("1"), .null, .bool(true), .array([]), .object([])])),
        ("b\u{1B}", .object([("c", .string("審査\u{202E}\n\"x\"")), ("d", .array([.object([("e", .bool(false))])]))])),
    ])

    @Test func prettyLayout() {
        let expected = """
            {
              "a": [
                1,
                null,
                true,
                [],
                {}
              ],
              "b\\u001b": {
                "c": "審査\\u202e\\n\\"x\\"",
                "d": [
                  {
                    "e": false
                  }
                ]
              }
            }
            """
        #expect(Self.document.rendered() == expected)
    }

    @Test func indentPrefixesEveryLineButTheFirst() {
        let lines = Self.document.rendered(indent: "> ").split(separator: "\n")
        #expect(lines.first == "{")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("> ") })
        #expect(lines.last == "> }")
    }

    @Test func compactLayout() {
        #expect(Self.document.compact()
                == #"{"a":[1,null,true,[],{}],"b\u001b":{"c":"審査\u202e\n\"x\"","d":[{"e":false}]}}"#)
    }

    /// Every hazard is escaped, so a JSON report is shown as written.
    @Test func renderedJSONNeedsNoSanitizing() {
        let text = Self.document.rendered()
        #expect(VisibleText.sanitize(text) == text)
        #expect(VisibleText.sanitize(Self.document.compact(), keepNewlines: false) == Self.document.compact())
    }
}
