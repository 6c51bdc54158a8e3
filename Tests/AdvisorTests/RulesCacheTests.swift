import Foundation
import Testing
import XMLSupport
@testable import Advisor
import TestScratch

/// The on-disk cache of parsed rule files: same rule set with or without it, never trusted when damaged or stale.
/// Every test uses a cache folder of its own under the temporary directory, never the user's.
@Suite final class RulesCacheTests {
    let scratch = TestScratch.path("rules-cache").path

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    var cache: RulesCache { RulesCache(folder: scratch + "/cache") }

    /// A copy of the mini fixture rules, to change or break.
    func rulesCopy(_ name: String = "rules") throws -> String {
        let copy = scratch + "/" + name
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.miniRules, toPath: copy)
        return copy
    }

    func entries(_ cache: RulesCache) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.folder)) ?? []).filter { $0.hasSuffix(".cache") }.sorted()
    }

    func key(_ directory: String, maxFileBytes: Int = RuleSet.defaultMaxFileBytes) throws -> RulesCacheKey {
        try #require(RulesCacheKey(directory: directory, checksum: RuleSet.checksum(of: directory), maxFileBytes: maxFileBytes))
    }

    func json(_ rules: RuleSet, _ sample: String = "home-blood-pressure-monitor.xml") throws -> String {
        let answers = try AnswersFile.load(Fixtures.sample(sample), rules: rules)
        return AssessmentJSON.render(Assessor(rules: rules).assess(answers, asOf: "2026-12-04"), language: .en)
    }

    @Test func theLocationComesFromTheEnvironment() {
        #expect(RulesCache.standard(environment: ["YAKUJI_CACHE_DIR": "/x/c", "XDG_CACHE_HOME": "/x/xdg", "HOME": "/h"])?.folder == "/x/c")
        #expect(RulesCache.standard(environment: ["XDG_CACHE_HOME": "/x/xdg", "HOME": "/h"])?.folder == "/x/xdg/yakuji")
        #expect(RulesCache.standard(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])?.folder == "/h/.cache/yakuji")
        #expect(RulesCache.standard(environment: ["HOME": "/h"])?.folder == "/h/.cache/yakuji")
        #expect(RulesCache.standard(environment: [:]) == nil)
        #expect(RulesCache.standard(environment: ["YAKUJI_CACHE": "off", "YAKUJI_CACHE_DIR": "/x/c"]) == nil)
        #expect(RulesCache.standard(environment: ["YAKUJI_CACHE": "OFF", "HOME": "/h"]) == nil)
    }

    @Test func aSecondLoadReadsTheEntryAndGivesTheSameRuleSet() throws {
        let rules = Fixtures.bundledRules
        let plain = try RuleSet.load(directory: rules)
        let first = try RuleSet.load(directory: rules, cache: cache)
        #expect(entries(cache).count == 1)
        let stored = try #require(cache.read(try key(rules)))
        let second = try RuleSet.load(directory: rules, cache: cache)
        #expect(second.checksum == plain.checksum)
        #expect(first.checksum == plain.checksum)
        #expect(second.version == plain.version)
        #expect(stored.dmnFiles == plain.model.files)
        for sample in ["home-blood-pressure-monitor.xml", "wellness-app.xml", "certified-device-change.xml"] {
            #expect(try json(second, sample) == json(plain, sample), "\(sample)")
        }
        #expect(second.questions.questions.keys.sorted() == plain.questions.questions.keys.sorted())
        // What was stored is what the files parse to, with the model built from the DMN files in their stead.
        var parsed = try RuleSet.parse(directory: rules, maxFileBytes: RuleSet.defaultMaxFileBytes,
                                       fingerprint: RuleSet.Fingerprint(directory: rules)).documents.keeping(plain.model)
            .strippingSources(of: plain.model, benchmarks: plain.benchmarks)
        #expect(parsed.builtModel != nil)
        parsed.dmnRoots = []
        #expect(stored == parsed)
    }

    /// A second load takes the rule set from the entry, not from the files: an entry under the same key whose
    /// documents say another version is what it returns.
    @Test func aSecondLoadBuildsFromTheEntry() throws {
        let rules = try rulesCopy()
        _ = try RuleSet.load(directory: rules, cache: cache)
        var stored = try #require(cache.read(try key(rules)))
        #expect(stored.version != "from-the-entry")
        stored.version = "from-the-entry"
        cache.write(stored, key: try key(rules))
        #expect(try RuleSet.load(directory: rules, cache: cache).version == "from-the-entry")
        #expect(try RuleSet.load(directory: rules).version != "from-the-entry")
    }

    @Test func stringsComeBackByteForByte() throws {
        // Two spellings of が that String equality takes as one: each must come back as written.
        let composed = "\u{304C}", decomposed = "\u{304B}\u{3099}"
        let element = XMLElementNode(name: "a", attributes: [.init(name: "x", value: composed), .init(name: "y", value: decomposed)],
                                     children: [XMLElementNode(name: "b", namespace: "urn:b", text: composed, line: 3)],
                                     text: decomposed + composed, namespacesInScope: ["p": "urn:p"], file: "f.xml", line: 2)
        var writer = ByteWriter()
        XMLTreeCodec.encode([element, nil], into: &writer)
        let decoded = try #require(writer.bytes.withUnsafeBytes { bytes -> [XMLElementNode?]? in
            var reader = ByteReader(bytes)
            return XMLTreeCodec.decode(from: &reader)
        })
        let back = try #require(decoded.first ?? nil)
        #expect(decoded.count == 2 && decoded[1] == nil)
        #expect(back == element)
        #expect(Array(back.attributes[0].value.utf8) == Array(composed.utf8))
        #expect(Array(back.attributes[1].value.utf8) == Array(decomposed.utf8))
        #expect(Array(back.text.utf8) == Array((decomposed + composed).utf8))
        #expect(Array(back.children[0].text.utf8) == Array(composed.utf8))
    }

    @Test(arguments: ["garbage", "truncated", "flipped", "other version", "other key", "empty"])
    func aDamagedEntryIsIgnoredAndRewritten(_ damage: String) throws {
        let rules = try rulesCopy()
        let plain = try RuleSet.load(directory: rules)
        _ = try RuleSet.load(directory: rules, cache: cache)
        let path = cache.path(for: try key(rules))
        var bytes = try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) })
        switch damage {
        case "garbage": bytes = Array("not a cache entry at all".utf8)
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "flipped": bytes[bytes.count - 40] ^= 0x20
        case "other version":
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "format \(RulesCache.formatVersion)\n", with: "format 999\n")
            bytes = Array(text.utf8)
        case "other key": bytes = RulesCache.encode(try #require(cache.read(try key(rules))), key: RulesCacheKey(text: "another rule set"))
        default: bytes = []
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(cache.read(try key(rules)) == nil)
        let loaded = try RuleSet.load(directory: rules, cache: cache)
        #expect(loaded.model.decisions.map(\.name) == plain.model.decisions.map(\.name))
        #expect(loaded.questions.questions.keys.sorted() == plain.questions.questions.keys.sorted())
        #expect(cache.read(try key(rules)) != nil, "rewritten")
    }

    @Test func anEntryAnotherUserWroteIsNotUsed() throws {
        let rules = try rulesCopy()
        _ = try RuleSet.load(directory: rules, cache: cache)
        let path = cache.path(for: try key(rules))
        #expect(cache.read(try key(rules)) != nil)
        var folder = stat()
        #expect(stat(cache.folder, &folder) == 0 && folder.st_mode & 0o777 == 0o700)
        // Only root can give a file away; elsewhere there is nothing more to check.
        guard chown(path, geteuid() + 4242, getegid()) == 0 else { return }
        #expect(cache.read(try key(rules)) == nil)
        _ = try RuleSet.load(directory: rules, cache: cache)
        #expect(cache.read(try key(rules)) != nil, "replaced by this user's own")
    }

    @Test func everyTruncationOfAnEntryIsRefusedWithoutACrash() throws {
        let rules = try rulesCopy()
        let documents = try #require(try { () throws -> RuleDocuments? in
            _ = try RuleSet.load(directory: rules, cache: cache)
            return cache.read(try key(rules))
        }())
        var payload = ByteWriter()
        documents.encode(into: &payload)
        // The payload alone, past the hash that normally catches this: the decoder itself must stay in bounds.
        for length in 0..<payload.bytes.count {
            let decoded = Array(payload.bytes.prefix(length)).withUnsafeBytes { bytes -> RuleDocuments? in
                var reader = ByteReader(bytes)
                return RuleDocuments.decode(from: &reader)
            }
            #expect(decoded == nil, "length \(length)")
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var damaged = payload.bytes
            damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            // Anything but a crash; when it decodes, it is a well-formed set of documents.
            let decoded = damaged.withUnsafeBytes { bytes -> RuleDocuments? in
                var reader = ByteReader(bytes)
                return RuleDocuments.decode(from: &reader)
            }
            if let decoded { #expect(decoded.builtModel != nil || decoded.dmnRoots.count == decoded.dmnFiles.count) }
        }
    }

    @Test func changedRulesAreReadAgain() throws {
        let rules = try rulesCopy()
        _ = try RuleSet.load(directory: rules, cache: cache)
        try "9.9.9\n".write(toFile: rules + "/VERSION", atomically: true, encoding: .utf8)
        let loaded = try RuleSet.load(directory: rules, cache: cache)
        #expect(loaded.version == "9.9.9")
        #expect(loaded.checksum == RuleSet.checksum(of: rules))
        #expect(entries(cache).count == 2)
    }

    @Test func aLowerSizeLimitStillRefusesTheLargeFile() throws {
        let rules = try rulesCopy()
        _ = try RuleSet.load(directory: rules, cache: cache)
        func message(_ cache: RulesCache?) -> String? {
            do { _ = try RuleSet.load(directory: rules, maxFileBytes: 1_000, cache: cache); return nil } catch { return error.description }
        }
        let expected = try #require(message(nil))
        #expect(expected.contains("--max-rule-file-size"))
        #expect(message(cache) == expected)
    }

    @Test func brokenRulesAreNeverStoredAndReportTheSameErrors() throws {
        let rules = try rulesCopy()
        let dmn = rules + "/mini.dmn"
        let text = try String(contentsOfFile: dmn, encoding: .utf8)
        try text.replacingOccurrences(of: "</definitions>", with: "<decision id=\"x\"></definitions>").write(toFile: dmn, atomically: true, encoding: .utf8)
        func message(_ cache: RulesCache?) -> String? {
            do { _ = try RuleSet.load(directory: rules, cache: cache); return nil } catch { return error.description }
        }
        let expected = try #require(message(nil))
        #expect(message(cache) == expected)
        #expect(message(cache) == expected)
        #expect(entries(cache).isEmpty)
    }

    @Test func rulesImportingAModelFromElsewhereAreNotStored() throws {
        let rules = try rulesCopy()
        try FileManager.default.createDirectory(atPath: scratch + "/shared", withIntermediateDirectories: true)
        try """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:test:shared" name="shared">
              <decision id="d_unit" name="unit"><variable name="unit" typeRef="string"/><literalExpression><text>"kg"</text></literalExpression></decision>
            </definitions>
            """.write(toFile: scratch + "/shared/shared.dmn", atomically: true, encoding: .utf8)
        let dmn = rules + "/mini.dmn"
        let text = try String(contentsOfFile: dmn, encoding: .utf8)
        try text.replacingOccurrences(of: "name=\"mini\">", with: "name=\"mini\"><import namespace=\"urn:test:shared\" name=\"shared\" "
            + "importType=\"https://www.omg.org/spec/DMN/20230324/MODEL/\" locationURI=\"../shared/shared.dmn\"/>")
            .write(toFile: dmn, atomically: true, encoding: .utf8)
        // The imported file is outside the checksum: a change to it must be read.
        let loaded = try RuleSet.load(directory: rules, cache: cache)
        #expect(loaded.model.imports.count == 1)
        #expect(entries(cache).isEmpty)
    }

    @Test(arguments: ["under a file", "read-only"])
    func anUnusableFolderIsSilentlyIgnored(_ kind: String) throws {
        let rules = try rulesCopy()
        let folder: String
        if kind == "under a file" {
            try Data("x".utf8).write(to: URL(fileURLWithPath: scratch + "/file"))
            folder = scratch + "/file/cache"
        } else {
            folder = scratch + "/readonly"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder)
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder) }
        let plain = try RuleSet.load(directory: rules)
        let loaded = try RuleSet.load(directory: rules, cache: RulesCache(folder: folder))
        #expect(loaded.checksum == plain.checksum)
        #expect(loaded.model.decisions.map(\.name) == plain.model.decisions.map(\.name))
        // root ignores permissions: then the entry is simply written.
        if getuid() != 0 { #expect(entries(RulesCache(folder: folder)).isEmpty) }
    }

    @Test func theFolderKeepsOnlyTheNewestEntries() throws {
        let rules = try rulesCopy()
        let cache = cache
        try FileManager.default.createDirectory(atPath: cache.folder, withIntermediateDirectories: true)
        let old = Date(timeIntervalSinceNow: -86_400)
        for index in 0..<12 {
            let path = cache.folder + "/rules-old\(index).cache"
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: old.addingTimeInterval(Double(index))], ofItemAtPath: path)
        }
        let stale = cache.folder + "/.rules-abcdef"
        try Data("partial".utf8).write(to: URL(fileURLWithPath: stale))
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: stale)
        _ = try RuleSet.load(directory: rules, cache: cache)
        let kept = entries(cache)
        #expect(kept.count == cache.keep)
        #expect(kept.contains("rules-" + (try key(rules)).fileName + ".cache"))
        #expect(!kept.contains("rules-old0.cache"))
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test func concurrentLoadsShareOneFolderSafely() async throws {
        let rules = try rulesCopy()
        let plain = try RuleSet.load(directory: rules)
        let cache = cache
        let names = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { try (0..<5).map { _ in try RuleSet.load(directory: rules, cache: cache).model.decisions.map(\.name) }.last ?? [] }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        #expect(names.allSatisfy { $0 == plain.model.decisions.map(\.name) })
        #expect(entries(cache).count == 1)
        #expect(cache.read(try key(rules)) != nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache.folder).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func theKeyNamesEverythingTheTreesDependOn() throws {
        let a = try #require(RulesCacheKey(directory: "/r", checksum: "sha256:1", maxFileBytes: 10, program: "p"))
        #expect(a.text.contains("format \(RulesCache.formatVersion)"))
        for other in [RulesCacheKey(directory: "/s", checksum: "sha256:1", maxFileBytes: 10, program: "p"),
                      RulesCacheKey(directory: "/r", checksum: "sha256:2", maxFileBytes: 10, program: "p"),
                      RulesCacheKey(directory: "/r", checksum: "sha256:1", maxFileBytes: 11, program: "p"),
                      RulesCacheKey(directory: "/r", checksum: "sha256:1", maxFileBytes: 10, program: "q")] {
            let other = try #require(other)
            #expect(other.text != a.text)
            #expect(other.fileName != a.fileName)
        }
        #expect(RulesCacheKey(directory: "/r", checksum: "sha256:1", maxFileBytes: 10, program: nil) == nil)
        #expect(RulesCacheKey.programIdentity() != nil)
    }
}
