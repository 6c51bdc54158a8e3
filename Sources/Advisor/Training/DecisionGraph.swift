import DecisionModel

/// Who feeds whom in the rules' decision requirements graph, by name.
struct DecisionGraph: Sendable {
    let model: DMNModel

    func requiredInputs(of decision: Decision) -> [String] {
        decision.requiredInputs.compactMap { model.input(id: $0.id)?.name }
    }

    func requiredDecisions(of decision: Decision) -> [String] {
        decision.requiredDecisions.compactMap { model.decision(id: $0.id)?.name }
    }

    /// Decisions that read an input directly, in dependency order.
    func users(ofInput name: String) -> [String] {
        model.decisionsInDependencyOrder.filter { requiredInputs(of: $0).contains(name) }.map(\.name)
    }

    /// Decisions that read a decision directly, in dependency order.
    func users(ofDecision name: String) -> [String] {
        model.decisionsInDependencyOrder.filter { requiredDecisions(of: $0).contains(name) }.map(\.name)
    }

    /// The decisions `names` rest on, themselves included, in dependency order.
    func upstream(of names: Set<String>) -> [String] {
        var wanted = names
        var stack = Array(names)
        while let name = stack.popLast() {
            guard let decision = model.decision(named: name) else { continue }
            for upstream in requiredDecisions(of: decision) where wanted.insert(upstream).inserted { stack.append(upstream) }
        }
        return model.decisionsInDependencyOrder.map(\.name).filter { wanted.contains($0) }
    }

    /// The inputs those decisions read.
    func inputs(feeding names: Set<String>) -> Set<String> {
        Set(upstream(of: names).flatMap { model.decision(named: $0).map(requiredInputs(of:)) ?? [] })
    }

    /// A rule by its id, or by `decision:row`.
    func rule(_ reference: String) -> (decision: Decision, rule: DecisionTable.Rule)? {
        for decision in model.decisions {
            if let rule = decision.decisionTable?.rules.first(where: { $0.id == reference }) { return (decision, rule) }
        }
        let parts = reference.split(separator: ":")
        if parts.count == 2, let decision = model.decision(named: String(parts[0])), let row = Int(parts[1]),
           let rule = decision.decisionTable?.rules.first(where: { $0.row == row }) { return (decision, rule) }
        return nil
    }
}

extension DecisionTable.Rule {
    func annotation(_ name: String, in table: DecisionTable) -> String? {
        zip(table.annotationNames, annotations).first { $0.0 == name }?.1.nonEmpty
    }
}

extension FEELValue {
    /// A decision's value for a reader: a context as `name = value` pairs without the empty ones.
    var readable: String {
        guard case .context(let c) = self else { return self == .null ? "null" : bareText }
        let shown = c.entries.filter { $0.value != .null }.map { "\($0.key) = \($0.value.readable)" }
        return shown.isEmpty ? "null" : shown.joined(separator: ", ")
    }
}
