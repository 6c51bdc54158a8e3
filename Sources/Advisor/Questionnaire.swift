import DecisionModel

/// Derives the next question from the rules: only inputs that can still change a reported result under some
/// still-possible answers, in question order (decision graph, then column order).
public struct Questionnaire: Sendable {
    public let rules: RuleSet
    /// The as-of date given to the rules (today when nil).
    public var asOf: String?
    let evaluator: OpenEvaluator
    /// What each evaluation reads of the rules alone, made once for every question.
    let reading: OpenFacts.RulesReading
    /// Position of each input in the order questions are asked.
    let rank: [String: Int]

    public init(rules: RuleSet, asOf: String? = nil) {
        self.rules = rules
        self.asOf = asOf
        evaluator = OpenEvaluator(model: rules.model)
        let reading = OpenFacts.RulesReading(rules)
        self.reading = reading
        // The decisions behind the reported keys in the contract's order (what it is, its class, its route …), each
        // table's columns in turn: whether a certification standard exists comes before conformity to it.
        let roots = ContractKeys.reported.compactMap { reading.sources[$0]?.decision }
        rank = Dictionary(uniqueKeysWithValues: rules.model.questionOrder(from: roots).enumerated().map { ($1, $0) })
    }

    /// A decision and the rows of its table that still test an answer (for "why is this asked").
    public struct Need: Sendable, Equatable {
        public var decision: String
        public var rows: [Int]
    }

    public struct Step: Sendable {
        public var input: InputData
        public var question: Questions.Question?
        /// Allowed values as typed (strings bare); nil for free numbers, dates and text.
        public var choices: [String]?
        /// 1-based number of this question in the session.
        public var number: Int
        /// At most this many questions remain after this one: the other unanswered inputs that can still change a
        /// result. Answers only ever remove inputs from that set, so the bound never grows.
        public var atMostLeft: Int
        /// The decisions and rule rows that still need this answer.
        public var neededBy: [Need]
    }

    /// Answers still to be given are read as any of their values, or "unknown".
    func evaluate(_ answers: Answers) -> OpenFacts {
        let dated = answers.dated(asOf ?? Today.iso(), rules: rules)
        let pending = Set(rules.model.inputs.map(\.name).filter { dated[$0] == nil })
        return OpenFacts(rules: rules, evaluation: evaluator.evaluate(OpenFacts.states(dated, rules: rules, pending: pending)),
                         reading: reading)
    }

    /// Unanswered inputs that can still change a reported result, in question order.
    public func relevant(after answers: Answers) -> [String] {
        ordered(evaluate(answers).relevantInputs().filter { answers[$0] == nil })
    }

    private func ordered(_ inputs: [String]) -> [String] {
        inputs.enumerated().sorted { a, b in
            (rank[a.element] ?? Int.max, a.offset) < (rank[b.element] ?? Int.max, b.offset)
        }.map(\.element)
    }

    /// The next question, or nil when no unanswered input can change any reported result.
    public func next(after answers: Answers) -> Step? {
        let facts = evaluate(answers)
        let pending = ordered(facts.relevantInputs().filter { answers[$0] == nil })
        guard let name = pending.first, let input = rules.model.input(named: name) else { return nil }
        return Step(input: input, question: rules.questions[name], choices: choices(for: input),
                    number: answers.order.count + 1, atMostLeft: pending.count - 1,
                    neededBy: needs(of: name, in: facts.evaluation))
    }

    /// Answers that contradict what other answers imply.
    public func contradictions(in answers: Answers) -> [Contradiction] {
        evaluate(answers).contradictions
    }

    /// The rows whose match still depends on the input, per decision.
    func needs(of input: String, in evaluation: OpenEvaluation) -> [Need] {
        rules.model.decisionsInDependencyOrder.compactMap { decision in
            let rows = evaluation.rows(decision.name).filter { evaluation.depends($0.matches, on: input) }.map(\.row)
            return rows.isEmpty ? nil : Need(decision: decision.name, rows: rows)
        }
    }

    public func choices(for input: InputData) -> [String]? {
        if rules.model.baseType(of: input.typeRef) == "boolean" { return ["true", "false"] }
        return rules.model.allowedValueTexts(of: input)
    }
}
