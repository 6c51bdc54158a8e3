import DecisionModel

/// When answers are unknown, one outcome that remains possible and the answers that lead there. Keyed by contract
/// keys, so more can be attached per outcome (a timeline).
public struct Alternative: Sendable {
    /// Contract key → value, for the keys of its group that differ between the group's alternatives.
    public var outcome: [(key: String, value: FEELValue)]
    /// Each element is one combination of answers that leads here; together they are every way to get here.
    public var when: [[AnswerCondition]]
    /// Keys whose null a matching rule gave on purpose (not applicable), rather than left undetermined.
    public var notApplicable: Set<String> = []
    /// This outcome's own time to a decision, when it differs from the assessment's (or that one is open).
    public var timeline: TimelineEstimate?

    public init(outcome: [(key: String, value: FEELValue)], when: [[AnswerCondition]], notApplicable: Set<String> = []) {
        self.outcome = outcome
        self.when = when
        self.notApplicable = notApplicable
    }

    /// The value of one of its keys, nil when the key is not one that differs.
    public func value(_ key: String) -> FEELValue? { outcome.first { $0.key == key }?.value }
}

/// A value of a list key (a scheme, a consultation) that some still-possible answers lead to.
public struct PossibleItem: Sendable {
    public var value: FEELValue
    public var when: [[AnswerCondition]]
    /// The unknown answers it waits on when it is listed because they are unknown (then `when` is the rest).
    public var whileUnknown: [String] = []
}

/// Reads alternatives off an evaluation over open answers: for each group of keys, the combinations of values the
/// open answers can still give, each with the answers that lead there.
struct AlternativesReader {
    let evaluation: OpenEvaluation
    let sources: [String: (decision: String, path: [String])]
    let writer: ConditionWriter

    init(evaluation: OpenEvaluation, sources: [String: (decision: String, path: [String])], writer: ConditionWriter) {
        self.evaluation = evaluation
        self.sources = sources
        self.writer = writer
    }

    /// Each distinct combination of the keys' values with its condition. Conditions of one key's values are
    /// disjoint, so and-ing them gives exactly the answers under which the combination holds.
    func combinations(_ keys: [String]) -> [(values: [String: Possible], condition: Condition)] {
        var result: [(values: [String: Possible], condition: Condition)] = [([:], .always)]
        for key in keys {
            guard let source = sources[key] else { continue }
            var next: [(values: [String: Possible], condition: Condition)] = []
            for option in evaluation.possible(source.decision, path: source.path) {
                for partial in result {
                    let condition = evaluation.and(partial.condition, option.condition)
                    if condition.isNever { continue }
                    var values = partial.values
                    values[key] = option
                    next.append((values, condition))
                }
            }
            result = next
        }
        return result
    }

    /// The alternatives of one group of keys: empty when every still-possible answer gives the same values.
    func alternatives(_ keys: [String]) -> [Alternative] {
        let found = combinations(keys)
        guard found.count > 1 else { return [] }
        let differing = keys.filter { key in
            Set(found.map { ($0.values[key]?.value).map { $0?.description ?? "?" } ?? "-" }).count > 1
        }
        return found.map { combination in
            let outcome = differing.map { key in (key, (combination.values[key]?.value ?? nil) ?? FEELValue.null) }
            let notApplicable = Set(differing.filter { combination.values[$0]?.value == .null && combination.values[$0]?.ruled == true })
            let decisions = Set(keys.compactMap { sources[$0]?.decision })
            return Alternative(outcome: outcome, when: writer.when(combination.condition, for: decisions), notApplicable: notApplicable)
        }
    }
}
