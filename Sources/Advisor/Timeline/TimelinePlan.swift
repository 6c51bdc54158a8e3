import DecisionModel

/// What the rules decided for one timeline (Rules/timeline.dmn): the stages, the figure each draws from, and
/// how the Japanese work is placed against the reference market. No figure or condition is written in Swift:
/// the stages come from the decision `timeline`, their numbers from `benchmarks.xml`.
public struct TimelinePlan: Sendable {
    /// The decisions of Rules/timeline.dmn that the estimator reads (the interface between rules and code).
    public enum Decision {
        public static let stages = "timeline"
        public static let strategy = "timelineStrategy"
        public static let reference = "timelineReference"
        /// The decisions a plan is made of; the rest of the graph feeds them or does not matter to the timeline.
        static let read: Set<String> = [stages, strategy, reference]
    }

    /// The inputs a plan reads beside the decisions: the reference market's dates.
    static let referenceSubmissionInput = "referenceSubmissionDate"
    static let referenceDecisionInput = "referenceDecisionDate"
    static let inputsRead = [referenceSubmissionInput, referenceDecisionInput]

    public enum Phase: String, Sendable, Hashable {
        /// Start of Japanese work → Japanese filing.
        case submission
        /// Japanese filing → decision.
        case review
        /// The reference market's own review.
        case reference
    }

    /// Where the Japanese work starts (`timelineStrategy.start`).
    public enum Start: String, Sendable, Hashable {
        case referenceDecision = "reference-decision"
        case referenceSubmission = "reference-submission"
        case asOf = "as-of"
    }

    /// A rule row that chose something, for `why`.
    public struct RuleRef: Sendable {
        public var decision: String
        public var row: Int
        public var id: String?
        /// The row's `source` annotation as written; `source` reads it without research notes, only when asked
        /// (the reports of most plans never show it, and stripping a citation is slow the first time).
        var annotatedSource: String?
        public var source: String? { annotatedSource.map(Citations.withoutResearchNotes) }
        public var reason: LocalizedText
        public var location: SourceLocation
    }

    public struct Stage: Sendable {
        public var stage: String
        public var figure: String
        public var phase: Phase
        /// Stages of one group in a phase run side by side; groups follow one another.
        public var group: String
        public var cycles: Int
        public var probabilityFigure: String?
        /// From the used row of the figure in benchmarks.xml.
        public var p50: Double
        public var p80: Double
        /// 1 unless the stage happens only with the probability of `probabilityFigure`.
        public var probability: Double
        /// The used row's citation and place in benchmarks.xml.
        public var source: String
        public var sourceLocation: SourceLocation
        /// The row of the `timeline` table that put the stage in.
        public var rule: RuleRef?
        /// Rows of upstream decisions whose result named the figure (e.g. the review figure of the route).
        public var chosenBy: [RuleRef] = []
    }

    public var stages: [Stage]
    public var start: Start
    /// Without a reference submission date, it is the Japanese submission (Japan first) rather than the origin.
    public var referenceFollowsJapaneseSubmission: Bool
    public var strategy: String?
    /// nil when there is no reference market.
    public var referenceMarket: String?
    public var referenceRoute: String?
    public var referenceSubmissionDate: FEELDate?
    public var referenceDecisionDate: FEELDate?
    /// Rows that applied a documented default for an unanswered timeline question.
    public var assumptions: [RuleRef]

    /// Why no plan could be made from an evaluation.
    public enum Problem: Error, Sendable, Equatable {
        /// The rules select no review stage: the route is not determined (or has no timeline).
        case noRoute
        /// A stage names a figure benchmarks.xml lacks or gives no P50/P80 (the linter reports it too).
        case missingFigure(String)
    }

    /// Reads the plan from evaluated decision values and their traces.
    public static func from(values: [String: FEELValue], traces: [DecisionTrace], inputs: [String: FEELValue],
                            benchmarks: Benchmarks) -> Result<TimelinePlan, Problem> {
        guard case .list(let items)? = values[Decision.stages] else { return .failure(.noRoute) }
        let stageTrace = traces.first { $0.decision == Decision.stages }
        var naming = Naming(traces, figures: items.compactMap { item in
            if case .context(let c) = item { c["figure"]?.string } else { nil }
        })
        var stages: [Stage] = []
        for (index, item) in items.enumerated() {
            guard case .context(let c) = item, let stage = c["stage"]?.string, let figure = c["figure"]?.string,
                  let phase = c["phase"]?.string.flatMap(Phase.init(rawValue:)) else { continue }
            guard let used = benchmarks[figure]?.used, let p50 = used.p50, let p80 = used.p80 else { return .failure(.missingFigure(figure)) }
            var probability = 1.0
            let probabilityFigure = c["probabilityFigure"]?.string
            if let probabilityFigure {
                guard let p = benchmarks[probabilityFigure]?.used?.probability else { return .failure(.missingFigure(probabilityFigure)) }
                probability = p
            }
            let cycles = c["cycles"]?.double.map { Int($0.rounded()) } ?? 1
            let rule = stageTrace.flatMap { index < $0.rules.count ? ruleRef($0.decision, $0.rules[index]) : nil }
            stages.append(Stage(stage: stage, figure: figure, phase: phase, group: c["group"]?.string ?? stage,
                                cycles: max(cycles, 0), probabilityFigure: probabilityFigure, p50: p50, p80: p80,
                                probability: probability, source: Citations.withoutResearchNotes(used.source), sourceLocation: used.location, rule: rule,
                                chosenBy: naming.rules(figure)))
        }
        guard stages.contains(where: { $0.phase == .review }) else { return .failure(.noRoute) }
        let strategy = context(values[Decision.strategy])
        let reference = context(values[Decision.reference])
        let market = reference?["market"]?.string
        let hasReference = market != nil && market != "none"
        var assumptions: [RuleRef] = []
        for trace in traces {
            guard case .context(let c) = trace.value, c["assumed"] == .boolean(true), let hit = trace.rules.first else { continue }
            // A default only matters where it reaches the timeline.
            if trace.decision.hasPrefix(Decision.stages) { assumptions.append(ruleRef(trace.decision, hit)) }
        }
        return .success(TimelinePlan(
            stages: stages,
            start: strategy?["start"]?.string.flatMap(Start.init(rawValue:)) ?? .asOf,
            referenceFollowsJapaneseSubmission: strategy?["referenceSubmission"]?.string == "japanese-submission",
            strategy: strategy?["strategy"]?.string,
            referenceMarket: hasReference ? market : nil,
            referenceRoute: hasReference ? reference?["route"]?.string : nil,
            referenceSubmissionDate: hasReference ? inputs[referenceSubmissionInput]?.date : nil,
            referenceDecisionDate: hasReference ? inputs[referenceDecisionInput]?.date : nil,
            assumptions: assumptions))
    }

    /// The hits of decisions (other than the stage table) whose value holds a figure key. The traces are walked
    /// once for all the stages: each stage asking every trace again cost more than reading the plan.
    struct Naming {
        let traces: [DecisionTrace]
        /// Each of the figures that a trace's value holds, with the traces holding it in trace order.
        var holders: [String: [Int]] = [:]
        var refs: [Int: [RuleRef]] = [:]

        /// `figures`: the keys the stages name, the only strings asked for (hashing every string of every trace
        /// into a set cost more than comparing it with a few keys).
        init(_ traces: [DecisionTrace], figures: [String]) {
            self.traces = traces
            for (index, trace) in traces.enumerated() where trace.decision != Decision.stages {
                var held: [String] = []
                func collect(_ value: FEELValue) {
                    switch value {
                    case .string(let s): if figures.contains(s) && !held.contains(s) { held.append(s) }
                    case .context(let c): for entry in c.entries { collect(entry.value) }
                    default: break
                    }
                }
                collect(trace.value)
                for string in held { holders[string, default: []].append(index) }
            }
        }

        mutating func rules(_ figure: String) -> [RuleRef] {
            (holders[figure] ?? []).flatMap { index in
                if let known = refs[index] { return known }
                let trace = traces[index]
                let made = trace.rules.map { ruleRef(trace.decision, $0) }
                refs[index] = made
                return made
            }
        }
    }

    static func context(_ value: FEELValue?) -> FEELContext? {
        if case .context(let c)? = value { return c }
        return nil
    }

    static func ruleRef(_ decision: String, _ hit: DecisionTrace.RuleHit) -> RuleRef {
        var reason = LocalizedText()
        for language in Language.allCases { reason[language] = hit.annotation(language.rawValue) }
        return RuleRef(decision: decision, row: hit.row, id: hit.id, annotatedSource: hit.annotation("source"), reason: reason,
                       location: hit.location)
    }
}

extension FEELValue {
    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var double: Double? {
        if case .number(let n) = self { return n.doubleValue }
        return nil
    }

    var date: FEELDate? {
        if case .date(let d) = self { return d }
        return nil
    }
}
