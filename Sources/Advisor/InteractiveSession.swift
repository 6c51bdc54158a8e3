import DecisionModel

/// Where the questionnaire reads and writes: a terminal in the CLI, a script in tests.
public protocol Console {
    /// One line without its newline; nil at end of input (Ctrl-D).
    mutating func readLine(prompt: String) -> String?
    mutating func write(_ text: String)
    /// Whether the user asked to stop (Ctrl-C) while no line was being read, e.g. while the next question was
    /// being worked out: the session then stops before putting it.
    var stopRequested: Bool { get }
}

extension Console {
    public var stopRequested: Bool { false }
}

/// Asks the derived questions one by one; `?`, `back`, `help` and `why` work at every prompt, and the
/// answers are saved after each one so nothing typed is lost.
public struct InteractiveSession<C: Console> {
    public let rules: RuleSet
    public let language: Language
    /// Where answers are saved as they are given; nil to keep them in memory only.
    public internal(set) var savePath: String?
    public var console: C
    /// The as-of date given to the rules (today when nil).
    public var asOf: String?
    /// Ask for the product's name first (the CLI does; scripted sessions usually do not).
    public var asksProductName = false
    /// The longest answer accepted.
    public var limits: InputLimits = .standard

    public init(rules: RuleSet, language: Language, savePath: String?, console: C, asOf: String? = nil) {
        self.rules = rules
        self.language = language
        self.savePath = savePath
        self.console = console
        self.asOf = asOf
    }

    public enum Ending: Sendable, Equatable { case completed, aborted }

    func t(_ id: UIStrings.ID) -> String { UIStrings.text(id, language) }

    public static func savedMessage(_ path: String, _ language: Language) -> String {
        UIStrings.format(.saved, language, path)
    }

    /// Ctrl-C or Ctrl-D: what was answered is saved, and the user is told how to resume.
    private mutating func stop(_ answers: Answers) throws(AdvisorError) -> (answers: Answers, ending: Ending) {
        try save(answers)
        sayStopped()
        return (answers, .aborted)
    }

    private mutating func sayStopped() {
        console.write("\n" + UIStrings.format(.aborted, language, savePath ?? "-", savePath ?? "FILE") + "\n")
    }

    public mutating func run(from start: Answers) throws(AdvisorError) -> (answers: Answers, ending: Ending) {
        var answers = start
        if asksProductName, try !askProductName(&answers) {
            sayStopped()
            return (answers, .aborted)
        }
        let questionnaire = Questionnaire(rules: rules, asOf: asOf)
        var hinted = false
        while let step = questionnaire.next(after: answers) {
            if console.stopRequested { return try stop(answers) }
            if !hinted {
                console.write(t(.commandsHint) + "\n")
                hinted = true
            }
            console.write("\n" + header(step) + "\n" + prompt(step) + "\n")
            var answered = false
            while !answered {
                guard let line = console.readLine(prompt: "> ") else { return try stop(answers) }
                let text = line.trimmingWhitespace()
                switch text.lowercased() {
                case "":
                    continue
                case "?", "？":
                    answers[step.input.name] = .unknown
                    console.write(t(.unknownMarked) + "\n")
                    answered = true
                case "back", "戻る":
                    guard let last = answers.last else {
                        console.write(t(.nothingToGoBack) + "\n")
                        continue
                    }
                    answers[last] = nil
                    console.write(UIStrings.format(.wentBack, language, questionText(last)) + "\n")
                    answered = true
                case "help", "ヘルプ":
                    console.write(help(step) + "\n")
                case "why", "なぜ":
                    console.write(why(step) + "\n")
                default:
                    switch interpret(text, step) {
                    case .success(let value):
                        answers[step.input.name] = .value(value)
                        // An answer that contradicts what earlier answers imply is refused, naming both.
                        if let contradiction = questionnaire.contradictions(in: answers).first {
                            console.write(contradiction.message(answers, rules: rules, language: language) + "\n")
                            answers[step.input.name] = nil
                            continue
                        }
                        answered = true
                        if let note = lookupNote(value, step) { console.write(note + "\n") }
                    case .failure(let message):
                        console.write(message + "\n")
                    }
                }
            }
            try save(answers)
        }
        console.write("\n" + t(.done) + "\n")
        return (answers, .completed)
    }

    private func save(_ answers: Answers) throws(AdvisorError) {
        guard let savePath else { return }
        try AnswersFile.save(answers, to: savePath)
    }

    private func questionText(_ input: String) -> String {
        rules.questions[input]?.prompt.text(language).nonEmpty ?? input
    }

    func header(_ step: Questionnaire.Step) -> String {
        "[\(t(.question)) \(step.number), \(UIStrings.format(.atMostLeft, language, String(step.atMostLeft)))]"
    }

    func prompt(_ step: Questionnaire.Step) -> String {
        var lines = [questionText(step.input.name) + "  (\(step.input.name))"]
        for (i, choice) in (step.choices ?? []).enumerated() {
            lines.append("  \(i + 1)) \(choiceLabel(choice, step))")
        }
        return lines.joined(separator: "\n")
    }

    private func choiceLabel(_ value: String, _ step: Questionnaire.Step) -> String {
        if let label = step.question?.label(for: value, language), !label.isEmpty { return "\(label) [\(value)]" }
        if value == "true" { return "\(t(.yes)) [true]" }
        if value == "false" { return "\(t(.no)) [false]" }
        return value
    }

    func help(_ step: Questionnaire.Step) -> String {
        var lines: [String] = []
        let help = step.question?.help.text(language) ?? ""
        lines.append(help.isEmpty ? t(.helpNone) : help)
        if let question = step.question,
           let source = rules.citations.citation(cite: question.cite.joined(separator: " "), source: question.source, language) {
            lines.append("\(t(.source)): \(source)")
        }
        lines += GlossaryLinks.lines(for: [step.question?.prompt.text(language) ?? "", help], glossary: rules.glossary, language: language)
        return lines.joined(separator: "\n")
    }

    func why(_ step: Questionnaire.Step) -> String {
        var lines = ["\(t(.whyAsked)):"]
        for need in step.neededBy {
            let rows = need.rows.isEmpty ? "" : " (\(t(.rule)) \(need.rows.map(String.init).joined(separator: ", ")))"
            lines.append("  - \(need.decision)\(rows)")
            guard let table = rules.model.decision(named: need.decision)?.decisionTable else { continue }
            for row in need.rows.prefix(3) {
                guard let rule = table.rules.first(where: { $0.row == row }) else { continue }
                let notes = zip(table.annotationNames, rule.annotations)
                let reason = notes.first { $0.0 == language.rawValue }?.1 ?? rule.description ?? ""
                let source = rules.citations.citation(cite: notes.first { $0.0 == "cite" }?.1,
                                                      source: notes.first { $0.0 == "source" }?.1, language)
                if !reason.isEmpty { lines.append("      \(row): \(reason)") }
                if let source { lines.append("         \(t(.source)): \(source)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Confirms a looked-up value, or says plainly that the table does not hold it, since the answer is then
    /// kept but changes nothing.
    func lookupNote(_ value: FEELValue, _ step: Questionnaire.Step) -> String? {
        guard let table = LookupTable(rules: rules, input: step.input.name) else { return nil }
        if let entry = table.entry(for: value.bareText) {
            return UIStrings.format(.lookupFound, language, JMDNListing.lines(entry, language, rules: rules).joined(separator: "\n"))
        }
        return UIStrings.format(.lookupMissing, language, excerpt(value.bareText), String(table.entries.count))
    }

    enum Interpretation { case success(FEELValue), failure(String) }

    /// A number from the list, the value itself, a choice label, or (for yes/no) yes/no/はい/いいえ.
    /// For an input with a lookup table, words search the table instead.
    func interpret(_ text: String, _ step: Questionnaire.Step) -> Interpretation {
        if let why = limits.valueProblem(text) { return .failure(why) }
        if let table = LookupTable(rules: rules, input: step.input.name), !text.allSatisfy(\.isNumber) {
            let hits = table.search(text)
            if hits.isEmpty { return .failure(UIStrings.format(.lookupNone, language, excerpt(text))) }
            let shown = hits.prefix(15).flatMap { JMDNListing.lines($0, language, rules: rules).map { "  " + $0 } }
            let more = hits.count > 15 ? ["  … \(hits.count - 15)"] : []
            return .failure(([UIStrings.text(.lookupPick, language)] + shown + more).joined(separator: "\n"))
        }
        if let choices = step.choices {
            var chosen: String?
            if let index = Int(text), index >= 1, index <= choices.count { chosen = choices[index - 1] }
            if chosen == nil { chosen = choices.first { $0.lowercased() == text.lowercased() } }
            if chosen == nil { chosen = AnswerSpelling.value(for: text, input: step.input, rules: rules) }
            guard let chosen else {
                let allowed = choices.enumerated().map { "\($0.offset + 1)=\(choiceName($0.element, step))" }.joined(separator: ", ")
                return .failure(UIStrings.format(.invalidChoice, language, excerpt(text)) + (language == .ja ? "" : " ")
                                + "\(t(.allowedValues)): \(allowed), ?=\(t(.unknownAnswer))")
            }
            return parse(chosen, step)
        }
        return parse(text, step)
    }

    /// A choice as the user reads it: its label, or yes/no.
    private func choiceName(_ value: String, _ step: Questionnaire.Step) -> String {
        AnswerSpelling.label(value, input: step.input.name, rules: rules, language)
    }

    private func parse(_ text: String, _ step: Questionnaire.Step) -> Interpretation {
        do {
            return .success(try AnswerSpelling.parse(text, input: step.input, rules: rules))
        } catch {
            return .failure(error.message(language, rules: rules))
        }
    }
}
