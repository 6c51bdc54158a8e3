/// What a trace shows of one decision under the possible answers.
public struct DecisionTraceParts {
    /// The rows (as written) that can still give the value.
    public var rows: [Int] = []
    /// Each input column with its value when the possible answers leave it one, null otherwise.
    public var inputs: [(name: String, value: FEELValue)] = []
    /// Problems under every possible answer.
    public var problems: [String] = []
    /// A hit-policy violation under every possible answer, with the rows concerned.
    public var violation: (message: String, rows: [Int])?
}

extension OpenEvaluation {
    /// `rows` whose `fires` can hold, the settled value of each of `columns`, the certain `problems` and the first
    /// certain `violations`, read from one lookup of the decision: the trace reads every decision for each profile of
    /// a batch, and listing every value of every column to keep the one it shows cost more than the rest of it.
    public func traceParts(_ decision: String) -> DecisionTraceParts {
        var parts = DecisionTraceParts()
        guard let found = walked(decision) else { return parts }
        let universe = self.universe
        for row in found.rows where diagram.intersects(row.fires, universe) { parts.rows.append(row.row) }
        parts.inputs.reserveCapacity(found.columns.count)
        for column in found.columns {
            parts.inputs.append((column.name, settled(column.values, within: universe)))
        }
        for problem in found.problems where within(problem.condition) == universe { parts.problems.append(problem.message) }
        if let violation = found.violations.first(where: { within($0.condition) == universe }) {
            parts.violation = (violation.message, violation.rows)
        }
        return parts
    }

    /// The one value of `values` that can hold within `universe` when it is determined (not standing in for other
    /// answers, not undetermined), else null: as `OpenFacts.settled` reads `columns`.
    private func settled(_ values: [Possibility], within universe: Node) -> FEELValue {
        var only: Int?
        for k in values.indices where diagram.intersects(values[k].condition, universe) {
            if only != nil { return .null }
            only = k
        }
        guard let k = only, values[k].loose.isEmpty, let value = values[k].value else { return .null }
        if case .string = value, value == OpenWalker.undeterminedField { return .null }
        return value
    }
}
