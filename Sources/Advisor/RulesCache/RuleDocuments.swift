import DecisionModel
import XMLSupport

/// A rule set's files as parsed and validated element trees, before anything is built from them, and the DMN model
/// built from them when it has a binary form (`ModelEncoder`): what the rules cache keeps. Without a built model,
/// building the rule set from these runs the same code as building it from freshly parsed files.
struct RuleDocuments: Equatable {
    var dmnFiles: [String]
    /// Empty when read from an entry that holds the built model instead.
    var dmnRoots: [XMLElementNode]
    var builtModel: BuiltModel?
    var questions: XMLElementNode?
    /// Decoded from an entry only when first read (see `StoredTree`).
    var outcomes: StoredTree
    var glossary: StoredTree
    var citations: XMLElementNode?
    var benchmarks: XMLElementNode?
    var preparation: StoredTree
    var version: String
    /// The sources reports show, with research notes removed; empty unless read from or written to an entry.
    var strippedSources = StoredSources()

    /// The trees every rule set reads as it is built.
    private var eagerRoots: [XMLElementNode?] { [questions, citations, benchmarks] }
    private var storedTrees: [StoredTree] { [outcomes, glossary, preparation] }

    /// A model built from the DMN roots, with the names its FEEL was parsed with.
    struct BuiltModel: Equatable {
        var model: DMNModel
        var announcedNames: Set<String>

        func encode(into writer: inout ByteWriter) {
            ModelEncoder.encode(model, announcedNames: announcedNames, into: &writer)
        }

        /// Equal when their binary forms are: that is all the cache keeps of them.
        static func == (a: BuiltModel, b: BuiltModel) -> Bool {
            var (first, second) = (ByteWriter(), ByteWriter())
            a.encode(into: &first)
            b.encode(into: &second)
            return first.bytes == second.bytes
        }
    }

    /// These documents with `model` (built from them) to be kept instead of the DMN trees, when it has a binary form.
    func keeping(_ model: DMNModel) -> RuleDocuments {
        guard ModelEncoder.canEncode(model) else { return self }
        var documents = self
        documents.builtModel = BuiltModel(model: model, announcedNames: DMNLoader.announcedNames(in: dmnRoots))
        return documents
    }

    /// These documents with the stripped sources of the rule set built from them, worked out once for the entry.
    func strippingSources(of model: DMNModel, benchmarks: Benchmarks) -> RuleDocuments {
        var documents = self
        documents.strippedSources = StoredSources(model: model, benchmarks: benchmarks, strip: Citations.stripped)
        return documents
    }

    func encode(into writer: inout ByteWriter) {
        writer.string(version)
        writer.varint(dmnFiles.count)
        for file in dmnFiles { writer.string(file) }
        writer.byte(builtModel == nil ? 0 : 1)
        if let builtModel {
            builtModel.encode(into: &writer)
            XMLTreeCodec.encode(eagerRoots, into: &writer)
        } else {
            XMLTreeCodec.encode(dmnRoots + eagerRoots, into: &writer)
        }
        for tree in storedTrees { tree.encode(into: &writer) }
        strippedSources.encode(into: &writer)
    }

    /// `file`: the bytes `reader` reads, which the model's texts are then left in (see `StoredTexts`).
    static func decode(from reader: inout ByteReader, in file: [UInt8]? = nil) -> RuleDocuments? {
        guard let version = reader.string(), let fileCount = reader.count() else { return nil }
        var files: [String] = []
        for _ in 0..<fileCount {
            guard let file = reader.string() else { return nil }
            files.append(file)
        }
        var builtModel: BuiltModel?
        switch reader.byte() {
        case 0: break
        case 1:
            guard let (model, names) = ModelDecoder.decode(from: &reader, in: file) else { return nil }
            builtModel = BuiltModel(model: model, announcedNames: names)
        default: return nil
        }
        let rootCount = builtModel == nil ? fileCount : 0
        guard let trees = XMLTreeCodec.decode(from: &reader), trees.count == rootCount + 3 else { return nil }
        let dmnRoots = trees.prefix(rootCount).compactMap { $0 }
        guard dmnRoots.count == rootCount else { return nil }
        let eager = Array(trees.suffix(3))
        guard let outcomes = StoredTree.decode(from: &reader), let glossary = StoredTree.decode(from: &reader),
              let preparation = StoredTree.decode(from: &reader), let sources = StoredSources.decode(from: &reader) else { return nil }
        return RuleDocuments(dmnFiles: files, dmnRoots: dmnRoots, builtModel: builtModel, questions: eager[0], outcomes: outcomes,
                             glossary: glossary, citations: eager[1], benchmarks: eager[2], preparation: preparation, version: version,
                             strippedSources: sources)
    }
}
