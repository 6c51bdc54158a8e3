import Testing
@testable import DecisionModel

/// Table cells that look like one thing and mean another are refused (issue 14 item 8).
@Suite struct UnaryTestCellTests {
    @Test("Invisible characters are refused anywhere in a cell", arguments: [
        "\u{200B}", "\u{200B}-", "\"human\"\u{200B}", "hu\u{200B}man", "\"hu\u{200B}man\"", "\u{FEFF}\"a\"",
        "\"a\",\u{200D}\"b\"", "< 1\u{200B}8", "\"abc\u{202E}\"", "\"a\u{1B}b\"",
    ])
    func invisibleCharacters(cell: String) {
        #expect(throws: FEELError.self) { try FEELUnaryTests(cell) }
    }

    @Test func aLoneZeroWidthSpaceNoLongerMatchesEverything() {
        do {
            _ = try FEELUnaryTests("\u{200B}")
            Issue.record("must be refused")
        } catch {
            #expect(error.message.contains("invisible character U+200B"))
        }
    }

    @Test("An empty negation is refused", arguments: ["not()", "not( )", " not ()"])
    func emptyNegation(cell: String) {
        #expect(throws: FEELError.self) { try FEELUnaryTests(cell) }
    }

    @Test func ordinaryCellsStillParse() throws {
        for cell in ["-", "", "not(\"a\")", "\"human\"", "< 18", "[1..4]", "\"家庭\", \"病院\"", "not(\"a\", \"b\")"] {
            #expect(throws: Never.self) { try FEELUnaryTests(cell) }
        }
    }
}
