/// DMN decision-table semantics: match every rule, then apply the hit policy.
struct TableEvaluator {
    /// The table with its index; every evaluation reads it from there, so no copy of the table is made.
    let table: CompiledTable

    /// From `ExpressionLogic.compiledTable`: the table itself is not needed to evaluate it.
    init(table: CompiledTable) {
        self.table = table
    }

    private struct Hit {
        /// 0-based index of the rule.
        let index: Int
        let outputs: [FEELValue]
    }

    /// What an evaluation gives; `inputs` and `rules` only when a trace was asked for.
    private struct Outcome {
        var value: FEELValue = .null
        var problems: [String] = []
        var violation: String?
        var inputs: [(name: String, value: FEELValue)] = []
        var rules: [DecisionTrace.RuleHit] = []
    }

    func evaluate(named name: String, scope: FEELScope) -> DecisionTrace {
        let outcome = run(scope, traced: true)
        var trace = DecisionTrace(decision: name, hitPolicy: table.hitPolicy.description, rules: outcome.rules,
                                  inputs: outcome.inputs, value: outcome.value, problems: outcome.problems)
        trace.violation = outcome.violation
        return trace
    }

    /// The value and the problems met, as `evaluate(named:scope:)` gives them, without recording the input values
    /// and rules of a trace: for a caller that shows none.
    func value(scope: FEELScope) -> (value: FEELValue, problems: [String]) {
        let outcome = run(scope, traced: false)
        return (outcome.value, outcome.problems)
    }

    private func run(_ scope: FEELScope, traced: Bool) -> Outcome {
        let columns = table.columnCount
        // Filled in place: an outcome handed back through the closures was copied twice per evaluation.
        var outcome = Outcome()
        withUnsafeTemporaryAllocation(of: CompiledTable.Probe.self, capacity: columns) { probes in
            withUnsafeTemporaryAllocation(of: FEELValue.self, capacity: columns) { values in
                var read: UInt64 = 0
                // One by one: `deinitialize()` destroyed them through the runtime's generic array destroy.
                let lazily = !traced && table.readsLazily
                if lazily, runFirst(scope, probes: probes, values: values, read: &read, into: &outcome) {
                    for index in 0..<columns where read & 1 << UInt64(index) != 0 { _ = (values.baseAddress! + index).move() }
                } else {
                    if lazily { for index in 0..<columns where read & 1 << UInt64(index) != 0 { _ = (values.baseAddress! + index).move() } }
                    run(scope, traced: traced, probes: probes, values: values, into: &outcome)
                    for index in 0..<columns { _ = (values.baseAddress! + index).move() }
                }
            }
        }
        return outcome
    }

    /// A FIRST table without a trace, row by row: a column is read (and looked up in the index) only when a row
    /// tried tests it, as FIRST's halting at its first hit allows (DMN 8.2.11). Gives what `run` gives: columns
    /// that may report a problem (an expression, input values) are read first and in order, as there, and only
    /// once every other column is known to read without one. False, before anything that spends from the budget
    /// is evaluated, when one cannot (a name not in scope): the caller evaluates as usual. `read` marks the columns
    /// whose value it initialised.
    private func runFirst(_ scope: FEELScope, probes: UnsafeMutableBufferPointer<CompiledTable.Probe>,
                          values: UnsafeMutableBufferPointer<FEELValue>, read: inout UInt64, into outcome: inout Outcome) -> Bool {
        let columns = table.columnCount
        // Checked before the first evaluator call (which spends from the budget, so may not run twice); a column read
        // shows it itself, so a table of quiet columns checks only those it did not read, at its end.
        func readable() -> Bool {
            (0..<columns).allSatisfy { read & 1 << UInt64($0) != 0 || !table.quietColumns[$0] || table.canRead(column: $0, scope) }
        }
        var verified = !table.quietOnly
        if verified, !readable() { return false }
        var feelProblems: [FEELError] = []
        for column in 0..<columns where !table.quietColumns[column] {
            let value = table.read(column: column, scope) ?? table.inputs[column].expression.evaluate(scope, problems: &feelProblems)
            let probe = table.probe(value, column: column)
            if table.hasInputValues[column], value != .null,
               !(table.isAllowed(probe, column: column) ?? table.inputs[column].inputValues!.matches(value, scope: scope)),
               let allowed = table.inputs[column].inputValues {
                outcome.problems.append("input \(table.inputs[column].title) = \(value) is not one of its input values \(allowed.source)")
            }
            probes.initializeElement(at: column, to: probe)
            values.initializeElement(at: column, to: value)
            read |= 1 << UInt64(column)
        }
        if !feelProblems.isEmpty { outcome.problems += feelProblems.map(\.description) }
        if !outcome.problems.isEmpty { return true }
        var matched: Int?
        rows: for row in 0..<table.rowCount {
            var tested = table.testedColumns[row]
            while tested != 0 {
                let column = tested.trailingZeroBitCount
                tested &= tested - 1
                if read & 1 << UInt64(column) == 0 {
                    guard let value = table.read(column: column, scope) else { return false }
                    probes.initializeElement(at: column, to: table.probe(value, column: column))
                    values.initializeElement(at: column, to: value)
                    read |= 1 << UInt64(column)
                }
                if table.rows(column: column, probes[column]) & 1 << UInt64(row) == 0 { continue rows }
            }
            // As `forEachMatch`: the cells the index leaves to the evaluator, in column order.
            tested = table.testedColumns[row]
            while tested != 0 {
                let column = tested.trailingZeroBitCount
                tested &= tested - 1
                guard !table.decides(row: row, column: column, probes[column].kind) else { continue }
                if let matches = table.test(row: row, column: column, values[column]) {
                    if !matches { continue rows }
                    continue
                }
                if !verified {
                    guard readable() else { return false }
                    verified = true
                }
                if !table.rules[row].inputEntries[column].matches(values[column], scope: scope) { continue rows }
            }
            matched = row
            break
        }
        if !verified, !readable() { return false }
        if let matched {
            outcome.value = result(hit(matched, scope: scope, into: &outcome))
        } else {
            outcome.value = defaultResult(scope: scope)
        }
        return true
    }

    /// `probes` and `values` have room for one entry per input column; this initialises every one of them.
    private func run(_ scope: FEELScope, traced: Bool, probes: UnsafeMutableBufferPointer<CompiledTable.Probe>,
                     values: UnsafeMutableBufferPointer<FEELValue>, into outcome: inout Outcome) {
        if traced { outcome.inputs.reserveCapacity(table.columnCount) }
        var feelProblems: [FEELError] = []
        for index in 0..<table.columnCount {
            // A name or path is read from the scope; only the evaluator reports a name that is not there.
            let value = table.read(column: index, scope)
                ?? table.inputs[index].expression.evaluate(scope, problems: &feelProblems)
            let probe = table.probe(value, column: index)
            probes.initializeElement(at: index, to: probe)
            // The column's input values are copied out only when the index cannot decide, or to name them.
            if table.hasInputValues[index], value != .null,
               !(table.isAllowed(probe, column: index) ?? table.inputs[index].inputValues!.matches(value, scope: scope)),
               let allowed = table.inputs[index].inputValues {
                outcome.problems.append("input \(table.inputs[index].title) = \(value) is not one of its input values \(allowed.source)")
            }
            values.initializeElement(at: index, to: value)
            if traced { outcome.inputs.append((table.inputs[index].expression.source, values[index])) }
        }
        if !feelProblems.isEmpty { outcome.problems += feelProblems.map(\.description) }
        if !outcome.problems.isEmpty { return }

        // The first hit apart, so that the usual single hit needs no array; with a second, all are in one.
        var firstHit: Hit?
        var hits: [Hit] = []
        // FIRST may stop at its first hit (DMN 8.2.11: "evaluation can halt"); the others need every matching rule.
        let first = table.hitPolicy == .first
        let inputs = UnsafeBufferPointer(values)
        table.forEachMatch(UnsafeBufferPointer(probes), test: { row, column in
            table.test(row: row, column: column, inputs[column])
                ?? table.rules[row].inputEntries[column].matches(inputs[column], scope: scope)
        }) { index in
            let hit = hit(index, scope: scope, into: &outcome)
            if let earlier = firstHit, hits.isEmpty {
                hits.reserveCapacity(4)
                hits.append(earlier)
            }
            if firstHit == nil { firstHit = hit } else { hits.append(hit) }
            return !first
        }
        // One hit of a single-hit policy (the common case): its rule and value, with no array of hits made.
        if let only = firstHit, hits.isEmpty, table.hitPolicy.isSingleHit {
            outcome.value = result(only)
            if traced { outcome.rules = table.ruleHits(only.index) }
            return
        }
        if let only = firstHit, hits.isEmpty { hits = [only] }
        let (selected, value, problem) = apply(hits, scope: scope, traced: traced)
        if let problem {
            outcome.problems.append(problem)
            outcome.violation = problem
        }
        outcome.value = value
        if traced {
            outcome.rules = selected.count == 1 ? table.ruleHits(selected[0].index) : selected.map { table.ruleHits($0.index)[0] }
        }
    }

    /// The outputs of a matching rule, with the problems they meet.
    private func hit(_ index: Int, scope: FEELScope, into outcome: inout Outcome) -> Hit {
        if let values = table.constantValues[index] {
            if !table.constantProblems[index].isEmpty { outcome.problems += table.constantProblems[index] }
            return Hit(index: index, outputs: values)
        }
        // The rule's parts are read where they lie: a copy of the whole rule (or output column) cost a retain and a
        // release of each of its fields.
        let entries = table.rules[index].outputEntries
        var problems: [FEELError] = []
        let readers = table.outputReaders[index]
        var outputs: [FEELValue] = []
        outputs.reserveCapacity(entries.count)
        for (k, entry) in entries.enumerated() {
            outputs.append(readers[k]?.read(scope) ?? entry.evaluate(scope, problems: &problems))
        }
        if !problems.isEmpty { outcome.problems += problems.map { "rule \(table.rules[index].row): \($0)" } }
        for k in table.checkedOutputs where k < outputs.count && outputs[k] != .null {
            guard let allowed = table.outputs[k].outputValues, !allowed.matches(outputs[k], scope: scope) else { continue }
            outcome.problems.append("rule \(table.rules[index].row): output \(table.outputs[k].name ?? "") = \(outputs[k]) is not one of its output values \(allowed.source)")
        }
        return Hit(index: index, outputs: outputs)
    }

    /// The value of one hit: the single output, or a context of all outputs by name.
    private func result(_ outputs: [FEELValue]) -> FEELValue {
        if let names = table.distinctOutputNames, names.count == outputs.count {
            return .context(FEELContext(distinctKeys: names, values: outputs))
        }
        return Self.result(outputs, outputs: table.outputs)
    }

    static func result(_ values: [FEELValue], outputs: [DecisionTable.Output]) -> FEELValue {
        if outputs.count == 1 { return values.first ?? .null }
        return .context(FEELContext(zip(outputs, values).map { ($0.name ?? "", $1) }))
    }

    /// The value of one hit, made once for a rule with literal outputs.
    private func result(_ hit: Hit) -> FEELValue {
        table.constantResults[hit.index] ?? result(hit.outputs)
    }

    private func defaultResult(scope: FEELScope) -> FEELValue {
        if let value = table.constantDefault { return value }
        return result(table.outputs.map { $0.defaultOutputEntry?.evaluate(scope) ?? .null })
    }

    /// Whether hit `a` comes before hit `b` by output priority: the position of each output in its outputValues list
    /// (smaller is higher; an output without a list, or a value not in it, ranks as written), compared output by output.
    private func precedes(_ a: Hit, _ b: Hit) -> Bool {
        let count = min(table.outputPriorities.count, a.outputs.count, b.outputs.count)
        for k in 0..<count {
            guard let values = table.outputPriorities[k] else { continue }
            let x = values.firstIndex(of: a.outputs[k]) ?? values.count
            let y = values.firstIndex(of: b.outputs[k]) ?? values.count
            if x != y { return x < y }
        }
        return min(table.outputPriorities.count, a.outputs.count) < min(table.outputPriorities.count, b.outputs.count)
    }

    /// The hits selected are given only for a trace (`traced`), but for a violation or a list of hits.
    private func apply(_ hits: [Hit], scope: FEELScope, traced: Bool) -> (selected: [Hit], value: FEELValue, problem: String?) {
        if hits.isEmpty { return ([], defaultResult(scope: scope), nil) }
        switch table.hitPolicy {
        case .unique:
            if hits.count > 1 {
                return (hits, .null, "UNIQUE hit policy violated: rules \(hits.map { String(table.rules[$0.index].row) }.joined(separator: ", ")) all match")
            }
            return (hits, result(hits[0]), nil)
        case .any:
            if hits.contains(where: { $0.outputs != hits[0].outputs }) {
                return (hits, .null, "ANY hit policy violated: rules \(hits.map { String(table.rules[$0.index].row) }.joined(separator: ", ")) match with different outputs")
            }
            return (traced ? [hits[0]] : [], result(hits[0]), nil)
        case .first:
            return (traced ? [hits[0]] : [], result(hits[0]), nil)
        case .priority:
            // The highest priority, the first written among equals.
            var best = hits[0]
            for hit in hits.dropFirst() where precedes(hit, best) { best = hit }
            return (traced ? [best] : [], result(best), nil)
        case .ruleOrder, .collect(nil):
            return (hits, .list(hits.map { result($0) }), nil)
        case .outputOrder:
            let sorted = sortedByPriority(hits)
            return (sorted, .list(sorted.map { result($0) }), nil)
        case .collect(let aggregation?):
            let values = hits.map { $0.outputs.first ?? .null }
            return (hits, aggregate(values, aggregation), nil)
        }
    }

    /// Hits by output priority, in rule order among equals: an insertion sort (stable; hits are few), with the
    /// priorities of rules with constant outputs made once.
    private func sortedByPriority(_ hits: [Hit]) -> [Hit] {
        guard hits.count > 1 else { return hits }
        // Rules with literal outputs only (the usual case): sorted in one copy of the hits, by the ranks made once.
        if hits.allSatisfy({ table.constantRanks[$0.index] != nil }) {
            var sorted = hits
            for i in 1..<sorted.count {
                let item = sorted[i]
                var j = i
                while j > 0, table.constantRanks[item.index]!.lexicographicallyPrecedes(table.constantRanks[sorted[j - 1].index]!) {
                    sorted[j] = sorted[j - 1]
                    j -= 1
                }
                sorted[j] = item
            }
            return sorted
        }
        var sorted = hits.map { (rank: table.constantRanks[$0.index] ?? Self.rank($0.outputs, table.outputPriorities), hit: $0) }
        for i in 1..<sorted.count {
            let item = sorted[i]
            var j = i
            while j > 0, item.rank.lexicographicallyPrecedes(sorted[j - 1].rank) {
                sorted[j] = sorted[j - 1]
                j -= 1
            }
            sorted[j] = item
        }
        return sorted.map(\.hit)
    }

    /// Output priority of a hit: the position of each output in its outputValues list (smaller is higher).
    static func rank(_ outputs: [FEELValue], _ priorities: [[FEELValue]?]) -> [Int] {
        zip(priorities, outputs).map { values, value in
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
