/// Which inputs can still change a decision, given the inputs known so far.
///
/// An input is *pending* when it has not been answered (an input answered "unknown" is known to be null).
/// A rule is *still able to match* unless a known input already fails one of its entries; under FIRST and
/// PRIORITY-free single-hit tables the rules after one that surely matches cannot matter. A pending input
/// is relevant when a still-able rule tests it with something other than `-` (directly, or through an
/// undecided upstream decision).
public struct RelevanceAnalysis: Sendable {
    public let model: DMNModel

    public init(model: DMNModel) {
        self.model = model
    }

    public struct Outcome: Sendable {
        /// Decisions whose value no pending input can change.
        public var decided: Set<String>
        /// Relevant pending inputs, in the order a questionnaire should ask them (DRG order, then column order).
        public var relevantInputs: [String]
        /// For each relevant input, the decisions and rule rows that still need it (for "why is this asked").
        public var neededBy: [String: [Need]]
        /// Values computed with pending inputs as null, except that decided decisions hold their exact value and
        /// undecided ones carry their settled outputs.
        public var values: [String: FEELValue]
    }

    /// A decision and every decision it requires, directly or not.
    public func upstreamClosure(of names: Set<String>) -> Set<String> {
        var result: Set<String> = []
        var stack = Array(names)
        while let name = stack.popLast() {
            guard !result.contains(name), let decision = model.decision(named: name) else { continue }
            result.insert(name)
            for ref in decision.requiredDecisions {
                if let upstream = model.decision(id: ref.id) { stack.append(upstream.name) }
            }
        }
        return result
    }

    public struct Need: Sendable, Equatable {
        public var decision: String
        public var rows: [Int]
    }

    private enum Status { case match, noMatch, maybe }

    /// `known` holds answered inputs (null for "unknown"); inputs absent from it are pending.
    /// `targets`: only these decisions' needs are collected (all decisions when nil).
    public func analyse(known: [String: FEELValue], targets: Set<String>? = nil) -> Outcome {
        let pending = Set(model.inputs.map(\.name)).subtracting(known.keys)
        let evaluation = DMNEvaluator(model: model).evaluate(known)
        var decided: Set<String> = []
        var needs: [String: [String: [Int]]] = [:]   // decision → input → rows
        var order: [String] = []
        // Per decision, in column order: an input it still needs (with rows), or an upstream decision (rows nil).
        var orderedNeeds: [String: [(name: String, rows: [Int]?)]] = [:]
        // `decision.output` paths already fixed although their decision is not: every rule still able to match
        // gives the same constant for that output (e.g. a flag read from a lookup while another flag is open).
        var settledOutputs: [String: FEELValue] = [:]

        // The plain evaluation reads pending inputs as null, so an upstream decision may carry a value its settled
        // outputs contradict. Decided decisions that depend on such a one are evaluated again with the settled
        // values, or a question they open (e.g. the scheme conditions once the route is surely approval) is missed.
        var values = evaluation.values
        var revised: Set<String> = []

        for decision in model.decisionsInDependencyOrder {
            let usesRevised = decision.requiredDecisions.contains { ref in
                model.decision(id: ref.id).map { revised.contains($0.name) } ?? false
            }
            let scope = DMNEvaluator(model: model).scope(for: decision, inputs: known, decisions: values)
            let unknownNames = Set(scope.names).filter { name in
                if pending.contains(name), model.input(named: name) != nil { return true }
                if let upstream = model.decision(named: name) { return !decided.contains(upstream.name) }
                return false
            }.union(requiredPendingNames(decision, pending: pending, decided: decided))
            var needed: [(name: String, rows: [Int]?)] = []
            switch decision.logic {
            case .table(let table):
                let (isDecided, columnRows, outputRows, able) = analyse(table, scope: scope, unknown: unknownNames,
                                                                        settled: settledOutputs)
                if isDecided { decided.insert(decision.name) }
                else { settle(table, decision: decision.name, able: able, scope: scope, unknown: unknownNames, into: &settledOutputs) }
                for (column, rows) in columnRows.sorted(by: { $0.key < $1.key }) where !rows.isEmpty {
                    for name in table.inputs[column].expression.referencedNames.sorted() where unknownNames.contains(name) {
                        needed.append((name, model.decision(named: name) != nil ? nil : rows))
                    }
                }
                // Names an output entry computes with (e.g. an answer passed through) matter once inputs are settled.
                for (name, rows) in outputRows.sorted(by: { $0.key < $1.key }) {
                    needed.append((name, model.decision(named: name) != nil ? nil : rows))
                }
            case .literal(let literal):
                let names = literal.expression.referencedNames.intersection(unknownNames)
                if names.isEmpty { decided.insert(decision.name) }
                for name in names.sorted() {
                    needed.append((name, model.decision(named: name) != nil ? nil : []))
                }
            case .invocation, .context, .relation, .list, .function, .conditional, .filter, .iterator, .typed:
                if unknownNames.isEmpty { decided.insert(decision.name) }
                for name in unknownNames.sorted() {
                    needed.append((name, model.decision(named: name) != nil ? nil : []))
                }
            }
            orderedNeeds[decision.name] = needed
            if decided.contains(decision.name) {
                guard usesRevised else { continue }
                let value = DMNEvaluator(model: model).evaluate(decision.logic, named: decision.name, scope: scope).value
                if value != values[decision.name] { values[decision.name] = value; revised.insert(decision.name) }
            } else if patch(decision.name, with: settledOutputs, in: &values) {
                revised.insert(decision.name)
            }
        }

        // Walk from every undecided decision to the inputs it still needs, upstream decisions first.
        var visited: Set<String> = []
        func collect(_ name: String) {
            guard !visited.contains(name) else { return }
            visited.insert(name)
            // Column order: a FIRST table's early columns (e.g. a class the user may already know) come first.
            for need in orderedNeeds[name] ?? [] {
                guard let rows = need.rows else { collect(need.name); continue }
                let input = need.name
                if !order.contains(input) { order.append(input) }
                needs[input, default: [:]][name, default: []].append(contentsOf: rows)
            }
        }
        for decision in model.decisionsInDependencyOrder where !decided.contains(decision.name) {
            if let targets, !targets.contains(decision.name) { continue }
            collect(decision.name)
        }

        var neededBy: [String: [Need]] = [:]
        for (input, byDecision) in needs {
            neededBy[input] = byDecision.sorted { $0.key < $1.key }.map { Need(decision: $0.key, rows: Array(Set($0.value)).sorted()) }
        }
        return Outcome(decided: decided, relevantInputs: order, neededBy: neededBy, values: values)
    }

    /// Writes an undecided decision's settled outputs into its value; true when that changed it.
    private func patch(_ decision: String, with settled: [String: FEELValue], in values: inout [String: FEELValue]) -> Bool {
        let prefix = decision + "."
        let fields = settled.filter { $0.key.hasPrefix(prefix) }
        guard !fields.isEmpty else { return false }
        var context: FEELContext
        if case .context(let existing)? = values[decision] { context = existing } else { context = FEELContext() }
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { context[String(key.dropFirst(prefix.count))] = value }
        let patched = FEELValue.context(context)
        guard patched != values[decision] else { return false }
        values[decision] = patched
        return true
    }

    /// Required inputs that are pending even when no expression names them directly (kept for invocations).
    private func requiredPendingNames(_ decision: Decision, pending: Set<String>, decided: Set<String>) -> Set<String> {
        var names: Set<String> = []
        for ref in decision.requiredInputs {
            if let input = model.input(id: ref.id), pending.contains(input.name) { names.insert(input.name) }
        }
        for ref in decision.requiredDecisions {
            if let upstream = model.decision(id: ref.id), !decided.contains(upstream.name) { names.insert(upstream.name) }
        }
        return names
    }

    /// Records the outputs on which every still-able rule agrees with a constant.
    private func settle(_ table: DecisionTable, decision: String, able: [Int], scope: FEELScope, unknown: Set<String>,
                        into settled: inout [String: FEELValue]) {
        guard !able.isEmpty else { return }
        for (index, output) in table.outputs.enumerated() {
            guard let name = output.name, table.outputs.count > 1 else { continue }
            let entries = able.map { table.rules[$0].outputEntries[index] }
            guard entries.allSatisfy({ $0.referencedNames.isDisjoint(with: unknown) }) else { continue }
            let values = entries.map { $0.evaluate(scope) }
            if values.allSatisfy({ $0 == values[0] }) { settled[decision + "." + name] = values[0] }
        }
    }

    /// Whether the table's value is fixed; for each column the rows of still-able rules that test it with an
    /// entry whose input is not yet known; the unknown names the output entries of still-able rules use; and the
    /// indices of the still-able rules. Columns naming a settled `decision.output` count as known.
    private func analyse(_ table: DecisionTable, scope: FEELScope, unknown: Set<String>, settled: [String: FEELValue])
        -> (Bool, [Int: [Int]], [String: [Int]], [Int]) {
        let sources = table.inputs.map { $0.expression.source.trimmingWhitespace() }
        let columnUnknown = table.inputs.enumerated().map { column, input in
            settled[sources[column]] == nil && !input.expression.referencedNames.isDisjoint(with: unknown)
        }
        let values = table.inputs.enumerated().map { column, input in settled[sources[column]] ?? input.expression.evaluate(scope) }
        var columnRows: [Int: [Int]] = [:]
        var outputRows: [String: [Int]] = [:]
        var able: [Int] = []
        var anyMaybe = false
        for (index, rule) in table.rules.enumerated() {
            var status = Status.match
            var openColumns: [Int] = []
            for (column, entry) in rule.inputEntries.enumerated() where !entry.isWildcard {
                if columnUnknown[column] || !entry.referencedNames.isDisjoint(with: unknown) {
                    openColumns.append(column)
                    if status == .match { status = .maybe }
                } else if !entry.matches(values[column], scope: scope) {
                    status = .noMatch
                    break
                }
            }
            if status == .noMatch { continue }
            able.append(index)
            for column in openColumns { columnRows[column, default: []].append(rule.row) }
            let outputNames = rule.outputEntries.reduce(into: Set<String>()) { $0.formUnion($1.referencedNames) }.intersection(unknown)
            for name in outputNames { outputRows[name, default: []].append(rule.row) }
            if status == .maybe || !outputNames.isEmpty { anyMaybe = true }
            if status == .match && table.hitPolicy == .first { break }
        }
        return (!anyMaybe, columnRows, outputRows, able)
    }
}
