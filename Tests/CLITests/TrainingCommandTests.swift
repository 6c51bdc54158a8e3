import Foundation
import Testing

@Suite struct TrainingCommandTests {
    @Test func aTenQuestionQuizPlaysThroughFromAScriptInEnglish() throws {
        let result = try CLI.run(["quiz", "--seed", "2026", "--count", "10", "--lang", "en", "--width", "72"],
                                 stdin: String(repeating: "1\n", count: 10))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Question 1 of 10"))
        #expect(result.stdout.contains("Question 10 of 10"))
        #expect(result.stdout.contains("Score: "))
        #expect(result.stdout.contains("yakuji quiz --seed 2026 --count 10 --lang en"))
        #expect(!result.stdout.contains("\u{1B}"), "no colour into a pipe")
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 72 }, "wrapped to --width")
    }

    @Test func theSameSeedAsksTheSameQuestionsInJapanese() throws {
        let en = try CLI.run(["quiz", "--seed", "5", "--count", "10", "--lang", "en"], stdin: String(repeating: "2\n", count: 10))
        let ja = try CLI.run(["quiz", "--seed", "5", "--count", "10", "--lang", "ja"], stdin: String(repeating: "2\n", count: 10))
        #expect(ja.status == 0, "\(ja.stderr)")
        #expect(ja.stdout.contains("第 10 問（全 10 問）"))
        #expect(ja.stdout.contains("得点: "))
        func ids(_ text: String) -> [Substring] {
            text.split(separator: "\n").compactMap { line in line.range(of: "[quiz-").map { line[$0.lowerBound...] } }
        }
        #expect(ids(en.stdout) == ids(ja.stdout), "same cases in the same order")
        #expect(en.stdout.split(separator: "\n").first { $0.hasPrefix("Score: ") } == en.stdout.split(separator: "\n").first { $0.hasPrefix("Score: ") })
    }

    @Test func aTopicAndBadCounts() throws {
        let change = try CLI.run(["quiz", "--topic", "change", "--count", "3", "--seed", "1", "--lang", "en"], stdin: "q\n")
        #expect(change.status == 0)
        #expect(change.stdout.contains("Which procedure does the change need?"))
        #expect(change.stdout.contains("Stopped (0 answered)."))
        let zero = try CLI.run(["quiz", "--count", "0"])
        #expect(zero.status == 2)
    }

    @Test func explainGlossaryAndTour() throws {
        let explain = try CLI.run(["explain", "certification", "standard", "--lang", "en"])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("認証基準"))
        let unknown = try CLI.run(["explain", "pw_R2"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Did you mean: pw_R2_certification_c2"))
        let glossary = try CLI.run(["glossary", "認証", "--lang", "ja"])
        #expect(glossary.status == 0)
        #expect(glossary.stdout.contains("認証基準 (certification standard)"))
        let none = try CLI.run(["glossary", "zzzz", "--lang", "en"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("No glossary term matches 'zzzz'"))
        let tour = try CLI.run(["tour", "home-blood-pressure-monitor", "--lang", "en"])
        #expect(tour.status == 0, "\(tour.stderr)")
        #expect(tour.stdout.contains("Step 1 of"))
        #expect(tour.stdout.contains("End of the tour."))
        #expect(!tour.stdout.contains("[Enter"), "no pauses without a terminal")
        let missing = try CLI.run(["tour", "no-such-sample"])
        #expect(missing.status == 2)
    }
}
