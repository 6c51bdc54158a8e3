import Foundation
import Testing
import XMLSupport
@testable import Advisor
import TestScratch

/// The stripped sources a rules cache entry keeps must be what stripping the sources gives, and an entry without
/// them (written before they were kept) must be rebuilt, not half read.
@Suite final class CitationsStoredSourcesTests {
    let scratch = TestScratch.path("stored-sources").path

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    var cache: RulesCache { RulesCache(folder: scratch + "/cache") }

    static func roundTrip(_ sources: StoredSources) throws -> StoredSources {
        var writer = ByteWriter()
        sources.encode(into: &writer)
        return try #require(writer.bytes.withUnsafeBytes { bytes -> StoredSources? in
            var reader = ByteReader(bytes)
            let decoded = StoredSources.decode(from: &reader)
            return reader.remaining == 0 ? decoded : nil
        })
    }

    /// Every `source` annotation of the bundled tables and every benchmark source, and their stripped forms.
    static func bundledSources(_ rules: RuleSet) -> [String] {
        let texts = StoredSources.sources(model: rules.model, benchmarks: rules.benchmarks)
        return texts + texts.map(Citations.strippedByPatterns)
    }

    @Test func everyBundledSourceIsStoredAsThePatternsStripIt() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var stored = try Self.roundTrip(StoredSources(model: rules.model, benchmarks: rules.benchmarks, strip: Citations.stripped))
        let texts = Self.bundledSources(rules)
        #expect(Set(texts).count > 600 && stored.count == Set(texts.map { Array($0.utf8) }).count)
        #expect(stored.stripped("not a source of the rules") == nil)
        let differing = texts.filter { stored.stripped($0) != Citations.strippedByPatterns($0) }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        // Some sources lose a note, so the stored text is not merely the source.
        #expect(texts.contains { stored.stripped($0) != $0 })
    }

    @Test func aTextNotStoredIsNotFound() throws {
        var stored = try Self.roundTrip(StoredSources(pairs: [("b [brief A6]", "b"), ("a", "a"), ("c ", "c")]))
        #expect(stored.stripped("b [brief A6]") == "b" && stored.stripped("a") == "a" && stored.stripped("c ") == "c")
        for missing in ["", "b", "a ", "c", "aa", "d", "b [brief A6] "] { #expect(stored.stripped(missing) == nil, "\(missing)") }
        var empty = try Self.roundTrip(StoredSources())
        #expect(empty.stripped("a") == nil)
        // Byte order, not String order: the two spellings of が are two entries.
        var kana = try Self.roundTrip(StoredSources(pairs: [("\u{304C}", "x"), ("\u{304B}\u{3099}", "y")]))
        #expect(kana.stripped("\u{304C}") == "x" && kana.stripped("\u{304B}\u{3099}") == "y")
    }

    @Test func anEntryReadBackHoldsTheStrippedSources() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules, cache: cache)
        let key = try #require(RulesCacheKey(directory: Fixtures.bundledRules, checksum: rules.checksum,
                                             maxFileBytes: RuleSet.defaultMaxFileBytes))
        var stored = try #require(cache.read(key)).strippedSources
        let texts = Self.bundledSources(rules)
        #expect(texts.allSatisfy { stored.stripped($0) == Citations.strippedByPatterns($0) })
    }

    /// An entry laid out as format 3 wrote it (no stripped sources at its end), even under this format's key, is not
    /// read: the rules are parsed again and the entry rewritten with them.
    @Test func anEntryWithoutStrippedSourcesIsRebuilt() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules, cache: cache)
        let key = try #require(RulesCacheKey(directory: Fixtures.bundledRules, checksum: rules.checksum,
                                             maxFileBytes: RuleSet.defaultMaxFileBytes))
        let documents = try #require(cache.read(key))
        var (payload, tail) = (ByteWriter(), ByteWriter())
        documents.encode(into: &payload)
        documents.strippedSources.encode(into: &tail)
        let old = RulesCache.frame(Array(payload.bytes.dropLast(tail.bytes.count)), magic: RulesCache.magic, key: key.text)
        #expect(cache.store(old, at: cache.path(for: key)))
        #expect(cache.read(key) == nil)
        _ = try RuleSet.load(directory: Fixtures.bundledRules, cache: cache)
        #expect(try #require(cache.read(key)).strippedSources.count > 600)
        #expect(!key.text.contains("format 3\n"))
    }
}
