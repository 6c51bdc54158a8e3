import XMLSupport

/// A rule set's files as parsed and validated element trees, before anything is built from them: what the rules
/// cache keeps. Building the rule set from these runs the same code as building it from freshly parsed files, so
/// every check of the DMN loader still runs.
struct RuleDocuments: Equatable {
    var dmnFiles: [String]
    var dmnRoots: [XMLElementNode]
    var questions: XMLElementNode?
    var outcomes: XMLElementNode?
    var glossary: XMLElementNode?
    var citations: XMLElementNode?
    var benchmarks: XMLElementNode?
    var preparation: XMLElementNode?
    var version: String

    private var optionalRoots: [XMLElementNode?] { [questions, outcomes, glossary, citations, benchmarks, preparation] }

    func encode(into writer: inout ByteWriter) {
        writer.string(version)
        writer.varint(dmnFiles.count)
        for file in dmnFiles { writer.string(file) }
        XMLTreeCodec.encode(dmnRoots + optionalRoots, into: &writer)
    }

    static func decode(from reader: inout ByteReader) -> RuleDocuments? {
        guard let version = reader.string(), let fileCount = reader.count() else { return nil }
        var files: [String] = []
        for _ in 0..<fileCount {
            guard let file = reader.string() else { return nil }
            files.append(file)
        }
        guard let trees = XMLTreeCodec.decode(from: &reader), trees.count == fileCount + 6 else { return nil }
        let dmnRoots = trees.prefix(fileCount).compactMap { $0 }
        guard dmnRoots.count == fileCount else { return nil }
        let rest = Array(trees.suffix(6))
        return RuleDocuments(dmnFiles: files, dmnRoots: dmnRoots, questions: rest[0], outcomes: rest[1], glossary: rest[2],
                             citations: rest[3], benchmarks: rest[4], preparation: rest[5], version: version)
    }
}
