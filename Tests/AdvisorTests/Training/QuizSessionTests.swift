import DecisionModel
import Testing
@testable import Advisor

@Suite struct QuizSessionTests {
    static let rules: RuleSet? = try? RuleSet.load(directory: Fixtures.bundledRules)

    func question(_ id: String, _ key: String) throws -> QuizQuestion {
        let rules = try #require(Self.rules)
        let scenario = try #require(CaseLibrary.load(rules: rules).scenario(id: id))
        return QuizQuestion(scenario: scenario, key: key)
    }

    func play(_ questions: [QuizQuestion], _ lines: [String], language: Language = .en,
              pauses: Bool = false) throws -> (QuizSession<ScriptedConsole>.Result, String) {
        var session = QuizSession(rules: try #require(Self.rules), language: language, display: Display(width: 80),
                                  console: ScriptedConsole(lines), pauses: pauses)
        let result = session.run(questions)
        return (result, session.console.transcript)
    }

    @Test func answersByNumberLabelOrRomanNumeralAreScored() throws {
        let questions = [try question("quiz-home-bp-monitor", "pathway"), try question("quiz-home-bp-monitor", "deviceClass"),
                         try question("quiz-wellness-app", "isMedicalDevice")]
        let (result, transcript) = try play(questions, ["2", "II", "はい"])
        #expect(result.asked == 3 && result.correct == 2)
        #expect(result.missed.map(\.question.scenario.id) == ["quiz-wellness-app"])
        #expect(transcript.contains("Which market-entry route does it take?"))
        #expect(transcript.contains("· route ──"))
        #expect(transcript.contains("✔ Correct."))
        #expect(transcript.contains("✘ Not quite."))
        #expect(transcript.contains("The answer: No — not a medical device"))
        #expect(transcript.contains("Score: 2 of 3 (67%)"))
    }

    @Test func theExplanationTracesTheDecidingRowsWithTheirSources() throws {
        let (_, transcript) = try play([try question("quiz-home-bp-monitor", "pathway")], ["1"])
        #expect(transcript.contains("pathway · row"))
        #expect(transcript.contains("[pw_R2_certification_c2]"))
        #expect(transcript.contains("Source: PMD Act (薬機法) Art. 23-2-23"), "the row's citations as the reader sees them")
        #expect(!transcript.contains("[brief"), "research notes stay in the rules")
        #expect(transcript.contains("classification · row"), "the class the route rests on is traced too")
        #expect(transcript.contains("Case source: Samples/home-blood-pressure-monitor.xml"))
    }

    @Test func factsRevealAndWrongInputsDoNotScore() throws {
        let (result, transcript) = try play([try question("quiz-visual-acuity-program", "isMedicalDevice")], ["f", "maybe", "?"])
        #expect(transcript.contains("Facts given"))
        #expect(transcript.contains("Equivalent to a Class I device"))
        #expect(transcript.contains("'maybe' is not one of the choices; type 1–2, f, ? or q."))
        #expect(transcript.contains("Shown without an answer."))
        #expect(result.asked == 1 && result.correct == 0 && result.missed.first?.given == "?")
    }

    @Test func qOrTheEndOfInputStopsWithTheScoreSoFar() throws {
        let questions = [try question("quiz-home-bp-monitor", "pathway"), try question("quiz-wellness-app", "isMedicalDevice")]
        let (stopped, transcript) = try play(questions, ["2", "q"])
        #expect(stopped.stopped && stopped.asked == 1 && stopped.correct == 1)
        #expect(transcript.contains("Stopped (1 answered)."))
        let (ended, _) = try play(questions, ["2"])
        #expect(ended.stopped && ended.asked == 1)
    }

    @Test func onATerminalItWaitsForEnterBetweenQuestions() throws {
        let questions = [try question("quiz-home-bp-monitor", "pathway"), try question("quiz-wellness-app", "isMedicalDevice")]
        let (result, transcript) = try play(questions, ["2", "", "2"], pauses: true)
        #expect(result.asked == 2 && result.correct == 2)
        #expect(transcript.contains("[Enter: next question]"))
        let (early, _) = try play(questions, ["2", "q"], pauses: true)
        #expect(early.asked == 1 && early.stopped)
    }

    @Test func japaneseSession() throws {
        let (result, transcript) = try play([try question("quiz-dialyser-membrane-change", "change.procedure")], ["一部変更承認申請（一変）"],
                                            language: .ja)
        #expect(transcript.contains("この変更に必要な手続はどれですか。"))
        #expect(transcript.contains("理由（判定したルール）"))
        #expect(transcript.contains("得点:"))
        #expect(transcript.contains("膜の素材"))
        #expect(transcript.contains("· 変更手続 (change)"), "the topic is named in Japanese, with the --topic value to type")
        #expect(result.correct == 1, "a Japanese label is accepted as the answer")
    }
}
