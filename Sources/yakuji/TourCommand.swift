import Advisor
import ArgumentParser
import Foundation

struct TourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "Walk one assessment decision by decision: the table row that matched and why each other row did not.",
        discussion: """
        SAMPLE is an answer file, a sample's name (home-blood-pressure-monitor) or a scenario id from the rules' \
        tests (as listed after a quiz). On a terminal the tour pauses after each decision (Enter: next, q: stop); \
        otherwise it runs straight through. Exit 0; 2 when SAMPLE cannot be found or read.
        """)

    @Argument(help: "An answer file, a sample name or a scenario id.")
    var sample: String

    @OptionGroup var options: TrainingOptions

    func run() throws {
        let language = options.language
        do {
            let ruleSet = try options.ruleSet()
            let library = FileManager.default.fileExists(atPath: sample) ? nil : CaseLibrary.load(rules: ruleSet)
            library?.warnAboutUnreadableFiles()
            let subject = try TourSession<TerminalConsole>.subject(sample, rules: ruleSet, library: library, language: language)
            var session = TourSession(rules: ruleSet, language: language, display: options.display,
                                      console: TerminalConsole(), pauses: TerminalDisplay.inputIsTerminal)
            _ = session.run(title: subject.title, description: subject.description, answers: subject.answers)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}
