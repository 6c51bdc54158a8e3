import DecisionModel

/// When answers are unknown, the outcomes that remain possible and the answers that lead to each.
public struct Alternative: Sendable {
    /// Contract key → value, for the keys that differ between alternatives.
    public var outcome: [(key: String, value: FEELValue)]
    /// Each element is one set of answers that leads here.
    public var when: [[(input: String, value: FEELValue)]]
    /// Keys whose null a matching rule gave on purpose (not applicable), rather than left undetermined.
    public var notApplicable: Set<String> = []
    /// This outcome's own time to a decision, when it differs from the assessment's (or that one is open).
    public var timeline: TimelineEstimate?
}

/// Explores the values an unknown answer could take, branching only on answers that still matter.
public struct AlternativesFinder: Sendable {
    public let rules: RuleSet
    /// Stops branching past this many leaves; later branches are reported with their answers so far and the
    /// result says it is incomplete.
    public var maximumLeaves = 256

    public init(rules: RuleSet) { self.rules = rules }

    /// The values an input can take, when they are few: booleans, listed values, small integer ranges.
    public func domain(of input: InputData) -> [FEELValue]? {
        let model = rules.model
        if model.baseType(of: input.typeRef) == "boolean" { return [.boolean(true), .boolean(false)] }
        if let literal = model.allowedValues(of: input.typeRef)?.literalValues { return literal }
        if let range = model.allowedValues(of: input.typeRef), model.baseType(of: input.typeRef) == "number" {
            let candidates = (0...10).map { FEELValue.number(FEELNumber($0)) }.filter { range.matches($0, scope: FEELScope()) }
            return candidates.isEmpty || candidates.count > 6 ? nil : candidates
        }
        return nil
    }

    /// Unknown answers the rules treat as open (not derived), whose values can be enumerated.
    func explorable(_ answers: Answers) -> [String] {
        answers.unknownNames.filter { name in
            rules.questions[name]?.unknownIsFinal != true && rules.model.input(named: name).flatMap(domain) != nil
        }
    }

    public struct Result: Sendable {
        public var alternatives: [Alternative]
        public var complete: Bool
        /// Open unknowns ranked by how many decisions their value can change (most first).
        public var ranking: [(input: String, decisions: Int)]
    }

    /// Outcome families explored separately, so independent unknowns (a scheme condition and a class rule)
    /// do not multiply each other's alternatives. Earlier families own the decisions they depend on.
    static let families: [[String]] = [
        ContractKeys.scalar,
        ["qms.auditRequired", "qms.body"],
        ["change.procedure", "change.filedWith", "change.deadlineDays"],
        ["schemes"],
    ]

    func producers(of key: String) -> Set<String> { ContractKeys.producers(in: rules.model, keys: [key]) }

    public func find(_ answers: Answers) -> Result {
        let open = explorable(answers)
        let relevance = RelevanceAnalysis(model: rules.model)
        var owned: Set<String> = []
        var alternatives: [Alternative] = []
        var complete = true
        var appearances: [String: Int] = [:]
        for keys in Self.families where !open.isEmpty {
            let targets = relevance.upstreamClosure(of: keys.reduce(into: Set<String>()) { $0.formUnion(producers(of: $1)) })
                .subtracting(owned)
            owned.formUnion(targets)
            guard !targets.isEmpty else { continue }
            let found = explore(answers, open: open, targets: targets, keys: keys)
            complete = complete && found.complete
            alternatives += found.alternatives
            for (name, count) in found.appearances { appearances[name, default: 0] += count }
        }
        return Result(alternatives: alternatives, complete: complete, ranking: rank(open, answers, appearances: appearances))
    }

    private func explore(_ answers: Answers, open: [String], targets: Set<String>, keys: [String])
        -> (alternatives: [Alternative], complete: Bool, appearances: [String: Int]) {
        var leaves: [(path: [(String, FEELValue)], outcome: [String: FEELValue], notApplicable: Set<String>)] = []
        var complete = true
        let relevance = RelevanceAnalysis(model: rules.model)
        let evaluator = DMNEvaluator(model: rules.model)
        let assessor = Assessor(rules: rules)
        /// `open`: decisions the answers so far do not settle; keys they produce read "not determined".
        func leaf(_ current: Answers, _ path: [(String, FEELValue)], open: Set<String> = []) {
            let evaluation = evaluator.evaluate(current.inputValues)
            let values = assessor.contractValues(evaluation)
            let probe = Assessment(device: nil, answers: current, rulesVersion: "", rulesChecksum: "", asOf: "",
                                   values: values, evaluation: EvaluationResult(), openQuestions: [], unanswered: [])
            let outcome = Dictionary(uniqueKeysWithValues: keys.map { key in
                (key, producers(of: key).isDisjoint(with: open) ? probe.value(key) : FEELValue.null)
            })
            let fired = Set(evaluation.traces.filter { !$0.rules.isEmpty }.map(\.decision))
            let notApplicable = Set(keys.filter {
                outcome[$0] == .null && !producers(of: $0).isDisjoint(with: fired) && producers(of: $0).isDisjoint(with: open)
            })
            leaves.append((path, outcome, notApplicable))
        }
        func visit(_ current: Answers, _ path: [(String, FEELValue)], _ remaining: [String]) {
            // Past the budget a branch is not explored further but still reported, with what the rules make of
            // its answers so far, so no value of an early answer silently disappears.
            var known = current.inputValues
            for name in remaining { known[name] = nil }
            let analysis = relevance.analyse(known: known, targets: targets)
            if leaves.count >= maximumLeaves {
                complete = false
                // Open: the decisions an unexplored answer still feeds, directly or through an upstream decision.
                let fed = Set(remaining.filter(analysis.relevantInputs.contains).flatMap { analysis.neededBy[$0] ?? [] }.map(\.decision))
                leaf(current, path, open: targets.filter { !relevance.upstreamClosure(of: [$0]).isDisjoint(with: fed) })
                return
            }
            let next = analysis.relevantInputs.first { name in
                remaining.contains(name) && (analysis.neededBy[name] ?? []).contains { targets.contains($0.decision) }
            }
            guard let next, let input = rules.model.input(named: next), let values = domain(of: input) else {
                leaf(current, path)
                return
            }
            for value in values {
                var branch = current
                branch[next] = .value(value)
                visit(branch, path + [(next, value)], remaining.filter { $0 != next })
            }
        }
        visit(answers, [], open)

        // Group leaves with the same outcome; report only the keys that differ.
        var groups: [(outcome: [String: FEELValue], paths: [[(String, FEELValue)]], notApplicable: Set<String>)] = []
        for leaf in leaves {
            if let i = groups.firstIndex(where: { $0.outcome == leaf.outcome }) {
                groups[i].paths.append(leaf.path)
                groups[i].notApplicable.formIntersection(leaf.notApplicable)
            } else {
                groups.append((leaf.outcome, [leaf.path], leaf.notApplicable))
            }
        }
        let differing = keys.filter { key in Set(groups.map { $0.outcome[key]?.description ?? "null" }).count > 1 }
        let alternatives = groups.count < 2 ? [] : groups.map { group in
            Alternative(outcome: differing.map { ($0, group.outcome[$0] ?? .null) },
                        when: simplify(group.paths).enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }
                            .map { $0.element.map { (input: $0.0, value: $0.1) } },
                        notApplicable: group.notApplicable.intersection(differing))
        }
        var appearances: [String: Int] = [:]
        for leaf in leaves { for (name, _) in leaf.path { appearances[name, default: 0] += 1 } }
        return (alternatives, complete, appearances)
    }

    /// The fewest conditions that say the same: paths alike but for one answer that together take every value of
    /// it become one path without that answer, and a path more specific than another of the group is dropped.
    /// So "cert = yes and novelty = new", "… novelty = improved", "… novelty = generic" read "cert = yes".
    func simplify(_ paths: [[(String, FEELValue)]]) -> [[(String, FEELValue)]] {
        // A path as the set of its conditions, each "input=value", so equality and inclusion are set operations.
        typealias Path = [(String, FEELValue)]
        func condition(_ c: (String, FEELValue)) -> String { c.0 + "\u{1}" + c.1.description }
        func key(_ p: Path) -> Set<String> { Set(p.map(condition)) }
        var result: [Path] = []
        var present: Set<Set<String>> = []
        for path in paths where present.insert(key(path)).inserted { result.append(path) }
        var domains: [String: [FEELValue]?] = [:]
        func values(of name: String) -> [FEELValue]? {
            if let known = domains[name] { return known }
            let found = rules.model.input(named: name).flatMap(domain)
            domains[name] = found
            return found
        }
        var changed = true
        while changed {
            changed = false
            merge: for path in result {
                let whole = key(path)
                for (i, c) in path.enumerated() {
                    guard let values = values(of: c.0) else { continue }
                    let rest = Array(path[..<i] + path[(i + 1)...])
                    let restKey = whole.subtracting([condition(c)])
                    let siblings = values.map { restKey.union([condition((c.0, $0))]) }
                    guard siblings.allSatisfy(present.contains) else { continue }
                    let gone = Set(siblings)
                    let first = result.firstIndex { gone.contains(key($0)) }!
                    result = result.enumerated().compactMap { j, p in j == first ? rest : gone.contains(key(p)) ? nil : p }
                    present.subtract(gone)
                    present.insert(restKey)
                    changed = true
                    break merge
                }
            }
            let keys = result.map(key)
            let kept = result.indices.filter { j in !keys.indices.contains { k in keys[k].count < keys[j].count && keys[k].isSubset(of: keys[j]) } }
            if kept.count != result.count {
                result = kept.map { result[$0] }
                present = Set(kept.map { keys[$0] })
                changed = true
            }
        }
        return result
    }

    /// How many decisions change when each open unknown takes each of its values, others left unknown;
    /// ties go to the answer that splits more of the explored outcomes.
    func rank(_ open: [String], _ answers: Answers, appearances: [String: Int]) -> [(input: String, decisions: Int)] {
        let evaluator = DMNEvaluator(model: rules.model)
        let base = evaluator.evaluate(answers.inputValues).values
        let ranked = open.map { name -> (input: String, decisions: Int) in
            guard let input = rules.model.input(named: name), let values = domain(of: input) else { return (name, 0) }
            var changed: Set<String> = []
            for value in values {
                var inputs = answers.inputValues
                inputs[name] = value
                for (decision, result) in evaluator.evaluate(inputs).values where result != base[decision] { changed.insert(decision) }
            }
            return (name, changed.count)
        }
        return ranked.enumerated().sorted { a, b in
            if a.element.decisions != b.element.decisions { return a.element.decisions > b.element.decisions }
            let (x, y) = (appearances[a.element.input] ?? 0, appearances[b.element.input] ?? 0)
            return x == y ? a.offset < b.offset : x > y
        }.map(\.element)
    }
}
