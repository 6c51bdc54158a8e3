/// Where an open evaluation keeps what each input and each decision can be: inputs by their place in the model,
/// decisions by their place in dependency order. Worked out once per evaluator and shared by its evaluations: the walk
/// reads inputs and decisions by place (a batch profile reads thousands), and only the accessors look a name up.
final class EvaluationSlots: Sendable {
    /// By name; a name given twice is the later one, as a later entry of a table by name replaces an earlier one.
    let inputs: [String: Int]
    let decisions: [String: Int]
    let inputCount: Int
    let decisionCount: Int

    init(_ model: DMNModel) {
        var inputs: [String: Int] = [:]
        for (k, input) in model.inputs.enumerated() { inputs[input.name] = k }
        var decisions: [String: Int] = [:]
        let order = model.decisionsInDependencyOrder
        for (j, decision) in order.enumerated() { decisions[decision.name] = j }
        self.inputs = inputs
        self.decisions = decisions
        inputCount = model.inputs.count
        decisionCount = order.count
    }

    /// Where a decision reads one of the names it may use from.
    enum Source: Sendable, Equatable {
        case input(Int)
        case decision(Int)
        /// Nothing (a required input the model does not have).
        case empty
        /// Null under every answer (a required decision the model does not have).
        case null
    }

    /// A name read as an input (`isDecision` false) or, as the walk reads requirements, as the input of that name if
    /// there is one, else the decision.
    func source(of name: String, isDecision: Bool) -> Source {
        if let k = inputs[name] { return .input(k) }
        guard isDecision else { return .empty }
        return decisions[name].map { .decision($0) } ?? .null
    }
}
