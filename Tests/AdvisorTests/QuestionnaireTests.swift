import Foundation
import DecisionModel
import Testing
@testable import Advisor

@Suite struct QuestionnaireTests {
    @Test func asksOnlyWhatCanStillChangeTheOutcome() throws {
        let rules = try Fixtures.mini()
        let questionnaire = Questionnaire(rules: rules)
        let first = try #require(questionnaire.next(after: Answers()))
        #expect(first.input.name == "kind")
        #expect(first.choices == ["box", "ball", "cloud"])
        #expect(first.number == 1)
        // kind, then size and heavy for a device; colour is used by no rule and never asked.
        #expect(first.atMostLeft == 2)

        var cloud = Answers()
        cloud["kind"] = .value(.string("cloud"))
        #expect(questionnaire.next(after: cloud) == nil, "a cloud is not a device: no class questions")

        var box = Answers()
        box["kind"] = .value(.string("box"))
        let second = try #require(questionnaire.next(after: box))
        #expect(second.input.name == "size")
        #expect(second.number == 2)
        #expect(second.atMostLeft == 1)
        #expect(second.neededBy.map(\.decision) == ["classification"])
        #expect(second.neededBy.first?.rows == [2])
    }

    @Test func unknownAnswersAreNotAskedAgainAndBecomeOpenQuestions() throws {
        let rules = try Fixtures.mini()
        var answers = Answers()
        answers["kind"] = .value(.string("ball"))
        answers["size"] = .unknown
        let next = try #require(Questionnaire(rules: rules).next(after: answers))
        #expect(next.input.name == "heavy")
        answers["heavy"] = .value(.boolean(false))
        #expect(Questionnaire(rules: rules).next(after: answers) == nil)
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", absentIsUnknown: false)
        #expect(assessment.openQuestions == ["size"])
        // The size is some number: class 1 or 2, not the 1 that reading it as null would give.
        #expect(assessment.value("deviceClass") == .null)
        #expect(Set(assessment.alternatives.compactMap { $0.value("deviceClass")?.description }) == ["1", "2"])
        #expect(assessment.value("regulatoryCategory") == .string("medical-device"))
    }

    @Test func absentAnswersCountAsUnknownWithoutATerminal() throws {
        let rules = try Fixtures.mini()
        var answers = Answers()
        answers["kind"] = .value(.string("box"))
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", absentIsUnknown: true)
        #expect(Set(assessment.openQuestions) == ["size", "heavy"])
        #expect(assessment.unanswered.isEmpty)
    }
}

extension Questionnaire.Step: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.input.name == b.input.name && a.number == b.number }
}

@Suite struct AlternativesTests {
    @Test func unknownAnswersListEveryStillPossibleOutcomeWithItsConditions() throws {
        let rules = try Fixtures.mini()
        var answers = Answers()
        answers["kind"] = .value(.string("box"))
        answers["size"] = .value(.number(3))
        answers["heavy"] = .unknown
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", absentIsUnknown: false)
        #expect(assessment.openQuestions == ["heavy"])
        #expect(assessment.alternatives.count == 2)
        let byClass = Dictionary(uniqueKeysWithValues: assessment.alternatives.map { alt in
            (alt.outcome.first { $0.key == "deviceClass" }?.value.description ?? "", alt.when.first?.first?.value)
        })
        #expect(byClass["3"] == .boolean(true))
        #expect(byClass["1"] == .boolean(false))
        #expect(assessment.alternatives.allSatisfy { $0.outcome.map(\.key) == ["deviceClass"] })
    }

    @Test func conditionsNameOnlyAnswersThatStillMatter() throws {
        let rules = try Fixtures.mini()
        var answers = Answers()
        answers["kind"] = .unknown
        answers["size"] = .unknown
        answers["heavy"] = .value(.boolean(false))
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", absentIsUnknown: false)
        // cloud → not a device (size never matters); box or ball → class 1 or 2 by size.
        let paths = assessment.alternatives.flatMap(\.when)
        #expect(paths.contains { $0.map(\.input) == ["kind"] && $0.first?.value == .string("cloud") })
        #expect(paths.allSatisfy { $0.first?.input == "kind" || $0.first?.isResult == true })
        let two = try #require(assessment.alternatives.first { $0.value("deviceClass") == .number(2) })
        #expect(two.when.map { $0.map(\.input) } == [["regulatoryCategory", "size"]])
        #expect(two.when.first?.last?.test == "> 10")
        #expect(assessment.openQuestions.first == "kind")
    }

    @Test func derivedUnknownsAreNeitherOpenNorExplored() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/home-blood-pressure-monitor.xml", rules: rules)
        answers["deviceClass"] = .unknown
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", absentIsUnknown: false)
        #expect(!assessment.openQuestions.contains("deviceClass"))
        #expect(assessment.value("deviceClass") == .number(2))
    }

    @Test func threeUnknownsOnARealDeviceGiveTheRouteAlternatives() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/home-blood-pressure-monitor.xml", rules: rules)
        for name in ["certificationStandardExists", "novelty", "clinicalDataNeeded"] { answers[name] = .unknown }
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", absentIsUnknown: false)
        #expect(assessment.openQuestions.first == "certificationStandardExists")
        let routes = Set(assessment.alternatives.compactMap { $0.outcome.first { $0.key == "pathway" }?.value.bareText })
        #expect(routes == ["certification", "approval"])
        let report = TextReport(rules: rules, language: .en).text(assessment)
        #expect(report.contains("Possible outcomes while answers are unknown"))
        #expect(report.contains("if certificationStandardExists = yes"))
        // The route is open, not "not applicable", although a rule gave the null on purpose.
        #expect(report.contains("  Market-entry route: not determined (Certification (製造販売認証) by a registered certification body or Approval"))
        // The certification outcome needs only the one answer, and its review category is not applicable, not unknown.
        let certification = try #require(assessment.alternatives.first {
            $0.outcome.contains { $0.key == "pathway" && $0.value == .string("certification") }
        })
        #expect(certification.when.map { $0.map(\.input) } == [["certificationStandardExists"]])
        #expect(certification.notApplicable.contains("reviewCategory"))
        #expect(report.contains("Application category (approval): — (not applicable)\n      if certificationStandardExists = yes\n"))
    }

    @Test func longConditionListsAreCutInTheTextButKeptInJSON() throws {
        let rules = try Fixtures.mini()
        let paths = (1...5).map { [AnswerCondition(input: "size", value: FEELValue.number(FEELNumber($0)))] }
        let alternative = Alternative(outcome: [("deviceClass", .number(1))], when: paths)
        let report = TextReport(rules: rules, language: .en)
        #expect(report.conditionText(alternative).hasSuffix("(and 2 more combinations of answers; --format json lists them all)"))
        let one = Alternative(outcome: [("deviceClass", .number(1))], when: Array(paths.prefix(4)))
        #expect(report.moreText(one) == "(and 1 more combination of answers; --format json lists them all)")
        #expect(report.moreText(Alternative(outcome: [], when: Array(paths.prefix(3)))) == nil)
    }
}
