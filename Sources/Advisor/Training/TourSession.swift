import DecisionModel
import Foundation

/// Walks a tour on a console: one decision at a time, waiting for Enter (q stops) when it may pause.
public struct TourSession<C: Console> {
    public let rules: RuleSet
    public let language: Language
    public let display: Display
    public var console: C
    public let pauses: Bool

    public init(rules: RuleSet, language: Language, display: Display, console: C, pauses: Bool) {
        self.rules = rules
        self.language = language
        self.display = display
        self.console = console
        self.pauses = pauses
    }

    /// Returns false when the learner stopped before the end.
    public mutating func run(title: String, description: String?, answers: Answers) -> Bool {
        let assessment = Assessor(rules: rules).assess(answers, absentIsUnknown: true, exploreAlternatives: false)
        let tour = Tour(rules: rules)
        let steps = tour.steps(assessment)
        var intro = Page()
        intro.heading("\(TrainingStrings.text(.tourTitle, language)) — \(title)")
        if let description { intro.text(description) }
        console.write(display.render(intro))
        for (index, step) in steps.enumerated() {
            console.write("\n" + display.render(tour.page(step, number: index + 1, of: steps.count, assessment: assessment, language: language)))
            if pauses && index + 1 < steps.count {
                guard let line = console.readLine(prompt: TrainingStrings.text(.tourContinue, language) + " "),
                      !["q", "quit", "exit", "終了"].contains(line.trimmingWhitespace().lowercased()) else {
                    console.write(display.render(stopped()))
                    return false
                }
            }
        }
        console.write("\n")
        var end = Page()
        end.heading(TrainingStrings.text(.tourDone, language))
        let report = TextReport(rules: rules, language: language)
        end.table(TextReport.summaryKeys.map { [rules.outcomes.label(key: $0, language), report.summaryLabel($0, assessment)] }, indent: 2)
        console.write(display.render(end))
        return true
    }

    func stopped() -> Page {
        var page = Page()
        page.text(TrainingStrings.text(.tourStopped, language))
        return page
    }

    /// What SAMPLE names: an answer file, a scenario id of the rules' tests, or a sample's name (with or without
    /// `.xml`) in `Samples/` here or beside the rules folder.
    public static func subject(_ name: String, rules: RuleSet, library: CaseLibrary?,
                               language: Language) throws(AdvisorError) -> (title: String, description: String?, answers: Answers) {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: name) {
            let answers = try AnswersFile.load(name, rules: rules)
            return (answers.device ?? (name as NSString).lastPathComponent, nil, answers)
        }
        if let scenario = library?.scenario(id: name) {
            return (scenario.id, scenario.descriptions.text(language).nonEmpty, scenario.answers)
        }
        let file = name.hasSuffix(".xml") ? name : name + ".xml"
        let folders = ["Samples", ((rules.directory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("Samples")]
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent(file)
            if fileManager.fileExists(atPath: path) {
                let answers = try AnswersFile.load(path, rules: rules)
                return (answers.device ?? file, nil, answers)
            }
        }
        throw AdvisorError(file: name, "no such answer file, scenario id or sample (looked in \(folders.joined(separator: ", ")))")
    }
}
