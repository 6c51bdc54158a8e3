import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// The benchmark-figure lint of `rules check`, on copies of the bundled rules with one seeded defect each.
@Suite(.serialized) struct BenchmarkLintTests {
    /// Replaces the first occurrence of `old` in the copy's benchmarks.xml and returns the benchmark findings.
    func lint(replacing old: String, with new: String) throws -> [Finding] {
        let dir = try RulesCheckerTests.copy()
        let file = dir.appendingPathComponent(Benchmarks.fileName)
        let text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: old))
        try text.replacingCharacters(in: range, with: new).write(to: file, atomically: true, encoding: .utf8)
        return RulesChecker(directory: dir.path, asOf: RulesCheckerTests.asOf).check().filter { $0.code == "benchmark" }
    }

    @Test func bundledFiguresPassTheLint() throws {
        let findings = RulesChecker(directory: Fixtures.bundledRules, asOf: RulesCheckerTests.asOf).check()
            .filter { $0.code == "benchmark" || $0.file.hasSuffix(Benchmarks.fileName) }
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func p50AboveP80IsAnError() throws {
        let findings = try lint(replacing: #"p50="8.6" p80="12.0""#, with: #"p50="13" p80="12.0""#)
        #expect(findings.contains { $0.message.contains("P50 13.0 is above P80 12.0") && $0.severity == .error })
    }

    @Test func twoUsedRowsAreAnError() throws {
        let findings = try lint(replacing: #"<evidence statistic="target" value="12""#, with: #"<evidence used="true" p50="1" p80="2" statistic="target" value="12""#)
        #expect(findings.contains { $0.message.contains("'review.new-standard' has 2 rows marked used") })
    }

    @Test func usedRowMustMatchItsStatistic() throws {
        let findings = try lint(replacing: #"unit="days" period="MDUFA FY2024 cohort (FY2023: 238)" cohort="receipt" confidence="H" p50="4.2" p80="7.9""#,
                                with: #"unit="days" period="MDUFA FY2024 cohort (FY2023: 238)" cohort="receipt" confidence="H" p50="4.2" p80="9.9""#)
        #expect(findings.contains { $0.message.contains("'ref.510k'") && $0.message.contains("does not match the published p80") })
    }

    @Test func disagreeingSourcesNeedAReason() throws {
        let findings = try lint(replacing: "<note lang=\"ja\">採用：現行の目標値。PMDA", with: "<note lang=\"en\">採用：現行の目標値。PMDA")
        #expect(findings.contains { $0.message.contains("needs a note in ja") })
    }

    @Test func aFigureTheRulesNameMustExist() throws {
        let dir = try RulesCheckerTests.copy()
        let model = RulesCheckerTests.defectModel("""
            <decisionTable hitPolicy="FIRST">
              <input><inputExpression typeRef="string"><text>productForm</text></inputExpression></input>
              <input><inputExpression typeRef="date"><text>assessmentDate</text></inputExpression></input>
              <output name="figure" typeRef="string"/>
              <annotation name="source"/><annotation name="en"/><annotation name="ja"/>
        \(RulesCheckerTests.rule("r1", "-", "-", "\"review.no-such-figure\""))
            </decisionTable>
        """)
        try RulesCheckerTests.write(model, "defect.dmn", in: dir)
        let findings = RulesChecker(directory: dir.path, asOf: RulesCheckerTests.asOf).check()
        #expect(findings.contains { $0.code == "benchmark" && $0.message.contains("figure 'review.no-such-figure' is not in benchmarks.xml") })
    }
}
