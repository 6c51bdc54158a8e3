import Advisor
import ArgumentParser
import DecisionModel
import Foundation

struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Is it a medical device, which class, which route — from a questionnaire or an answer file.",
        discussion: """
        On a terminal the questions that still matter are asked one by one (? = don't know, back, help, why).
        Answers are saved as they are given, so an interrupted session resumes with --answers.
        Exit 0 done; 1 stopped by the user (answers kept); 2 bad input.
        """)

    @Option(name: .customLong("answers"), help: "An answer file (XML, urn:yakuji:answers:1).")
    var answersFile: String?

    @Option(name: .customLong("set"), help: "An answer, name=value (repeatable); name=? means unknown.")
    var assignments: [String] = []

    @Flag(name: .customLong("no-input"), help: "Never ask: unanswered questions count as unknown.")
    var noInput = false

    @Option(help: "Output: text, json, markdown or html.")
    var format: ReportFormat = .text

    @Option(help: "Language: ja or en (default from LANG).")
    var lang: Language?

    @Option(name: .customLong("as-of"), help: "Assessment date YYYY-MM-DD (default today).")
    var asOf: String?

    @Option(help: "Rules folder (default: the rules bundled with this binary).")
    var rules: String?

    @Option(help: "Where answers are saved as they are given in a session.")
    var save: String = "yakuji-answers.xml"

    @Option(help: "Show where a figure of the timeline comes from: its tag (T1…), its key, or all.")
    var why: String?

    func run() throws {
        if let asOf, FEELDate(iso8601: asOf) == nil {
            Terminal.error("--as-of \(asOf): expected a date YYYY-MM-DD")
            throw ExitCode(2)
        }
        let language = lang ?? Language(locale: ProcessInfo.processInfo.environment["LANG"])
        do {
            let ruleSet = try RuleSet.load(directory: rules ?? BundledRules.path())
            var answers = try answersFile.map { try AnswersFile.load($0, rules: ruleSet) } ?? Answers()
            for assignment in assignments {
                let (name, answer) = try AnswersFile.parseAssignment(assignment, rules: ruleSet)
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
            let interactive = !noInput && isatty(STDIN_FILENO) == 1
            if interactive {
                try refuse(Questionnaire(rules: ruleSet, asOf: asOf).contradictions(in: answers))
                var session = InteractiveSession(rules: ruleSet, language: language, savePath: save, console: TerminalConsole(), asOf: asOf)
                let (final, ending) = try session.run(from: answers)
                if ending == .aborted { throw ExitCode(1) }
                answers = final
                Terminal.write(InteractiveSession<TerminalConsole>.savedMessage(save, language))
            }
            let assessment = Assessor(rules: ruleSet).assess(answers, asOf: asOf, absentIsUnknown: !interactive)
            try refuse(assessment.contradictions)
            if let why {
                try TimelineWhyCommand.show(why, assessment, rules: ruleSet, language: language)
                return
            }
            print(ReportFormat.render(assessment, format: format, rules: ruleSet, language: language), terminator: "")
        } catch let error as AdvisorError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html

    static func render(_ a: Assessment, format: ReportFormat, rules: RuleSet, language: Language) -> String {
        switch format {
        case .text: TextReport(rules: rules, language: language).text(a)
        case .markdown: TextReport(rules: rules, language: language).markdown(a)
        case .json: AssessmentJSON.render(a, language: language, citations: rules.citations)
        case .html: TextReport(rules: rules, language: language).html(a)
        }
    }
}

extension Language: ExpressibleByArgument {}
