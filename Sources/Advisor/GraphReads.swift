import DecisionModel
import Synchronization

/// What the rules' decision graph says about who reads what, for `ConditionWriter`: the upstream results a set of
/// decisions reads and which fields of them, and the inputs the decisions read themselves. It depends on the rules
/// alone, so an assessor works it out once and the assessments of a batch share it; made again for every profile,
/// it was a twentieth of a batch's work.
final class GraphReads: Sendable {
    let model: DMNModel
    /// Decisions whose values the report shows (not lists), each with the keys it gives.
    let resultKeys: [String: [String]]
    private let upstreamMemo = Mutex<[String: [(decision: String, fields: [String]?)]]>([:])
    private let inputsMemo = Mutex<[String: Set<String>]>([:])

    init(model: DMNModel, sources: [String: (decision: String, path: [String])]) {
        self.model = model
        var keys: [String: [String]] = [:]
        for (key, _) in ContractKeys.reportedValues {
            if let source = sources[key] { keys[source.decision, default: []].append(key) }
        }
        resultKeys = keys
    }

    /// The results upstream of `decisions` that the report shows, in dependency order, each with the fields of it
    /// the decisions read (nil: the whole value, or read where fields cannot be told). `key` names `decisions`.
    func upstream(of decisions: Set<String>, key: String) -> [(decision: String, fields: [String]?)] {
        if let known = upstreamMemo.withLock({ $0[key] }) { return known }
        let upstream = closure(decisions).subtracting(decisions)
        let context = model.decisionsInDependencyOrder.map(\.name).filter { upstream.contains($0) && resultKeys[$0] != nil }
        let stop = Set(context)
        let found = context.map { ($0, readFields(of: $0, from: decisions, stoppingAt: stop)) }
        upstreamMemo.withLock { $0[key] = found }
        return found
    }

    /// Inputs the decisions read, directly or through decisions other than `stop`. `key` names both.
    func ownInputs(_ decisions: Set<String>, stoppingAt stop: Set<String>, key: String) -> Set<String> {
        if let known = inputsMemo.withLock({ $0[key] }) { return known }
        let inputs = Self.inputs(readBy: decisions, in: model, stoppingAt: stop)
        inputsMemo.withLock { $0[key] = inputs }
        return inputs
    }

    /// Inputs `decisions` read, directly or through the decisions they require other than `stop`.
    static func inputs(readBy decisions: Set<String>, in model: DMNModel, stoppingAt stop: Set<String> = []) -> Set<String> {
        var inputs: Set<String> = []
        var seen: Set<String> = []
        var stack = Array(decisions)
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, let decision = model.decision(named: name) else { continue }
            inputs.formUnion(decision.requiredInputs.compactMap { model.input(id: $0.id)?.name })
            stack += decision.requiredDecisions.compactMap { model.decision(id: $0.id)?.name }.filter { !stop.contains($0) }
        }
        return inputs
    }

    /// `names` and every decision they require, directly or not.
    func closure(_ names: Set<String>) -> Set<String> {
        var result: Set<String> = []
        var stack = Array(names)
        while let name = stack.popLast() {
            guard result.insert(name).inserted, let decision = model.decision(named: name) else { continue }
            stack += decision.requiredDecisions.compactMap { model.decision(id: $0.id)?.name }
        }
        return result
    }

    /// The fields of `decision`'s result that `decisions` read (through decisions other than `stop`), or nil when one
    /// of them reads the whole value or is not a table.
    private func readFields(of decision: String, from decisions: Set<String>, stoppingAt stop: Set<String>) -> [String]? {
        var fields: Set<String> = []
        var seen: Set<String> = []
        var stack = Array(decisions)
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, let reader = model.decision(named: name) else { continue }
            stack += reader.requiredDecisions.compactMap { model.decision(id: $0.id)?.name }.filter { !stop.contains($0) }
            guard reader.requiredDecisions.contains(where: { model.decision(id: $0.id)?.name == decision }) else { continue }
            guard let table = reader.decisionTable else { return nil }
            for input in table.inputs {
                guard let read = ConditionWriter.reads(of: decision, in: input.expression.source) else { return nil }
                fields.formUnion(read)
            }
            for rule in table.rules {
                for entry in rule.outputEntries {
                    guard let read = ConditionWriter.reads(of: decision, in: entry.source) else { return nil }
                    fields.formUnion(read)
                }
            }
        }
        return fields.sorted()
    }
}
