import DecisionModel

/// The rows that led to an assessment key: every decision the key rests on, in the order they were decided,
/// with the row that decided each, its reason and its source.
struct RuleTrail: Sendable {
    let rules: RuleSet

    struct Step: Sendable {
        var decision: String
        var hit: DecisionTrace.RuleHit
    }

    func steps(to key: String, in assessment: Assessment) -> [Step] {
        let producers = ContractKeys.producers(in: rules.model, keys: [key])
        let path = Set(DecisionGraph(model: rules.model).upstream(of: producers))
        return assessment.evaluation.traces.filter { path.contains($0.decision) && !Self.isEmpty($0.value) }.flatMap { trace in
            decisive(trace, assessment).map { Step(decision: trace.decision, hit: $0) }
        }
    }

    /// Under COLLECT with an aggregation only the rows giving the aggregate decided it (the highest class).
    func decisive(_ trace: DecisionTrace, _ assessment: Assessment) -> [DecisionTrace.RuleHit] {
        guard let table = rules.model.decision(named: trace.decision)?.decisionTable,
              case .collect(let aggregation?) = table.hitPolicy, aggregation == .max || aggregation == .min else { return trace.rules }
        let scope = FEELScope(assessment.answers.inputValues.merging(assessment.evaluation.values) { $1 })
        let rows = trace.rules.filter { hit in
            table.rules.first { $0.row == hit.row }?.outputEntries.first?.evaluate(scope) == trace.value
        }
        return rows.isEmpty ? trace.rules : rows
    }

    /// A value that says nothing: null, or a context of nulls.
    static func isEmpty(_ value: FEELValue) -> Bool {
        switch value {
        case .null: true
        case .context(let c): c.entries.allSatisfy { $0.value == .null }
        default: false
        }
    }

    /// Each step's reason; the source only under the rows of `cited` decisions (those that gave the value
    /// asked about), so the upstream steps stay one line each.
    func add(_ steps: [Step], citing cited: Set<String>, language: Language, to page: inout Page) {
        for step in steps {
            let reason = step.hit.annotation(language.rawValue) ?? step.hit.description ?? ""
            page.text("\(step.decision) · \(TrainingStrings.text(.row, language)) \(step.hit.row)\(step.hit.id.map { " [\($0)]" } ?? ""): \(reason)",
                      indent: 2, marker: "•")
            if cited.contains(step.decision),
               let source = rules.citations.citation(cite: step.hit.annotation("cite"), source: step.hit.annotation("source"), language) {
                page.text("\(TrainingStrings.text(.source, language)): \(source)", indent: 6, style: .dim)
            }
        }
    }
}
