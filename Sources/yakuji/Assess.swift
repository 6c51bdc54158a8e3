import Advisor
import ArgumentParser
import DecisionModel
import Foundation

struct Assess: ParsableCommand {
    static let configuration = {
        var configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "Is it a medical device, which class, which route — from a questionnaire or an answer file.",
            discussion: """
            On a terminal the questions that still matter are asked one by one (? = don't know, back, help, why).
            Answers are saved as they are given, so an interrupted session resumes with --answers.
            Exit 0 done; 1 stopped by the user (answers kept); 2 bad input.
            With --batch, many profiles at once: a folder of answer files, or a CSV file with a header row of input
            names (optional columns id and device; an empty cell or ? is unknown). One JSON line per profile, or an
            error line naming its file or row; exit 0 when every profile was assessed, 1 otherwise, 2 bad input.
            """)
        // Read only when this command is the root of a parse, as in `Yakuji.directParse` (from `yakuji` it is a
        // subcommand): it spares that parse two trial parses for `--generate-completion-script` (~0.9 ms), an
        // option `assess` does not know, so that such a request fails there and `yakuji` parses it as before.
        configuration._superCommandName = "yakuji"
        return configuration
    }()

    @Option(name: .customLong("answers"), help: "An answer file (XML, urn:yakuji:answers:1).")
    var answersFile: String?

    @Option(name: .customLong("set"), help: "An answer, name=value (repeatable); name=? means unknown.")
    var assignments: [String] = []

    @Option(name: .customLong("what-if"), help: ArgumentHelp(
        "Compare with these answers changed, name=value (repeatable); prints what differs (text, json or markdown).",
        valueName: "name=value"))
    var whatIf: [String] = []

    @Option(help: "Where to write the report (default: standard output).")
    var output: String?

    @Option(help: "Author named on the cover of a markdown/html report.")
    var author: String?

    @Option(help: "Applicant named on the cover of a markdown/html report.")
    var applicant: String?

    @Flag(name: .customLong("no-input"), help: "Never ask: unanswered questions count as unknown.")
    var noInput = false

    @Option(help: "Output: text, json, jsonl, markdown or html (default text; jsonl with --batch).")
    var format: ReportFormat?

    @Option(help: "Assess every answer file in a folder, or every row of a CSV file, as JSON lines.")
    var batch: String?

    @Option(help: "Language: ja or en (default from LANG).")
    var lang: Language?

    @Option(name: .customLong("as-of"), help: "Assessment date YYYY-MM-DD (default today).")
    var asOf: String?

    @Option(help: "Rules folder (default: $YAKUJI_RULES, else the rules installed with this binary).")
    var rules: String?

    @Option(help: "Where answers are saved as they are given in a session.")
    var save: String = "yakuji-answers.xml"

    @Flag(help: "Replace the --save file even when it is not an answer file or holds another session's answers.")
    var force = false

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    @Option(help: "Show where a figure of the timeline comes from: its tag (T1…), its key, or all.")
    var why: String?

    func run() throws {
        if let asOf, FEELDate(iso8601: asOf) == nil {
            Terminal.error("--as-of \(asOf): expected a date YYYY-MM-DD")
            throw ExitCode(2)
        }
        // Read once: every read of `ProcessInfo.environment` copies all the variables (~370,000 instructions).
        let environment = ProcessInfo.processInfo.environment
        let language = lang ?? Language(locale: environment["LANG"])
        let rulesFolder = try BundledRules.path(rules, environment: environment)
        if let batch {
            try AssessBatch(source: batch, assignments: assignments, format: format, asOf: asOf, language: language,
                            rules: rules, conflicting: answersFile != nil || why != nil,
                            maxRuleFileBytes: limitOptions.ruleFiles.maxRuleFileSize).run()
            return
        }
        do {
            let ruleSet = try RuleSet.load(directory: rulesFolder, maxFileBytes: limitOptions.ruleFiles.maxRuleFileSize,
                                           cache: RulesCache.standard(environment: environment))
            ProcessLifetime.keep(ruleSet)
            var answers = try answersFile.map { try AnswersFile.load($0, rules: ruleSet, limits: limitOptions.limits) } ?? Answers()
            for assignment in assignments {
                let (name, answer) = try AnswersFile.parseAssignment(assignment, rules: ruleSet, language: language, limits: limitOptions.limits)
                answers[name] = answer
            }
            // Answers that contradict what other answers imply are bad input, named both.
            func refuse(_ contradictions: [Contradiction]) throws {
                guard !contradictions.isEmpty else { return }
                let place = answersFile.map { $0 + ": " } ?? ""
                for contradiction in contradictions {
                    Terminal.error(place + contradiction.message(answers, rules: ruleSet, language: language))
                }
                throw ExitCode(2)
            }
            if !whatIf.isEmpty {
                try showWhatIf(answers, rules: ruleSet, language: language)
                return
            }
            let interactive = !noInput && isatty(STDIN_FILENO) == 1
            if interactive {
                try refuse(Questionnaire(rules: ruleSet, asOf: asOf).contradictions(in: answers))
                var session = InteractiveSession(rules: ruleSet, language: language, savePath: save, console: TerminalConsole(), asOf: asOf)
                session.asksProductName = true
                session.limits = limitOptions.limits
                Interrupts.catchDuringSession()
                defer { Interrupts.restoreDefault() }
                guard let start = try session.prepareSave(start: answers, resumingFrom: answersFile, force: force) else { throw ExitCode(1) }
                let (final, ending) = try session.run(from: start)
                if ending == .aborted { throw ExitCode(1) }
                answers = final
                Terminal.write(InteractiveSession<TerminalConsole>.savedMessage(session.savePath ?? save, language))
            }
            let assessor = Assessor(rules: ruleSet)
            let assessment = assessor.assess(answers, asOf: asOf, absentIsUnknown: !interactive)
            ProcessLifetime.keep(assessor)
            ProcessLifetime.keep(assessment)
            try refuse(assessment.contradictions)
            if let broken = assessment.ruleErrors(model: ruleSet.model) { throw broken }
            if let why {
                try TimelineWhyCommand.show(why, assessment, rules: ruleSet, language: language)
                return
            }
            if format == .json && output == nil {
                let document = AssessmentJSON.document(assessment, language: language, citations: ruleSet.citations)
                // The report's tree (tens of thousands of values with the route open) is freed with the process.
                ProcessLifetime.keep(document)
                Terminal.output(json: AssessmentJSON.renderUTF8(document))
                return
            }
            let meta = ReportMeta(applicant: applicant, author: author)
            let report = ReportFormat.render(assessment, format: format ?? .text, rules: ruleSet, language: language, meta: meta)
            if let output {
                do { try report.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                    throw AdvisorError(file: output, "cannot write the report: \(error.localizedDescription)")
                }
            } else {
                Terminal.output(report, terminator: "")
            }
        } catch let error as AdvisorError {
            Terminal.error(error.summary(limit: limitOptions.maxErrors))
            throw ExitCode(2)
        }
    }
}

extension Assess {
    /// `--what-if`: the answers as given against the same answers with the changes; never asks.
    func showWhatIf(_ answers: Answers, rules ruleSet: RuleSet, language: Language) throws(AdvisorError) {
        var changes: [(String, Answers.Answer)] = []
        for assignment in whatIf {
            do {
                let (name, answer) = try AnswersFile.parseAssignment(assignment, rules: ruleSet)
                changes.append((name, answer))
            } catch {
                var named = error
                for i in named.problems.indices where named.problems[i].file.hasPrefix("--set") {
                    named.problems[i].file = "--what-if" + named.problems[i].file.dropFirst("--set".count)
                }
                throw named
            }
        }
        let diffFormat: DiffFormat
        switch format ?? .text {
        case .json, .jsonl: diffFormat = .json
        case .markdown, .html: diffFormat = .markdown
        case .text: diffFormat = .text
        }
        let pair = Assessor(rules: ruleSet).whatIf(answers, changes: changes, asOf: asOf)
        let diff = AssessmentDiff(pair.before, pair.after)
        let labels: (String, String) = language == .ja ? ("回答どおり", "変更後") : ("as answered", "what if")
        print(diffFormat.render(diff, rules: ruleSet, language: language, labels: labels), terminator: "")
    }
}

enum ReportFormat: String, ChoiceArgument {
    case text, json, jsonl, markdown, html

    static func render(_ a: Assessment, format: ReportFormat, rules: RuleSet, language: Language, meta: ReportMeta = ReportMeta()) -> String {
        switch format {
        case .text: TextReport(rules: rules, language: language).text(a)
        case .markdown: ReportMarkdown.render(ConsultationReport(rules: rules, language: language, meta: meta).document(a))
        case .json: AssessmentJSON.render(a, language: language, citations: rules.citations)
        case .jsonl: AssessmentJSON.document(a, language: language, citations: rules.citations).compact() + "\n"
        case .html: ReportHTML.render(ConsultationReport(rules: rules, language: language, meta: meta).document(a))
        }
    }
}

extension Language: ChoiceArgument {}
