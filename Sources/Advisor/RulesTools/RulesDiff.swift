import DecisionModel
import Foundation

/// `rules diff OLD NEW`: run every scenario of both rule sets on both, and list the outcomes that change.
public struct RulesDiff: Sendable {
    public struct Change: Sendable, CustomStringConvertible {
        public var scenario: String
        public var key: String
        public var old: String
        public var new: String

        public var description: String { "\(scenario): \(key) \(old) → \(new)" }
    }

    public struct Result: Sendable {
        public var scenarios = 0
        public var changes: [Change] = []
        /// Scenarios whose answers one of the rule sets cannot read (an input renamed or removed).
        public var unreadable: [String] = []
    }

    public let old: RuleSet
    public let new: RuleSet

    public init(old: RuleSet, new: RuleSet) {
        self.old = old
        self.new = new
    }

    public func run() -> Result {
        var result = Result()
        var seen: Set<String> = []
        for rules in [new, old] {
            for file in ScenarioRunner(rules: rules).scenarioFiles() {
                guard let scenarios = try? Scenario.load(file, rules: rules) else { continue }
                for scenario in scenarios where !seen.contains(scenario.id) {
                    seen.insert(scenario.id)
                    result.scenarios += 1
                    compare(scenario, file: file, into: &result)
                }
            }
        }
        return result
    }

    private func compare(_ scenario: Scenario, file: String, into result: inout Result) {
        // Re-read the answers against each rule set, so a renamed input shows up as unreadable.
        guard let oldAnswers = retype(scenario.answers, for: old), let newAnswers = retype(scenario.answers, for: new) else {
            result.unreadable.append(scenario.id)
            return
        }
        let before = Assessor(rules: old).assess(oldAnswers, asOf: nil, absentIsUnknown: true, exploreAlternatives: false)
        let after = Assessor(rules: new).assess(newAnswers, asOf: nil, absentIsUnknown: true, exploreAlternatives: false)
        for key in ContractKeys.all {
            let a = ScenarioRunner.text(before.value(key)), b = ScenarioRunner.text(after.value(key))
            if a != b { result.changes.append(Change(scenario: scenario.id, key: key, old: a, new: b)) }
        }
    }

    private func retype(_ answers: Answers, for rules: RuleSet) -> Answers? {
        var typed = Answers(device: answers.device)
        for name in answers.order {
            guard let input = rules.model.input(named: name) else { return nil }
            switch answers[name] {
            case .unknown?: typed[name] = .unknown
            case .value(let v)?:
                guard let parsed = try? rules.model.parseValue(v.bareText, for: input) else { return nil }
                typed[name] = .value(parsed)
            case nil: break
            }
        }
        return typed
    }

    public static func text(_ result: Result) -> String {
        var lines = result.changes.map(\.description)
        for id in result.unreadable { lines.append("\(id): answers not readable by both rule sets") }
        lines.append("\(result.scenarios) scenarios, \(result.changes.count) changed outcome(s), \(result.unreadable.count) unreadable")
        return lines.joined(separator: "\n") + "\n"
    }
}
