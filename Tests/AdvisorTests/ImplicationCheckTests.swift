import DecisionModel
import Testing
@testable import Advisor

/// The profile generator's contradiction check against what `assess` refuses, for the answers an implication reads.
@Suite struct ImplicationCheckTests {
    /// Answers by input name; the rest are left empty, as in a generated CSV row.
    struct Case: Sendable {
        var name: String
        var answers: [String: String]
    }

    static let cases: [Case] = [
        // JMDN 13929001 gives a generic name only once needleAttached is answered; either answer gives a class.
        Case(name: "code waiting on needleAttached, no generic name", answers: ["jmdnCode": "13929001", "genericNameExists": "false"]),
        Case(name: "same code, a generic name", answers: ["jmdnCode": "13929001", "genericNameExists": "true"]),
        Case(name: "same code, needle attached, no generic name",
             answers: ["jmdnCode": "13929001", "needleAttached": "true", "genericNameExists": "false"]),
        Case(name: "plain code, no generic name", answers: ["jmdnCode": "44127010", "genericNameExists": "false"]),
        Case(name: "no code, no generic name", answers: ["genericNameExists": "false"]),
        Case(name: "no code, standard but no generic name", answers: ["genericNameExists": "false", "certificationStandardExists": "true"]),
        Case(name: "no code, standard unknown", answers: ["genericNameExists": "false", "certificationStandardExists": "?"]),
        Case(name: "oxygen code waiting on the connection", answers: ["jmdnCode": "12873002", "genericNameExists": "false"]),
        Case(name: "nothing answered", answers: [:]),
    ]

    /// With room for one combination only, the profiles that leave more open are decided by the assessor itself.
    @Test(arguments: [64, 1]) func agreesWithTheAssessor(evaluationLimit: Int) throws {
        for example in Self.cases { try agrees(example, evaluationLimit: evaluationLimit) }
    }

    private func agrees(_ example: Case, evaluationLimit: Int) throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let columns = rules.model.inputs.map(\.name).filter { $0 != Assessor.dateInput }
        let cells = columns.map { example.answers[$0] ?? "" }
        var answers = Answers()
        for name in columns {
            guard let text = example.answers[name] else { continue }
            answers[name] = text == "?" ? .unknown : try AnswersFile.parse(name: name, text: text, unknown: false, rules: rules)
        }
        let refused = !Assessor(rules: rules).assess(answers, asOf: "2026-12-03", absentIsUnknown: true).contradictions.isEmpty
        #expect(ImplicationCheck(rules: rules, evaluationLimit: evaluationLimit).contradicted(columns, cells) == refused,
                "\(example.name)")
    }

    /// The case the check used to miss (6 of 100,000 generated profiles were refused by the batch) is refused.
    @Test func aCodeWaitingOnAnotherAnswerStillContradicts() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let check = ImplicationCheck(rules: rules)
        #expect(check.reads.contains("needleAttached") && check.reads.contains("jmdnCode"))
        #expect(check.contradicted(["jmdnCode", "genericNameExists"], ["13929001", "false"]))
        #expect(!check.contradicted(["jmdnCode", "genericNameExists"], ["13929001", "true"]))
    }
}
