import Advisor
import ArgumentParser
import DecisionModel
import Foundation

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Tools for rule maintainers: check, test with coverage, graph, diff.",
        subcommands: [RulesCheck.self, RulesTestCommand.self, RulesGraphCommand.self, RulesDiffCommand.self])
}

/// The rules folder argument shared by the rules commands.
struct RulesFolder: ParsableArguments {
    @Argument(help: "The rules folder (default: $YAKUJI_RULES, else the rules installed with this binary).")
    var directory: String?

    func path() throws -> String { try BundledRules.path(directory) }
}

struct RulesCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Schema, model, table and regulatory checks. Exit 1 on errors, 0 with only warnings.")

    @OptionGroup var folder: RulesFolder

    @Option(help: "Output: text, json or sarif.")
    var format: CheckFormat = .text

    @Option(name: .customLong("as-of"), help: "Report rows expired before this date (default today).")
    var asOf: String?

    @OptionGroup var ruleFiles: RuleFileLimit

    @Option(name: .customLong("max-errors"),
            help: "Print at most this many findings, then how many more there are by code; list at most this many overlapping pairs of rows per table in every format (the rest are counted).")
    var maxErrors = InputLimits.defaultMaxErrors

    func validate() throws {
        try ruleFiles.validate()
        if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
    }

    func run() throws {
        let date = try AsOf.parse(asOf)
        let directory = try folder.path()
        if let problem = RulesLocation.problem(with: directory) {
            Terminal.error("\(directory): error: \(problem)")
            throw ExitCode(2)
        }
        var checker = RulesChecker(directory: directory, asOf: date)
        checker.maxFileBytes = ruleFiles.maxRuleFileSize
        checker.maxListedOverlaps = maxErrors
        let findings = checker.check()
        switch format {
        case .text: Terminal.output(FindingReport.text(findings, limit: maxErrors), terminator: "")
        case .json: print(FindingReport.json(findings), terminator: "")
        case .sarif: print(FindingReport.sarif(findings, base: directory, version: "1"), terminator: "")
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

enum CheckFormat: String, ChoiceArgument { case text, json, sarif }

enum AsOf {
    static func parse(_ text: String?) throws -> FEELDate {
        guard let text else { return FEELDate(iso8601: Today.iso())! }
        // Bad input exits 2 like every other command, not the parser's usage code 64.
        guard let date = FEELDate(iso8601: text) else {
            Terminal.error("--as-of \(text): expected a date YYYY-MM-DD")
            throw ExitCode(2)
        }
        return date
    }
}
