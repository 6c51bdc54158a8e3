import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// The quiz cases: enough of them, in both languages, each with a source, and every answer a case is asked for
/// pinned by its scenario and equal to what the rules compute.
@Suite struct QuizCaseTests {
    static let rules: RuleSet? = try? RuleSet.load(directory: Fixtures.bundledRules)
    static let deck: QuizDeck? = rules.map { QuizDeck(rules: $0, cases: CaseLibrary.load(rules: $0).quizCases) }
    static var caseIDs: [String] { deck?.cases.map(\.id) ?? [] }

    @Test func thereAreAtLeastFortyCasesInBothLanguagesWithSources() throws {
        let deck = try #require(Self.deck)
        #expect(deck.cases.count >= 40)
        for scenario in deck.cases {
            #expect(scenario.descriptions[.ja]?.isEmpty == false && scenario.descriptions[.en]?.isEmpty == false, "\(scenario.id)")
            #expect(!scenario.source.isEmpty, "\(scenario.id): source")
            #expect(!deck.keys(for: scenario, topic: nil).isEmpty, "\(scenario.id) pins nothing the quiz asks")
            #expect(scenario.descriptions[.ja]?.unicodeScalars.contains { $0.value > 0x3000 } == true, "\(scenario.id): Japanese text")
        }
    }

    @Test func everyScenarioFileIsReadable() throws {
        let rules = try #require(Self.rules)
        #expect(CaseLibrary.load(rules: rules).problems.isEmpty)
    }

    @Test func casesComeFromSamplesScenariosAndThePublishedExamples() throws {
        let deck = try #require(Self.deck)
        let sources = deck.cases.map(\.source)
        #expect(sources.filter { $0.contains("Samples/") }.count >= 10)
        #expect(sources.filter { $0.contains("判断事例") || $0.contains("事例データベース") }.count >= 8)
        #expect(sources.filter { $0.contains("jaame.or.jp") }.count >= 3)
    }

    @Test(arguments: caseIDs)
    func answerMatchesTheRules(id: String) throws {
        let deck = try #require(Self.deck)
        let scenario = try #require(deck.cases.first { $0.id == id })
        let assessment = Assessor(rules: deck.rules).assess(scenario.exactAnswers(rules: deck.rules), absentIsUnknown: true,
                                                             exploreAlternatives: false)
        for key in deck.keys(for: scenario, topic: nil) {
            let pinned = try #require(scenario.expectations.first { $0.key == key })
            let computed = assessment.value(key)
            #expect(computed.bareText == pinned.text, "\(id): \(key) is \(computed.bareText), the case expects \(pinned.text)")
            #expect(QuizChoices(rules: deck.rules, key: key).values.contains(computed.bareText), "\(id): \(key) answer is a choice")
        }
    }

    @Test func everyTopicHasQuestions() throws {
        let deck = try #require(Self.deck)
        let counts = Dictionary(uniqueKeysWithValues: QuizTopic.allCases.map { ($0, deck.questions(topic: $0).count) })
        #expect(counts[.samd]! >= 15, "\(counts)")
        #expect(counts[.class]! >= 8, "\(counts)")
        #expect(counts[.route]! >= 15, "\(counts)")
        #expect(counts[.change]! >= 6, "\(counts)")
        #expect(counts[.qms]! >= 4, "\(counts)")
        #expect(counts[.device]! >= 20, "\(counts)")
        for question in deck.questions(topic: .samd) { #expect(QuizDeck.isProgram(question.scenario), "\(question.scenario.id)") }
        for question in deck.questions(topic: .change) { #expect(question.key == "change.procedure") }
    }

    @Test func aSeedDrawsTheSameSessionAndCasesDoNotRepeatWhileTheyLast() throws {
        let deck = try #require(Self.deck)
        let first = deck.draw(topic: nil, count: 10, seed: 42).map { "\($0.scenario.id)/\($0.key)" }
        #expect(first == deck.draw(topic: nil, count: 10, seed: 42).map { "\($0.scenario.id)/\($0.key)" })
        #expect(first != deck.draw(topic: nil, count: 10, seed: 43).map { "\($0.scenario.id)/\($0.key)" })
        #expect(first.count == 10)
        #expect(Set(first.map { $0.split(separator: "/")[0] }).count == 10)
        let qms = deck.draw(topic: .qms, count: 50, seed: 1)
        #expect(qms.count == deck.questions(topic: .qms).count, "a topic with fewer questions asks them all")
        #expect(qms.allSatisfy { $0.key.hasPrefix("qms.") })
    }

    @Test func aSeededShuffleIsAFixedPermutation() {
        var shuffler = SeededRandom(seed: 7), again = SeededRandom(seed: 7)
        let shuffled = shuffler.shuffle(Array(1...20))
        #expect(shuffled.sorted() == Array(1...20) && shuffled != Array(1...20))
        #expect(shuffled == again.shuffle(Array(1...20)))
        #expect((0..<200).allSatisfy { _ in (0..<3).contains(shuffler.below(3)) })
    }
}
