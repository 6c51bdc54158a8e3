import Advisor
import ArgumentParser
import Foundation

/// The options every training command shares: the language, the rules folder and the width to wrap to.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Language: ja or en (default from LANG).")
    var lang: Language?

    @Option(help: "Rules folder (default: the rules bundled with this binary).")
    var rules: String?

    @Option(help: "Wrap to this many columns (default: the terminal's width, else COLUMNS, else 80).")
    var width: Int?

    var language: Language { lang ?? Language(locale: ProcessInfo.processInfo.environment["LANG"]) }

    var display: Display { TerminalDisplay.current(width: width) }

    func ruleSet() throws(AdvisorError) -> RuleSet { try RuleSet.load(directory: BundledRules.folder(rules), cache: RulesCache.standard()) }
}
