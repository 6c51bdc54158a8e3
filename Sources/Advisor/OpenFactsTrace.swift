import DecisionModel
import Synchronization

extension OpenFacts {
    /// The trace: each decision's value when it is determined (null otherwise), the rows that gave it or still
    /// can, and which open answers it depends on.
    func trace() -> (EvaluationResult, [String: DecisionOpenness]) {
        var result = EvaluationResult()
        result.values.reserveCapacity(graph.count)
        result.traces.reserveCapacity(graph.count)
        var openness: [String: DecisionOpenness] = [:]
        // The open answers feeding each decision, as bits by their place in `order`, `words` words a decision by its
        // place in the graph: a batch profile leaves tens of answers open, and sets of their names cost more to
        // merge than the rest of the trace.
        let order = evaluation.variables.map(\.input)
        var place: [String: Int] = [:]
        place.reserveCapacity(order.count)
        for (i, name) in order.enumerated() { place[name] = i }
        let words = (order.count + 63) / 64
        var feedingOf = [UInt64](repeating: 0, count: graph.count * words)
        var depends = [UInt64](repeating: 0, count: words)
        var openNames: OpenNamesJSON?
        for g in graph.indices {
            let requirements = graph[g]
            let decision = requirements.decision
            let base = g * words
            for name in requirements.inputs {
                if let i = place[name] { feedingOf[base + i >> 6] |= 1 << UInt64(i & 63) }
            }
            for k in requirements.upstream where k < g {
                for w in 0..<words { feedingOf[base + w] |= feedingOf[k * words + w] }
            }
            // What the value depends on is only shown for a decision open answers feed.
            let fed = feedingOf[base..<base + words].contains { $0 != 0 }
            if fed { for w in 0..<words { depends[w] = 0 } }
            let value = summary(of: decision.name, place: fed ? place : nil, into: &depends)
            result.values[decision.name] = value
            let table = decision.decisionTable
            var trace = DecisionTrace(decision: decision.name, hitPolicy: table?.hitPolicy.description, value: value)
            let parts = evaluation.traceParts(decision.name)
            if let table {
                trace.rules = parts.rows.compactMap { ruleHits.hit(g, table, row: $0) }
                trace.inputs = parts.inputs
            }
            for message in parts.problems {
                trace.problems.append(message)
                result.problems.append(EvaluationProblem(element: decision.name, location: decision.location, message: message))
            }
            // A violation under every still-possible answer is an error of the rules (RuleErrors); one that only
            // some open answers would meet is left to `rules check`, which finds the overlap for any answers.
            if let violation = parts.violation {
                trace.violation = violation.message
                trace.rules = table.map { table in violation.rows.compactMap { ruleHits.hit(g, table, row: $0) } } ?? []
            }
            result.traces.append(trace)
            guard fed else { continue }
            var on: [Int] = [], independent: [Int] = []
            for i in order.indices {
                let bit: UInt64 = 1 << UInt64(i & 63)
                if depends[i >> 6] & bit != 0 { on.append(i) } else if feedingOf[base + i >> 6] & bit != 0 { independent.append(i) }
            }
            let names = openNames ?? OpenNamesJSON(order)
            openNames = names
            openness[decision.name] = DecisionOpenness(names, dependsOn: on, independentOf: independent)
        }
        return (result, openness)
    }

    /// A decision's value when the open answers leave it one (null otherwise); with `place`, the open answers it
    /// depends on are marked in `bits` by their place.
    private func summary(of decision: String, place: [String: Int]?, into bits: inout [UInt64]) -> FEELValue {
        func mark(_ name: String) {
            if let i = place?[name] { bits[i >> 6] |= 1 << UInt64(i & 63) }
        }
        switch evaluation.listValues(decision) {
        case nil:
            let options = evaluation.possible(decision)
            if place != nil { forEachDependency(options, mark) }
            return Self.settled(options) ?? .null
        case .one(let option)?:
            if place != nil { forEachDependency([option], mark) }
            return Self.settled([option]) ?? .null
        case .impossible?:
            return .null
        case .several?:
            // A list depends on what its items and its other values do: the same answers as its combinations'
            // conditions name (ListDependencyTests compares the two), without listing every combination.
            guard place != nil else { return .null }
            for part in (evaluation.items(decision) ?? []) + evaluation.valuesBesideItems(decision) where !part.condition.isNever {
                for name in evaluation.inputs(of: part.condition) { mark(name) }
                for name in part.loose { mark(name) }
            }
            return .null
        }
    }
}

/// The rows of the rules' tables as trace entries, each made the first time a trace names it: making one reads the
/// row's annotations from the stored rules again, and every profile of a batch names the same rows.
final class TraceRuleHits: Sendable {
    /// By the decision's place in `OpenFacts.RulesReading.graph`, then the row's index in its table.
    private let made: Mutex<[[DecisionTrace.RuleHit?]]>

    init(_ graph: [OpenFacts.RulesReading.Requirements]) {
        made = Mutex(graph.map { [DecisionTrace.RuleHit?](repeating: nil, count: $0.decision.decisionTable?.rules.count ?? 0) })
    }

    /// Row `row` (as written) of `table`, the table of the decision at `place` in the graph; nil when it has none.
    func hit(_ place: Int, _ table: DecisionTable, row: Int) -> DecisionTrace.RuleHit? {
        let rules = table.rules
        // Rows are numbered as written, so row n is nearly always the n-th rule; the search is for any other table.
        guard let index = row >= 1 && row <= rules.count && rules[row - 1].row == row ? row - 1 : rules.firstIndex(where: { $0.row == row })
        else { return nil }
        if let known = made.withLock({ $0[place][index] }) { return known }
        let hit = DecisionTrace.RuleHit(rules[index], of: table)
        made.withLock { $0[place][index] = hit }
        return hit
    }
}
