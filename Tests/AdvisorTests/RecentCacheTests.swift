@testable import Advisor
import Testing

/// The simulation caches keep the entries in use when more come than they hold, and never more than twice their limit.
@Suite struct RecentCacheTests {
    @Test func keepsWhatIsMetAgainWhenFull() {
        var cache = RecentCache<Int, String>(limit: 4)
        cache.insert("common", for: 0)
        for key in 1...100 {
            cache.insert("\(key)", for: key)
            // Met again after every insertion, the common entry survives every turnover.
            #expect(cache.value(for: 0) == "common", "after \(key) insertions")
            #expect(cache.count <= 8)
        }
        #expect(cache.value(for: 100) == "100", "the latest entry")
        #expect(cache.value(for: 1) == nil, "an entry not met again for long is dropped")
    }

    @Test func keepsTheLastLimitEntriesAndReplacesAValue() {
        var cache = RecentCache<Int, Int>(limit: 3)
        for key in 0..<10 { cache.insert(key * 10, for: key) }
        for key in 7..<10 { #expect(cache.value(for: key) == key * 10, "entry \(key)") }
        cache.insert(-1, for: 9)
        #expect(cache.value(for: 9) == -1)
        cache.removeAll()
        #expect(cache.count == 0 && cache.value(for: 9) == nil)
    }
}

/// The JSON of an estimate is made once for its copies, and afresh for a copy whose figures changed.
@Suite struct TimelineEstimateJSONTests {
    @Test func copiesShareTheJSONUntilAFigureChanges() throws {
        let estimate = try TimelineTests.lag("certification", draws: 200)
        let copy = estimate
        #expect(estimate.json == estimate.contractValue.json)
        #expect(copy.json == estimate.contractValue.json, "the copy renders the same")
        var changed = copy
        changed.review = TimelineEstimate.Range(p50: 99, p80: 100)
        #expect(changed.json == changed.contractValue.json && changed.json != estimate.json, "a changed copy renders anew")
        var restaged = copy
        restaged.plan.stages[0].p50 += 1
        #expect(restaged.json == restaged.contractValue.json && restaged.json != estimate.json, "a changed stage too")
        #expect(estimate.json == estimate.contractValue.json, "the original keeps its own")
    }
}
