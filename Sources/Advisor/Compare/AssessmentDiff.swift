import DecisionModel

/// What differs between two assessments of (usually) the same device: the answers, the results, the open
/// questions and the timeline figures — for `yakuji compare` and `assess --what-if`.
public struct AssessmentDiff: Sendable {
    public struct AnswerChange: Sendable, Equatable {
        public var name: String
        public var before: Answers.Answer?
        public var after: Answers.Answer?
    }

    public struct ResultChange: Sendable, Equatable {
        public var key: String
        public var before: FEELValue
        public var after: FEELValue
    }

    public struct FigureChange: Sendable, Equatable {
        public var figure: String
        public var before: TimelineEstimate.Range?
        public var after: TimelineEstimate.Range?

        /// After − before at P50 and P80, when both sides have the figure.
        public var delta: TimelineEstimate.Range? {
            guard let before, let after else { return nil }
            return TimelineEstimate.Range(p50: TimelineEstimate.Range.round(after.p50 - before.p50),
                                          p80: TimelineEstimate.Range.round(after.p80 - before.p80))
        }
    }

    /// The results compared, in the order a reader wants them (dotted keys reach into objects).
    public static let resultKeys = ContractKeys.scalar + ["qms.auditRequired", "qms.body", "qms.renewalDue",
                                                          "change.procedure", "change.filedWith", "change.deadlineDays",
                                                          "schemes", "consultations"]
    /// The timeline figures compared (CONTRACT §4 `timeline` keys).
    public static let figureKeys = ["japanSubmissionMonths", "reviewMonths", "japanDecisionMonths", "lagMonths",
                                    "applicationLagMonths", "reviewLagMonths"]

    public var before: Assessment
    public var after: Assessment
    public var answers: [AnswerChange] = []
    public var results: [ResultChange] = []
    /// Result keys with the same value on both sides.
    public var unchanged: [String] = []
    public var figures: [FigureChange] = []
    public var unchangedFigures: [String] = []
    public var probabilityJapanFirst: (before: Double?, after: Double?)
    /// Open questions that only one side has.
    public var openedQuestions: [String] = []
    public var settledQuestions: [String] = []

    public init(_ before: Assessment, _ after: Assessment) {
        self.before = before
        self.after = after
        var names = before.answers.order
        for name in after.answers.order where !names.contains(name) { names.append(name) }
        answers = names.compactMap { name in
            let a = before.answers[name], b = after.answers[name]
            return a == b ? nil : AnswerChange(name: name, before: a, after: b)
        }
        for key in Self.resultKeys {
            let a = Self.normalised(before.value(key)), b = Self.normalised(after.value(key))
            if a == b { unchanged.append(key) } else { results.append(ResultChange(key: key, before: a, after: b)) }
        }
        for key in Self.figureKeys {
            let a = Self.figure(key, before.timeline), b = Self.figure(key, after.timeline)
            if a == b { if a != nil { unchangedFigures.append(key) } } else { figures.append(FigureChange(figure: key, before: a, after: b)) }
        }
        probabilityJapanFirst = (before.timeline?.probabilityJapanFirst, after.timeline?.probabilityJapanFirst)
        openedQuestions = after.openQuestions.filter { !before.openQuestions.contains($0) }
        settledQuestions = before.openQuestions.filter { !after.openQuestions.contains($0) }
    }

    /// True when no result, open question or timeline figure moved.
    public var isEmpty: Bool {
        results.isEmpty && figures.isEmpty && openedQuestions.isEmpty && settledQuestions.isEmpty
            && probabilityMoved == false
    }

    public var probabilityMoved: Bool {
        guard let a = probabilityJapanFirst.before, let b = probabilityJapanFirst.after else {
            return (probabilityJapanFirst.before == nil) != (probabilityJapanFirst.after == nil)
        }
        return abs(a - b) >= 0.005
    }

    /// Lists compare as sets: the order in which rules listed schemes or consultations is not a change.
    static func normalised(_ value: FEELValue) -> FEELValue {
        guard case .list(let items) = value else { return value }
        return .list(items.sorted { $0.bareText < $1.bareText })
    }

    static func figure(_ key: String, _ e: TimelineEstimate?) -> TimelineEstimate.Range? {
        guard let e else { return nil }
        switch key {
        case "japanSubmissionMonths": return e.submission
        case "reviewMonths": return e.review
        case "japanDecisionMonths": return e.decision
        case "lagMonths": return e.lag
        case "applicationLagMonths": return e.applicationLag
        case "reviewLagMonths": return e.reviewLag
        default: return nil
        }
    }
}

extension Assessor {
    /// The assessment again with some answers replaced (`--what-if name=value`). A comparison reads the results,
    /// the open questions and the timeline, not the alternatives, so those are not explored.
    public func whatIf(_ base: Answers, changes: [(String, Answers.Answer)], asOf: String?,
                       absentIsUnknown: Bool = true) -> (before: Assessment, after: Assessment) {
        var changed = base
        for (name, answer) in changes { changed[name] = answer }
        return (assess(base, asOf: asOf, absentIsUnknown: absentIsUnknown, exploreAlternatives: false),
                assess(changed, asOf: asOf, absentIsUnknown: absentIsUnknown, exploreAlternatives: false))
    }
}
