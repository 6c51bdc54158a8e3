import Foundation
import Synchronization

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

    /// Where a run reads its numbers, and the stages' lengths that runs before it worked out from the same numbers:
    /// route alternatives share stages (the preparation, the reference review) at the same place in the same stream,
    /// and a lognormal stage's length costs an `exp` per draw, the bulk of a run.
    struct Stream {
        var random: UnsafePointer<Double>
        var layout: StreamLayout
        var draws: Int
        var source: RandomStream.Source

        struct Key: Hashable, Sendable {
            var source: RandomStream.Source
            var offset, stride, draws, cycles: Int
            var mu, sigma, probability: UInt64
        }

        /// 80 kB each at the default draws: a few megabytes at most. Runs of many more draws keep none.
        static let lengths = Mutex(RecentCache<Key, [Double]>(limit: 32))
        static let keptDraws = 20_000

        /// `body` with the stage's length in every draw. `index`: the stage's place in the layout; `scratch`: room
        /// for a length per draw.
        func withLengths(_ stage: Draw, at index: Int, scratch: UnsafeMutablePointer<Double>,
                         _ body: (UnsafePointer<Double>) -> Void) {
            let numbers = random + layout.offsets[index]
            // Without a spread the lengths cost less than a lookup.
            guard stage.sigma != 0, draws <= Self.keptDraws else {
                TimelineSimulation.lengths(stage, numbers, stride: layout.perDraw, draws: draws, into: scratch)
                body(scratch)
                return
            }
            let key = Key(source: source, offset: layout.offsets[index], stride: layout.perDraw, draws: draws, cycles: stage.cycles,
                          mu: stage.mu.bitPattern, sigma: stage.sigma.bitPattern, probability: stage.probability.bitPattern)
            let lengths = Self.lengths.withLock { $0.value(for: key) } ?? {
                let made = [Double](unsafeUninitializedCapacity: draws) { buffer, count in
                    TimelineSimulation.lengths(stage, numbers, stride: layout.perDraw, draws: draws, into: buffer.baseAddress!)
                    count = draws
                }
                Self.lengths.withLock { $0.insert(made, for: key) }
                return made
            }()
            lengths.withUnsafeBufferPointer { body($0.baseAddress!) }
        }
    }

    /// Per draw, Σ over groups of the longest stage in the group, into `totals`. `scratch`: room for a column per
    /// group and one more. `first`: the index of the phase's first stage in the stream's layout. The first stage of
    /// a column writes `0 + x` and `max(0, x)` where the others add and compare to what is there: the same
    /// operations as starting from zeros, without filling them.
    static func phaseTotals(_ stages: ArraySlice<Draw>, first: Int, stream: Stream, into totals: UnsafeMutablePointer<Double>,
                            scratch: UnsafeMutablePointer<Double>) {
        let draws = stream.draws
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
                stream.withLengths(stage, at: index, scratch: stageLengths) { lengths in
                    if index == first {
                        for i in 0..<draws { totals[i] = 0 + max(0, lengths[i]) }
                    } else {
                        for i in 0..<draws { totals[i] += max(0, lengths[i]) }
                    }
                }
            }
            return
        }
        var started = [Bool](repeating: false, count: groupCount)
        for (index, stage) in zip(first..., stages) {
            let column = groups + stage.group * draws
            let isStarted = started[stage.group]
            stream.withLengths(stage, at: index, scratch: stageLengths) { lengths in
                if isStarted {
                    for i in 0..<draws { column[i] = max(column[i], lengths[i]) }
                } else {
                    for i in 0..<draws { column[i] = max(0, lengths[i]) }
                }
            }
            started[stage.group] = true
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
                let stream = Stream(random: random.baseAddress!, layout: layout, draws: draws,
                                    source: RandomStream.source(of: stages, draws: draws, seed: seed))
                Self.phaseTotals(submissionStages, first: 0, stream: stream, into: submissions, scratch: phaseScratch)
                Self.phaseTotals(reviewStages, first: reviewStages.startIndex, stream: stream, into: reviews, scratch: phaseScratch)
                Self.phaseTotals(referenceStages, first: referenceStages.startIndex, stream: stream, into: referenceReviews,
                                 scratch: phaseScratch)
            }
            defer { initialized = present * draws }
            // Nothing but the Japanese totals: no reference to place and no calendar.
            guard hasReference || anchored else {
                for i in 0..<draws { decisions[i] = submissions[i] + reviews[i] }
                return
            }
            // The plan's shape, unwrapped once rather than matched in every draw.
            let shape = Shape(anchored: anchored, hasReference: hasReference, hasGivenSubmission: submissionGiven != nil,
                              hasGivenDecision: decisionGiven != nil,
                              startsAtReferenceDecision: hasReference && plan.start == .referenceDecision,
                              startsAtReferenceSubmission: hasReference && plan.start == .referenceSubmission,
                              followsJapaneseSubmission: followsJapaneseSubmission,
                              givenSubmission: submissionGiven ?? 0, givenDecision: decisionGiven ?? 0)
            let placed = Columns(submissions: submissions, reviews: reviews, referenceReviews: referenceReviews,
                                 decisions: decisions, submissionsAt: submissionsAt, decisionsAt: decisionsAt, lags: lags,
                                 applicationLags: applicationLags, reviewLags: reviewLags, referenceStarts: referenceStarts,
                                 referenceLengths: referenceLengths)
            (japanFirst, clamped) = Self.place(placed, draws: draws, shape)
        }
        return Samples(storage: storage, count: draws, columns: columns, japanFirst: japanFirst, clamped: clamped)
    }

    /// How a plan places the Japanese work against the reference market.
    struct Shape {
        var anchored, hasReference, hasGivenSubmission, hasGivenDecision: Bool
        var startsAtReferenceDecision, startsAtReferenceSubmission, followsJapaneseSubmission: Bool
        var givenSubmission, givenDecision: Double
    }

    /// The columns a run's draws are read from (the first three) and written to.
    struct Columns {
        var submissions, reviews, referenceReviews: UnsafeMutablePointer<Double>
        var decisions, submissionsAt, decisionsAt: UnsafeMutablePointer<Double>
        var lags, applicationLags, reviewLags, referenceStarts, referenceLengths: UnsafeMutablePointer<Double>
    }

    /// Places every draw; returns how many put the Japanese decision first and how many clamped the start. The
    /// shapes without a calendar (no date given, the work starting at the reference market's decision or filing)
    /// get loops of their own with the shape's tests folded away: tested in every draw, they cost as much as the
    /// draw's arithmetic.
    static func place(_ c: Columns, draws: Int, _ shape: Shape) -> (japanFirst: Int, clamped: Int) {
        if !shape.anchored && shape.hasReference && !shape.hasGivenSubmission && !shape.hasGivenDecision {
            var unanchored = shape
            (unanchored.anchored, unanchored.hasReference) = (false, true)
            (unanchored.hasGivenSubmission, unanchored.hasGivenDecision) = (false, false)
            if shape.followsJapaneseSubmission {
                unanchored.followsJapaneseSubmission = true
                return placeDraws(c, draws: draws, unanchored)
            }
            unanchored.followsJapaneseSubmission = false
            return placeDraws(c, draws: draws, unanchored)
        }
        return placeDraws(c, draws: draws, shape)
    }

    @inline(__always)
    private static func placeDraws(_ c: Columns, draws: Int, _ shape: Shape) -> (japanFirst: Int, clamped: Int) {
        var japanFirst = 0, clamped = 0
        let (anchored, hasReference, followsJapaneseSubmission) = (shape.anchored, shape.hasReference, shape.followsJapaneseSubmission)
        let (hasGivenSubmission, hasGivenDecision) = (shape.hasGivenSubmission, shape.hasGivenDecision)
        let (givenSubmission, givenDecision) = (shape.givenSubmission, shape.givenDecision)
        let (startsAtReferenceDecision, startsAtReferenceSubmission) = (shape.startsAtReferenceDecision, shape.startsAtReferenceSubmission)
        for i in 0..<draws {
            let submission = c.submissions[i], review = c.reviews[i], referenceReview = c.referenceReviews[i]
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
            c.decisions[i] = submission + review
            if anchored {
                c.submissionsAt[i] = japanSubmission
                c.decisionsAt[i] = japanDecision
            }
            if hasReference {
                c.lags[i] = japanDecision - refDecision
                c.applicationLags[i] = japanSubmission - refSubmission
                c.reviewLags[i] = review - (refDecision - refSubmission)
                c.referenceStarts[i] = refSubmission - start
                c.referenceLengths[i] = refDecision - refSubmission
                if japanDecision < refDecision { japanFirst += 1 }
            }
        }
        return (japanFirst, clamped)
    }
}
