import Synchronization

/// Facts an open evaluation works out from the model alone, kept for the evaluator's life: a batch evaluates the
/// same tables and open inputs for every profile, and a questionnaire after every answer.
final class OpenEvaluatorMemo: Sendable {
    private struct CasesKey: Hashable {
        var input: String
        var nullable: Bool
    }

    private struct ExpressionKey: Hashable {
        /// Names are read as the decision's own expressions read them: the same text is only known to mean the
        /// same within one decision.
        var decision: String
        var source: String
    }

    private let cases = Mutex<[CasesKey: OpenVariable]>([:])
    private let expressions = Mutex<[ExpressionKey: OpenWalker.ExpressionFacts]>([:])

    func openCases(of input: InputData, nullable: Bool, in model: DMNModel) -> OpenVariable {
        let key = CasesKey(input: input.name, nullable: nullable)
        if let known = cases.withLock({ $0[key] }) { return known }
        let found = model.openCases(of: input, nullable: nullable)
        cases.withLock { $0[key] = found }
        return found
    }

    func facts(_ expression: FEELExpression, in decision: String) -> OpenWalker.ExpressionFacts {
        let key = ExpressionKey(decision: decision, source: expression.source)
        if let known = expressions.withLock({ $0[key] }) { return known }
        let found = OpenWalker.ExpressionFacts(expression)
        expressions.withLock { $0[key] = found }
        return found
    }
}
