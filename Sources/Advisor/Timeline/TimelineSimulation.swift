import DecisionModel
import Foundation

/// The Monte Carlo of benchmarks.md §8.2 over a plan: each stage lognormal between its P50 and P80, the
/// Japanese submission and decision, and against the reference market the lag and its split into
/// application lag (申請ラグ) and review lag (審査ラグ).
struct TimelineSimulation {
    let plan: TimelinePlan
    /// Day number of the as-of date: the origin of calendar dates, and the earliest start of Japanese work.
    let asOf: Int
    let draws: Int
    let seed: UInt64

    static let daysPerMonth = 30.4375
    /// z of the 80th percentile of the standard normal.
    static let z80 = 0.841_621_233_572_914_3

    /// One stage ready to draw: a fixed duration (σ = 0) or a lognormal.
    struct Draw {
        var phase: TimelinePlan.Phase
        var group: Int
        var mu: Double
        var sigma: Double
        var cycles: Int
        var probability: Double
    }

    /// The samples of one run, in months.
    struct Samples {
        var submission: [Double] = []
        var review: [Double] = []
        var decision: [Double] = []
        /// Calendar positions (months after the as-of date) when the timeline is anchored in time.
        var submissionAt: [Double] = []
        var decisionAt: [Double] = []
        var lag: [Double] = []
        var applicationLag: [Double] = []
        var reviewLag: [Double] = []
        var referenceStart: [Double] = []
        var referenceLength: [Double] = []
        var japanFirst = 0
        var clamped = 0
    }

    func draws(for phase: TimelinePlan.Phase) -> [Draw] {
        var groups: [String] = []
        return plan.stages.filter { $0.phase == phase }.map { stage in
            if !groups.contains(stage.group) { groups.append(stage.group) }
            let fixed = stage.p50 == stage.p80 || stage.p50 <= 0
            return Draw(phase: phase, group: groups.firstIndex(of: stage.group)!,
                        mu: fixed ? stage.p50 : log(stage.p50), sigma: fixed ? 0 : log(stage.p80 / stage.p50) / Self.z80,
                        cycles: stage.cycles, probability: stage.probability)
        }
    }

    /// Σ over groups of the longest stage in the group; a stage is the sum of its cycles, and may not happen.
    /// On buffers: it runs three times per draw, and an array's uniqueness and bounds checks cost more than a
    /// stage's arithmetic.
    static func total(_ stages: UnsafeBufferPointer<Draw>, groups: UnsafeMutableBufferPointer<Double>,
                      _ random: inout SeededRandom) -> Double {
        for i in groups.indices { groups[i] = 0 }
        for stage in stages {
            var length = 0.0
            for _ in 0..<stage.cycles {
                length += stage.sigma == 0 ? stage.mu : exp(stage.mu + stage.sigma * random.normal())
            }
            if stage.probability < 1 && random.uniform() >= stage.probability { length = 0 }
            groups[stage.group] = max(groups[stage.group], length)
        }
        var sum = 0.0
        for value in groups { sum += value }
        return sum
    }

    func run() -> Samples {
        var random = SeededRandom(seed: seed)
        let phases = (draws(for: .submission), draws(for: .review), draws(for: .reference))
        func slots(_ stages: [Draw]) -> [Double] { [Double](repeating: 0, count: (stages.map(\.group).max() ?? 0) + 1) }
        let groups = (submission: slots(phases.0), review: slots(phases.1), reference: slots(phases.2))
        let hasReference = plan.referenceMarket != nil
        let decisionGiven = plan.referenceDecisionDate.map { months(since: $0) }
        let submissionGiven = plan.referenceSubmissionDate.map { months(since: $0) }
        // In calendar time when a date places the reference market, or when the Japanese work starts on the as-of date.
        let anchored = decisionGiven != nil || submissionGiven != nil || plan.start == .asOf

        var s = Samples()
        s.submission.reserveCapacity(draws); s.review.reserveCapacity(draws); s.decision.reserveCapacity(draws)
        if anchored { s.submissionAt.reserveCapacity(draws); s.decisionAt.reserveCapacity(draws) }
        if hasReference { s.lag.reserveCapacity(draws); s.applicationLag.reserveCapacity(draws); s.reviewLag.reserveCapacity(draws) }
        let stageCount = phases.0.count + phases.1.count + phases.2.count
        let slotCount = groups.submission.count + groups.review.count + groups.reference.count
        let stages = UnsafeMutableBufferPointer<Draw>.allocate(capacity: stageCount)
        let slots = UnsafeMutableBufferPointer<Double>.allocate(capacity: slotCount)
        defer { stages.deallocate(); slots.deallocate() }
        _ = stages.initialize(from: phases.0 + phases.1 + phases.2)
        _ = slots.initialize(from: groups.submission + groups.review + groups.reference)
        func part<T>(_ buffer: UnsafeMutableBufferPointer<T>, _ from: Int, _ count: Int) -> UnsafeMutableBufferPointer<T> {
            UnsafeMutableBufferPointer(rebasing: buffer[from..<(from + count)])
        }
        let submissionStages = UnsafeBufferPointer(part(stages, 0, phases.0.count))
        let reviewStages = UnsafeBufferPointer(part(stages, phases.0.count, phases.1.count))
        let referenceStages = UnsafeBufferPointer(part(stages, phases.0.count + phases.1.count, phases.2.count))
        let submissionSlots = part(slots, 0, groups.submission.count)
        let reviewSlots = part(slots, groups.submission.count, groups.review.count)
        let referenceSlots = part(slots, groups.submission.count + groups.review.count, groups.reference.count)
        for _ in 0..<draws {
            let submission = Self.total(submissionStages, groups: submissionSlots, &random)
            let review = Self.total(reviewStages, groups: reviewSlots, &random)
            let referenceReview = Self.total(referenceStages, groups: referenceSlots, &random)
            // Reference submission S and decision D (months after the as-of date when anchored, else after S).
            var refSubmission = 0.0, refDecision = referenceReview
            switch (submissionGiven, decisionGiven) {
            case let (sub?, dec?): refSubmission = sub; refDecision = dec
            case let (nil, dec?): refDecision = dec; refSubmission = dec - referenceReview
            case let (sub?, nil): refSubmission = sub; refDecision = sub + referenceReview
            case (nil, nil): break
            }
            var start: Double
            switch plan.start {
            case .referenceDecision: start = hasReference ? refDecision : 0
            case .referenceSubmission: start = hasReference ? refSubmission : 0
            case .asOf: start = 0
            }
            // Japanese work still to do cannot start before the as-of date.
            if anchored && start < 0 { start = 0; s.clamped += 1 }
            let japanSubmission = start + submission
            let japanDecision = japanSubmission + review
            if hasReference && plan.referenceFollowsJapaneseSubmission && submissionGiven == nil && decisionGiven == nil {
                refSubmission = japanSubmission
                refDecision = japanSubmission + referenceReview
            }
            s.submission.append(submission)
            s.review.append(review)
            s.decision.append(submission + review)
            if anchored {
                s.submissionAt.append(japanSubmission)
                s.decisionAt.append(japanDecision)
            }
            if hasReference {
                s.lag.append(japanDecision - refDecision)
                s.applicationLag.append(japanSubmission - refSubmission)
                s.reviewLag.append(review - (refDecision - refSubmission))
                s.referenceStart.append(refSubmission - start)
                s.referenceLength.append(refDecision - refSubmission)
                if japanDecision < refDecision { s.japanFirst += 1 }
            }
        }
        return s
    }

    func months(since date: FEELDate) -> Double {
        Double(date.daysSinceEpoch - asOf) / Self.daysPerMonth
    }

    /// The interpolated quantiles (type 7) of `values`, found by selection rather than a full sort; reorders them.
    static func quantiles(_ values: inout [Double], _ ps: [Double]) -> [Double] {
        guard !values.isEmpty else { return ps.map { _ in 0 } }
        // After selecting index k nothing after it is smaller, so a higher quantile is selected among those only.
        var selected = -1
        return ps.map { p in
            let h = Double(values.count - 1) * p
            let lower = Int(h.rounded(.down))
            let low = lower == selected ? values[lower] : select(&values, lower, from: lower > selected ? selected + 1 : 0)
            selected = lower
            guard lower + 1 < values.count else { return low }
            // After selecting `lower`, the next order statistic is the smallest value above it.
            var next = Double.infinity
            for i in (lower + 1)..<values.count where values[i] < next { next = values[i] }
            return low + (h - Double(lower)) * (next - low)
        }
    }

    /// The k-th smallest value (0-based); afterwards no value before k is larger and none after k is smaller.
    /// `from`: an index before which no value is larger than any value at or after it (0: none known).
    static func select(_ values: inout [Double], _ k: Int, from start: Int = 0) -> Double {
        // Through a buffer: checking the array's uniqueness and bounds at every swap cost more than the selection.
        values.withUnsafeMutableBufferPointer { select(in: $0, k, from: start) }
    }

    private static func select(in values: UnsafeMutableBufferPointer<Double>, _ k: Int, from start: Int) -> Double {
        var low = start, high = values.count - 1
        while low < high {
            // Median of three as the pivot keeps sorted input linear.
            let mid = low + (high - low) / 2
            if values[mid] < values[low] { values.swapAt(mid, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[mid] { values.swapAt(high, mid) }
            let pivot = values[mid]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}
