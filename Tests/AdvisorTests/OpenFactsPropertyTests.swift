import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// Issue 10 item 6: properties that hold for every sample and every scenario.
@Suite struct OpenFactsPropertyTests {
    static let asOf = "2026-11-25"

    /// One scenario in `stride` of each file (jmdn rows: one in 20 × `stride`), so that a debug `swift test` stays
    /// within minutes; `YAKUJI_PROPERTY_STRIDE=1` takes them all.
    static let stride = Int(ProcessInfo.processInfo.environment["YAKUJI_PROPERTY_STRIDE"] ?? "") ?? 8

    /// One sample in `stride / 2`: their questions are put with every unanswered input open, the costliest case.
    static var samples: [String] {
        let step = max(1, stride / 2)
        return RuleContentTests.sampleFiles.enumerated().filter { $0.offset % step == 0 }
            .map { "sample:" + ($0.element as NSString).lastPathComponent }
    }

    /// The sessions: the samples, and with `YAKUJI_PROPERTY_STRIDE=1` the scenarios as well.
    static var sessionCases: [String] { stride == 1 ? cases : samples }

    /// The samples and the scenarios of every scenario file, as named answer sets.
    static var cases: [String] {
        guard let rules = try? RuleContentTests.rules() else { return samples }
        let runner = ScenarioRunner(rules: rules)
        var scenarios: [String] = []
        for file in runner.scenarioFiles() {
            let all = (try? Scenario.load(file, rules: rules)) ?? []
            let step = (file.hasSuffix("jmdn-rows.xml") ? 20 : 1) * max(1, stride)
            for (i, scenario) in all.enumerated() where i % step == 0 {
                scenarios.append("scenario:" + (file as NSString).lastPathComponent + "#" + scenario.id)
            }
        }
        return samples + scenarios
    }

    static func answers(_ name: String, _ rules: RuleSet) throws -> Answers {
        if name.hasPrefix("sample:") { return try AnswersFile.load(Fixtures.sample(String(name.dropFirst(7))), rules: rules) }
        let parts = name.dropFirst(9).split(separator: "#", maxSplits: 1).map(String.init)
        let file = ScenarioRunner(rules: rules).scenarioFiles().first { $0.hasSuffix("/" + parts[0]) }!
        return try Scenario.load(file, rules: rules).first { $0.id == parts[1] }!.answers
    }

    static let headline = ContractKeys.families.flatMap { $0 }

    /// (a) With any one answer unknown, a headline key with one possible value is reported, and one with several
    /// is null and named by the alternatives. (b) No condition names an answer the questionnaire would not ask.
    @Test(arguments: cases)
    func settledKeysAndConditionsForEachSingleUnknown(name: String) throws {
        let rules = try RuleContentTests.rules()
        let stated = try Self.answers(name, rules)
        // A scenario states its inputs exactly (one it leaves out is null); only samples leave inputs open.
        let given = name.hasPrefix("scenario:") ? OpenFactsReferenceTests.closed(stated, rules) : stated
        let questionnaire = Questionnaire(rules: rules, asOf: Self.asOf)
        var asked: [String: Bool] = [:]
        for input in stated.order where stated[input] != .unknown && input != Assessor.dateInput {
            var answers = given
            answers[input] = .unknown
            let a = Assessor(rules: rules).assess(answers, asOf: Self.asOf)
            for key in Self.headline {
                // Null "not applicable" and null "not determined" are two possibilities but one value.
                var possible: [KeyValue] = []
                for p in a.possibleValues[key] ?? [] where !possible.contains(where: { $0.value == p.value }) { possible.append(p) }
                let named = a.alternatives.contains { $0.outcome.contains { $0.key == key } }
                if possible.count > 1 {
                    #expect(a.value(key) == .null && named, "\(name) \(input)=?: \(key) can be \(possible.map { $0.value?.description ?? "?" }) yet reads \(a.value(key))")
                } else if let only = possible.first, let value = only.value {
                    #expect(a.value(key) == value && !named, "\(name) \(input)=?: \(key) is \(value) under every answer yet reads \(a.value(key))")
                }
            }
            let conditioned = Set(a.alternatives.flatMap { $0.when.flatMap { $0.filter { !$0.isResult }.map(\.input) } }
                                  + (a.possibleSchemes + a.possibleConsultations).flatMap { $0.when.flatMap { $0.filter { !$0.isResult }.map(\.input) } })
            for other in conditioned {
                // Asked with the given answers, `other` is asked with fewer of them too (more answers stay
                // possible), so the exact question is put only when that does not settle it.
                var base = given
                base[other] = nil
                let first = asked[other] ?? questionnaire.relevant(after: base).contains(other)
                asked[other] = first
                var pending = answers
                pending[other] = nil
                let relevant = first || questionnaire.relevant(after: pending).contains(other)
                #expect(relevant, "\(name) \(input)=?: a condition names \(other), which the questionnaire would not ask")
            }
        }
    }

    /// Found by the full property run: with `needleAttached` open, a possible consultation read "if … and
    /// certificationStandardExists = yes", a fact the generic name implies and the questionnaire never asks.
    @Test func aConditionNamesTheAskedAnswerNotTheFactItImplies() throws {
        let rules = try RuleContentTests.rules()
        var answers = try Self.answers("sample:needle-syringe-importer.xml", rules)
        answers["needleAttached"] = .unknown
        let a = Assessor(rules: rules).assess(answers, asOf: Self.asOf)
        let conditions = (a.possibleSchemes + a.possibleConsultations).flatMap(\.when) + a.alternatives.flatMap(\.when)
        let named = Set(conditions.flatMap { $0.filter { !$0.isResult }.map(\.input) })
        #expect(!conditions.isEmpty)
        #expect(!named.contains("certificationStandardExists"), "conditions name \(named.sorted())")
        let consultation = a.possibleConsultations.first { $0.value == .string("certification-body-pre-consultation") }
        #expect(consultation?.when.contains { $0.contains { $0.input == "needleAttached" && $0.value == .boolean(true) } } == true)
        let questionnaire = Questionnaire(rules: rules, asOf: Self.asOf)
        for input in named {
            var pending = answers
            pending[input] = nil
            #expect(questionnaire.relevant(after: pending).contains(input), "\(input) is named but never asked")
        }
    }

    /// (c) The final screen of a session equals the `--no-input` run of the answers it saved, and (d) "at most N
    /// left" never grows and is never exceeded. The session answers from the answer set, "?" where it has none.
    @Test(arguments: sessionCases)
    func sessionsEndWhereTheSavedAnswersDo(name: String) throws {
        let rules = try RuleContentTests.rules()
        let given = try Self.answers(name, rules)
        let questionnaire = Questionnaire(rules: rules, asOf: Self.asOf)
        var answers = Answers(device: given.device)
        var bounds: [Int] = []
        while let step = questionnaire.next(after: answers) {
            bounds.append(step.atMostLeft)
            answers[step.input.name] = given[step.input.name] ?? .unknown
            #expect(bounds.count < 200, "\(name): the session does not end")
            if bounds.count >= 200 { return }
        }
        for (i, bound) in bounds.enumerated() {
            #expect(bounds.count - 1 - i <= bound, "\(name): question \(i + 1) promised at most \(bound) more")
            if i > 0 { #expect(bound <= bounds[i - 1] - 1, "\(name): the bound grew at question \(i + 1)") }
        }
        let path = Fixtures.temporaryFile("saved.xml")
        try AnswersFile.save(answers, to: path)
        let saved = try AnswersFile.load(path, rules: rules)
        try? FileManager.default.removeItem(atPath: path)
        let final = Assessor(rules: rules).assess(answers, asOf: Self.asOf, absentIsUnknown: false)
        let rerun = Assessor(rules: rules).assess(saved, asOf: Self.asOf, absentIsUnknown: true)
        #expect(final.unanswered.isEmpty, "\(name): the session ended with \(final.unanswered) still able to change a result")
        for language in Language.allCases {
            let report = TextReport(rules: rules, language: language)
            #expect(report.text(final) == report.text(rerun), "\(name): the final screen differs from the --no-input run of the saved answers")
        }
    }
}
