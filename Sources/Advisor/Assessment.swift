import DecisionModel
import Foundation

/// The advice for one device: contract values taken from the decisions, with the trace that explains them.
public struct Assessment: Sendable {
    public var device: String?
    public var answers: Answers
    public var rulesVersion: String
    public var rulesChecksum: String
    public var asOf: String
    /// Contract key → value (`qms`, `change`, `timeline` are contexts; `schemes`, `consultations` lists).
    public var values: [String: FEELValue]
    public var evaluation: EvaluationResult
    /// Inputs answered "unknown" that could still change a decision, most influential first.
    public var openQuestions: [String]
    /// Inputs never answered that could still change a decision (only when answers came from a file).
    public var unanswered: [String]
    /// Outcomes still possible given the open questions, each with the answers that lead there.
    public var alternatives: [Alternative] = []
    /// False when there were too many combinations to explore them all.
    public var alternativesComplete = true
    /// Time to a Japanese decision and the lag, when the route is settled (also in `values["timeline"]`).
    public var timeline: TimelineEstimate?

    /// A contract value by key; dotted keys reach into objects (`qms.auditRequired`).
    public func value(_ key: String) -> FEELValue {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        let top = values[parts[0]] ?? .null
        guard parts.count == 2 else { return top }
        if case .context(let c) = top { return c[parts[1]] ?? .null }
        return .null
    }
}

/// Runs the rules on answers and gathers the contract values.
public struct Assessor: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) { self.rules = rules }

    /// `absentIsUnknown`: with no one to ask, an unanswered input counts as "unknown" (CONTRACT §1).
    /// `exploreAlternatives`: work out the outcomes the open unknowns could still lead to.
    public func assess(_ given: Answers, asOf: String? = nil, absentIsUnknown: Bool = true,
                       exploreAlternatives: Bool = true) -> Assessment {
        let date = asOf ?? Today.iso()
        let answers = given.dated(date, rules: rules)
        let evaluation = DMNEvaluator(model: rules.model).evaluate(answers.inputValues)
        let values = contractValues(evaluation)
        // What could still change: unknown answers count as pending for this question.
        // An open unknown stays pending; a derived one ("unknown" is a full answer) counts as null, and so
        // does an absent one when there is no one to ask.
        let final = { (name: String) in rules.questions[name]?.unknownIsFinal == true }
        var known = answers.inputValues
        for name in answers.unknownNames where !final(name) { known[name] = nil }
        if absentIsUnknown {
            for input in rules.model.inputs where answers[input.name] == nil && final(input.name) { known[input.name] = .null }
        }
        let analysis = RelevanceAnalysis(model: rules.model).analyse(known: known, targets: ContractKeys.producers(in: rules.model))
        var effective = answers
        if absentIsUnknown {
            for name in analysis.relevantInputs where answers[name] == nil { effective[name] = .unknown }
        }
        let unknown = Set(effective.unknownNames)
        var open = analysis.relevantInputs.filter { unknown.contains($0) && !final($0) }
        var alternatives: [Alternative] = []
        var complete = true
        if exploreAlternatives && !open.isEmpty {
            let found = AlternativesFinder(rules: rules).find(effective)
            alternatives = found.alternatives
            complete = found.complete
            let ranked = found.ranking.map(\.input)
            open = ranked + open.filter { !ranked.contains($0) }
        }
        let unanswered = absentIsUnknown ? [] : analysis.relevantInputs.filter { answers[$0] == nil }
        var assessment = Assessment(device: answers.device, answers: answers, rulesVersion: rules.version,
                                    rulesChecksum: rules.checksum, asOf: date, values: values, evaluation: evaluation,
                                    openQuestions: open, unanswered: unanswered, alternatives: alternatives,
                                    alternativesComplete: complete)
        assessment.estimateTimeline(rules: rules)
        return assessment
    }

    /// The input that carries the as-of date into the rules.
    public static let dateInput = "assessmentDate"

    /// The contract keys' values, read from the decisions that produce them.
    func contractValues(_ evaluation: EvaluationResult) -> [String: FEELValue] {
        var values: [String: FEELValue] = [:]
        let keys = ContractKeys.scalar + Array(ContractKeys.objects.keys) + ContractKeys.lists
        for key in keys {
            if let direct = evaluation.values[key], rules.model.decision(named: key) != nil {
                values[key] = ContractKeys.objects[key] == nil ? Self.unwrapOutput(direct, key: key) : direct
                continue
            }
            for decision in rules.model.decisions {
                let value = evaluation.values[decision.name] ?? .null
                // A single-output table names its value by its output column.
                if let outputs = decision.decisionTable?.outputs, outputs.count == 1, outputs[0].name == key {
                    values[key] = value
                    break
                }
                if case .context(let c) = value, let v = c[key] {
                    values[key] = v
                    break
                }
            }
        }
        // An object whose members are all undetermined is itself undetermined.
        for key in ContractKeys.objects.keys {
            if case .context(let c)? = values[key], c.entries.allSatisfy({ $0.value == .null }) { values[key] = .null }
        }
        return values
    }

    /// A decision named like a scalar key may have several outputs; the one named like the key is the value.
    static func unwrapOutput(_ value: FEELValue, key: String) -> FEELValue {
        if case .context(let c) = value, let v = c[key] { return v }
        return value
    }
}

/// Today's date in UTC as YYYY-MM-DD: the default as-of date.
public enum Today {
    public static func iso() -> String {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

extension Answers {
    /// Rows with a validity period test the as-of date, which the rules receive as the input
    /// `assessmentDate` (unless the answers already set it).
    public func dated(_ date: String, rules: RuleSet) -> Answers {
        var answers = self
        if rules.model.input(named: Assessor.dateInput) != nil, answers[Assessor.dateInput] == nil,
           let day = FEELDate(iso8601: date) {
            answers[Assessor.dateInput] = .value(.date(day))
        }
        return answers
    }
}
