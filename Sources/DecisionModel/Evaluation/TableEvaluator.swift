/// DMN decision-table semantics: match every rule, then apply the hit policy.
struct TableEvaluator {
    let table: DecisionTable
    let model: DMNModel

    private struct Hit {
        let rule: DecisionTable.Rule
        let outputs: [FEELValue]
    }

    func evaluate(named name: String, scope: FEELScope) -> DecisionTrace {
        var trace = DecisionTrace(decision: name, hitPolicy: table.hitPolicy.description)
        var inputValues: [FEELValue] = []
        var feelProblems: [FEELError] = []
        for input in table.inputs {
            let value = input.expression.evaluate(scope, problems: &feelProblems)
            inputValues.append(value)
            trace.inputs.append((input.expression.source, value))
            if let allowed = input.inputValues, value != .null, !allowed.matches(value, scope: scope) {
                trace.problems.append("input \(input.title) = \(value) is not one of its input values \(allowed.source)")
            }
        }
        trace.problems += feelProblems.map(\.description)
        if !trace.problems.isEmpty { return trace }

        var hits: [Hit] = []
        // By index: iterating the rules by value would copy every row (a retain per field) just to test it.
        for index in table.rules.indices where matches(table.rules[index].inputEntries, inputValues, scope) {
            let rule = table.rules[index]
            var problems: [FEELError] = []
            let outputs = rule.outputEntries.map { $0.evaluate(scope, problems: &problems) }
            trace.problems += problems.map { "rule \(rule.row): \($0)" }
            for (output, value) in zip(table.outputs, outputs) {
                if let allowed = output.outputValues, value != .null, !allowed.matches(value, scope: scope) {
                    trace.problems.append("rule \(rule.row): output \(output.name ?? "") = \(value) is not one of its output values \(allowed.source)")
                }
            }
            hits.append(Hit(rule: rule, outputs: outputs))
        }
        let (selected, value, problem) = apply(hits, scope: scope)
        if let problem {
            trace.problems.append(problem)
            trace.violation = problem
        }
        trace.value = value
        trace.rules = selected.map { hit in
            DecisionTrace.RuleHit(
                id: hit.rule.id, row: hit.rule.row,
                annotations: zip(table.annotationNames, hit.rule.annotations).map { (name: $0, text: $1) },
                description: hit.rule.description, location: hit.rule.location)
        }
        return trace
    }

    private func matches(_ tests: [FEELUnaryTests], _ values: [FEELValue], _ scope: FEELScope) -> Bool {
        for index in 0..<min(tests.count, values.count) where !tests[index].isWildcard {
            if !tests[index].matches(values[index], scope: scope) { return false }
        }
        return true
    }

    /// The value of one hit: the single output, or a context of all outputs by name.
    private func result(_ outputs: [FEELValue]) -> FEELValue {
        if table.outputs.count == 1 { return outputs.first ?? .null }
        return .context(FEELContext(zip(table.outputs, outputs).map { ($0.name ?? "", $1) }))
    }

    private func defaultResult(scope: FEELScope) -> FEELValue {
        guard table.outputs.contains(where: { $0.defaultOutputEntry != nil }) else { return .null }
        return result(table.outputs.map { $0.defaultOutputEntry?.evaluate(scope) ?? .null })
    }

    /// Output priority of a hit: the position of each output in its outputValues list (smaller is higher).
    private func priority(_ hit: Hit, scope: FEELScope) -> [Int] {
        zip(table.outputs, hit.outputs).map { output, value in
            guard let values = output.outputValues?.literalValues else { return 0 }
            return values.firstIndex(of: value) ?? values.count
        }
    }

    private func apply(_ hits: [Hit], scope: FEELScope) -> (selected: [Hit], value: FEELValue, problem: String?) {
        if hits.isEmpty { return ([], defaultResult(scope: scope), nil) }
        switch table.hitPolicy {
        case .unique:
            if hits.count > 1 {
                return (hits, .null, "UNIQUE hit policy violated: rules \(hits.map { String($0.rule.row) }.joined(separator: ", ")) all match")
            }
            return (hits, result(hits[0].outputs), nil)
        case .any:
            if hits.contains(where: { $0.outputs != hits[0].outputs }) {
                return (hits, .null, "ANY hit policy violated: rules \(hits.map { String($0.rule.row) }.joined(separator: ", ")) match with different outputs")
            }
            return ([hits[0]], result(hits[0].outputs), nil)
        case .first:
            return ([hits[0]], result(hits[0].outputs), nil)
        case .priority:
            let best = sortedByPriority(hits, scope: scope)[0]
            return ([best], result(best.outputs), nil)
        case .ruleOrder, .collect(nil):
            return (hits, .list(hits.map { result($0.outputs) }), nil)
        case .outputOrder:
            let sorted = sortedByPriority(hits, scope: scope)
            return (sorted, .list(sorted.map { result($0.outputs) }), nil)
        case .collect(let aggregation?):
            let values = hits.map { $0.outputs.first ?? .null }
            return (hits, aggregate(values, aggregation), nil)
        }
    }

    private func sortedByPriority(_ hits: [Hit], scope: FEELScope) -> [Hit] {
        let ranked = hits.enumerated().map { (index: $0.offset, rank: priority($0.element, scope: scope), hit: $0.element) }
        return ranked.sorted { a, b in
            a.rank == b.rank ? a.index < b.index : a.rank.lexicographicallyPrecedes(b.rank)
        }.map(\.hit)
    }

    /// C+, C<, C>, C# are FEEL's sum, min, max and count over the hits' outputs (null when nothing matched).
    private func aggregate(_ values: [FEELValue], _ aggregation: HitPolicy.Aggregation) -> FEELValue {
        switch aggregation {
        case .count:
            return .number(FEELNumber(values.count))
        case .sum:
            var total = FEELNumber(0)
            for value in values {
                guard case .number(let n) = value, let sum = FEELNumber.add(total, n) else { return .null }
                total = sum
            }
            return .number(total)
        case .min, .max:
            var best: FEELValue?
            for value in values {
                guard let current = best else { best = value; continue }
                guard let less = Self.less(value, current) else { return .null }
                let greater = Self.less(current, value) ?? false
                if (aggregation == .max && greater) || (aggregation == .min && less) { best = value }
            }
            return best ?? .null
        }
    }

    /// Ordering for C< and C>: numbers, strings and temporal values of one kind; nil when not comparable.
    static func less(_ a: FEELValue, _ b: FEELValue) -> Bool? {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.string(let x), .string(let y)): x < y
        case (.date(let x), .date(let y)): x < y
        case (.time(let x), .time(let y)): x < y
        case (.dateTime(let x), .dateTime(let y)): x < y
        case (.duration(let x), .duration(let y)): x < y
        default: nil
        }
    }
}
