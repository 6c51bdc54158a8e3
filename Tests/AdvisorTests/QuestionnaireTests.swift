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

extension Questionnaire.Step: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.input.name == b.input.name && a.number == b.number }
}
