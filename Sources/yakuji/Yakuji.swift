import Advisor
import ArgumentParser
import Foundation

@main
struct Yakuji: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yakuji",
        abstract: "Which route a medical device takes through Japan's PMD Act (薬機法), and how long it takes.",
        discussion: """
            Exit 0 done; 1 stopped by the user, a failing test or errors found; 2 bad input (including a bad option).
            The rules, once parsed and validated, are cached in $YAKUJI_CACHE_DIR (default $XDG_CACHE_HOME/yakuji, else \
            ~/.cache/yakuji); YAKUJI_CACHE=off reads them afresh every time.
            """,
        subcommands: [Assess.self, Compare.self, Lag.self, Explain.self, GlossaryCommand.self, QuizCommand.self, TourCommand.self, Jmdn.self, Rules.self, Dmn.self])

    @Flag(help: "Show the version of Yakuji and of the rules it finds.")
    var version = false

    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        let report = VersionReport.current()
        Terminal.output(report.text)
        if let problem = report.problem {
            Terminal.error(problem)
            throw ExitCode(2)
        }
    }

    /// Usage errors (an unknown option, a bad --format) exit 2 like every other bad input, not ArgumentParser's 64.
    static func main() {
        HeapPages.prepare()
        do {
            var command = try directParse(Array(CommandLine.arguments.dropFirst())) ?? parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.write(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

struct Dmn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmn",
        abstract: "Work with any DMN model: run conformance tests, evaluate decisions.",
        subcommands: [DmnTest.self, DmnEval.self])
}
