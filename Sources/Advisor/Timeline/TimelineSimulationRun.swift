import Foundation

/// The draws of a run, computed a stage at a time over all draws rather than a draw at a time over all stages: the
/// loop over one stage keeps its figures in registers and has no per-draw dispatch on the plan's shape, which cost
/// more than a stage's arithmetic. Every value is the same sum of the same terms in the same order as drawing the
/// stages of one draw after another (TimelineTests checks it against exactly that).
extension TimelineSimulation {
    /// Where each stage's numbers sit in one draw's share of the random stream (see `RandomStream`).
    struct StreamLayout {
        /// Numbers one draw takes.
        var perDraw = 0
        /// Per stage, in run order: the index of its first number within a draw.
        var offsets: [Int] = []

        init(_ stages: [Draw]) {
            for stage in stages {
                offsets.append(perDraw)
                perDraw += (stage.sigma != 0 ? stage.cycles : 0) + (stage.probability < 1 ? 1 : 0)
            }
        }
    }

    /// A stage's length in one draw: the sum of its cycles, dropped when it does not happen. `random`: the stage's
    /// numbers in that draw (a normal per cycle when it has a spread, then a uniform when it may not happen).
    @inline(__always)
    static func length(_ stage: Draw, _ random: UnsafePointer<Double>) -> Double {
        var length = 0.0
        var taken = 0
        for _ in 0..<stage.cycles {
            if stage.sigma == 0 {
                length += stage.mu
            } else {
                length += exp(stage.mu + stage.sigma * random[taken])
                taken += 1
            }
        }
        if stage.probability < 1 && random[taken] >= stage.probability { length = 0 }
        return length
    }

    /// A stage's length in every draw, into `lengths`. `numbers`: the stage's first number in the first draw.
    static func lengths(_ stage: Draw, _ numbers: UnsafePointer<Double>, stride: Int, draws: Int,
                        into lengths: UnsafeMutablePointer<Double>) {
        var numbers = numbers
        // Most stages are one lognormal cycle that always happens: `0 + exp(…)`, which is `exp(…)` (never -0).
        if stage.cycles == 1 && stage.sigma != 0 && !(stage.probability < 1) {
            let (mu, sigma) = (stage.mu, stage.sigma)
            for i in 0..<draws {
                lengths[i] = exp(mu + sigma * numbers.pointee)
                numbers += stride
            }
            return
        }
        for i in 0..<draws {
            lengths[i] = length(stage, numbers)
            numbers += stride
        }
    }

    /// Per draw, Σ over groups of the longest stage in the group, into `totals`. `scratch`: room for a column per
    /// group and one more. `random`: the run's stream, `layout.perDraw` numbers per draw; `first`: the index of the
    /// phase's first stage in the layout. The first stage of a column writes `0 + x` and `max(0, x)` where the
    /// others add and compare to what is there: the same operations as starting from zeros, without filling them.
    static func phaseTotals(_ stages: ArraySlice<Draw>, first: Int, layout: StreamLayout, random: UnsafePointer<Double>,
                            draws: Int, into totals: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>) {
        // A phase without stages sums its one empty group: zero.
        if stages.isEmpty {
            totals.update(repeating: 0, count: draws)
            return
        }
        let groupCount = (stages.map(\.group).max() ?? 0) + 1
        let stageLengths = scratch, groups = scratch + draws
        // Most phases have one stage per group, numbered in stage order: the groups' sum is then the stages'
        // sum, each stage counted as `max(0, length)` counts it, in the same order — the same additions.
        if stages.count == groupCount {
            for (index, stage) in zip(first..., stages) {
                lengths(stage, random + layout.offsets[index], stride: layout.perDraw, draws: draws, into: stageLengths)
                if index == first {
                    for i in 0..<draws { totals[i] = 0 + max(0, stageLengths[i]) }
                } else {
                    for i in 0..<draws { totals[i] += max(0, stageLengths[i]) }
                }
            }
            return
        }
        var started = [Bool](repeating: false, count: groupCount)
        for (index, stage) in zip(first..., stages) {
            lengths(stage, random + layout.offsets[index], stride: layout.perDraw, draws: draws, into: stageLengths)
            let column = groups + stage.group * draws
            if started[stage.group] {
                for i in 0..<draws { column[i] = max(column[i], stageLengths[i]) }
            } else {
                for i in 0..<draws { column[i] = max(0, stageLengths[i]) }
                started[stage.group] = true
            }
        }
        // Groups are numbered as their stages come, so every group has one.
        for i in 0..<draws { totals[i] = 0 + groups[i] }
        for group in 1..<groupCount {
            let column = groups + group * draws
            for i in 0..<draws { totals[i] += column[i] }
        }
    }

    func run() -> Samples {
        let stages = draws(for: .submission) + draws(for: .review) + draws(for: .reference)
        let submissionStages = stages.prefix { $0.phase == .submission }
        let reviewStages = stages[submissionStages.endIndex...].prefix { $0.phase == .review }
        let referenceStages = stages[reviewStages.endIndex...]
        let layout = StreamLayout(stages)
        var randomValues = RandomStream.values(for: stages, draws: draws, seed: seed)
        // A run whose stages draw nothing never reads its stream, but the stages' loops need an address.
        if randomValues.isEmpty { randomValues = [0] }
        let hasReference = plan.referenceMarket != nil
        let decisionGiven = plan.referenceDecisionDate.map { months(since: $0) }
        let submissionGiven = plan.referenceSubmissionDate.map { months(since: $0) }
        // In calendar time when a date places the reference market, or when the Japanese work starts on the as-of date.
        let anchored = decisionGiven != nil || submissionGiven != nil || plan.start == .asOf

        typealias Series = Samples.Series
        var columns: [Int?] = Array(repeating: nil, count: Series.allCases.count)
        var present = 0
        // Without a reference market, or from the as-of date, the Japanese work starts at 0 in every draw: the
        // calendar positions are then 0 + the submission and that + the review, the very values (a sum of stages
        // is never -0) of the submission and decision series, whose columns they share.
        let startsAtZero = plan.start == .asOf || !hasReference
        for series in Series.allCases {
            switch series {
            case .submission, .review, .decision: break
            case .submissionAt, .decisionAt:
                guard anchored else { continue }
                if startsAtZero {
                    columns[series.rawValue] = columns[(series == .submissionAt ? Series.submission : .decision).rawValue]
                    continue
                }
            case .lag, .applicationLag, .reviewLag, .referenceStart, .referenceLength: guard hasReference else { continue }
            }
            columns[series.rawValue] = present
            present += 1
        }
        // Scratch: the reference review per draw, and for the phases a stage's lengths and a column per group.
        let groupColumns = [submissionStages, reviewStages, referenceStages].map { ($0.map(\.group).max() ?? 0) + 1 }.max()!
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: (2 + groupColumns) * draws)
        defer { scratch.deallocate() }
        let referenceReviews = scratch, phaseScratch = scratch + draws
        let followsJapaneseSubmission = hasReference && plan.referenceFollowsJapaneseSubmission && submissionGiven == nil
            && decisionGiven == nil
        var japanFirst = 0, clamped = 0
        let storage = [Double](unsafeUninitializedCapacity: present * draws) { buffer, initialized in
            // A series the run does not have shares the first column: it is never written.
            func column(_ series: Series) -> UnsafeMutablePointer<Double> {
                buffer.baseAddress! + (columns[series.rawValue] ?? 0) * draws
            }
            let (submissions, reviews, decisions) = (column(.submission), column(.review), column(.decision))
            let (submissionsAt, decisionsAt) = (column(.submissionAt), column(.decisionAt))
            let (lags, applicationLags, reviewLags) = (column(.lag), column(.applicationLag), column(.reviewLag))
            let (referenceStarts, referenceLengths) = (column(.referenceStart), column(.referenceLength))
            randomValues.withUnsafeBufferPointer { random in
                let random = random.baseAddress!
                Self.phaseTotals(submissionStages, first: 0, layout: layout, random: random, draws: draws, into: submissions, scratch: phaseScratch)
                Self.phaseTotals(reviewStages, first: reviewStages.startIndex, layout: layout, random: random, draws: draws,
                                 into: reviews, scratch: phaseScratch)
                Self.phaseTotals(referenceStages, first: referenceStages.startIndex, layout: layout, random: random, draws: draws,
                                 into: referenceReviews, scratch: phaseScratch)
            }
            defer { initialized = present * draws }
            // Nothing but the Japanese totals: no reference to place and no calendar.
            guard hasReference || anchored else {
                for i in 0..<draws { decisions[i] = submissions[i] + reviews[i] }
                return
            }
            // The plan's shape, unwrapped once rather than matched in every draw.
            let (givenSubmission, givenDecision) = (submissionGiven ?? 0, decisionGiven ?? 0)
            let (hasGivenSubmission, hasGivenDecision) = (submissionGiven != nil, decisionGiven != nil)
            let startsAtReferenceDecision = hasReference && plan.start == .referenceDecision
            let startsAtReferenceSubmission = hasReference && plan.start == .referenceSubmission
            for i in 0..<draws {
                let submission = submissions[i], review = reviews[i], referenceReview = referenceReviews[i]
                // Reference submission S and decision D (months after the as-of date when anchored, else after S).
                var refSubmission = 0.0, refDecision = referenceReview
                if hasGivenSubmission {
                    refSubmission = givenSubmission
                    refDecision = hasGivenDecision ? givenDecision : givenSubmission + referenceReview
                } else if hasGivenDecision {
                    refDecision = givenDecision
                    refSubmission = givenDecision - referenceReview
                }
                var start = startsAtReferenceDecision ? refDecision : startsAtReferenceSubmission ? refSubmission : 0
                // Japanese work still to do cannot start before the as-of date.
                if anchored && start < 0 { start = 0; clamped += 1 }
                let japanSubmission = start + submission
                let japanDecision = japanSubmission + review
                if followsJapaneseSubmission {
                    refSubmission = japanSubmission
                    refDecision = japanSubmission + referenceReview
                }
                decisions[i] = submission + review
                if anchored {
                    submissionsAt[i] = japanSubmission
                    decisionsAt[i] = japanDecision
                }
                if hasReference {
                    lags[i] = japanDecision - refDecision
                    applicationLags[i] = japanSubmission - refSubmission
                    reviewLags[i] = review - (refDecision - refSubmission)
                    referenceStarts[i] = refSubmission - start
                    referenceLengths[i] = refDecision - refSubmission
                    if japanDecision < refDecision { japanFirst += 1 }
                }
            }
        }
        return Samples(storage: storage, count: draws, columns: columns, japanFirst: japanFirst, clamped: clamped)
    }
}
