import Advisor
import DecisionModel
import ArgumentParser
import Foundation

struct Jmdn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jmdn",
        abstract: "The JMDN generic names (一般的名称) the rules know: search them, or rebuild the table from a CSV.",
        subcommands: [JmdnSearch.self, JmdnImport.self, JmdnExport.self])
}

struct JmdnSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "List generic names matching a name (Japanese or English) or a code.")

    @Argument(help: "Words to find, e.g. 血圧 or \"blood pressure\" or 44127010.")
    var text: [String]

    @Option(help: "Language: ja or en (default from LANG).")
    var lang: Language?

    @Option(help: "Rules folder (default: $YAKUJI_RULES, else the rules installed with this binary).")
    var rules: String?

    func run() throws {
        let language = lang ?? Language(locale: ProcessInfo.processInfo.environment["LANG"])
        let rulesFolder = try BundledRules.path(rules)
        do {
            let ruleSet = try RuleSet.load(directory: rulesFolder, cache: RulesCache.standard())
            guard let table = LookupTable(rules: ruleSet, input: "jmdnCode") else {
                Terminal.error("these rules have no JMDN lookup table (a question for jmdnCode with lookup=\"…\")")
                throw ExitCode(2)
            }
            let hits = table.search(text.joined(separator: " "))
            for hit in hits {
                for line in JMDNListing.lines(hit, language, rules: ruleSet) { Terminal.output(line) }
            }
            if hits.isEmpty {
                Terminal.write(language == .ja ? "該当する一般的名称はありません（\(table.entries.count) 件中）。"
                                                : "No generic name matches (of \(table.entries.count)).")
                throw ExitCode(1)
            }
        } catch let error as AdvisorError {
            Terminal.error(error.summary())
            throw ExitCode(2)
        }
    }
}

struct JmdnImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Rebuild the JMDN table (jmdn.dmn) from a CSV of generic names.",
        discussion: """
        Columns, found by header (any order): code (一般的名称コード), nameJa (一般的名称), nameEn (英名),
        class (クラス分類: I–IV or 1–4), speciallyMaintained (特定保守管理医療機器), certificationStandard (認証基準),
        approvalStandard (承認基準), source (出典). code, nameJa and class are required. Booleans: 1/0,
        true/false, yes/no, ○/×, 該当/非該当, あり/なし; empty means no; ?, 未確認 or unknown means not
        confirmed. A bad row stops the import and nothing is written. With --scenarios, one scenario test per
        row is written too, so `rules test --fail-uncovered` keeps covering the table.
        """)

    @Argument(help: "The CSV file (UTF-8).")
    var csv: String

    @Option(help: "Where to write the table.")
    var output: String = "Rules/jmdn.dmn"

    @Option(help: "Also write one scenario test per generic name to this file (e.g. Rules/tests/jmdn-rows.xml).")
    var scenarios: String?

    @Option(help: "The answer file those scenarios start from, relative to the scenario file.")
    var scenarioAnswers: String = "../../Samples/home-blood-pressure-monitor.xml"

    func run() throws {
        do {
            guard let text = try? String(contentsOfFile: csv, encoding: .utf8) else {
                throw AdvisorError(file: csv, "cannot read the file as UTF-8 text")
            }
            let entries = try JMDNImport.entries(csv: text, file: csv)
            let date = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let source = (csv as NSString).lastPathComponent
            try write(JMDNImport.dmn(entries, importedFrom: source, on: date), to: output)
            print("\(entries.count) generic names written to \(output)")
            if let scenarios {
                let keeping = Self.familyAnswers(entries, rulesNextTo: output)
                try write(JMDNImport.scenarios(entries, answersHref: scenarioAnswers, importedFrom: source, on: date,
                                               keeping: keeping), to: scenarios)
                print("\(entries.count) scenarios written to \(scenarios)")
            }
        } catch let error as AdvisorError {
            Terminal.error(error.summary())
            throw ExitCode(2)
        }
    }
}

extension JmdnImport {
    /// The family answers read from the rules folder the table was written into; none when that folder is not a
    /// complete rule set (e.g. a table written on its own).
    static func familyAnswers(_ entries: [JMDNImport.Entry], rulesNextTo table: String) -> [String: [(input: String, value: FEELValue)]] {
        let folder = (table as NSString).deletingLastPathComponent
        guard let rules = try? RuleSet.load(directory: folder.isEmpty ? "." : folder) else { return [:] }
        return JMDNImport.keepingAnswers(entries, rules: rules)
    }
}

private func write(_ text: String, to path: String) throws(AdvisorError) {
    do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
        throw AdvisorError(file: path, "cannot write the file: \(error.localizedDescription)")
    }
}

struct JmdnExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the current JMDN table as a CSV in the import format.")

    @Option(help: "Rules folder (default: $YAKUJI_RULES, else the rules installed with this binary).")
    var rules: String?

    func run() throws {
        let rulesFolder = try BundledRules.path(rules)
        do {
            let ruleSet = try RuleSet.load(directory: rulesFolder, cache: RulesCache.standard())
            guard let table = LookupTable(rules: ruleSet, input: "jmdnCode") else {
                Terminal.error("these rules have no JMDN lookup table")
                throw ExitCode(2)
            }
            print(JMDNImport.csv(table), terminator: "")
        } catch let error as AdvisorError {
            Terminal.error(error.summary())
            throw ExitCode(2)
        }
    }
}
