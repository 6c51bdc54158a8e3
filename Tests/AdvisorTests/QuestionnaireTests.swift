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
        #expect(assessment.value("deviceClass") == .number(1))
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

/// "Question N, at most M left" is a promise: M never grows and the questions that follow never exceed it.
@Suite struct QuestionCountTests {
    @Test(arguments: RuleContentTests.sampleFiles)
    func atMostLeftIsAnUpperBoundThatOnlyShrinks(path: String) throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let sample = try AnswersFile.load(path, rules: rules)
        let questionnaire = Questionnaire(rules: rules, asOf: "2026-11-25")
        var answers = Answers()
        var bounds: [Int] = []
        while let step = questionnaire.next(after: answers) {
            bounds.append(step.atMostLeft)
            answers[step.input.name] = sample[step.input.name] ?? .unknown
        }
        #expect(!bounds.isEmpty)
        for (i, bound) in bounds.enumerated() {
            #expect(bounds.count - 1 - i <= bound, "\((path as NSString).lastPathComponent): question \(i + 1) promised at most \(bound) more")
            if i > 0 { #expect(bound <= bounds[i - 1] - 1, "\((path as NSString).lastPathComponent): the bound grew at question \(i + 1)") }
        }
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

    @Test func branchingFollowsOnlyAnswersThatStillMatter() throws {
        let rules = try Fixtures.mini()
        var answers = Answers()
        answers["kind"] = .unknown
        answers["size"] = .unknown
        answers["heavy"] = .value(.boolean(false))
        let found = AlternativesFinder(rules: rules).find(answers)
        // cloud → not a device (size never matters); box/ball → class 1 or 2 by size.
        let paths = found.alternatives.flatMap(\.when)
        #expect(paths.contains { $0.map(\.input) == ["kind"] && $0.first?.value == .string("cloud") })
        #expect(paths.allSatisfy { $0.first?.input == "kind" })
        #expect(found.complete)
        #expect(found.ranking.first?.input == "kind")
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
        #expect(report.contains("  Market-entry route: not determined\n"))
        // The certification outcome needs only the one answer, and its review category is not applicable, not unknown.
        let certification = try #require(assessment.alternatives.first {
            $0.outcome.contains { $0.key == "pathway" && $0.value == .string("certification") }
        })
        #expect(certification.when.map { $0.map(\.input) } == [["certificationStandardExists"]])
        #expect(certification.notApplicable.contains("reviewCategory"))
        #expect(report.contains("Application category (approval): — (not applicable)\n      if certificationStandardExists = yes\n"))
    }

    @Test func pastTheBudgetBranchesAreReportedNotDropped() throws {
        var finder = AlternativesFinder(rules: try Fixtures.mini())
        finder.maximumLeaves = 1
        var answers = Answers()
        answers["kind"] = .unknown
        answers["size"] = .value(.number(3))
        answers["heavy"] = .unknown
        let found = finder.find(answers)
        #expect(!found.complete)
        // Every kind still appears; "ball" was not followed into "heavy", so its class is not determined.
        let kinds = Set(found.alternatives.flatMap(\.when).compactMap { $0.first { $0.input == "kind" }?.value.bareText })
        #expect(kinds == ["box", "ball", "cloud"])
        let ball = try #require(found.alternatives.first { $0.when.contains { $0.count == 1 && $0[0].value == .string("ball") } })
        #expect(ball.outcome.first { $0.key == "deviceClass" }?.value == .null)
        #expect(!ball.notApplicable.contains("deviceClass"))
    }

    @Test func longConditionListsAreCutInTheTextButKeptInJSON() throws {
        let rules = try Fixtures.mini()
        let paths = (1...5).map { [(input: "size", value: FEELValue.number(FEELNumber($0)))] }
        let alternative = Alternative(outcome: [("deviceClass", .number(1))], when: paths)
        let report = TextReport(rules: rules, language: .en)
        #expect(report.conditionText(alternative).hasSuffix("(and 2 more combinations of answers; --format json lists them all)"))
        let one = Alternative(outcome: [("deviceClass", .number(1))], when: Array(paths.prefix(4)))
        #expect(report.moreText(one) == "(and 1 more combination of answers; --format json lists them all)")
        #expect(report.moreText(Alternative(outcome: [], when: Array(paths.prefix(3)))) == nil)
    }

    @Test func conditionsAreMergedWhenTheyCoverEveryValueOfAnAnswer() throws {
        let finder = AlternativesFinder(rules: try Fixtures.mini())
        let box = ("kind", FEELValue.string("box")), ball = ("kind", FEELValue.string("ball"))
        let heavy = ("heavy", FEELValue.boolean(true)), light = ("heavy", FEELValue.boolean(false))
        func names(_ paths: [[(String, FEELValue)]]) -> [[String]] { paths.map { $0.map { "\($0.0)=\($0.1)" } } }
        // heavy takes both its values under kind = box: the condition is kind = box alone.
        #expect(names(finder.simplify([[box, heavy], [box, light], [ball, heavy]])) == [["kind=\"box\""], ["kind=\"ball\"", "heavy=true"]])
        // A more specific path adds nothing to a general one.
        #expect(names(finder.simplify([[box, heavy], [box]])) == [["kind=\"box\""]])
        // Merging repeats: every kind, each with both weights, is no condition at all beyond the empty path.
        let cloud = ("kind", FEELValue.string("cloud"))
        #expect(finder.simplify([[box, heavy], [box, light], [ball, heavy], [ball, light], [cloud, light], [cloud, heavy]]).map(\.count) == [0])
        // Values not all present: nothing merges.
        #expect(finder.simplify([[box, heavy], [ball, heavy]]).count == 2)
    }
}
