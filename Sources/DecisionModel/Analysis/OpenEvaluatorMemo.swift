import Synchronization

/// Facts an open evaluation works out from the model alone as it needs them, kept for the evaluator's life: a batch
/// opens the same inputs for every profile, and a questionnaire after every answer.
final class OpenEvaluatorMemo: Sendable {
    private struct CasesKey: Hashable {
        var input: String
        var nullable: Bool
    }

    private let cases = Mutex<[CasesKey: OpenVariable]>([:])
    private let types = Mutex<[Int: ItemDefinition?]>([:])

    /// The item definition of the type of the model's `k`th input (`DMNModel.localItem`), looked up once: each known
    /// answer of every profile is checked against it.
    func inputType(_ k: Int, in model: DMNModel) -> ItemDefinition? {
        if let known = types.withLock({ $0[k] }) { return known }
        let found = model.localItem(model.inputs[k].typeRef)
        types.withLock { $0[k] = .some(found) }
        return found
    }

    func openCases(of input: InputData, nullable: Bool, in model: DMNModel) -> OpenVariable {
        let key = CasesKey(input: input.name, nullable: nullable)
        if let known = cases.withLock({ $0[key] }) { return known }
        let found = model.openCases(of: input, nullable: nullable)
        cases.withLock { $0[key] = found }
        return found
    }
}
