import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// The trace written straight to JSON says what the evaluation's trace holds, and rule rows written beforehand for a
/// batch change no byte of it.
@Suite struct TraceJSONTests {
    static let rules = Result { try RuleSet.load(directory: Fixtures.bundledRules) }

    static func assessment(_ rules: RuleSet, _ sample: String?) throws -> Assessment {
        let answers = try sample.map { try AnswersFile.load(Fixtures.sample($0), rules: rules) } ?? Answers()
        return Assessor(rules: rules).assess(answers, asOf: "2026-12-03")
    }

    @Test(arguments: ["glucose-test-strip.xml", "none"]) func rowsWrittenBeforehandWriteTheSameBytes(_ sample: String) throws {
        let rules = try Self.rules.get()
        let a = try Self.assessment(rules, sample == "none" ? nil : sample)
        for language in [Language.en, .ja] {
            let rows = RuleRowsJSON(rules: rules, language: language, citations: rules.citations)
            let plain = AssessmentJSON.document(a, language: language, citations: rules.citations)
            let shared = AssessmentJSON.document(a, language: language, citations: rules.citations, rows: rows)
            #expect(shared.compactUTF8() == plain.compactUTF8())
            #expect(shared.renderedUTF8() == plain.renderedUTF8())
        }
        // Rows of another language are not used.
        let english = RuleRowsJSON(rules: rules, language: .en, citations: rules.citations)
        #expect(AssessmentJSON.document(a, language: .ja, citations: rules.citations, rows: english).compactUTF8()
                == AssessmentJSON.document(a, language: .ja, citations: rules.citations).compactUTF8())
    }

    @Test func traceEntriesNameTheEvaluationsRowsInputsAndOpenAnswers() throws {
        let rules = try Self.rules.get()
        let a = try Self.assessment(rules, nil)
        let text = AssessmentJSON.render(a, language: .en, citations: rules.citations)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let trace = try #require(document["trace"] as? [[String: Any]])
        #expect(trace.count == a.evaluation.traces.count)
        for (entry, t) in zip(trace, a.evaluation.traces) {
            #expect(entry["decision"] as? String == t.decision)
            #expect((entry["hitPolicy"] as? String) == t.hitPolicy)
            let rows = try #require(entry["rules"] as? [[String: Any]])
            #expect(rows.map { $0["row"] as? Int } == t.rules.map(\.row))
            #expect(rows.map { $0["id"] as? String } == t.rules.map(\.id))
            let inputs = try #require(entry["inputs"] as? [String: Any])
            #expect(Set(inputs.keys) == Set(t.inputs.map(\.name)))
            #expect((entry["dependsOn"] as? [String]) == a.openness[t.decision]?.dependsOn)
            #expect((entry["independentOf"] as? [String]) == a.openness[t.decision]?.independentOf)
        }
        #expect(trace.contains { !($0["rules"] as? [Any] ?? []).isEmpty })
        #expect(trace.contains { $0["dependsOn"] != nil })
    }

    /// The open answers are written from their names quoted once; a list changed afterwards is written as changed.
    @Test func openAnswersAreWrittenAsTheListsSay() throws {
        let rules = try Self.rules.get()
        var a = try Self.assessment(rules, nil)
        let fed = try #require(a.evaluation.traces.first { a.openness[$0.decision].map { !$0.dependsOn.isEmpty } ?? false })
        let before = try #require(a.openness[fed.decision])
        #expect(before.placed != nil)
        a.openness[fed.decision]?.dependsOn = ["changed \"name\""]
        #expect(a.openness[fed.decision]?.placed == nil)
        let text = AssessmentJSON.render(a, language: .en, citations: rules.citations)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let entry = try #require((document["trace"] as? [[String: Any]])?.first { $0["decision"] as? String == fed.decision })
        #expect(entry["dependsOn"] as? [String] == ["changed \"name\""])
        #expect(entry["independentOf"] as? [String] == before.independentOf)
    }
}
