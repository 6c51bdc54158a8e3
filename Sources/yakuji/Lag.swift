import Advisor
import ArgumentParser
import DecisionModel
import Foundation

struct Lag: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lag",
        abstract: "Time to a Japanese decision and the lag behind the US/EU, from a few facts (no questionnaire).",
        discussion: """
        The rules choose the stages of the route (Rules/timeline.dmn) and the figure each draws from
        (Rules/benchmarks.xml); a seeded Monte Carlo gives P50/P80 months to the Japanese submission and decision
        and, against the reference market, the lag split into application lag (申請ラグ) and review lag (審査ラグ).
        The same inputs and seed give the same output.

        --route is a route (notification, certification, approval) or a change procedure (e.g.
        partial-change-approval); --category a review category and --scheme a scheme, spelled as in the JSON.
        --set gives the timeline and QMS answers: referenceMarket, referenceRoute, referenceSubmissionDate,
        referenceDecisionDate, japanStrategy, japanClinicalTrial, plannedConsultations, manufacturerLocation,
        holdsValidQmsCertificateSameGroup, sameSitesSameProcesses, deviceClass … An answer left out gets the
        documented default, and the report says so.

        Example — a foreign Class IV new device, filed in Japan after the US PMA approval of 2026-06-30:
          yakuji lag --route approval --category new --set manufacturerLocation=foreign --set deviceClass=4 \\
            --set referenceMarket=us --set referenceRoute=pma --set referenceDecisionDate=2026-06-30 \\
            --set japanStrategy=sequential

        --why T3 (a figure's tag in the report, its key, or all) shows the rule rows that chose each stage and
        every published value of its figure, the used one marked.
        Exit 0 done; 2 bad input.
        """)

    @Option(help: "The route or change procedure (notification, certification, approval, partial-change-approval, …).")
    var route: String

    @Option(help: "The review category, for --route approval (new, improved-with-clinical, improved-without-clinical, generic-with-approval-standard, generic).")
    var category: String?

    @Option(name: .customLong("scheme"), help: "A scheme the device has (repeatable): orphan, sakigake, priority-review, samd-priority-review, …")
    var schemes: [String] = []

    @Option(name: .customLong("set"), help: "A timeline or QMS answer, name=value (repeatable); name=? means unknown.")
    var assignments: [String] = []

    @Option(help: "Seed of the Monte Carlo.")
    var seed: UInt64 = TimelineEstimator.defaultSeed

    @Option(help: "Number of draws (at least 1; 10,000 by default).")
    var draws: Int = TimelineEstimator.defaultDraws

    @Option(help: "Output: text or json (the timeline object of CONTRACT §4).")
    var format: LagFormat = .text

    @Option(help: "Language: ja or en (default from LANG).")
    var lang: Language?

    @Option(name: .customLong("as-of"), help: "As-of date YYYY-MM-DD (default today): the rules' date and the origin of calendar dates.")
    var asOf: String?

    @Option(help: "Rules folder (default: $YAKUJI_RULES, else the rules installed with this binary).")
    var rules: String?

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    @Option(help: "Show where a figure comes from: its tag (T1…), its key, or all.")
    var why: String?

    func run() throws {
        let language = lang ?? Language(locale: ProcessInfo.processInfo.environment["LANG"])
        guard (1...10_000_000).contains(draws) else {
            Terminal.error("--draws \(draws): expected a number from 1 to 10000000")
            throw ExitCode(2)
        }
        if let asOf { _ = try AsOf.parse(asOf) }
        let rulesFolder = try BundledRules.path(rules)
        do {
            let ruleSet = try RuleSet.load(directory: rulesFolder, maxFileBytes: limitOptions.ruleFiles.maxRuleFileSize,
                                           cache: RulesCache.standard())
            ProcessLifetime.keep(ruleSet)
            var query = LagQuery(route: route, category: category)
            query.schemes = schemes
            query.asOf = asOf
            query.draws = draws
            query.seed = seed
            for assignment in assignments {
                let (name, answer) = try AnswersFile.parseAssignment(assignment, rules: ruleSet, language: language, limits: limitOptions.limits)
                query.answers[name] = answer
            }
            let outcome = try query.run(rules: ruleSet)
            let text = TimelineText(rules: ruleSet, language: language)
            if let why {
                guard let shown = text.why(outcome.estimate, why) else {
                    Terminal.error("--why \(why): expected one of \(text.whyChoices(outcome.estimate))")
                    throw ExitCode(2)
                }
                Terminal.output(shown, terminator: "")
                return
            }
            switch format {
            case .json: print(outcome.estimate.json.rendered())
            case .text: Terminal.output(text.lines(outcome.estimate).joined(separator: "\n"))
            }
        } catch let error as AdvisorError {
            Terminal.error(error.summary(limit: limitOptions.maxErrors))
            throw ExitCode(2)
        }
    }
}

enum LagFormat: String, ChoiceArgument {
    case text, json
}

/// `assess --why`: the sources of a figure of the assessment's timeline (or of each alternative's).
enum TimelineWhyCommand {
    static func show(_ selector: String, _ assessment: Assessment, rules: RuleSet, language: Language) throws {
        let text = TimelineText(rules: rules, language: language)
        let estimates = [assessment.timeline].compactMap { $0 } + assessment.alternatives.compactMap(\.timeline)
        guard !estimates.isEmpty else {
            Terminal.error("--why \(selector): this assessment has no timeline (the route is not determined, or has none)")
            throw ExitCode(2)
        }
        let shown = estimates.compactMap { text.why($0, selector) }
        guard !shown.isEmpty else {
            Terminal.error("--why \(selector): expected one of \(text.whyChoices(estimates[0]))")
            throw ExitCode(2)
        }
        Terminal.output(shown.joined(separator: "\n"), terminator: "")
    }
}
