@testable import Advisor
import Foundation
import Testing

/// Quantiles from buckets equal those of the sorted values, to the bit, on the shapes a run's samples take and on
/// the ones it declines.
@Suite struct BucketQuantilesTests {
    static func sortedQuantiles(_ values: [Double], _ ps: [Double]) -> [Double] {
        let sorted = values.sorted(), n = values.count
        return ps.map { p in
            let h = Double(n - 1) * p, lower = Int(h.rounded(.down)), upper = min(lower + 1, n - 1)
            return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
        }
    }

    static func bucketQuantiles(_ values: [Double], _ ps: [Double]) -> [Double]? {
        values.withUnsafeBufferPointer { BucketQuantiles.quantiles(in: $0, ps) }
    }

    /// Lognormal months as a run draws them, lags of either sign, ties, a constant, and wide ranges.
    /// `answers`: whether the buckets answer (else selection does: every quantile asked for here has a rank in a
    /// bucket holding more than a quarter of the values: the zeros, or every value when all are equal).
    static let shapes: [(name: String, answers: Bool, make: @Sendable (inout SeededRandom) -> Double)] = [
        ("lognormal", true, { r in exp(2.5 + 0.6 * r.normal()) }),
        ("lag of either sign", true, { r in 14 * r.normal() - 3 }),
        ("rounded ties", true, { r in (r.uniform() * 12).rounded() }),
        ("constant", false, { _ in 7.25 }),
        ("tiny spread", true, { r in 1 + r.uniform() * 1e-12 }),
        ("huge spread", true, { r in r.uniform() < 0.5 ? -1e300 * r.uniform() : 1e300 * r.uniform() }),
        ("mostly zeros", false, { r in r.uniform() < 0.6 ? 0 : r.uniform() }),
    ]

    @Test(arguments: shapes.map(\.name))
    func equalTheSortedValues(name: String) {
        let shape = Self.shapes.firstIndex { $0.name == name }!
        var random = SeededRandom(seed: UInt64(40 + shape))
        for count in [256, 257, 1000, 10_000] {
            let values = (0..<count).map { _ in Self.shapes[shape].make(&random) }
            for ps in [[0.5, 0.8], [0.8, 0.5], [0.0, 1.0], [0.1, 0.5, 0.9, 0.999]] {
                let found = Self.bucketQuantiles(values, ps)
                #expect((found != nil) == Self.shapes[shape].answers, "\(Self.shapes[shape].name), \(count) values, \(ps)")
                if let found {
                    #expect(found.map(\.bitPattern) == Self.sortedQuantiles(values, ps).map(\.bitPattern),
                            "\(Self.shapes[shape].name), \(count) values, \(ps)")
                }
            }
        }
    }

    @Test func answersForARunsSamples() {
        var random = SeededRandom(seed: 3)
        let values = (0..<10_000).map { _ in exp(2.5 + 0.6 * random.normal()) }
        #expect(Self.bucketQuantiles(values, [0.5, 0.8]) != nil)
    }

    @Test func declinesWhatSelectionMustDo() {
        var random = SeededRandom(seed: 5)
        let plain = (0..<1000).map { _ in random.uniform() }
        #expect(Self.bucketQuantiles(Array(plain.prefix(100)), [0.5]) == nil, "few values")
        #expect(Self.bucketQuantiles(plain + [.nan], [0.5]) == nil, "a NaN")
        let aroundZero = (1...500).map { -Double($0) } + [-0.0] + (1...500).map { Double($0) }
        #expect(Self.bucketQuantiles(aroundZero, [0.5]) == nil, "a negative zero beside the median")
        // A negative zero far from the wanted statistics changes nothing.
        let farFromZero = plain.map { $0 + 10 } + [-0.0]
        #expect(Self.bucketQuantiles(farFromZero, [0.5, 0.8])?.map(\.bitPattern) == Self.sortedQuantiles(farFromZero, [0.5, 0.8]).map(\.bitPattern))
        #expect(Self.bucketQuantiles(plain + Array(repeating: 0.5, count: 1000), [0.5]) == nil, "the median among many equal values")
        // Values beyond the sampled range go to the end buckets and are still counted in order.
        let outliers = plain.map { $0 * 1e-3 } + [1e6, -1e6]
        #expect(Self.bucketQuantiles(outliers, [0.0, 0.5, 1.0])?.map(\.bitPattern) == Self.sortedQuantiles(outliers, [0.0, 0.5, 1.0]).map(\.bitPattern))
        // Infinities outside the sample go to the end buckets like any outlier.
        let infinite = plain + [.infinity, -.infinity]
        #expect(Self.bucketQuantiles(infinite, [0.5, 0.8])?.map(\.bitPattern) == Self.sortedQuantiles(infinite, [0.5, 0.8]).map(\.bitPattern))
    }

    @Test func theSimulationsQuantilesEqualTheSortedValues() {
        var random = SeededRandom(seed: 8)
        var values = (0..<5000).map { _ in exp(1 + random.normal()) }
        let expected = Self.sortedQuantiles(values, [0.5, 0.8])
        #expect(TimelineSimulation.quantiles(&values, [0.5, 0.8]).map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
