import DecisionModel
import Foundation
import Testing
@testable import Advisor
import TestScratch

/// `rules check` on copies of the bundled rules with one seeded defect each.
@Suite(.serialized) struct RulesCheckerTests {
    static let asOf = FEELDate(iso8601: "2026-11-25")!

    /// A fresh copy of the bundled rules (with the samples their scenarios use) in a temporary folder.
    static func copy() throws -> URL {
        let root = TestScratch.path("rules")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let rules = URL(fileURLWithPath: Fixtures.bundledRules)
        try FileManager.default.copyItem(at: rules, to: root.appendingPathComponent("Rules"))
        try FileManager.default.copyItem(at: rules.deletingLastPathComponent().appendingPathComponent("Samples"),
                                         to: root.appendingPathComponent("Samples"))
        return root.appendingPathComponent("Rules")
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    static func line(of needle: String, in file: URL) throws -> Int {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let range = text.range(of: needle) else { throw CocoaError(.fileReadUnknown) }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    static func defectModel(_ table: String, extraInput: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:test:defect" name="defect">
          \(extraInput)
          <decision id="d_defect" name="defect">
            <variable name="defect" typeRef="string"/>
            <informationRequirement><requiredInput href="#i_productForm"/></informationRequirement>
            <informationRequirement><requiredInput href="#i_assessmentDate"/></informationRequirement>
        \(table)
          </decision>
        </definitions>
        """
    }

    static func rule(_ id: String, _ form: String, _ date: String = "-", _ out: String = "\"x\"") -> String {
        """
              <rule id="\(id)"><inputEntry><text>\(form)</text></inputEntry><inputEntry><text>\(date)</text></inputEntry>
                <outputEntry><text>\(out)</text></outputEntry>
                <annotationEntry><text>test source</text></annotationEntry><annotationEntry><text>en</text></annotationEntry><annotationEntry><text>ja</text></annotationEntry></rule>
        """
    }

    static func table(_ policy: String, _ rules: [String]) -> String {
        """
            <decisionTable hitPolicy="\(policy)">
              <input><inputExpression typeRef="string"><text>productForm</text></inputExpression></input>
              <input><inputExpression typeRef="date"><text>assessmentDate</text></inputExpression></input>
              <output name="defect" typeRef="string"/>
              <annotation name="source"/><annotation name="en"/><annotation name="ja"/>
        \(rules.joined(separator: "\n"))
            </decisionTable>
        """
    }

    func findings(_ dir: URL) -> [Finding] {
        RulesChecker(directory: dir.path, asOf: Self.asOf).check()
    }

    @Test func bundledRulesHaveNoErrors() {
        let errors = RulesChecker(directory: Fixtures.bundledRules, asOf: Self.asOf).check().filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    }

    @Test func seededGapIsReportedAtTheTable() throws {
        let dir = try Self.copy()
        try Self.write(Self.defectModel(Self.table("FIRST", [Self.rule("r1", "\"hardware\""), Self.rule("r2", "\"standalone-program\"")])),
                       "defect.dmn", in: dir)
        let file = dir.appendingPathComponent("defect.dmn")
        let gap = findings(dir).first { $0.code == "gap" && $0.file == file.path }
        #expect(gap?.line == (try Self.line(of: "<decisionTable", in: file)))
        #expect(gap?.message.contains("program-on-media") == true)
    }

    @Test func seededOverlapIsAnErrorAtTheSecondRow() throws {
        let dir = try Self.copy()
        try Self.write(Self.defectModel(Self.table("UNIQUE", [Self.rule("r1", "-"), Self.rule("r2", "\"hardware\"", "-", "\"y\"")])),
                       "defect.dmn", in: dir)
        let file = dir.appendingPathComponent("defect.dmn")
        let overlap = findings(dir).first { $0.code == "overlap" }
        #expect(overlap?.severity == .error)
        #expect(overlap?.file == file.path)
        #expect(overlap?.line == (try Self.line(of: "<rule id=\"r2\"", in: file)))
    }

    @Test func copiedRowsAreListedUpToTheMaximumAndCountedPastIt() throws {
        let dir = try Self.copy()
        let rows = (1...4).map { Self.rule("h\($0)", "\"hardware\"") } + (1...3).map { Self.rule("s\($0)", "\"standalone-program\"") }
        try Self.write(Self.defectModel(Self.table("UNIQUE", rows)), "defect.dmn", in: dir)
        let file = dir.appendingPathComponent("defect.dmn")
        var checker = RulesChecker(directory: dir.path, asOf: Self.asOf)
        checker.maxListedOverlaps = 2
        let overlaps = checker.check().filter { $0.code == "overlap" && $0.file == file.path }
        // C(4, 2) + C(3, 2) = 9 pairs: rows 1–2 and 1–3 listed, 7 counted in one finding at the table.
        #expect(overlaps.map(\.count) == [7, 1, 1])
        #expect(overlaps.first?.line == (try Self.line(of: "<decisionTable", in: file)))
        #expect(overlaps.first?.message == "defect: 7 more pairs of rows both match under U (not listed; 5 rows repeat an earlier row's entries exactly; --max-errors lists more)")
        #expect(overlaps.dropFirst().map(\.message) == ["defect: rows 1 and 2 both match under U (e.g. productForm = \"hardware\", assessmentDate = -)",
                                                       "defect: rows 1 and 3 both match under U (e.g. productForm = \"hardware\", assessmentDate = -)"])
        #expect(FindingReport.text(overlaps, limit: 20).hasSuffix("\n9 error(s), 0 warning(s)\n"))
    }

    @Test func seededDanglingReferenceIsALoadErrorWithItsLine() throws {
        let dir = try Self.copy()
        let model = Self.defectModel(Self.table("FIRST", [Self.rule("r1", "-")]))
            .replacingOccurrences(of: "<requiredInput href=\"#i_productForm\"/>", with: "<requiredDecision href=\"#d_nowhere\"/>")
        try Self.write(model, "defect.dmn", in: dir)
        let file = dir.appendingPathComponent("defect.dmn")
        let dangling = findings(dir).first { $0.code == "load" && $0.message.contains("#d_nowhere") }
        #expect(dangling?.file == file.path)
        #expect(dangling?.line == (try Self.line(of: "#d_nowhere", in: file)))
    }

    @Test func aBoxedContextIsNotPartOfTheRuleFormat() throws {
        let dir = try Self.copy()
        let context = "<context><contextEntry><literalExpression><text>\"x\"</text></literalExpression></contextEntry></context>"
        try Self.write(Self.defectModel(context), "defect.dmn", in: dir)
        let errors = findings(dir).filter { $0.severity == .error && $0.file == dir.appendingPathComponent("defect.dmn").path }
        #expect(errors.contains { $0.message.contains("context") })
    }

    @Test func seededMissingCitationIsReportedAtTheRule() throws {
        let dir = try Self.copy()
        let file = dir.appendingPathComponent("pathway.dmn")
        var text = try String(contentsOf: file, encoding: .utf8)
        let firstRule = try #require(text.range(of: "<rule "))
        let annotation = try #require(text.range(of: "<annotationEntry>", range: firstRule.lowerBound..<text.endIndex))
        let textStart = try #require(text.range(of: "<text>", range: annotation.upperBound..<text.endIndex))
        let textEnd = try #require(text.range(of: "</text>", range: textStart.upperBound..<text.endIndex))
        text.replaceSubrange(textStart.upperBound..<textEnd.lowerBound, with: "")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let missing = findings(dir).first { $0.code == "missing-citation" }
        #expect(missing?.severity == .error)
        #expect(missing?.file == file.path)
        #expect(missing?.line == (try Self.line(of: "<rule ", in: file)))
    }

    @Test func seededMissingEnglishPromptIsReportedAtTheQuestion() throws {
        let dir = try Self.copy()
        let file = dir.appendingPathComponent("questions.xml")
        var text = try String(contentsOf: file, encoding: .utf8)
        let question = try #require(text.range(of: "<question input=\"productForm\""))
        let prompt = try #require(text.range(of: "<prompt lang=\"en\">", range: question.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "</prompt>", range: prompt.upperBound..<text.endIndex))
        text.removeSubrange(prompt.lowerBound..<end.upperBound)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let missing = findings(dir).first { $0.code == "missing-translation" && $0.message.contains("'productForm' has no en prompt") }
        #expect(missing?.severity == .error)
        #expect(missing?.file == file.path)
        #expect(missing?.line == (try Self.line(of: "<question input=\"productForm\"", in: file)))
    }

    @Test func seededExpiredRowIsReportedAtTheRule() throws {
        let dir = try Self.copy()
        try Self.write(Self.defectModel(Self.table("FIRST", [
            Self.rule("r_old", "-", "&lt; date(\"2020-04-01\")", "\"old\""),
            Self.rule("r_now", "-", "-", "\"now\""),
        ])), "defect.dmn", in: dir)
        let file = dir.appendingPathComponent("defect.dmn")
        let expired = findings(dir).first { $0.code == "expired" }
        #expect(expired?.file == file.path)
        #expect(expired?.line == (try Self.line(of: "<rule id=\"r_old\"", in: file)))
        #expect(expired?.severity == .warning)
    }

    @Test func unknownCitationIdsAndResearchNotesInReasonsAreReported() throws {
        let dir = try Self.copy()
        let file = dir.appendingPathComponent("schemes.dmn")
        var text = try String(contentsOf: file, encoding: .utf8)
        let cite = try #require(text.range(of: "<annotationEntry><text>pmd-77-2 mhlw-orphan"))
        text.replaceSubrange(cite, with: "<annotationEntry><text>no-such-notice mhlw-orphan")
        let reason = try #require(text.range(of: "Candidate for orphan device designation: a serious disease"))
        text.replaceSubrange(reason, with: "Candidate [brief A5, S14|H] for orphan device designation: a serious disease")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let found = findings(dir)
        #expect(found.contains { $0.code == "unknown-citation" && $0.severity == .error && $0.message.contains("no-such-notice") })
        #expect(found.contains { $0.code == "research-reference" && $0.file == file.path })
    }

    @Test func rowsKeptAsSupersededAreNotReportedAsExpired() throws {
        let dir = try Self.copy()
        let superseded = Self.rule("r_old", "-", "&lt;= date(\"2026-04-30\")", "\"old\"")
            .replacingOccurrences(of: "<rule id=\"r_old\">", with: "<rule id=\"r_old\"><description>superseded: by r_now from 2026-05-01</description>")
        try Self.write(Self.defectModel(Self.table("FIRST", [superseded, Self.rule("r_now", "-", "-", "\"now\"")])),
                       "defect.dmn", in: dir)
        #expect(!findings(dir).contains { $0.code == "expired" })
    }

    @Test func neverMatchingEntryAndHitPolicyMisuseAreErrors() throws {
        let dir = try Self.copy()
        try Self.write(Self.defectModel(Self.table("COLLECT\" aggregation=\"MAX", [Self.rule("r1", "\"hardwear\"")])),
                       "defect.dmn", in: dir)
        let found = findings(dir)
        #expect(found.contains { $0.code == "value-not-allowed" && $0.message.contains("hardwear") })
        #expect(found.contains { $0.code == "never-matches" })
        #expect(found.contains { $0.code == "hit-policy" })
    }

    @Test func sarifNamesRulesAndRelativeLocations() throws {
        let findings = [Finding(.error, "gap", file: "/rules/pathway.dmn", line: 12, "no rule covers x")]
        let text = FindingReport.sarif(findings, base: "/rules", version: "1")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["version"] as? String == "2.1.0")
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "gap")
        let location = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "pathway.dmn")
        #expect((location?["region"] as? [String: Any])?["startLine"] as? Int == 12)
    }
}

@Suite(.serialized) struct RulesMaintenanceTests {
    @Test func uncoveredRowFailsUnlessMarkedUntestable() throws {
        let dir = try RulesCheckerTests.copy()
        try RulesCheckerTests.write(RulesCheckerTests.defectModel(RulesCheckerTests.table("FIRST", [
            RulesCheckerTests.rule("r_never_tested", "-", "&gt;= date(\"2999-01-01\")"),
        ])), "defect.dmn", in: dir)
        let rules = try RuleSet.load(directory: dir.path)
        let runner = ScenarioRunner(rules: rules)
        let coverage = CoverageReport(report: try runner.run(files: runner.scenarioFiles()), model: rules.model)
        #expect(coverage.failingUncovered.map(\.decision) == ["defect"])
        #expect(coverage.text(perRow: false).contains("defect (F): 0/1 rows (0%)"))

        let marked = RulesCheckerTests.defectModel(RulesCheckerTests.table("FIRST", [
            RulesCheckerTests.rule("r_never_tested", "-", "&gt;= date(\"2999-01-01\")").replacingOccurrences(
                of: "<rule id=\"r_never_tested\">", with: "<rule id=\"r_never_tested\"><description>untestable: shown for the test</description>"),
        ]))
        try RulesCheckerTests.write(marked, "defect.dmn", in: dir)
        let again = try RuleSet.load(directory: dir.path)
        let runner2 = ScenarioRunner(rules: again)
        let coverage2 = CoverageReport(report: try runner2.run(files: runner2.scenarioFiles()), model: again.model)
        #expect(coverage2.failingUncovered.isEmpty)
    }

    @Test func diffListsTheOutcomesAChangedRuleMoves() throws {
        let dir = try RulesCheckerTests.copy()
        let file = dir.appendingPathComponent("pathway.dmn")
        let text = try String(contentsOf: file, encoding: .utf8)
        // Encode a hypothetical notice: certified Class II devices go to PMDA instead.
        try text.replacingOccurrences(of: "<text>\"registered-certification-body\"</text>", with: "<text>\"pmda\"</text>")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = RulesDiff(old: try RuleSet.load(directory: Fixtures.bundledRules), new: try RuleSet.load(directory: dir.path)).run()
        #expect(result.changes.contains { $0.scenario == "sample-home-blood-pressure-monitor" && $0.key == "reviewBody"
            && $0.old == "registered-certification-body" && $0.new == "pmda" })
        #expect(!result.changes.contains { $0.key == "deviceClass" })
        #expect(result.unreadable.isEmpty)
    }

    @Test func graphHasEveryDecisionAndRendersBothFormats() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let graph = RulesGraph(rules: rules, language: .en)
        let dot = graph.dot(questions: true)
        #expect(dot.hasPrefix("digraph yakuji {"))
        for decision in rules.model.decisions { #expect(dot.contains("\"d_\(decision.name)\" [label=")) }
        #expect(dot.contains("\"i_productForm\" -> \"d_softwareQualification\""))
        #expect(dot.contains("cluster_questions"))
        let mermaid = graph.mermaid(questions: false)
        #expect(mermaid.hasPrefix("flowchart BT"))
        #expect(mermaid.contains("i_productForm --> d_softwareQualification"))
    }

    @Test func asOfDateReachesRowsWithAValidityPeriod() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/hollow-fibre-dialyser.xml", rules: rules)
        for name in ["usAuthorised", "identicalToApprovedDevice", "approvedDeviceDemandUnmet", "noOtherAppropriateMethod"] {
            answers[name] = .value(.boolean(true))
        }
        answers["seriousDisease"] = .value(.boolean(false))
        let before = Assessor(rules: rules).assess(answers, asOf: "2026-04-30", exploreAlternatives: false)
        let after = Assessor(rules: rules).assess(answers, asOf: "2026-05-01", exploreAlternatives: false)
        #expect(before.value("schemes") == .list([]) || before.value("schemes") == .null)
        #expect(after.value("schemes") == .list([.string("priority-review")]))
        #expect(after.asOf == "2026-05-01")
    }
}
