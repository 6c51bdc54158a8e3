import DecisionModel
import Testing
@testable import Advisor

/// Terminal escapes and markup in any text never reach the reader raw (issue 14 item 6).
@Suite struct ReportEscapingTests {
    static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{7}\u{9B}31m\u{202E}<script>alert(1)</script> | `x` *y* & [l](http://e)"

    func assessment() throws -> (Assessment, TextReport) {
        let rules = try Fixtures.mini()
        var answers = Answers(device: Self.hostile)
        answers["kind"] = .value(.string("box"))
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-12-03", exploreAlternatives: false)
        return (assessment, TextReport(rules: rules, language: .en))
    }

    static func raw(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E }
    }

    @Test func textShowsControlCharactersVisibly() throws {
        let (a, report) = try assessment()
        let text = report.text(a)
        #expect(!Self.raw(text))
        #expect(text.contains(#"\u{1B}[2J\u{1B}]0;pwned\u{7}"#))
    }

    @Test func markdownEscapesMarkupAndControls() throws {
        let (a, report) = try assessment()
        let md = ReportMarkdown.render(ConsultationReport(rules: report.rules, language: report.language).document(a))
        #expect(!Self.raw(md))
        #expect(!md.contains("<script>"))
        #expect(md.contains("&lt;script&gt;"))
        #expect(md.contains(#"\|"#))
        #expect(md.contains(#"\[l\](http://e)"#))
        #expect(report.code("a`b") == "``a`b``")
    }

    @Test func htmlEscapesEverything() throws {
        let (a, report) = try assessment()
        let html = ReportHTML.render(ConsultationReport(rules: report.rules, language: report.language).document(a))
        #expect(!Self.raw(html))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func jsonEscapesControlsAsUnicodeEscapes() throws {
        let (a, _) = try assessment()
        let json = AssessmentJSON.render(a, language: .en)
        #expect(!Self.raw(json))
        #expect(json.contains(#"\u001b[2J"#))
        #expect(json.contains(#"\u009b31m"#))
    }
}
