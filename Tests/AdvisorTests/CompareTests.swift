import Testing
@testable import Advisor

/// The what-if / compare engine and its renderings.
@Suite struct CompareTests {
    static let rules: RuleSet = try! RuleSet.load(directory: Fixtures.bundledRules)

    func sample(_ name: String) throws -> Answers {
        try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(name).xml", rules: Self.rules)
    }

    func whatIf(_ name: String, _ changes: [(String, Answers.Answer)]) throws -> AssessmentDiff {
        let pair = Assessor(rules: Self.rules).whatIf(try sample(name), changes: changes, asOf: "2026-12-03")
        return AssessmentDiff(pair.before, pair.after)
    }

    @Test func clinicalDataFlipsTheCategoryAndMovesTheTimeline() throws {
        let d = try whatIf("hollow-fibre-dialyser", [("clinicalDataNeeded", .value(.boolean(true)))])
        #expect(d.answers == [.init(name: "clinicalDataNeeded", before: .value(.boolean(false)), after: .value(.boolean(true)))])
        let category = d.results.first { $0.key == "reviewCategory" }
        #expect(category?.before == .string("generic-with-approval-standard"))
        #expect(category?.after == .string("improved-with-clinical"))
        #expect(d.unchanged.contains("pathway"))
        #expect(!d.unchanged.contains("reviewCategory"))
        let decision = d.figures.first { $0.figure == "japanDecisionMonths" }
        #expect((decision?.delta?.p50 ?? 0) > 0)
    }

    @Test func sameAnswersGiveAnEmptyDiff() throws {
        let d = try whatIf("home-blood-pressure-monitor", [])
        #expect(d.isEmpty)
        #expect(d.answers.isEmpty)
        #expect(d.unchanged.count == AssessmentDiff.resultKeys.count)
        let text = DiffReport(rules: Self.rules, language: .en, labels: ("A", "B")).text(d)
        #expect(text.contains("No result changes."))
        #expect(text.contains("Unchanged (\(AssessmentDiff.resultKeys.count)): Regulatory category"))
    }

    @Test(arguments: [Language.en, .ja]) func renderingsNameTheFlipInWords(_ language: Language) throws {
        let d = try whatIf("painless-injection-needle", [("conformsToCertificationStandard", .value(.boolean(false)))])
        #expect(d.results.contains { $0.key == "pathway" && $0.before == .string("certification") })
        let report = DiffReport(rules: Self.rules, language: language, labels: ("A", "B"))
        let certification = Self.rules.outcomes.label(key: "pathway", value: "certification", language)
        for rendered in [report.text(d), report.markdown(d)] {
            #expect(rendered.contains(certification))
            // Values are words, never raw rule values.
            #expect(!rendered.contains("registered-certification-body"))
            #expect(!rendered.contains("null"))
        }
        #expect(report.markdown(d).contains("| \(Self.rules.outcomes.label(key: "pathway", language)) | \(certification) |"))
        let json = report.json(d)
        #expect(json["schema"] == .string("yakuji.comparison/1"))
        guard case .array(let changed)? = json["changed"] else { Issue.record("no changed list"); return }
        #expect(changed.contains { $0["key"] == .string("pathway") && $0["a"] == .string("certification") })
    }
}
