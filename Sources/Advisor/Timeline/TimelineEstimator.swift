import DecisionModel
import Foundation
import Synchronization

/// Estimates the time to a Japanese decision and the lag behind the reference market: the rules choose the
/// stages (Rules/timeline.dmn), benchmarks.xml gives their figures, a seeded Monte Carlo adds them up.
public struct TimelineEstimator: Sendable {
    public let rules: RuleSet
    public var draws: Int
    public var seed: UInt64

    public static let defaultDraws = 10_000
    public static let defaultSeed: UInt64 = 1

    public init(rules: RuleSet, draws: Int = defaultDraws, seed: UInt64 = defaultSeed) {
        self.rules = rules
        self.draws = max(draws, 1)
        self.seed = seed
    }

    /// The timeline of an evaluated rule graph (as `assess` evaluates it).
    public func estimate(_ evaluation: EvaluationResult, inputs: [String: FEELValue], asOf: FEELDate)
        -> Result<TimelineEstimate, TimelinePlan.Problem> {
        TimelinePlan.from(values: evaluation.values, traces: evaluation.traces, inputs: inputs, benchmarks: rules.benchmarks)
            .map { simulate($0, asOf: asOf) }
    }

    /// The timeline for contract-key values given directly (`pathway`, `reviewCategory`, `schemes`,
    /// `change.procedure`, …) and the answers: the decisions producing those keys take the given values, the
    /// rest of the graph (the timeline tables, QMS) is evaluated from the answers. The evaluation is returned
    /// for its trace. `timelineOnly`: only the decisions the timeline reads are evaluated (the trace holds no other).
    /// `evaluator`: one of `rules.model` to evaluate with (one that keeps scope names, shared by many estimates).
    public func estimate(contractValues: [String: FEELValue], inputs: [String: FEELValue], asOf: FEELDate,
                         base: [String: FEELValue] = [:], timelineOnly: Bool = false, evaluator: DMNEvaluator? = nil)
        -> (Result<TimelineEstimate, TimelinePlan.Problem>, EvaluationResult) {
        estimate(contractValues: contractValues, inputs: inputs, asOf: asOf, base: base, timelineOnly: timelineOnly,
                 evaluator: evaluator, fixings: [:])
    }

    /// `fixings`: how keys already looked up fix their producers (see `fixedDecisions`).
    func estimate(contractValues: [String: FEELValue], inputs: [String: FEELValue], asOf: FEELDate, base: [String: FEELValue],
                  timelineOnly: Bool, evaluator: DMNEvaluator?, fixings: [String: Fixing])
        -> (Result<TimelineEstimate, TimelinePlan.Problem>, EvaluationResult) {
        let fixed = Self.fixedDecisions(for: contractValues, in: rules.model, base: base, fixings: fixings)
        let evaluation = (evaluator ?? DMNEvaluator(model: rules.model))
            .evaluate(inputs, only: timelineOnly ? TimelinePlan.Decision.read : nil, fixing: fixed)
        return (estimate(evaluation, inputs: inputs, asOf: asOf), evaluation)
    }

    /// The same for several sets of contract values over one set of answers (the route alternatives of an
    /// assessment): `plain`, the answers evaluated once without fixing anything, gives every decision that no fixed
    /// one feeds, value and trace, so each set re-evaluates only the decisions downstream of the ones it fixes.
    func estimate(contractValues: [String: FEELValue], inputs: [String: FEELValue], asOf: FEELDate, base: [String: FEELValue],
                  reusing plain: EvaluationResult) -> Result<TimelineEstimate, TimelinePlan.Problem> {
        estimate(contractValues: contractValues, asOf: asOf, base: base,
                 reusing: Reuse(plain: plain, inputs: inputs, model: rules.model, keys: Array(contractValues.keys)))
    }

    /// Decision values that give the contract keys: each key's producing decision holds it as an output member,
    /// or is the value itself when the decision has a single output named like the key. `fixings`: how keys
    /// already looked up fix their producers (the others are looked up here).
    static func fixedDecisions(for values: [String: FEELValue], in model: DMNModel, base: [String: FEELValue],
                               fixings: [String: Fixing] = [:]) -> [String: FEELValue] {
        var fixed: [String: FEELValue] = [:]
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let fixing = fixings[key] ?? Fixing(key, in: model)
            for (name, whole) in fixing.producers {
                if whole {
                    fixed[name] = value
                    continue
                }
                var context: FEELContext
                if case .context(let c)? = fixed[name] ?? base[name] { context = c } else { context = FEELContext() }
                context[fixing.member] = value
                fixed[name] = .context(context)
            }
        }
        return fixed
    }

    /// How a contract key's value fixes the decisions producing it: per producer (sorted), whether the value is the
    /// decision's whole value or the member named like the key's last part.
    struct Fixing: Sendable {
        var member: String
        var producers: [(name: String, whole: Bool)] = []

        init(_ key: String, in model: DMNModel) {
            member = String(key.split(separator: ".").last ?? "")
            for name in ContractKeys.producers(in: model, keys: [key]).sorted() {
                guard let decision = model.decision(named: name) else { continue }
                let outputs = decision.decisionTable?.outputs
                producers.append((name, outputs?.count == 1 && (outputs?[0].name == member || name == member)))
            }
        }
    }

    func simulate(_ plan: TimelinePlan, asOf: FEELDate) -> TimelineEstimate {
        let key = CacheKey(plan: plan, asOf: asOf.daysSinceEpoch, draws: draws, seed: seed)
        let figures = Self.cache.withLock { $0.value(for: key) } ?? {
            let bytes = rules.storedFigures.map { _ in key.bytes }
            if let bytes, let stored = rules.storedFigures?.figures(for: bytes) {
                Self.cache.withLock { $0.insert(stored, for: key) }
                return stored
            }
            let computed = Figures(TimelineSimulation(plan: plan, asOf: asOf.daysSinceEpoch, draws: draws, seed: seed).run(), asOf: asOf)
            Self.cache.withLock { $0.insert(computed, for: key) }
            if let bytes { rules.storedFigures?.keep(computed, for: bytes) }
            return computed
        }()
        return TimelineEstimate(plan: plan, asOf: asOf, draws: draws, seed: seed, review: figures.review,
                                submission: figures.submission, decision: figures.decision, lag: figures.lag,
                                applicationLag: figures.applicationLag, reviewLag: figures.reviewLag,
                                probabilityJapanFirst: figures.probabilityJapanFirst, submissionDate: figures.submissionDate,
                                decisionDate: figures.decisionDate, startsOnAsOf: figures.startsOnAsOf,
                                referenceStart: figures.referenceStart, referenceLength: figures.referenceLength)
    }

    /// The numbers of one simulation, kept so an assessment that meets the same plan again (alternatives, a
    /// scenario suite, a batch) does not draw it twice.
    struct Figures: Sendable, Equatable {
        var review, submission, decision: TimelineEstimate.Range
        var lag, applicationLag, reviewLag: TimelineEstimate.Range?
        var probabilityJapanFirst: Double?
        var submissionDate, decisionDate: TimelineEstimate.DateRange?
        var startsOnAsOf: Bool
        var referenceStart: Double?
        var referenceLength: TimelineEstimate.Range?

        /// Consumes the samples: the quantiles reorder them in place.
        init(_ samples: consuming TimelineSimulation.Samples, asOf: FEELDate) {
            var s = consume samples
            let ps = [0.5, 0.8]
            func range(_ series: TimelineSimulation.Samples.Series) -> TimelineEstimate.Range? {
                s.quantiles(series, ps).map(TimelineEstimate.Range.init)
            }
            func dates(_ series: TimelineSimulation.Samples.Series) -> TimelineEstimate.DateRange? {
                guard let q = s.quantiles(series, ps)?.map({
                    FEELDate(daysSinceEpoch: asOf.daysSinceEpoch + Int(($0 * TimelineSimulation.daysPerMonth).rounded())) ?? asOf
                }) else { return nil }
                return TimelineEstimate.DateRange(p50: q[0], p80: q[1])
            }
            review = range(.review)!
            submission = range(.submission)!
            decision = range(.decision)!
            lag = range(.lag)
            applicationLag = range(.applicationLag)
            reviewLag = range(.reviewLag)
            let count = s.count
            probabilityJapanFirst = s.columns[TimelineSimulation.Samples.Series.lag.rawValue] == nil ? nil : Double(s.japanFirst) / Double(count)
            submissionDate = dates(.submissionAt)
            decisionDate = dates(.decisionAt)
            startsOnAsOf = s.clamped * 2 > count
            referenceStart = s.quantiles(.referenceStart, [0.5])?[0]
            referenceLength = range(.referenceLength)
        }
    }

    /// What a simulation depends on: the numbers of the plan, not its citations. Figures by their bits, so that
    /// only the very same numbers meet (formatting each stage into a string cost more than the lookup saved).
    struct CacheKey: Hashable, Sendable {
        struct Stage: Hashable, Sendable {
            var phase: TimelinePlan.Phase
            var group: String
            var p50, p80, probability: UInt64
            var cycles: Int
        }

        var stages: [Stage]
        var start: TimelinePlan.Start
        var referenceFollowsJapaneseSubmission: Bool
        var referenceMarket: String?
        var dates: [Int?]
        var asOf: Int
        var draws: Int
        var seed: UInt64

        init(plan: TimelinePlan, asOf: Int, draws: Int, seed: UInt64) {
            stages = plan.stages.map {
                Stage(phase: $0.phase, group: $0.group, p50: $0.p50.bitPattern, p80: $0.p80.bitPattern,
                      probability: $0.probability.bitPattern, cycles: $0.cycles)
            }
            start = plan.start
            referenceFollowsJapaneseSubmission = plan.referenceFollowsJapaneseSubmission
            referenceMarket = plan.referenceMarket
            dates = [plan.referenceSubmissionDate?.daysSinceEpoch, plan.referenceDecisionDate?.daysSinceEpoch]
            self.asOf = asOf
            self.draws = draws
            self.seed = seed
        }
    }

    /// A few hundred bytes a plan: a batch of a hundred thousand profiles meets some hundreds of plans, most
    /// of them often.
    static let cache = Mutex(RecentCache<CacheKey, Figures>(limit: 1024))
}
