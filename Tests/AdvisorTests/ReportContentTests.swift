import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// What a reader of the report sees for the cases the outside review of the rules found wrong (issue 11).
@Suite struct ReportContentTests {
    static func rules() throws -> RuleSet { try RuleSet.load(directory: Fixtures.bundledRules) }

    static func sample(_ name: String, _ rules: RuleSet) throws -> Answers {
        try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(name).xml", rules: rules)
    }

    static func report(_ answers: Answers, _ rules: RuleSet, asOf: String = "2026-12-03", _ language: Language = .en) -> String {
        let assessment = Assessor(rules: rules).assess(answers, asOf: asOf, exploreAlternatives: false)
        return TextReport(rules: rules, language: language).text(assessment)
    }

    static func nextSteps(of text: String) -> String {
        guard let start = text.range(of: "\nNext steps\n") ?? text.range(of: "\n次にすること\n") else { return "" }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func aGivenJMDNCodeIsNotAskedForAgainInTheNextSteps() throws {
        let rules = try Self.rules()
        var answers = try Self.sample("home-blood-pressure-monitor", rules)
        answers["jmdnCode"] = .value(.string("16173000"))
        let steps = Self.nextSteps(of: Self.report(answers, rules))
        #expect(!steps.isEmpty)
        #expect(!steps.contains("Find the JMDN generic name"))
    }

    @Test func aClassFromASecondarySourceSaysSoInTheSummary() throws {
        let rules = try Self.rules()
        var answers = try Self.sample("home-blood-pressure-monitor", rules)
        answers["jmdnCode"] = .value(.string("13215000"))
        answers["deviceClass"] = nil
        let text = Self.report(answers, rules)
        let line = text.split(separator: "\n").first { $0.contains("How the class was determined") } ?? ""
        #expect(line.contains("From the JMDN generic name — class from a secondary source: confirm it"), "\(line)")
        #expect(!line.contains("authoritative"))
    }

    /// classification.dmn lists the codes whose class rests on a category-level secondary source; the JMDN table
    /// says which those are. The two must agree or a reader gets an unqualified class.
    @Test func theSecondarySourceListMatchesTheJMDNTable() throws {
        let rules = try Self.rules()
        let table = try #require(LookupTable(rules: rules, input: "jmdnCode"))
        let marked = Set(table.entries.filter { ($0.annotation("en") ?? "").contains("category-level secondary source") }.map(\.value))
        let classification = try #require(rules.model.decision(named: "classification")?.decisionTable)
        let column = try #require(classification.inputs.firstIndex { $0.expression.source == "jmdnCode" })
        let listed = Set(classification.rules.filter { $0.id?.hasSuffix("_secondary") == true }
            .flatMap { $0.inputEntries[column].literalValues ?? [] }.map(\.bareText))
        #expect(marked == listed)
    }

    @Test func aRenewalAssessmentShowsTheDeadlinesAndRenewalSteps() throws {
        let rules = try Self.rules()
        var answers = try Self.sample("qms-certificate-renewal", rules)
        answers["qmsCertificateIssuedDate"] = .value(.date(FEELDate(iso8601: "2022-04-01")!))
        let text = Self.report(answers, rules)
        #expect(text.contains("QMS certificate renewal: Renewal application overdue — apply now"))
        #expect(text.contains("Periodic QMS audit: apply by: 2026-10-01"))
        let steps = Self.nextSteps(of: text)
        #expect(steps.contains("File the periodic-audit application now"))
        #expect(!steps.contains("Market-entry route"))
        #expect(!steps.contains("Prepare the approval application"))
    }

    @Test func theBundledRenewalSampleIsFlaggedExpired() throws {
        let rules = try Self.rules()
        let text = Self.report(try Self.sample("qms-certificate-renewal", rules), rules, .ja)
        #expect(text.contains("期限切れ"))
    }

    @Test func jawboneImplantsAreSentAwayFromTeeth() throws {
        let rules = try Self.rules()
        let question = try #require(rules.questions["contactSite"])
        #expect(question.help.text(.en).contains("jawbone"))
        #expect(question.help.text(.ja).contains("顎骨"))
        #expect(question.label(for: "teeth", .en)?.contains("not the jawbone") == true)
    }

    @Test func useResultsEvaluationIsADesignationNotAutomatic() throws {
        let rules = try Self.rules()
        let novelty = try #require(rules.questions["novelty"])
        #expect(!novelty.help.text(.en).contains("are designated for use-results"))
        #expect(novelty.help.text(.en).contains("may designate"))
        let steps = rules.outcomes.keys["reviewCategory"]?.values["new"]?.steps.map { $0.text(.en) } ?? []
        #expect(steps.contains { $0.contains("may designate") })
    }

    /// Item 3: priority review rests on the 2020 notice (amended 2024), not the 2004 one it replaced.
    @Test func priorityReviewCitesTheCurrentNotice() throws {
        let rules = try Self.rules()
        var answers = try Self.sample("hollow-fibre-dialyser", rules)
        answers["seriousDisease"] = .value(.boolean(true))
        answers["noAlternativeOrMarkedlySuperior"] = .value(.boolean(true))
        let text = Self.report(answers, rules)
        let reason = text.split(separator: "\n").drop { !$0.contains("[sc_priority_review]") }.prefix(2).joined(separator: "\n")
        #expect(reason.contains("薬生機審発0831第1号 (2020-08-31, amended 2024-01-16)"), "\(reason)")
        #expect(!text.contains("0227016"))
    }

    /// Item 5: the QMS rows cite PMDA's 2025-10-01 edition of the audit-application 事務連絡.
    @Test func qmsRenewalCitesThe2025PMDANotice() throws {
        let rules = try Self.rules()
        let text = Self.report(try Self.sample("qms-certificate-renewal", rules), rules)
        #expect(text.contains("PMDA notice (2025-10-01) on documents for QMS audit applications"))
        #expect(!text.contains("2014-10-31"))
    }

    /// Item 6: the enteral feeding pump's certification standard is reported but unconfirmed, so the table leaves
    /// the flag open and its reason tells the user why the question is asked.
    @Test func theEnteralPumpStandardIsLeftToTheUser() throws {
        let rules = try Self.rules()
        let table = try #require(LookupTable(rules: rules, input: "jmdnCode"))
        let row = try #require(table.entries.first { $0.value == "13209000" })
        #expect(row.annotation("en")?.contains("経腸栄養用輸液ポンプ等基準") == true)
        #expect(row.annotation("ja")?.contains("認証基準の有無をお尋ねします") == true)
    }

    static var sampleFiles: [String] { RuleContentTests.sampleFiles }

    /// Research notes (brief sections, source grades) stay in the rules; readers get law, notice and page.
    @Test(arguments: sampleFiles)
    func reportsCarryCitationsAndNoResearchNotes(path: String) throws {
        let rules = try Self.rules()
        let assessment = Assessor(rules: rules).assess(try AnswersFile.load(path, rules: rules), asOf: "2026-12-03")
        for language in Language.allCases {
            let report = TextReport(rules: rules, language: language)
            let document = ConsultationReport(rules: rules, language: language).document(assessment)
            for text in [report.text(assessment), ReportMarkdown.render(document), ReportHTML.render(document),
                         AssessmentJSON.render(assessment, language: language, citations: rules.citations)] {
                let noted = text.split(separator: "\n").first { !$0.contains("\"annotation\"") && Citations.hasResearchNote(String($0)) }
                #expect(noted == nil, "\(path) (\(language.rawValue)): \(noted ?? "")")
            }
        }
    }

    @Test func citationsFollowTheReportLanguage() throws {
        let rules = try Self.rules()
        let answers = try Self.sample("hollow-fibre-dialyser", rules)
        let en = Self.report(answers, rules, .en)
        let ja = Self.report(answers, rules, .ja)
        #expect(en.contains("source: PMD Act (薬機法) Art. 23-2-5"))
        #expect(ja.contains("根拠: 薬機法 第23条の2の5（製造販売の承認"))
        #expect(!en.contains("[brief"))
    }
}


extension ReportContentTests {
    @Test func researchNotesLeaveNoFragmentBehind() {
        #expect(Citations.withoutResearchNotes(#"brief §5.5 ("typical total 3–6 months") and A9 [L]"#) == "")
        #expect(Citations.withoutResearchNotes("PMDA 2024 performance report [brief §3.3, S15|H]") == "PMDA 2024 performance report")
        #expect(Citations.withoutResearchNotes("PMD Act Art. 23-2-5 and Art. 23-2-6") == "PMD Act Art. 23-2-5 and Art. 23-2-6")
    }
}
