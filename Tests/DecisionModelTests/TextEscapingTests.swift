import Testing
@testable import DecisionModel

/// JSON strings and terminal text keep their fast paths for plain text and escape exactly what they did before.
@Suite struct TextEscapingTests {
    @Test(arguments: [
        ("plain ASCII", "Class II", #""Class II""#),
        ("quote and backslash", #"a "b" \ c"#, #""a \"b\" \\ c""#),
        ("newline, return, tab", "a\nb\rc\td", #""a\nb\rc\td""#),
        ("C0 and DEL", "\u{1}x\u{7F}", #""\u0001x\u007f""#),
        ("Japanese", "管理医療機器", "\"管理医療機器\""),
        ("direction control in Japanese", "認証\u{202E}基準", #""認証\u202e基準""#),
        ("line separator", "a\u{2028}b", #""a\u2028b""#),
        ("C1 control", "a\u{85}b", #""a\u0085b""#),
        ("every UTF-8 length beside an escape", "é\n日🩺\u{FFFE}", #""é\n日🩺\ufffe""#),
        ("Arabic letter mark and a quote", "x\u{61C}\"", #""x\u061c\"""#),
    ])
    func jsonStrings(_ name: String, _ text: String, _ expected: String) {
        #expect(JSONValue.quote(text) == expected)
        #expect(JSONValue.object([(text, .string(text))]).compact() == "{\(expected):\(expected)}")
        #expect(JSONValue.array([.string(text)]).rendered() == "[\n  \(expected)\n]")
    }

    @Test func sanitizeKeepsNewlinesOnlyWhenAsked() {
        #expect(VisibleText.sanitize("a\nb\tc") == "a\nb\tc")
        #expect(VisibleText.sanitize("a\nb", keepNewlines: false) == "a\\u{A}b")
        #expect(VisibleText.sanitize("クラス\n\u{1B}[31m") == "クラス\n\\u{1B}[31m")
        #expect(VisibleText.sanitize("plain text") == "plain text")
        #expect(VisibleText.sanitize("日本語\u{7F}") == "日本語\\u{7F}")
    }

    @Test(arguments: [
        ("x", true), ("deviceClass.class", true), (" a.b_c1 ", true), ("区分.値", true),
        ("", false), (".a", false), ("a.", false), ("a..b", false), ("a + b", false), ("a.b c", false),
    ])
    func pathExpressions(_ source: String, _ isPath: Bool) {
        #expect(OpenWalker.isPath(source) == isPath)
    }
}
