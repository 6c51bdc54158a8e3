import DecisionModel

/// `yakuji tour`: an assessment decision by decision, showing for each table the row that matched and, for
/// every other row, the first condition that failed (or why it was not needed).
public struct Tour: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) { self.rules = rules }

    public enum Verdict: Sendable, Equatable {
        case hit
        /// The columns whose condition failed, in column order.
        case miss(columns: [Int])
        /// After the row a FIRST table stopped at.
        case notReached(stoppedAt: Int)
        /// Matched, but the hit policy took another row's value.
        case alsoMatches
    }

    public struct Row: Sendable {
        public var rule: DecisionTable.Rule
        public var verdict: Verdict
    }

    public struct Step: Sendable {
        public var trace: DecisionTrace
        public var table: DecisionTable?
        public var rows: [Row]
    }

    public func steps(_ assessment: Assessment) -> [Step] {
        let scope = FEELScope(assessment.answers.inputValues.merging(assessment.evaluation.values) { $1 })
        let trail = RuleTrail(rules: rules)
        return assessment.evaluation.traces.map { trace in
            guard let table = rules.model.decision(named: trace.decision)?.decisionTable,
                  trace.inputs.count == table.inputs.count else { return Step(trace: trace, table: nil, rows: []) }
            let decisive = Set(trail.decisive(trace, assessment).map(\.row))
            let hits = Set(trace.rules.map(\.row))
            let firstHit = table.hitPolicy == .first ? trace.rules.first?.row : nil
            let rows = table.rules.map { rule -> Row in
                if decisive.contains(rule.row) { return Row(rule: rule, verdict: .hit) }
                if let stop = firstHit, rule.row > stop { return Row(rule: rule, verdict: .notReached(stoppedAt: stop)) }
                let failed = zip(rule.inputEntries, trace.inputs).enumerated().compactMap { index, pair in
                    pair.0.isWildcard || pair.0.matches(pair.1.value, scope: scope) ? nil : index
                }
                // A matching row the hit policy did not take (a lower class under C>, a later row under ANY).
                if failed.isEmpty { return Row(rule: rule, verdict: hits.contains(rule.row) && decisive.isEmpty ? .hit : .alsoMatches) }
                return Row(rule: rule, verdict: .miss(columns: failed))
            }
            return Step(trace: trace, table: table, rows: rows)
        }
    }
}
