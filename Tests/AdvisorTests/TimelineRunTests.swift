import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// A run draws its normals from one sequence per seed and sums each stage over all draws before placing the draws
/// against the reference market: every series must hold the very numbers of the plain computation, one draw at a
/// time with each number drawn in turn.
@Suite(.serialized) struct TimelineRunTests {
    typealias Series = TimelineSimulation.Samples.Series

    @Test func normalSequenceIsTheGeneratorsNormalsInTurn() {
        var random = SeededRandom(seed: 4)
        let expected = (0..<2001).map { _ in random.normal() }
        NormalSequence.cache.withLock { $0.removeAll() }
        // Grown from odd lengths, so that a longer prefix continues from a pair's kept second value.
        for count in [0, 1, 7, 1000, 2001, 2] {
            let got = NormalSequence.first(count, seed: 4)
            #expect(got.count >= count && Array(got.prefix(count)) == Array(expected.prefix(count)), "\(count) normals")
        }
        var filled = SeededRandom(seed: 5), oneByOne = SeededRandom(seed: 5)
        _ = filled.normal()
        _ = oneByOne.normal()
        var buffer = [Double](repeating: 0, count: 9)
        buffer.withUnsafeMutableBufferPointer { filled.fillNormals($0) }
        #expect(buffer == (0..<9).map { _ in oneByOne.normal() })
        #expect(filled.normal() == oneByOne.normal(), "the generator goes on where one-by-one draws would")
    }

    /// Every series of the plain computation: the phase totals of `TimelineTests.drawnOneByOne`, each draw placed
    /// against the reference market as benchmarks.md §8.2 steps 3–5 do.
    static func plain(_ plan: TimelinePlan, asOf: Int, draws: Int, seed: UInt64) -> (series: [Series: [Double]], japanFirst: Int, clamped: Int) {
        let totals = TimelineTests.drawnOneByOne(plan, draws: draws, seed: seed)
        let simulation = TimelineSimulation(plan: plan, asOf: asOf, draws: draws, seed: seed)
        let hasReference = plan.referenceMarket != nil
        let decisionGiven = plan.referenceDecisionDate.map { simulation.months(since: $0) }
        let submissionGiven = plan.referenceSubmissionDate.map { simulation.months(since: $0) }
        let anchored = decisionGiven != nil || submissionGiven != nil || plan.start == .asOf
        var series: [Series: [Double]] = [:]
        var japanFirst = 0, clamped = 0
        for i in 0..<draws {
            let (submission, review, referenceReview) = (totals[0][i], totals[1][i], totals[2][i])
            var refSubmission = submissionGiven ?? 0
            var refDecision = decisionGiven ?? (refSubmission + referenceReview)
            if submissionGiven == nil && decisionGiven != nil { refSubmission = refDecision - referenceReview }
            if submissionGiven == nil && decisionGiven == nil { refDecision = referenceReview }
            var start = switch plan.start {
            case .referenceDecision: hasReference ? refDecision : 0
            case .referenceSubmission: hasReference ? refSubmission : 0
            case .asOf: 0.0
            }
            if anchored && start < 0 { start = 0; clamped += 1 }
            let japanSubmission = start + submission, japanDecision = japanSubmission + review
            if hasReference && plan.referenceFollowsJapaneseSubmission && submissionGiven == nil && decisionGiven == nil {
                (refSubmission, refDecision) = (japanSubmission, japanSubmission + referenceReview)
            }
            var values: [(Series, Double)] = [(.submission, submission), (.review, review), (.decision, submission + review)]
            if anchored { values += [(.submissionAt, japanSubmission), (.decisionAt, japanDecision)] }
            if hasReference {
                values += [(.lag, japanDecision - refDecision), (.applicationLag, japanSubmission - refSubmission),
                           (.reviewLag, review - (refDecision - refSubmission)), (.referenceStart, refSubmission - start),
                           (.referenceLength, refDecision - refSubmission)]
                if japanDecision < refDecision { japanFirst += 1 }
            }
            for (name, value) in values { series[name, default: []].append(value) }
        }
        return (series, japanFirst, clamped)
    }

    static func plans() throws -> [(name: String, plan: TimelinePlan)] {
        let foreign = TimelineTests.foreignNewDevice
        let queries: [(String, String, String?, [String: String])] = [
            ("no reference", "certification", nil, ["referenceMarket": "none", "manufacturerLocation": "domestic"]),
            ("parallel", "approval", "new", foreign.merging(["japanStrategy": "parallel"]) { $1 }),
            ("sequential", "approval", "new", foreign.merging(["japanStrategy": "sequential", "plannedConsultations": "3"]) { $1 }),
            ("japan first", "approval", "new", foreign.merging(["japanStrategy": "japan-first"]) { $1 }),
            ("decision ahead", "approval", "new", foreign.merging(["japanStrategy": "sequential", "referenceDecisionDate": "2027-06-30"]) { $1 }),
            ("decision past", "approval", "new", foreign.merging(["japanStrategy": "sequential", "referenceDecisionDate": "2025-06-30"]) { $1 }),
            ("submission given", "approval", "new", foreign.merging(["japanStrategy": "parallel", "referenceSubmissionDate": "2026-02-01"]) { $1 }),
            ("both dates", "approval", "new", foreign.merging(["referenceSubmissionDate": "2025-01-10", "referenceDecisionDate": "2026-03-01"]) { $1 }),
            ("clinical", "approval", "improved-with-clinical", ["manufacturerLocation": "foreign", "deviceClass": "3"]),
        ]
        var plans = try queries.map { ($0.0, try TimelineTests.lag($0.1, $0.2, $0.3, draws: 1).plan) }
        // And the plan of every sample, and of each route it may still take with one of its answers unknown.
        for file in try FileManager.default.contentsOfDirectory(atPath: Fixtures.bundledRules + "/../Samples").sorted() where file.hasSuffix(".xml") {
            for unknown in [[:], ["productForm": "?"]] {
                let a = try TimelineTests.sample(file, unknown)
                plans += ([a.timeline] + a.alternatives.map(\.timeline)).compactMap { $0.map { (file, $0.plan) } }
            }
        }
        return plans
    }

    @Test func aRunHoldsTheNumbersOfThePlainComputation() throws {
        let asOf = try #require(FEELDate(iso8601: TimelineTests.asOf)).daysSinceEpoch
        let plans = try Self.plans()
        #expect(plans.contains { $0.plan.referenceMarket == nil } && plans.contains { $0.plan.referenceDecisionDate != nil })
        for (name, plan) in plans {
            let samples = TimelineSimulation(plan: plan, asOf: asOf, draws: 300, seed: 2).run()
            let expected = Self.plain(plan, asOf: asOf, draws: 300, seed: 2)
            for series in Series.allCases {
                #expect(samples.values(series) == expected.series[series] ?? [], "\(name): \(series)")
            }
            #expect(samples.japanFirst == expected.japanFirst && samples.clamped == expected.clamped, "\(name)")
        }
    }

    /// Stage lengths kept from earlier runs (of the same plan, or of others sharing a stage at the same place in the
    /// same stream) give the very numbers of working them out afresh.
    @Test func keptStageLengthsAreTheFreshOnes() throws {
        let asOf = try #require(FEELDate(iso8601: TimelineTests.asOf)).daysSinceEpoch
        let plans = try Self.plans()
        func bits(_ samples: TimelineSimulation.Samples) -> [[UInt64]] {
            Series.allCases.map { samples.values($0).map(\.bitPattern) }
        }
        let fresh = plans.map { plan in
            TimelineSimulation.Stream.lengths.withLock { $0.removeAll() }
            return bits(TimelineSimulation(plan: plan.plan, asOf: asOf, draws: 300, seed: 2).run())
        }
        for (index, plan) in plans.enumerated() {
            #expect(bits(TimelineSimulation(plan: plan.plan, asOf: asOf, draws: 300, seed: 2).run()) == fresh[index], "\(plan.name)")
        }
    }
}
