import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// What the graph says about who reads what is worked out once per assessor and shared by its assessments: an
/// assessment must read the same from it as from a fresh one, whatever was asked of it before and from whichever
/// thread.
@Suite struct GraphReadsTests {
    static let rules = Result { try RuleSet.load(directory: Fixtures.bundledRules) }

    /// Open answers that leave routes and schemes open, so the condition writer lets results stand for answers.
    static func profiles(_ rules: RuleSet) throws -> [Answers] {
        var profiles = [Answers()]
        for (sample, unknown) in [("glucose-test-strip.xml", "isIvdReagent"), ("cultured-cell-sheet.xml", "containsProcessedCellsOrGenes"),
                                  ("personal-mobility-aid.xml", "intendedPurpose")] {
            var answers = try AnswersFile.load(Fixtures.sample(sample), rules: rules)
            answers[unknown] = .unknown
            profiles.append(answers)
        }
        return profiles
    }

    static func json(_ assessor: Assessor, _ answers: Answers, _ rules: RuleSet) -> [UInt8] {
        let assessment = assessor.assess(answers, asOf: "2026-12-03", absentIsUnknown: true)
        return AssessmentJSON.document(assessment, language: .en, citations: rules.citations).compactUTF8()
    }

    @Test func sharedReadsWriteWhatFreshOnesWrite() throws {
        let rules = try Self.rules.get()
        let profiles = try Self.profiles(rules)
        let fresh = profiles.map { Self.json(Assessor(rules: rules), $0, rules) }
        // One assessor, its profiles in turn and then in reverse: each reads what the others left in the memo.
        let shared = Assessor(rules: rules)
        #expect(profiles.map { Self.json(shared, $0, rules) } == fresh)
        #expect(profiles.reversed().map { Self.json(shared, $0, rules) } == Array(fresh.reversed()))
    }

    @Test func sharedReadsFromManyThreads() throws {
        let rules = try Self.rules.get()
        let profiles = try Self.profiles(rules)
        let fresh = profiles.map { Self.json(Assessor(rules: rules), $0, rules) }
        let shared = Assessor(rules: rules)
        let count = profiles.count * 3
        let results = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: count)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots[i] = Self.json(shared, profiles[i % profiles.count], rules)
        }
        for i in 0..<count { #expect(results[i] == fresh[i % profiles.count], "profile \(i % profiles.count)") }
    }

    @Test func upstreamReadsAreTheSameRememberedOrNot() throws {
        let rules = try Self.rules.get()
        let sources = OpenFacts.RulesReading(rules).sources
        let reads = GraphReads(model: rules.model, sources: sources)
        let sets: [Set<String>] = [["pathway"], ["qms"], ["pathway", "reviewCategory"], ["schemes"]]
        let first = sets.map { reads.upstream(of: $0, key: $0.sorted().joined(separator: ",")) }
        let again = sets.map { reads.upstream(of: $0, key: $0.sorted().joined(separator: ",")) }
        let other = GraphReads(model: rules.model, sources: sources)
        let fresh = sets.map { other.upstream(of: $0, key: $0.sorted().joined(separator: ",")) }
        func names(_ found: [[(decision: String, fields: [String]?)]]) -> [[String]] {
            found.map { $0.map { "\($0.decision):\($0.fields?.joined(separator: "+") ?? "*")" } }
        }
        #expect(names(again) == names(first))
        #expect(names(fresh) == names(first))
        // The route reads one field of a result upstream of it that the report shows: the class.
        #expect(first[0].contains { $0.decision == "classification" && $0.fields == ["deviceClass"] })
    }
}
