import DecisionModel

/// Derives the next question from the rules: only inputs that can still change an undecided decision,
/// in decision-graph order.
public struct Questionnaire: Sendable {
    public let rules: RuleSet
    /// The as-of date given to the rules (today when nil).
    public var asOf: String?

    public init(rules: RuleSet, asOf: String? = nil) {
        self.rules = rules
        self.asOf = asOf
    }

    public struct Step: Sendable {
        public var input: InputData
        public var question: Questions.Question?
        /// Allowed values as typed (strings bare); nil for free numbers, dates and text.
        public var choices: [String]?
        /// 1-based number of this question in the session.
        public var number: Int
        /// At most this many questions remain after this one (the relevant inputs only shrink as answers come).
        public var atMostLeft: Int
        /// The decisions and rule rows that still need this answer.
        public var neededBy: [RelevanceAnalysis.Need]
    }

    /// The next question, or nil when no unanswered input can change any decision.
    public func next(after answers: Answers) -> Step? {
        let analysis = RelevanceAnalysis(model: rules.model).analyse(
            known: answers.dated(asOf ?? Today.iso(), rules: rules).inputValues, targets: ContractKeys.producers(in: rules.model))
        let pending = analysis.relevantInputs.filter { answers[$0] == nil }
        guard let name = pending.first, let input = rules.model.input(named: name) else { return nil }
        return Step(input: input, question: rules.questions[name], choices: choices(for: input),
                    number: answers.order.count + 1, atMostLeft: pending.count - 1,
                    neededBy: analysis.neededBy[name] ?? [])
    }

    public func choices(for input: InputData) -> [String]? {
        if rules.model.baseType(of: input.typeRef) == "boolean" { return ["true", "false"] }
        return rules.model.allowedValueTexts(of: input)
    }
}
