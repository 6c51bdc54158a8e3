import DecisionModel

/// Rules that contradict themselves for the answers given: a UNIQUE table with several matching rows, or an ANY
/// table whose matching rows disagree. DMN makes this an error, not a quiet null, so it is reported with the
/// table and the rows, and the assessment is not shown as if it were sound.
public enum RuleErrors {
    public static func violations(in evaluation: EvaluationResult, model: DMNModel) -> [DMNProblem] {
        evaluation.violations.map { trace in
            let table = model.decision(named: trace.decision)?.decisionTable
            let rows = trace.rules.map { hit in
                "\(hit.row)\(hit.id.map { " [\($0)]" } ?? "") at line \(hit.location.line)"
            }.joined(separator: ", ")
            let isAny = table?.hitPolicy == .any || trace.hitPolicy == "A"
            let policy = isAny ? "ANY" : "UNIQUE"
            let rule = isAny ? "the matching rows of an ANY table must agree" : "a UNIQUE table may match at most one row"
            return DMNProblem(at: table?.location ?? SourceLocation(file: "?", line: 0),
                              "decision table '\(trace.decision)' (\(policy)): rows \(rows) all match these answers, but \(rule); "
                              + "the rules need fixing (yakuji rules check lists overlapping rows)")
        }
    }
}

extension Assessment {
    /// Hit-policy violations met while assessing; nil when the rules held together.
    public func ruleErrors(model: DMNModel) -> AdvisorError? {
        let problems = RuleErrors.violations(in: evaluation, model: model)
        return problems.isEmpty ? nil : AdvisorError(problems)
    }
}
