import DecisionModel
import Foundation
@testable import Advisor

/// The slow reference for the evaluation over open answers: every combination of the open answers' values,
/// each evaluated plainly, one after the other. Only for tests.
struct ExhaustiveReference {
    let rules: RuleSet

    struct World {
        var answers: [String: FEELValue]
        /// Reported key → value (dotted for object members; lists as sets of item texts).
        var values: [String: FEELValue]
        var lists: [String: Set<String>]
        var possible = true
    }

    /// Every combination of the values of `open` (their cases), the other inputs as `answers` give them (an input
    /// the answers lack is null).
    func worlds(_ answers: Answers, open: [String]) -> [World] {
        var base = answers.inputValues
        for name in open { base[name] = nil }
        var worlds: [World] = []
        func go(_ i: Int, _ inputs: [String: FEELValue]) {
            guard i < open.count else { worlds.append(world(inputs)); return }
            let input = rules.model.input(named: open[i])!
            for option in rules.model.openCases(of: input, nullable: false).cases {
                var next = inputs
                next[open[i]] = option.value ?? .null
                go(i + 1, next)
            }
        }
        go(0, base)
        // Combinations an implication contradicts cannot happen.
        return worlds.filter(\.possible)
    }

    private func world(_ inputs: [String: FEELValue]) -> World {
        let evaluation = DMNEvaluator(model: rules.model).evaluate(inputs)
        var values: [String: FEELValue] = [:]
        var lists: [String: Set<String>] = [:]
        for key in ContractKeys.reported {
            guard let source = ContractKeys.source(of: key, in: rules.model) else { continue }
            var value = evaluation.values[source.decision] ?? .null
            for field in source.path {
                if case .context(let c) = value { value = c[field] ?? .null } else { value = .null }
            }
            if ContractKeys.lists.contains(key) {
                if case .list(let items) = value { lists[key] = Set(items.map(\.bareText)) } else { lists[key] = [] }
            } else {
                values[key] = value
            }
        }
        let contradicted = rules.model.decisions.contains { decision in
            guard decision.decisionTable?.outputs.contains(where: { $0.name == "contradicted" }) == true,
                  case .context(let c)? = evaluation.values[decision.name] else { return false }
            return (c["contradicted"] ?? .null) != .null
        }
        return World(answers: inputs, values: values, lists: lists, possible: !contradicted)
    }

    /// Whether a world satisfies one combination of answers (and results) of a `when`.
    static func satisfies(_ world: World, _ path: [AnswerCondition]) -> Bool {
        path.allSatisfy { condition in
            let actual = condition.isResult ? world.values[condition.input] ?? .null : world.answers[condition.input] ?? .null
            if let test = condition.test, let tests = try? FEELUnaryTests(test) { return tests.matches(actual, scope: FEELScope()) }
            return condition.values.contains(actual)
        }
    }

    static func satisfies(_ world: World, _ when: [[AnswerCondition]]) -> Bool {
        when.contains { satisfies(world, $0) }
    }

    /// Differences between an assessment and the worlds: settled keys, the alternatives of each group of keys
    /// (the same outcomes, each `when` holding in exactly its worlds), and certain and possible list items.
    static func differences(_ a: Assessment, _ worlds: [World]) -> [String] {
        var problems: [String] = []
        for family in ContractKeys.families {
            for key in family {
                let seen = Set(worlds.map { $0.values[key]?.description ?? "null" })
                if seen.count == 1 {
                    if a.value(key).description != seen.first! { problems.append("\(key): \(a.value(key)) where every world gives \(seen.first!)") }
                } else if a.value(key) != .null {
                    problems.append("\(key): \(a.value(key)) reported although worlds give \(seen.sorted())")
                }
            }
            let differing = family.filter { key in Set(worlds.map { $0.values[key]?.description ?? "null" }).count > 1 }
            let mine = a.alternatives.filter { $0.outcome.contains { family.contains($0.key) } }
            if differing.isEmpty {
                if !mine.isEmpty { problems.append("\(family[0])…: alternatives where every world agrees") }
                continue
            }
            func vector(_ w: World) -> String { differing.map { w.values[$0]?.description ?? "null" }.joined(separator: "|") }
            let expected = Set(worlds.map(vector))
            let got = mine.map { alt in differing.map { key in alt.value(key)?.description ?? "null" }.joined(separator: "|") }
            // A world's null cannot say whether a rule gave it on purpose ("not applicable") or none applied ("not
            // determined"); the evaluation keeps the two apart, so each vector may come once per kind.
            let kinds = mine.map { alt in differing.map { alt.value($0)?.description ?? "null" }.joined(separator: "|") + "#" + alt.notApplicable.sorted().joined(separator: ",") }
            if Set(got) != expected || Set(kinds).count != kinds.count {
                problems.append("\(family[0])…: alternatives \(got.sorted()) where the worlds give \(expected.sorted())")
                continue
            }
            func open(_ w: World) -> [String: FEELValue] {
                w.answers.filter { !a.answers.inputValues.keys.contains($0.key) || a.answers[$0.key] == .unknown }
            }
            // An alternative's conditions hold only in worlds with its outcome, and every world is covered by one
            // of the alternatives with its outcome (two kinds of null may share a vector, each covering a part).
            for (alternative, outcome) in zip(mine, got) {
                if let w = worlds.first(where: { satisfies($0, alternative.when) && vector($0) != outcome }) {
                    problems.append("\(family[0])…: \(outcome) — its conditions hold for \(open(w))")
                }
            }
            for w in worlds where !zip(mine, got).contains(where: { $0.1 == vector(w) && satisfies(w, $0.0.when) }) {
                problems.append("\(family[0])…: \(vector(w)) — no alternative's conditions hold for \(open(w))")
                break
            }
        }
        for (key, possible) in [("schemes", a.possibleSchemes), ("consultations", a.possibleConsultations)] {
            let all = worlds.map { $0.lists[key] ?? [] }
            let certain = all.dropFirst().reduce(all.first ?? []) { $0.intersection($1) }
            let some = all.reduce(Set<String>()) { $0.union($1) }.subtracting(certain)
            var reported: Set<String> = []
            if case .list(let items) = a.value(key) { reported = Set(items.map(\.bareText)) }
            // Items listed because an answer is unknown are no world's; their rows' conditions still are.
            let byRows = possible.filter { !$0.when.isEmpty }
            if !certain.isSubset(of: reported) { problems.append("\(key): certain \(certain.sorted()), reported \(reported.sorted())") }
            let listed = Set(byRows.map(\.value.bareText))
            let missing = some.subtracting(listed).subtracting(reported)
            let extra = listed.subtracting(some)
            if !missing.isEmpty || !extra.isEmpty { problems.append("\(key): possible \(some.sorted()), reported \(listed.sorted())") }
            for item in byRows {
                for w in worlds where satisfies(w, item.when) != (w.lists[key]?.contains(item.value.bareText) ?? false) {
                    problems.append("\(key) \(item.value.bareText): its conditions do not say exactly when it is listed")
                    break
                }
            }
        }
        return problems
    }
}
