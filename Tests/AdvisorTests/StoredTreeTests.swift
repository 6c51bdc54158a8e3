import Testing
import XMLSupport
@testable import Advisor

/// The trees a rules cache entry decodes only when they are read (`StoredTree`).
@Suite struct StoredTreeTests {
    static func outcomesRoot() throws -> XMLElementNode? {
        try RuleSet.parse(directory: Fixtures.bundledRules, maxFileBytes: RuleSet.defaultMaxFileBytes,
                          fingerprint: RuleSet.Fingerprint(directory: Fixtures.bundledRules)).documents.outcomes.root
    }

    static func decoded(_ bytes: [UInt8]) -> (tree: StoredTree?, remaining: Int) {
        bytes.withUnsafeBytes { all in
            var reader = ByteReader(all)
            let tree = StoredTree.decode(from: &reader)
            return (tree, reader.remaining)
        }
    }

    @Test func aTreeAndNoTreeComeBackAsWritten() throws {
        let root = try #require(try Self.outcomesRoot())
        for original in [StoredTree(root), StoredTree(nil)] {
            var writer = ByteWriter()
            original.encode(into: &writer)
            writer.byte(42)
            let (tree, remaining) = Self.decoded(writer.bytes)
            #expect(remaining == 1, "reads its own bytes only")
            #expect(try #require(tree).root == original.root)
        }
        #expect(StoredTree(root) != StoredTree(nil))
    }

    @Test func aShortOrDamagedTreeNeverCrashes() throws {
        var writer = ByteWriter()
        StoredTree(try Self.outcomesRoot()).encode(into: &writer)
        let bytes = writer.bytes
        // Cut short: refused as the entry is read, like any other truncation.
        for length in [0, 1, 2, bytes.count / 2, bytes.count - 1] {
            #expect(Self.decoded(Array(bytes.prefix(length))).tree == nil, "length \(length)")
        }
        // Whole but not a tree (past the entry's hash, which normally catches this): read as absent when first used.
        var garbage = ByteWriter()
        garbage.varint(5)
        garbage.raw([0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try #require(Self.decoded(garbage.bytes).tree).root == nil)
    }
}
