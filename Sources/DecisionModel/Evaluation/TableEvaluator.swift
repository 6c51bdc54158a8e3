/// DMN decision-table semantics: match every rule, then apply the hit policy.
struct TableEvaluator {
    let table: DecisionTable

    init(table: DecisionTable) {
        self.table = table
    }

    private struct Hit {
        /// 0-based index of the rule.
        let index: Int
        let outputs: [FEELValue]
    }

    func evaluate(named name: String, scope: FEELScope) -> DecisionTrace {
        let compiled = table.compiled
        return withUnsafeTemporaryAllocation(of: CompiledTable.Probe.self, capacity: table.inputs.count) { buffer in
            evaluate(named: name, scope: scope, compiled: compiled, probes: buffer)
        }
    }

    private func evaluate(named name: String, scope: FEELScope, compiled: CompiledTable,
                          probes: UnsafeMutableBufferPointer<CompiledTable.Probe>) -> DecisionTrace {
        var trace = DecisionTrace(decision: name, hitPolicy: table.hitPolicy.description)
        trace.inputs.reserveCapacity(table.inputs.count)
        var feelProblems: [FEELError] = []
        for index in table.inputs.indices {
            // A name or path is read from the scope; only the evaluator reports a name that is not there.
            let value = compiled.inputReaders[index]?.read(scope)
                ?? table.inputs[index].expression.evaluate(scope, problems: &feelProblems)
            let probe = compiled.probe(value, column: index)
            probes.initializeElement(at: index, to: probe)
            if value != .null, let allowed = table.inputs[index].inputValues,
               !(compiled.isAllowed(probe, column: index) ?? allowed.matches(value, scope: scope)) {
                trace.problems.append("input \(table.inputs[index].title) = \(value) is not one of its input values \(allowed.source)")
            }
            trace.inputs.append((table.inputs[index].expression.source, value))
        }
        trace.problems += feelProblems.map(\.description)
        if !trace.problems.isEmpty { return trace }

        // The first hit apart, so that the usual single hit needs no array.
        var firstHit: Hit?
        var laterHits: [Hit] = []
        // FIRST may stop at its first hit (DMN 8.2.11: "evaluation can halt"); the others need every matching rule.
        let first = table.hitPolicy == .first
        let inputs = trace.inputs
        compiled.forEachMatch(UnsafeBufferPointer(probes), test: { row, column in
            compiled.test(row: row, column: column, inputs[column].value)
                ?? table.rules[row].inputEntries[column].matches(inputs[column].value, scope: scope)
        }) { index in
            if let constant = compiled.constantOutputs[index] {
                trace.problems += constant.problems
                let hit = Hit(index: index, outputs: constant.values)
                if firstHit == nil { firstHit = hit } else { laterHits.append(hit) }
                return !first
            }
            let rule = table.rules[index]
            var problems: [FEELError] = []
            let readers = compiled.outputReaders[index]
            var outputs: [FEELValue] = []
            outputs.reserveCapacity(rule.outputEntries.count)
            for (k, entry) in rule.outputEntries.enumerated() {
                outputs.append(readers[k]?.read(scope) ?? entry.evaluate(scope, problems: &problems))
            }
            trace.problems += problems.map { "rule \(rule.row): \($0)" }
            for (output, value) in zip(table.outputs, outputs) {
                if let allowed = output.outputValues, value != .null, !allowed.matches(value, scope: scope) {
                    trace.problems.append("rule \(rule.row): output \(output.name ?? "") = \(value) is not one of its output values \(allowed.source)")
                }
            }
            let hit = Hit(index: index, outputs: outputs)
            if firstHit == nil { firstHit = hit } else { laterHits.append(hit) }
            return !first
        }
        // One hit of a single-hit policy (the common case): its rule and value, with no array of hits made.
        if let only = firstHit, laterHits.isEmpty, table.hitPolicy.isSingleHit {
            trace.value = result(only, compiled)
            trace.rules = compiled.ruleHits[only.index]
            return trace
        }
        let hits = firstHit.map { [$0] + laterHits } ?? []
        let (selected, value, problem) = apply(hits, scope: scope, compiled: compiled)
        if let problem {
            trace.problems.append(problem)
            trace.violation = problem
        }
        trace.value = value
        trace.rules = selected.count == 1 ? compiled.ruleHits[selected[0].index] : selected.map { compiled.ruleHits[$0.index][0] }
        return trace
    }

    /// The value of one hit: the single output, or a context of all outputs by name.
    private func result(_ outputs: [FEELValue]) -> FEELValue {
        Self.result(outputs, outputs: table.outputs)
    }

    static func result(_ values: [FEELValue], outputs: [DecisionTable.Output]) -> FEELValue {
        if outputs.count == 1 { return values.first ?? .null }
        return .context(FEELContext(zip(outputs, values).map { ($0.name ?? "", $1) }))
    }

    /// The value of one hit, made once for a rule with literal outputs.
    private func result(_ hit: Hit, _ compiled: CompiledTable) -> FEELValue {
        compiled.constantOutputs[hit.index]?.result ?? result(hit.outputs)
    }

    private func defaultResult(scope: FEELScope) -> FEELValue {
        guard table.outputs.contains(where: { $0.defaultOutputEntry != nil }) else { return .null }
        return result(table.outputs.map { $0.defaultOutputEntry?.evaluate(scope) ?? .null })
    }

    /// Whether hit `a` comes before hit `b` by output priority: the position of each output in its outputValues list
    /// (smaller is higher; an output without a list, or a value not in it, ranks as written), compared output by output.
    private func precedes(_ a: Hit, _ b: Hit, _ compiled: CompiledTable) -> Bool {
        let count = min(compiled.outputPriorities.count, a.outputs.count, b.outputs.count)
        for k in 0..<count {
            guard let values = compiled.outputPriorities[k] else { continue }
            let x = values.firstIndex(of: a.outputs[k]) ?? values.count
            let y = values.firstIndex(of: b.outputs[k]) ?? values.count
            if x != y { return x < y }
        }
        return min(compiled.outputPriorities.count, a.outputs.count) < min(compiled.outputPriorities.count, b.outputs.count)
    }

    private func apply(_ hits: [Hit], scope: FEELScope, compiled: CompiledTable) -> (selected: [Hit], value: FEELValue, problem: String?) {
        if hits.isEmpty { return ([], defaultResult(scope: scope), nil) }
        switch table.hitPolicy {
        case .unique:
            if hits.count > 1 {
                return (hits, .null, "UNIQUE hit policy violated: rules \(hits.map { String(table.rules[$0.index].row) }.joined(separator: ", ")) all match")
            }
            return (hits, result(hits[0], compiled), nil)
        case .any:
            if hits.contains(where: { $0.outputs != hits[0].outputs }) {
                return (hits, .null, "ANY hit policy violated: rules \(hits.map { String(table.rules[$0.index].row) }.joined(separator: ", ")) match with different outputs")
            }
            return ([hits[0]], result(hits[0], compiled), nil)
        case .first:
            return ([hits[0]], result(hits[0], compiled), nil)
        case .priority:
            // The highest priority, the first written among equals.
            var best = hits[0]
            for hit in hits.dropFirst() where precedes(hit, best, compiled) { best = hit }
            return ([best], result(best, compiled), nil)
        case .ruleOrder, .collect(nil):
            return (hits, .list(hits.map { result($0, compiled) }), nil)
        case .outputOrder:
            let sorted = sortedByPriority(hits, compiled)
            return (sorted, .list(sorted.map { result($0, compiled) }), nil)
        case .collect(let aggregation?):
            let values = hits.map { $0.outputs.first ?? .null }
            return (hits, aggregate(values, aggregation), nil)
        }
    }

    /// Hits by output priority, in rule order among equals.
    private func sortedByPriority(_ hits: [Hit], _ compiled: CompiledTable) -> [Hit] {
        guard hits.count > 1 else { return hits }
        let ranked = hits.enumerated().map { (index: $0.offset, rank: rank($0.element, compiled), hit: $0.element) }
        return ranked.sorted { a, b in
            a.rank == b.rank ? a.index < b.index : a.rank.lexicographicallyPrecedes(b.rank)
        }.map(\.hit)
    }

    /// Output priority of a hit: the position of each output in its outputValues list (smaller is higher).
    private func rank(_ hit: Hit, _ compiled: CompiledTable) -> [Int] {
        zip(compiled.outputPriorities, hit.outputs).map { values, value in
            guard let values else { return 0 }
            return values.firstIndex(of: value) ?? values.count
        }
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
