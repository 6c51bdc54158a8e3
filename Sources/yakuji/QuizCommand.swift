import Advisor
import ArgumentParser
import Foundation

struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Practise: cases from the scenario files and samples; give the class, route or change procedure, then see the rules that decide it.",
        discussion: """
        Each question describes a device in the chosen language and asks for one result; the answer shown is \
        worked out by the rules, with the rows that decided it and their sources. Type the number or the answer; \
        f shows the facts the case gives, ? shows the answer, q stops. With the same --seed (and --count, --topic) \
        every learner gets the same questions. Reads one answer per line when stdin is not a terminal. \
        Exit 0 (also when stopped early); 2 on bad input.
        """)

    @Option(help: "Only questions of this topic: samd, device, class, route, change or qms.")
    var topic: QuizTopic?

    @Option(help: "How many questions.")
    var count: Int = 10

    @Option(help: "Seed for a repeatable session (default: a new one, printed at the end).")
    var seed: UInt64?

    @OptionGroup var options: TrainingOptions

    func run() throws {
        let language = options.language
        guard count >= 1 else {
            Terminal.error("--count \(count): expected at least 1")
            throw ExitCode(2)
        }
        do {
            let ruleSet = try options.ruleSet()
            let library = CaseLibrary.load(rules: ruleSet)
            library.warnAboutUnreadableFiles()
            let deck = QuizDeck(rules: ruleSet, cases: library.quizCases)
            let seed = seed ?? UInt64.random(in: 1...999_999)
            let questions = deck.draw(topic: topic, count: count, seed: seed)
            guard !questions.isEmpty else {
                Terminal.error(TrainingStrings.format(.quizNoCases, language, topic?.rawValue ?? "all"))
                throw ExitCode(2)
            }
            var session = QuizSession(rules: ruleSet, language: language, display: options.display,
                                      console: EchoingConsole(echo: !TerminalDisplay.inputIsTerminal),
                                      pauses: TerminalDisplay.inputIsTerminal)
            session.intro(topic: topic, seed: seed, asked: count, drawn: questions.count)
            _ = session.run(questions)
            print("\(TrainingStrings.text(.quizReplay, language)): "
                  + QuizSession<EchoingConsole>.replay(topic: topic, seed: seed, count: count, language: language))
        } catch let error as AdvisorError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

extension QuizTopic: ChoiceArgument {}
