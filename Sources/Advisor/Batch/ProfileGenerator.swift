import DecisionModel
import Foundation

/// Makes `count` distinct profiles for a batch (`yakuji assess --batch`), as a consultant's portfolio would hold them:
/// each starts from one of the sample devices and differs from it in some answers, drawn from the values each input
/// allows (its choices, true/false, the numbers and dates either side of every limit a table tests, the texts the
/// tables name), with now and then an answer left unknown or an extra question answered. No two profiles have the
/// same answers (the device label is the sample's), so the batch cannot get by on its memo of equal profiles, and
/// none contradicts itself (an implication the rules refuse): every profile is one `assess` would accept.
public struct ProfileGenerator: Sendable {
    public let rules: RuleSet
    public let samples: [Answers]
    public var seed: UInt64 = 15

    public init(rules: RuleSet, samples: [Answers], seed: UInt64 = 15) {
        self.rules = rules
        self.samples = samples
        self.seed = seed
    }

    public struct Summary: Sendable, CustomStringConvertible {
        public var profiles = 0
        public var distinctAnswerSets = 0
        public var samples = 0
        public var redrawnAsDuplicates = 0
        public var redrawnAsContradictions = 0
        public var changedAnswers = 0
        public var unknownAnswers = 0

        public var description: String {
            "\(profiles) profiles, \(distinctAnswerSets) distinct answer sets, from \(samples) samples; "
                + "\(changedAnswers) answers changed from their sample, \(unknownAnswers) left unknown; "
                + "redrawn: \(redrawnAsDuplicates) duplicates, \(redrawnAsContradictions) contradicting themselves"
        }
    }

    /// The header (`id`, `device`, then input names) and the rows' cells, as a CSV batch holds them.
    public func profiles(count: Int) -> (header: [String], rows: [[String]], summary: Summary) {
        guard !samples.isEmpty else { return (["id", "device"], [], Summary()) }
        // Every input a person answers: the samples' first, in their order, then the rest of the model's.
        var columns: [String] = []
        for sample in samples { for name in sample.order where !columns.contains(name) { columns.append(name) } }
        for input in rules.model.inputs where input.name != Assessor.dateInput && !columns.contains(input.name) { columns.append(input.name) }
        var random = SeededRandom(seed: seed)
        let values = Dictionary(uniqueKeysWithValues: columns.map { name in (name, Self.values(of: name, rules: rules, samples: samples)) })
        let implications = ImplicationCheck(rules: rules)

        var summary = Summary(samples: samples.count)
        var seen: Set<[String]> = []
        var rows: [[String]] = []
        rows.reserveCapacity(count)
        // Bounded, for rules whose inputs allow fewer distinct profiles than asked for.
        var draws = 0
        while rows.count < count, draws < 100 * count + 1_000 {
            draws += 1
            let sample = samples[random.next(below: samples.count)]
            var cells: [String] = []
            var changed = 0, unknown = 0
            for name in columns {
                let given: String
                switch sample[name] {
                case .value(let v)?: given = v.bareText
                case .unknown?: given = "?"
                case nil: given = ""
                }
                let draw = random.uniform()
                let pool = values[name] ?? []
                if !given.isEmpty, given != "?", draw < 0.03 {
                    cells.append("?")
                    unknown += 1
                } else if !pool.isEmpty, (given.isEmpty ? draw < 0.04 : draw < 0.15) {
                    let value = pool[random.next(below: pool.count)].text(&random)
                    cells.append(value)
                    if value != given { changed += 1 }
                } else {
                    cells.append(given)
                }
            }
            guard seen.insert(cells).inserted else {
                summary.redrawnAsDuplicates += 1
                continue
            }
            guard !implications.contradicted(columns, cells) else {
                seen.remove(cells)
                summary.redrawnAsContradictions += 1
                continue
            }
            summary.changedAnswers += changed
            summary.unknownAnswers += unknown
            rows.append(["p\(rows.count)", sample.device ?? ""] + cells)
        }
        summary.profiles = rows.count
        summary.distinctAnswerSets = seen.count
        return (["id", "device"] + columns, rows, summary)
    }

    /// A value an input may take: one fixed value, or a number or date drawn from a range.
    enum Value {
        case fixed(String)
        case numbers(ClosedRange<Int>)
        case days(ClosedRange<Int>)

        func text(_ random: inout SeededRandom) -> String {
            switch self {
            case .fixed(let text): return text
            case .numbers(let range): return String(range.lowerBound + random.next(below: range.count))
            case .days(let range):
                let day = range.lowerBound + random.next(below: range.count)
                return FEELDate(daysSinceEpoch: day).map { "\($0)" } ?? ""
            }
        }
    }

    /// The values the open evaluation enumerates for the input (each side of every limit the tables test), and the
    /// samples' own answers.
    static func values(of name: String, rules: RuleSet, samples: [Answers]) -> [Value] {
        var values: [Value] = []
        var fixed: Set<String> = []
        func add(_ text: String) { if fixed.insert(text).inserted { values.append(.fixed(text)) } }
        for sample in samples { if case .value(let v)? = sample[name] { add(v.bareText) } }
        guard let input = rules.model.input(named: name) else { return values }
        for option in rules.model.openCases(of: input, nullable: false).cases {
            guard let value = option.value else { continue }
            if option.isOtherText { continue }
            guard option.standsForMany else { add(value.bareText); continue }
            switch value {
            case .number(let n):
                guard let middle = n.intValue else { add(value.bareText); continue }
                let spread = max(10, abs(middle))
                var low = Self.bound(option.lower, Self.int, above: true) ?? middle - spread
                let high = Self.bound(option.upper, Self.int, above: false) ?? middle + spread
                if middle >= 0 { low = max(0, low) }
                values.append(low <= high ? .numbers(low...high) : .fixed(value.bareText))
            case .date(let d):
                let middle = d.daysSinceEpoch
                let low = Self.bound(option.lower, Self.day, above: true) ?? middle - 3 * 365
                let high = Self.bound(option.upper, Self.day, above: false) ?? middle + 3 * 365
                values.append(low <= high ? .days(low...high) : .fixed(value.bareText))
            default:
                add(value.bareText)
            }
        }
        return values
    }

    /// The first whole number (or day) inside a range's bound: the bound itself when it is included.
    private static func bound(_ bound: (value: FEELValue, inclusive: Bool)?, _ whole: (FEELValue) -> Int?, above: Bool) -> Int? {
        guard let bound, let value = whole(bound.value) else { return nil }
        return bound.inclusive ? value : above ? value + 1 : value - 1
    }

    private static func int(_ value: FEELValue) -> Int? {
        if case .number(let n) = value { return n.intValue }
        return nil
    }

    private static func day(_ value: FEELValue) -> Int? {
        if case .date(let d) = value { return d.daysSinceEpoch }
        return nil
    }
}

/// Whether a profile's answers contradict one another as `assess` finds it: an implication decision gives one value,
/// naming a contradicted answer, under every value its still-open inputs can take. Null for an open input is not
/// enough: the generic name of JMDN 13929001 is null until needleAttached is answered, yet either answer gives a
/// class, so "no generic name fits" with that code is refused.
struct ImplicationCheck {
    let rules: RuleSet
    let evaluator: DMNEvaluator
    let decisions: Set<String>
    /// The inputs the implication decisions read, directly or through the decisions they require, in model order.
    let reads: [String]
    /// Combinations of open inputs evaluated one at a time before the assessor's own open evaluation decides.
    let evaluationLimit: Int
    private let fallback = Fallback()

    /// The assessor, made when first needed: most profiles are decided by their first few combinations.
    private final class Fallback {
        var assessor: Assessor?
    }

    init(rules: RuleSet, evaluationLimit: Int = 64) {
        self.rules = rules
        self.evaluationLimit = evaluationLimit
        evaluator = DMNEvaluator(model: rules.model)
        decisions = Set(OpenFacts.implications(in: rules.model).map(\.name))
        let names = GraphReads.inputs(readBy: decisions, in: rules.model)
        reads = rules.model.inputs.map(\.name).filter(names.contains)
    }

    func contradicted(_ columns: [String], _ cells: [String]) -> Bool {
        guard !decisions.isEmpty else { return false }
        var inputs: [String: FEELValue] = [:]
        for (name, text) in zip(columns, cells) where !text.isEmpty && text != "?" {
            if case .value(let value)? = try? AnswersFile.parse(name: name, text: text, unknown: false, rules: rules) { inputs[name] = value }
        }
        // What the batch reads for an empty or unknown cell (`OpenFacts.states`): null when unknown is final, else open.
        var open: [(name: String, values: [FEELValue])] = []
        for name in reads where inputs[name] == nil && rules.questions[name]?.unknownIsFinal != true {
            guard let input = rules.model.input(named: name) else { continue }
            let cases = rules.model.openCases(of: input, nullable: false).cases
            // A value that cannot be enumerated is never settled, so nothing it feeds contradicts for certain.
            guard cases.allSatisfy({ $0.value != nil }) else { return false }
            // Last cases first: "any other text", which no table row names, mostly ends the search at once.
            open.append((name, cases.reversed().map { $0.value! }))
        }
        // The decisions whose value is so far the same under every combination and names a contradicted answer.
        var settled: [String: FEELValue]? = nil
        var choice = Array(repeating: 0, count: open.count)
        for _ in 0..<evaluationLimit {
            var combination = inputs
            for (k, input) in open.enumerated() { combination[input.name] = input.values[choice[k]] }
            let values = evaluator.evaluate(combination, only: decisions).values
            if settled == nil {
                settled = values.filter { name, value in
                    guard decisions.contains(name), case .context(let c) = value, case .string? = c["contradicted"],
                          case .string? = c["impliedBy"] else { return false }
                    return true
                }
            } else {
                settled = settled!.filter { values[$0.key] == $0.value }
            }
            if settled!.isEmpty { return false }
            // The next combination, the last input's value turning fastest.
            var k = open.count - 1
            while k >= 0 {
                choice[k] += 1
                if choice[k] < open[k].values.count { break }
                choice[k] = 0
                k -= 1
            }
            if k < 0 { return true }
        }
        return contradictedByAssessor(inputs)
    }

    /// The assessor's own finding, for profiles leaving too many combinations open to try one by one.
    private func contradictedByAssessor(_ inputs: [String: FEELValue]) -> Bool {
        var answers = Answers()
        for (name, value) in inputs { answers[name] = .value(value) }
        let assessor = fallback.assessor ?? Assessor(rules: rules)
        fallback.assessor = assessor
        return !assessor.assess(answers, exploreAlternatives: false).contradictions.isEmpty
    }
}

extension SeededRandom {
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
