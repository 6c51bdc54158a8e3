import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// Rules that fail at run time fail loudly (issue 14 item 7).
@Suite struct RuleErrorTests {
    /// The mini rules with `edit` applied to mini.dmn, in a folder of their own.
    func rules(_ edit: (String) -> String) throws -> String {
        let dir = Fixtures.temporaryFile("rules")
        try FileManager.default.copyItem(atPath: Fixtures.miniRules, toPath: dir)
        let dmn = dir + "/mini.dmn"
        try edit(try String(contentsOfFile: dmn, encoding: .utf8)).write(toFile: dmn, atomically: true, encoding: .utf8)
        return dir
    }

    @Test func aUniqueTableWithTwoMatchingRowsIsAnErrorNamingTableAndRows() throws {
        let dir = try rules { $0.replacingOccurrences(of: "<decisionTable hitPolicy=\"FIRST\">", with: "<decisionTable hitPolicy=\"UNIQUE\">") }
        let ruleSet = try RuleSet.load(directory: dir)
        var answers = Answers()
        answers["kind"] = .value(.string("cloud"))
        let assessment = Assessor(rules: ruleSet).assess(answers, exploreAlternatives: false)
        let error = try #require(assessment.ruleErrors(model: ruleSet.model))
        #expect(error.description.contains("mini.dmn:12: error: decision table 'category' (UNIQUE): rows 1 [c1] at line 16, 2 [c2] at line 18 all match"))
        answers["kind"] = .value(.string("box"))
        #expect(Assessor(rules: ruleSet).assess(answers, exploreAlternatives: false).ruleErrors(model: ruleSet.model) == nil)
    }

    @Test func aTableWithoutRowsIsRefusedAndIsACheckError() throws {
        let dir = try rules { text in
            text.replacingOccurrences(of: #"<rule id="c1">"#, with: "<!--").replacingOccurrences(of: "その他は物。</text></annotationEntry></rule>",
                                                                                             with: "-->")
        }
        #expect(throws: AdvisorError.self) { try RuleSet.load(directory: dir) }
        let findings = RulesChecker(directory: dir, asOf: FEELDate(iso8601: "2026-12-03")!).check()
        #expect(findings.contains { $0.code == "empty-table" && $0.severity == .error && $0.message.contains("category") })
    }

    @Test func coverageOfAnEmptyTableIsNotAHundredPercent() throws {
        var model = try Fixtures.mini().model
        guard case .table(var table) = model.decisions[0].logic else { Issue.record("expected a table"); return }
        table.rules = []
        model.decisions[0].logic = .table(table)
        let text = CoverageReport(report: ScenarioRunner.Report(), model: model).text(perRow: false)
        #expect(text.contains("category (F): 0/0 rows (no rows: the table is empty)"))
        #expect(!text.contains("(100%)"))
    }
}
