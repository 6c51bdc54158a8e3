import Testing
@testable import Advisor

/// `rules check` text output: the first `--max-errors` findings, how many more by code, totals that count what a
/// summary finding stands for.
@Suite struct FindingReportTests {
    static func finding(_ code: String, _ line: Int, _ severity: Finding.Severity = .error, count: Int = 1) -> Finding {
        Finding(severity, code, file: "t.dmn", line: line, "message \(line)", count: count)
    }

    @Test func printsTheFirstFindingsThenHowManyMoreByCode() {
        let findings = (1...3).map { Self.finding("overlap", $0) } + [Self.finding("gap", 4, .warning), Self.finding("overlap", 5),
                                                                      Self.finding("missing-citation", 6)]
        let lines = FindingReport.text(findings, limit: 2).split(separator: "\n").map(String.init)
        #expect(lines == [
            "t.dmn:1: error: message 1 [overlap]",
            "t.dmn:2: error: message 2 [overlap]",
            "… and 4 more (overlap 2, gap 1, missing-citation 1): --max-errors shows more",
            "5 error(s), 1 warning(s)",
        ])
    }

    @Test func aSummaryFindingCountsThePairsItStandsFor() {
        let findings = [Self.finding("overlap", 1), Self.finding("overlap", 2, count: 101_380), Self.finding("gap", 3, .warning)]
        let shown = FindingReport.text(findings, limit: 1).split(separator: "\n").map(String.init)
        #expect(shown.suffix(2) == ["… and 101381 more (overlap 101380, gap 1): --max-errors shows more", "101381 error(s), 1 warning(s)"])
        let all = FindingReport.text(findings, limit: 20).split(separator: "\n").map(String.init)
        #expect(all.count == 4)
        #expect(all.last == "101381 error(s), 1 warning(s)")
        #expect(FindingReport.json(findings).contains("\"count\": 101380"))
        #expect(FindingReport.sarif(findings, base: "/", version: "1").contains("\"count\": 101380"))
    }

    @Test func withinTheLimitNothingIsSummarised() {
        let text = FindingReport.text([Self.finding("gap", 1, .warning)], limit: 1)
        #expect(text == "t.dmn:1: warning: message 1 [gap]\n0 error(s), 1 warning(s)\n")
    }
}
