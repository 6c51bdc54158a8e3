import Advisor
import ArgumentParser
import DecisionModel
import Foundation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Which results and timeline figures differ between two answer files.",
        discussion: """
        Both files are assessed without asking (unanswered questions count as unknown). Unchanged results are
        summarised in one line. For one file with a few answers changed use `yakuji assess --answers A.xml --what-if name=value`.
        Example: yakuji compare Samples/hollow-fibre-dialyser.xml my-dialyser.xml --lang en
        Exit 0; 2 bad input.
        """)

    @Argument(help: "The first answer file (A).")
    var first: String

    @Argument(help: "The second answer file (B).")
    var second: String

    @Option(help: "Output: text, json or markdown.")
    var format: DiffFormat = .text

    @Option(help: "Language: ja or en (default from LANG).")
    var lang: Language?

    @Option(name: .customLong("as-of"), help: "Assessment date YYYY-MM-DD (default today).")
    var asOf: String?

    @Option(help: "Rules folder (default: the rules bundled with this binary).")
    var rules: String?

    func run() throws {
        if let asOf, FEELDate(iso8601: asOf) == nil {
            Terminal.error("--as-of \(asOf): expected a date YYYY-MM-DD")
            throw ExitCode(2)
        }
        let language = lang ?? Language(locale: ProcessInfo.processInfo.environment["LANG"])
        do {
            let ruleSet = try RuleSet.load(directory: BundledRules.folder(rules), cache: RulesCache.standard())
            let assessor = Assessor(rules: ruleSet)
            let a = assessor.assess(try AnswersFile.load(first, rules: ruleSet), asOf: asOf, exploreAlternatives: false)
            let b = assessor.assess(try AnswersFile.load(second, rules: ruleSet), asOf: asOf, exploreAlternatives: false)
            let labels = ((first as NSString).lastPathComponent, (second as NSString).lastPathComponent)
            Terminal.output(format.render(AssessmentDiff(a, b), rules: ruleSet, language: language, labels: labels), terminator: "")
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

enum DiffFormat: String, ChoiceArgument {
    case text, json, markdown

    func render(_ diff: AssessmentDiff, rules: RuleSet, language: Language, labels: (String, String)) -> String {
        let report = DiffReport(rules: rules, language: language, labels: (before: labels.0, after: labels.1))
        switch self {
        case .text: return report.text(diff)
        case .markdown: return report.markdown(diff)
        case .json: return report.json(diff).rendered() + "\n"
        }
    }
}
