import DecisionModel

/// Plays a quiz: each question shows the case, asks for one value, then shows the right answer (computed
/// from the rules) with the rows that decided it and their sources; a score at the end. On a terminal it
/// waits for Enter between questions; from a script it reads one answer per line and runs on.
public struct QuizSession<C: Console> {
    public let rules: RuleSet
    public let language: Language
    public let display: Display
    public var console: C
    /// Wait for Enter after each explanation (a terminal); a script runs straight on.
    public let pauses: Bool

    public init(rules: RuleSet, language: Language, display: Display, console: C, pauses: Bool) {
        self.rules = rules
        self.language = language
        self.display = display
        self.console = console
        self.pauses = pauses
    }

    public struct Result: Sendable {
        public var asked = 0
        public var correct = 0
        /// Questions answered wrongly or revealed, with what the learner gave.
        public var missed: [(question: QuizQuestion, given: String)] = []
        public var stopped = false
    }

    func t(_ id: TrainingStrings.ID) -> String { TrainingStrings.text(id, language) }

    mutating func show(_ page: Page) { console.write(display.render(page)) }

    public mutating func run(_ questions: [QuizQuestion]) -> Result {
        var result = Result()
        let assessor = Assessor(rules: rules)
        for (number, question) in questions.enumerated() {
            let assessment = assessor.assess(question.scenario.exactAnswers(rules: rules), absentIsUnknown: true, exploreAlternatives: false)
            let choices = QuizChoices(rules: rules, key: question.key)
            console.write("\n")
            show(questionPage(question, number: number + 1, of: questions.count, choices: choices, hint: number == 0))
            var given: String?
            var revealed = false
            while given == nil && !revealed {
                guard let line = console.readLine(prompt: "> ") else {
                    result.stopped = true
                    return finish(result)
                }
                let text = line.trimmingWhitespace()
                switch text.lowercased() {
                case "": continue
                case "q", "quit", "exit", "終了":
                    result.stopped = true
                    return finish(result)
                case "f", "facts", "前提":
                    show(factsPage(question, assessment))
                case "?", "？":
                    revealed = true
                default:
                    if let value = choices.interpret(text) { given = value } else {
                        console.write(TrainingStrings.format(.quizInvalid, language, text, String(choices.values.count)) + "\n")
                    }
                }
            }
            let answer = assessment.value(question.key)
            let right = given == answer.bareText && answer != .null
            result.asked += 1
            if right { result.correct += 1 } else { result.missed.append((question, given ?? "?")) }
            show(answerPage(question, assessment, right: right, revealed: revealed, choices: choices))
            if pauses && number + 1 < questions.count {
                guard let line = console.readLine(prompt: t(.quizNext) + " ") else {
                    result.stopped = true
                    return finish(result)
                }
                if ["q", "quit", "exit", "終了"].contains(line.trimmingWhitespace().lowercased()) {
                    result.stopped = true
                    return finish(result)
                }
            }
        }
        return finish(result)
    }

    /// The title, the session's settings and how to replay it.
    public mutating func intro(topic: QuizTopic?, seed: UInt64, asked: Int, drawn: Int) {
        var page = Page()
        page.heading(t(.quizTitle))
        page.text("\(t(.quizTopic)): \(topic?.title(language) ?? t(.quizAllTopics)) · \(t(.quizSeed)) \(seed) · " + TrainingStrings.format(.quizCount, language, String(drawn)), style: .dim)
        if drawn < asked { page.text(TrainingStrings.format(.quizShortOfCases, language, String(drawn))) }
        show(page)
    }

    /// The command that asks the same questions again.
    public static func replay(topic: QuizTopic?, seed: UInt64, count: Int, language: Language) -> String {
        "yakuji quiz --seed \(seed) --count \(count)" + (topic.map { " --topic \($0.rawValue)" } ?? "") + " --lang \(language.rawValue)"
    }

    func questionPage(_ question: QuizQuestion, number: Int, of total: Int, choices: QuizChoices, hint: Bool) -> Page {
        var page = Page()
        page.blank()
        let topic = QuizDeck.topic(of: question.key).map { " · \($0.title(language))" } ?? ""
        page.heading("── " + TrainingStrings.format(.quizQuestion, language, String(number), String(total)) + topic + " ──")
        page.text(question.scenario.descriptions.text(language))
        page.blank()
        page.text(QuizDeck.ask(question.key).map(t) ?? question.key, style: .emphasis)
        page.table(choices.values.enumerated().map { ["\($0.offset + 1))", choices.label($0.element, language)] }, indent: 2)
        if hint { page.text(t(.quizHint), style: .dim) }
        return page
    }

    /// The answers the case gives that the asked value depends on, as the questionnaire would show them.
    func factsPage(_ question: QuizQuestion, _ assessment: Assessment) -> Page {
        var page = Page()
        page.heading(t(.quizFacts))
        let producers = ContractKeys.producers(in: rules.model, keys: [question.key])
        let feeding = DecisionGraph(model: rules.model).inputs(feeding: producers)
        let report = TextReport(rules: rules, language: language)
        for input in rules.model.inputs where feeding.contains(input.name) {
            guard case .value(let value)? = question.scenario.answers[input.name], value != .null else { continue }
            let prompt = rules.questions[input.name]?.prompt.text(language).nonEmpty ?? input.name
            page.text("\(prompt) → \(report.answerLabel(input.name, value))", indent: 2, marker: "•")
        }
        return page
    }

    func answerPage(_ question: QuizQuestion, _ assessment: Assessment, right: Bool, revealed: Bool, choices: QuizChoices) -> Page {
        var page = Page()
        page.blank()
        let answer = assessment.value(question.key)
        let label = answer == .null ? UIStrings.text(.undetermined, language) : choices.label(answer.bareText, language)
        if revealed { page.text(t(.quizRevealed), style: .dim) }
        else { page.text(right ? "✔ " + t(.quizCorrect) : "✘ " + t(.quizWrong), style: right ? .good : .bad) }
        page.text("\(t(.quizAnswerIs)): \(label)", style: .emphasis)
        page.blank()
        page.text(t(.quizWhy) + ":")
        let trail = RuleTrail(rules: rules)
        trail.add(trail.steps(to: question.key, in: assessment), citing: ContractKeys.producers(in: rules.model, keys: [question.key]),
                  language: language, to: &page)
        if let source = Citations.withoutResearchNotes(question.scenario.source).nonEmpty {
            page.text("\(t(.caseSource)): \(source) [\(question.scenario.id)]", style: .dim)
        }
        return page
    }

    mutating func finish(_ result: Result) -> Result {
        console.write("\n")
        var page = Page()
        page.blank()
        if result.stopped { page.text(TrainingStrings.format(.quizStopped, language, String(result.asked))) }
        let percent = result.asked == 0 ? 0 : (100 * result.correct + result.asked / 2) / result.asked
        page.heading(TrainingStrings.format(.quizScore, language, String(result.correct), String(result.asked)) + " (\(percent)%)")
        if !result.missed.isEmpty {
            page.text(t(.quizMissed) + ":")
            for (question, _) in result.missed {
                let ask = QuizDeck.ask(question.key).map(t) ?? question.key
                page.text("\(question.scenario.id) — \(ask)", indent: 2, marker: "•")
            }
        }
        show(page)
        return result
    }
}
