import DecisionModel
import Foundation

/// The advice for one device: contract values taken from the decisions, with the trace that explains them.
///
/// Unknown answers stand for every value they allow: a key on which all of them agree is determined, one on which
/// they differ is null and its possible values are listed in `alternatives`.
public struct Assessment: Sendable {
    public var device: String?
    public var answers: Answers
    public var rulesVersion: String
    public var rulesChecksum: String
    public var asOf: String
    /// Contract key → value (`qms`, `change`, `timeline` are contexts; `schemes`, `consultations` lists of the
    /// certain items); null where the open answers leave several values.
    public var values: [String: FEELValue]
    /// Each decision's value when determined, the rows that gave it (or still can), the inputs they saw.
    public var evaluation: EvaluationResult
    /// Inputs answered "unknown" that could still change a reported key, most influential first.
    public var openQuestions: [String]
    /// Inputs never answered that could still change a reported key (only when answers came from a session).
    public var unanswered: [String]
    /// Outcomes still possible given the open questions, each with the answers that lead there.
    public var alternatives: [Alternative] = []
    /// Every value each reported key (dotted for object members) can still take.
    public var possibleValues: [String: [KeyValue]] = [:]
    /// Schemes and consultations that some, not all, still-possible answers lead to.
    public var possibleSchemes: [PossibleItem] = []
    public var possibleConsultations: [PossibleItem] = []
    /// For decisions fed by open answers: the ones they depend on and the ones they do not.
    public var openness: [String: DecisionOpenness] = [:]
    /// Answers that contradict what other answers imply (an error for the caller to report).
    public var contradictions: [Contradiction] = []
    /// Time to a Japanese decision and the lag, when the route is settled (also in `values["timeline"]`).
    public var timeline: TimelineEstimate?

    /// A contract value by key; dotted keys reach into objects (`qms.auditRequired`).
    public func value(_ key: String) -> FEELValue {
        // Most keys are not dotted: a batch reads a dozen of them for each profile's JSON.
        if !key.utf8.contains(UInt8(ascii: ".")) { return values[key] ?? .null }
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        let top = values[parts[0]] ?? .null
        guard parts.count == 2 else { return top }
        if case .context(let c) = top { return c[parts[1]] ?? .null }
        return .null
    }

    /// Whether the open answers leave the key several values.
    public func isOpen(_ key: String) -> Bool { (possibleValues[key]?.count ?? 0) > 1 || possibleValues[key]?.first?.value == nil && possibleValues[key] != nil }
}

/// Runs the rules on answers and gathers the contract values.
public struct Assessor: Sendable {
    public let rules: RuleSet
    /// The rules' compiled form for evaluation over open answers (per-column row indexes, question order): built
    /// once and shared by every assessment this assessor makes (every profile of a batch).
    let evaluator: OpenEvaluator
    /// What every assessment reads of the rules alone (contract keys' sources, implications).
    let reading: OpenFacts.RulesReading
    /// Evaluates the timeline's decisions with the route fixed, keeping what each evaluation looks up of the model
    /// (every profile of a batch evaluates the same decisions), and for a batch what the rules alone give its timelines.
    let timeline: TimelineShared

    public init(rules: RuleSet) {
        self.init(rules: rules, manyProfiles: false)
    }

    /// `manyProfiles`: the assessor of a batch, whose timelines share what the rules alone give them (`TimelineShared`).
    init(rules: RuleSet, manyProfiles: Bool) {
        self.rules = rules
        evaluator = OpenEvaluator(model: rules.model)
        reading = OpenFacts.RulesReading(rules)
        timeline = TimelineShared(model: rules.model, manyProfiles: manyProfiles)
    }

    /// `absentIsUnknown`: with no one to ask, an unanswered input counts as "unknown" (CONTRACT §1); otherwise
    /// the relevant unanswered ones are listed as such. Either way an unanswered input is read as any of its values.
    /// `exploreAlternatives`: list the outcomes the open answers could still lead to.
    public func assess(_ given: Answers, asOf: String? = nil, absentIsUnknown: Bool = true,
                       exploreAlternatives: Bool = true) -> Assessment {
        let date = asOf ?? Today.iso()
        let answers = given.dated(date, rules: rules)
        let evaluation = evaluator.evaluate(inputStates: OpenFacts.inputStates(answers, rules: rules, derived: reading.derived))
        let facts = OpenFacts(rules: rules, evaluation: evaluation, reading: reading)
        let (values, possible) = facts.contractValues()
        let (trace, openness) = facts.trace()
        var open = facts.openQuestions()
        var unanswered: [String] = []
        if !absentIsUnknown {
            unanswered = open.filter { answers[$0] == nil }
            open = open.filter { answers[$0] != nil }
        }
        var assessment = Assessment(device: answers.device, answers: answers, rulesVersion: rules.version,
                                    rulesChecksum: rules.checksum, asOf: date, values: values, evaluation: trace,
                                    openQuestions: open, unanswered: unanswered)
        assessment.possibleValues = possible
        assessment.openness = openness
        assessment.contradictions = facts.contradictions
        if exploreAlternatives {
            assessment.alternatives = facts.alternatives()
            assessment.possibleSchemes = facts.possibleItems("schemes")
            assessment.possibleConsultations = facts.possibleItems("consultations")
        }
        assessment.estimateTimeline(rules: rules, shared: timeline)
        return assessment
    }

    /// The input that carries the as-of date into the rules.
    public static let dateInput = "assessmentDate"
}

/// Today's date in UTC as YYYY-MM-DD: the default as-of date.
public enum Today {
    public static func iso() -> String {
        // From the C library: a DateFormatter loads ICU, a few milliseconds of every cold run for one date.
        var now = time(nil)
        var parts = tm()
        guard gmtime_r(&now, &parts) != nil else { return "1970-01-01" }
        return iso(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    static func iso(year: Int, month: Int, day: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + two(month) + "-" + two(day)
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
