import Advisor
import ArgumentParser
import Foundation

struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the scenario tests (tests/*.xml) and report coverage per table and per row.",
        discussion: "Exit 1 when a scenario fails, or with --fail-uncovered when a row no scenario hits is not marked untestable (a rule description starting 'untestable:').")

    @OptionGroup var folder: RulesFolder

    @Flag(name: .customLong("fail-uncovered"), help: "Fail when a rule row is hit by no scenario and not marked untestable.")
    var failUncovered = false

    @Flag(name: .customLong("rows"), help: "List every row with whether it is hit.")
    var perRow = false

    func run() throws {
        let directory = try folder.path()
        do {
            let rules = try RuleSet.load(directory: directory, cache: RulesCache.standard())
            let runner = ScenarioRunner(rules: rules)
            let coverage = CoverageReport(report: try runner.run(files: runner.scenarioFiles()), model: rules.model)
            Terminal.output(coverage.text(perRow: perRow), terminator: "")
            if !coverage.report.failures.isEmpty || (failUncovered && !coverage.failingUncovered.isEmpty) { throw ExitCode(1) }
        } catch let error as AdvisorError {
            Terminal.error(error.summary())
            throw ExitCode(2)
        }
    }
}

struct RulesGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "The decision requirements graph (and the question flow) as DOT or Mermaid.")

    @OptionGroup var folder: RulesFolder

    @Option(help: "dot or mermaid.")
    var format: GraphFormat = .dot

    @Flag(help: "Add the order in which the questionnaire asks its questions.")
    var questions = false

    func run() throws {
        let directory = try folder.path()
        do {
            let graph = RulesGraph(rules: try RuleSet.load(directory: directory, cache: RulesCache.standard()), language: .en)
            Terminal.output(format == .dot ? graph.dot(questions: questions) : graph.mermaid(questions: questions), terminator: "")
        } catch {
            Terminal.error(error.summary())
            throw ExitCode(2)
        }
    }
}

enum GraphFormat: String, ChoiceArgument { case dot, mermaid }

struct RulesDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Run all scenarios on two rule sets and list the outcomes that change.")

    @Argument(help: "The old rules folder.")
    var old: String

    @Argument(help: "The new rules folder.")
    var new: String

    func run() throws {
        do {
            let result = RulesDiff(old: try RuleSet.load(directory: old, cache: RulesCache.standard()), new: try RuleSet.load(directory: new, cache: RulesCache.standard())).run()
            Terminal.output(RulesDiff.text(result), terminator: "")
        } catch {
            Terminal.error(error.summary())
            throw ExitCode(2)
        }
    }
}
