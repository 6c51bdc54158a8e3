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

    /// The samples of one run, in months: one column of `count` values per series the run has, in one array
    /// that the run fills in place (appending to ten arrays per draw cost more than the draw's arithmetic).
    struct Samples {
        enum Series: Int, CaseIterable {
            case submission, review, decision
            /// Calendar positions (months after the as-of date) when the timeline is anchored in time.
            case submissionAt, decisionAt
            /// Against the reference market, when there is one.
            case lag, applicationLag, reviewLag, referenceStart, referenceLength
        }

        var storage: [Double]
        let count: Int
        /// Per series, its column in `storage` (nil when the run has no such series).
        let columns: [Int?]
        var japanFirst = 0
        var clamped = 0

        /// The values of a series, in draw order (empty when the run has none).
        func values(_ series: Series) -> [Double] {
            guard let column = columns[series.rawValue] else { return [] }
            return Array(storage[column * count..<(column + 1) * count])
        }

        var lag: [Double] { values(.lag) }
        var applicationLag: [Double] { values(.applicationLag) }
        var reviewLag: [Double] { values(.reviewLag) }

        /// Quantiles already found, by column: a series that shares its column with another is not selected twice.
        private var found: [(column: Int, ps: [Double], values: [Double])] = []

        init(storage: [Double], count: Int, columns: [Int?], japanFirst: Int, clamped: Int) {
            (self.storage, self.count, self.columns, self.japanFirst, self.clamped) = (storage, count, columns, japanFirst, clamped)
        }

        /// The quantiles of a series (nil when the run has none); reorders its values.
        mutating func quantiles(_ series: Series, _ ps: [Double]) -> [Double]? {
            guard let column = columns[series.rawValue] else { return nil }
            if let known = found.first(where: { $0.column == column && $0.ps == ps }) { return known.values }
            let count = count
            let values = storage.withUnsafeMutableBufferPointer {
                TimelineSimulation.quantiles(in: UnsafeMutableBufferPointer(rebasing: $0[column * count..<(column + 1) * count]), ps)
            }
            found.append((column, ps, values))
            return values
        }
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

    func months(since date: FEELDate) -> Double {
        Double(date.daysSinceEpoch - asOf) / Self.daysPerMonth
    }

    /// The interpolated quantiles (type 7) of `values`, found by selection rather than a full sort; reorders them.
    static func quantiles(_ values: inout [Double], _ ps: [Double]) -> [Double] {
        values.withUnsafeMutableBufferPointer { quantiles(in: $0, ps) }
    }

    static func quantiles(in values: UnsafeMutableBufferPointer<Double>, _ ps: [Double]) -> [Double] {
        guard !values.isEmpty else { return ps.map { _ in 0 } }
        if let found = BucketQuantiles.quantiles(in: UnsafeBufferPointer(values), ps) { return found }
        // After selecting index k nothing after it is smaller, so a higher quantile is selected among those only.
        var selected = -1
        return ps.map { p in
            let h = Double(values.count - 1) * p
            let lower = Int(h.rounded(.down))
            let low = lower == selected ? values[lower] : select(in: values, lower, from: lower > selected ? selected + 1 : 0)
            selected = lower
            guard lower + 1 < values.count else { return low }
            // After selecting `lower`, the next order statistic is the smallest value above it.
            var next = Double.infinity
            for i in (lower + 1)..<values.count where values[i] < next { next = values[i] }
            return low + (h - Double(lower)) * (next - low)
        }
    }

    /// The k-th smallest value (0-based); afterwards no value before k is larger and none after k is smaller.
    /// `from`: an index before which no value is larger than any value at or after it (0: none known). On a
    /// buffer: checking an array's uniqueness and bounds at every swap cost more than the selection.
    private static func select(in values: UnsafeMutableBufferPointer<Double>, _ k: Int, from start: Int) -> Double {
        floydRivest(values, k, start, values.count - 1)
        return values[k]
    }

    /// Floyd and Rivest's SELECT (CACM algorithm 489): before partitioning a large range it selects within a small
    /// sample range around k, so that the pivot lies close to the k-th value and the range shrinks to a sliver in
    /// about one pass; about 1.5 comparisons per value for a median where quickselect takes nearer 3. Any
    /// selection leaves the same value at k, so the quantiles do not depend on it.
    private static func floydRivest(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int, _ low: Int, _ high: Int) {
        var left = low, right = high
        while right > left {
            if right - left > 600 {
                let n = Double(right - left + 1), i = Double(k - left + 1)
                let z = log(n)
                let s = 0.5 * exp(2 * z / 3)
                let sd = 0.5 * (z * s * (n - s) / n).squareRoot() * (i < n / 2 ? -1 : 1)
                floydRivest(a, k, max(left, Int(Double(k) - i * s / n + sd)), min(right, Int(Double(k) + (n - i) * s / n + sd)))
            }
            let t = a[k]
            var i = left, j = right
            a.swapAt(left, k)
            if a[right] > t { a.swapAt(right, left) }
            while i < j {
                a.swapAt(i, j)
                i += 1
                j -= 1
                while a[i] < t { i += 1 }
                while a[j] > t { j -= 1 }
            }
            if a[left] == t {
                a.swapAt(left, j)
            } else {
                j += 1
                a.swapAt(j, right)
            }
            if j <= k { left = j + 1 }
            if k <= j { right = j - 1 }
        }
    }
}
