import XMLSupport

/// An element tree of a rules cache entry that is decoded only when first read: a JSON report never reads the outcome
/// texts, the glossary or the preparation, and decoding their trees was about 4M instructions of every start.
///
/// Its bytes are its own `XMLTreeCodec` encoding (strings included), inside the entry whose length and hash were
/// checked before anything was decoded; like any part of an entry that passed those checks and is well formed, they
/// are what was written. Should they still not decode, the tree reads as absent, as without that file.
struct StoredTree: Equatable, Sendable {
    private let made: OnFirstUse<XMLElementNode?>

    init(_ root: XMLElementNode?) { made = OnFirstUse(made: root) }

    private init(encoded bytes: [UInt8]) {
        made = OnFirstUse {
            bytes.withUnsafeBytes { all in
                var reader = ByteReader(all)
                guard let trees = XMLTreeCodec.decode(from: &reader), reader.remaining == 0, trees.count == 1 else { return nil }
                return trees[0]
            }
        }
    }

    var root: XMLElementNode? { made.value }

    /// The length of the encoding, then the encoding.
    func encode(into writer: inout ByteWriter) {
        var tree = ByteWriter()
        XMLTreeCodec.encode([root], into: &tree)
        writer.varint(tree.bytes.count)
        writer.raw(tree.bytes)
    }

    /// Nil when the length runs past the bytes left; the bytes themselves are decoded on first use.
    static func decode(from reader: inout ByteReader) -> StoredTree? {
        guard let length = reader.count(), let bytes = reader.bytes(length) else { return nil }
        return StoredTree(encoded: Array(bytes))
    }

    static func == (a: StoredTree, b: StoredTree) -> Bool { a.root == b.root }
}
