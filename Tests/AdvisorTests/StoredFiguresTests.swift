import DecisionModel
import Foundation
import Testing
@testable import Advisor
import TestScratch

/// Timeline figures kept between runs: read back bit for bit by the same program only, never from a damaged file,
/// the newest kept when there are too many, and a rule set loaded with a cache reads what an earlier run drew.
@Suite final class StoredFiguresTests {
    let scratch = TestScratch.path("stored-figures").path

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    /// A store in a folder of this test's, made as the rules cache makes it.
    func store(program: String = "test-program") throws -> StoredFigures {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        return StoredFigures(folder: scratch, program: program)
    }

    static func synthetic(_ i: Int) -> TimelineEstimator.Figures {
        let day = FEELDate(daysSinceEpoch: 20_000 + i)!
        return TimelineEstimator.Figures(
            review: .init(p50: Double(i), p80: Double(i) + 0.5), submission: .init(p50: 1.1, p80: 2.2),
            decision: .init(p50: 3.3, p80: 4.4), lag: i.isMultiple(of: 2) ? .init(p50: -1.5, p80: 2) : nil,
            applicationLag: nil, reviewLag: .init(p50: 0, p80: 0.1), probabilityJapanFirst: i.isMultiple(of: 3) ? 0.25 : nil,
            submissionDate: .init(p50: day, p80: day), decisionDate: nil, startsOnAsOf: !i.isMultiple(of: 2),
            referenceStart: i.isMultiple(of: 2) ? nil : 7.25, referenceLength: nil)
    }

    static func key(_ i: Int) -> [UInt8] { Array("plan \(i)".utf8) }

    /// Figures drawn from a real plan (fewer draws than a run makes: the store keeps whatever was drawn).
    static func drawn(_ route: String, _ category: String? = nil) throws -> (key: TimelineEstimator.CacheKey, figures: TimelineEstimator.Figures) {
        let plan = try TimelineTests.lag(route, category).plan
        let date = try #require(FEELDate(iso8601: TimelineTests.asOf))
        let key = TimelineEstimator.CacheKey(plan: plan, asOf: date.daysSinceEpoch, draws: 2_000, seed: 1)
        let samples = TimelineSimulation(plan: plan, asOf: date.daysSinceEpoch, draws: 2_000, seed: 1).run()
        return (key, TimelineEstimator.Figures(samples, asOf: date))
    }

    @Test func figuresComeBackBitForBitToTheSameProgram() throws {
        let (approvalKey, approval) = try Self.drawn("approval", "new")
        let (certificationKey, certification) = try Self.drawn("certification")
        #expect(approvalKey.bytes != certificationKey.bytes)
        let first = try store()
        first.keep(approval, for: approvalKey.bytes)
        first.keep(certification, for: certificationKey.bytes)
        first.keep(Self.synthetic(1), for: Self.key(1))
        first.write()
        let later = try store()
        #expect(later.figures(for: approvalKey.bytes) == approval)
        #expect(later.figures(for: certificationKey.bytes) == certification)
        #expect(later.figures(for: Self.key(1)) == Self.synthetic(1))
        #expect(later.figures(for: Self.key(2)) == nil)
        #expect(try store(program: "another build").figures(for: approvalKey.bytes) == nil, "another program's figures")
    }

    @Test func aDamagedFileIsIgnoredAndReplaced() throws {
        let first = try store()
        first.keep(Self.synthetic(1), for: Self.key(1))
        first.write()
        var bytes = try #require(FileManager.default.contents(atPath: first.path))
        bytes[bytes.count - 3] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: first.path))
        let reader = try store()
        #expect(reader.figures(for: Self.key(1)) == nil)
        reader.keep(Self.synthetic(2), for: Self.key(2))
        reader.write()
        let later = try store()
        #expect(later.figures(for: Self.key(2)) == Self.synthetic(2))
        #expect(later.figures(for: Self.key(1)) == nil)
        // Cut short, or not a figures file at all.
        try Data(bytes.prefix(40)).write(to: URL(fileURLWithPath: first.path))
        #expect(try store().figures(for: Self.key(2)) == nil)
        try Data("YAKUJI-TIMELINE-FIGURES\nnonsense".utf8).write(to: URL(fileURLWithPath: first.path))
        #expect(try store().figures(for: Self.key(2)) == nil)
    }

    @Test func writersAddToEachOtherAndTheNewestAreKept() throws {
        let one = try store(), two = try store()
        one.keep(Self.synthetic(1), for: Self.key(1))
        two.keep(Self.synthetic(2), for: Self.key(2))
        one.write()
        two.write()
        let both = try store()
        #expect(both.figures(for: Self.key(1)) == Self.synthetic(1) && both.figures(for: Self.key(2)) == Self.synthetic(2))
        let many = try store()
        for i in 3..<(StoredFigures.limit + 8) { many.keep(Self.synthetic(i), for: Self.key(i)) }
        many.write()
        let kept = try store()
        #expect(kept.figures(for: Self.key(1)) == nil && kept.figures(for: Self.key(7)) == nil, "the oldest are dropped")
        #expect(kept.figures(for: Self.key(8)) == Self.synthetic(8))
        #expect(kept.figures(for: Self.key(StoredFigures.limit + 7)) == Self.synthetic(StoredFigures.limit + 7))
    }

    @Test func aDeletedFolderIsNotMadeAgain() throws {
        let gone = try store()
        gone.keep(Self.synthetic(1), for: Self.key(1))
        try FileManager.default.removeItem(atPath: scratch)
        gone.write()
        #expect(!FileManager.default.fileExists(atPath: scratch))
    }

    /// Through a rule set loaded with a cache, as `assess` loads it: what an estimate draws is what a later run reads.
    @Test func aRuleSetWithACacheKeepsWhatItsEstimatesDraw() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules, cache: RulesCache(folder: scratch + "/cache"))
        let stored = try #require(rules.storedFigures)
        var query = LagQuery(route: "approval", category: "improved-with-clinical")
        query.asOf = TimelineTests.asOf
        query.draws = 1_234
        query.seed = 99
        let estimate = try query.run(rules: rules).estimate
        stored.write()
        let date = try #require(FEELDate(iso8601: TimelineTests.asOf))
        let key = TimelineEstimator.CacheKey(plan: estimate.plan, asOf: date.daysSinceEpoch, draws: 1_234, seed: 99)
        let later = try #require(RulesCacheKey.programIdentity().map { StoredFigures(folder: scratch + "/cache", program: $0) })
        let read = try #require(later.figures(for: key.bytes))
        let fresh = TimelineEstimator.Figures(TimelineSimulation(plan: estimate.plan, asOf: date.daysSinceEpoch, draws: 1_234, seed: 99).run(),
                                              asOf: date)
        #expect(read == fresh)
        #expect(read.decision == estimate.decision && read.review == estimate.review)
        #expect(try RuleSet.load(directory: Fixtures.bundledRules).storedFigures == nil, "no cache, nothing kept")
    }
}
