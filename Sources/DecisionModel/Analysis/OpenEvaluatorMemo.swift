import Synchronization

/// Facts an open evaluation works out from the model alone as it needs them, kept for the evaluator's life: a batch
/// opens the same inputs for every profile, and a questionnaire after every answer.
final class OpenEvaluatorMemo: Sendable {
    /// By the input's place in question order, twice, null one of the cases or not.
    private let cases = Mutex<[Int: (variable: OpenVariable, distinct: Bool)]>([:])
    private let types = Mutex<[Int: ItemDefinition?]>([:])

    /// The item definition of the type of the model's `k`th input (`DMNModel.localItem`), looked up once: each known
    /// answer of every profile is checked against it.
    func inputType(_ k: Int, in model: DMNModel) -> ItemDefinition? {
        if let known = types.withLock({ $0[k] }) { return known }
        let found = model.localItem(model.inputs[k].typeRef)
        types.withLock { $0[k] = .some(found) }
        return found
    }

    /// The input's cases, and whether no two of them are alike as `OpenWalker.merged` compares the possibilities they
    /// become (the same value, both exact or both not): then those possibilities need no merging.
    /// `place`: the input's place in question order (`OpenEvaluator.inputOrder`).
    func openCases(of input: InputData, at place: Int, nullable: Bool, in model: DMNModel) -> (variable: OpenVariable, distinct: Bool) {
        let key = place << 1 | (nullable ? 1 : 0)
        if let known = cases.withLock({ $0[key] }) { return known }
        let variable = model.openCases(of: input, nullable: nullable)
        let found = (variable, Self.distinct(variable.cases))
        cases.withLock { $0[key] = found }
        return found
    }

    static func distinct(_ cases: [OpenCase]) -> Bool {
        for i in cases.indices {
            for j in cases.indices.prefix(i) where cases[j].isExact == cases[i].isExact && cases[j].value.isSame(as: cases[i].value) {
                return false
            }
        }
        return true
    }
}
