import DecisionModel
import Foundation
import Synchronization
import XMLSupport

/// Everything the advisor reads from a rules folder: the DMN graph, the questions, the outcome texts,
/// the schemas, and a fingerprint of it all.
public struct RuleSet: Sendable {
    public var directory: String
    public var model: DMNModel
    public var questions: Questions
    /// The outcome texts (`outcomes.xml`).
    public var outcomes: Outcomes {
        get { outcomesSource.value }
        set { outcomesSource = OnFirstUse(made: newValue) }
    }
    /// The bilingual glossary (`glossary.xml`); empty when the folder has none.
    public var glossary: Glossary {
        get { glossarySource.value }
        set { glossarySource = OnFirstUse(made: newValue) }
    }
    /// How cited laws, notices and pages are shown to readers (`citations.xml`; empty when the folder has none).
    public var citations = Citations()
    /// The time figures of the lag model (`benchmarks.xml`); empty when the folder has none.
    public var benchmarks = Benchmarks()
    /// Consultations, open-question routing and document checklists (`preparation.xml`); empty when absent.
    public var preparation: Preparation {
        get { preparationSource.value }
        set { preparationSource = OnFirstUse(made: newValue) }
    }
    /// Built from their files when first used: a JSON report reads none of them, and building them was a
    /// millisecond of a cold `assess`.
    private var outcomesSource = OnFirstUse(made: Outcomes())
    private var glossarySource = OnFirstUse(made: Glossary())
    private var preparationSource = OnFirstUse(made: Preparation())
    /// The parsed documents it was built from, freed with the rule set rather than as `load` returns: a command keeps
    /// its rule set until the process exits, and freeing some 27,000 elements cost a cold `assess` ~2 ms.
    private var sourceDocuments: RuleDocuments?
    public var answersSchema: XMLSchema?
    /// Timeline figures drawn by earlier runs, kept beside the rules cache (none without a cache).
    var storedFigures: StoredFigures?
    public var version: String
    /// `sha256:` over every rule file's relative path and bytes, in path order; hashed on first use, once per
    /// rule set (copies share it).
    public var checksum: String { fingerprint.value }
    private let fingerprint: Fingerprint

    /// The size above which a rule file is refused unless raised (`--max-rule-file-size`).
    public static let defaultMaxFileBytes = XMLLoader.defaultMaxBytes
    /// Named in a size refusal: the option that raises the limit.
    static let limitFlag = "--max-rule-file-size"

    /// `maxFileBytes` bounds each rule file (`--max-rule-file-size`): a generated nomenclature table may exceed
    /// the default. With a `cache`, the parsed and validated files of an earlier run with the same rules are used
    /// when there are some (see `RulesCache`), and this run's are kept when there were none.
    public static func load(directory: String, maxFileBytes: Int = defaultMaxFileBytes,
                            cache: RulesCache? = nil) throws(AdvisorError) -> RuleSet {
        if let problem = RulesLocation.problem(with: directory) { throw AdvisorError(file: directory, problem) }
        // The key needs the checksum, which the rule set then keeps instead of hashing the files again.
        guard let cache, let checksum = cache.checksumIfReadable(of: directory),
              let key = RulesCacheKey(directory: directory, checksum: checksum, maxFileBytes: maxFileBytes) else {
            return try parse(directory: directory, maxFileBytes: maxFileBytes, fingerprint: Fingerprint(directory: directory)).ruleSet
        }
        let fingerprint = Fingerprint(directory: directory, checksum: checksum)
        if var ruleSet = cache.read(key).flatMap({ try? build($0, directory: directory, maxFileBytes: maxFileBytes, fingerprint: fingerprint) }) {
            ruleSet.storedFigures = StoredFigures(cache)
            return ruleSet
        }
        let parsed = try parse(directory: directory, maxFileBytes: maxFileBytes, fingerprint: fingerprint)
        let documents = parsed.documents
        var ruleSet = parsed.ruleSet
        ruleSet.storedFigures = StoredFigures(cache)
        // A file saved while it was read would store its new bytes under the old checksum.
        if cacheable(ruleSet), checksumIfReadable(of: directory) == checksum {
            cache.write(documents.keeping(ruleSet.model).strippingSources(of: ruleSet.model, benchmarks: ruleSet.benchmarks), key: key)
        }
        return ruleSet
    }

    /// Reads the rule files, in the order that decides which problem a broken rule set reports first.
    static func parse(directory: String, maxFileBytes: Int,
                      fingerprint: Fingerprint) throws(AdvisorError) -> (ruleSet: RuleSet, documents: RuleDocuments) {
        let loader = DMNLoader(xmlLoader: XMLLoader(maxBytes: maxFileBytes))
        let files: [String]
        let roots: [XMLElementNode]
        let model: DMNModel
        do {
            files = try loader.files(at: directory)
            roots = try loader.read(files: files)
            model = try loader.build(roots: roots, files: files)
        } catch { throw AdvisorError(error, hint: limitFlag) }
        try requireRows(model)
        let schemaDir = (directory as NSString).appendingPathComponent("schema")
        let answersSchema = try schema(schemaDir, "answers.xsd")
        let questionsRoot = try document(directory, "questions.xml", schema: try schema(schemaDir, "questions.xsd"),
                                         namespace: Questions.namespace, maxFileBytes: maxFileBytes)
        let outcomesRoot = try document(directory, "outcomes.xml", schema: try schema(schemaDir, "outcomes.xsd"),
                                        namespace: Outcomes.namespace, maxFileBytes: maxFileBytes)
        let glossaryRoot = try document(directory, "glossary.xml", schema: try schema(schemaDir, "glossary.xsd"),
                                        namespace: Glossary.namespace, maxFileBytes: maxFileBytes)
        let citationsRoot = try document(directory, "citations.xml", schema: try schema(schemaDir, "citations.xsd"),
                                         namespace: Citations.namespace, maxFileBytes: maxFileBytes)
        let versionFile = (directory as NSString).appendingPathComponent("VERSION")
        let version = (try? String(contentsOfFile: versionFile, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unversioned"
        let benchmarksRoot = try document(directory, Benchmarks.fileName, schema: try schema(schemaDir, "benchmarks.xsd"),
                                          namespace: Benchmarks.namespace, maxFileBytes: maxFileBytes)
        let preparationRoot = try document(directory, Preparation.fileName, schema: try schema(schemaDir, "preparation.xsd"),
                                           namespace: Preparation.namespace, maxFileBytes: maxFileBytes)
        let documents = RuleDocuments(dmnFiles: files, dmnRoots: roots, builtModel: nil, questions: questionsRoot,
                                      outcomes: StoredTree(outcomesRoot), glossary: StoredTree(glossaryRoot),
                                      citations: citationsRoot, benchmarks: benchmarksRoot,
                                      preparation: StoredTree(preparationRoot), version: version)
        return (assemble(documents, directory: directory, model: model, answersSchema: answersSchema, fingerprint: fingerprint),
                documents)
    }

    /// The rule set from documents an earlier run parsed and validated: the model as that run built it when the
    /// entry holds it (it passed every check then, and its inputs are the same by the entry's key), else built again
    /// (its every check runs); libxml2's parse and validation are skipped either way.
    private static func build(_ documents: RuleDocuments, directory: String, maxFileBytes: Int,
                              fingerprint: Fingerprint) throws -> RuleSet {
        let model: DMNModel
        if let built = documents.builtModel {
            model = built.model
        } else {
            let loader = DMNLoader(xmlLoader: XMLLoader(maxBytes: maxFileBytes))
            model = try loader.build(roots: documents.dmnRoots, files: documents.dmnFiles)
        }
        try requireRows(model)
        let answersSchema = try schema((directory as NSString).appendingPathComponent("schema"), "answers.xsd")
        return assemble(documents, directory: directory, model: model, answersSchema: answersSchema, fingerprint: fingerprint)
    }

    /// A table without rows is always null: the advice would silently lose what it decides.
    private static func requireRows(_ model: DMNModel) throws(AdvisorError) {
        let empty = model.decisions.compactMap { d in d.decisionTable.flatMap { $0.rules.isEmpty ? DMNProblem(at: $0.location,
            "decision table '\(d.name)' has no rules, so its value would always be null (yakuji rules check)") : nil } }
        if !empty.isEmpty { throw AdvisorError(empty) }
    }

    private static func assemble(_ documents: RuleDocuments, directory: String, model: DMNModel, answersSchema: XMLSchema?,
                                 fingerprint: Fingerprint) -> RuleSet {
        var ruleSet = RuleSet(directory: directory, model: model,
                       questions: documents.questions.map(Questions.init(root:)) ?? Questions(),
                       citations: documents.citations.map(Citations.init(root:)) ?? Citations(),
                       benchmarks: documents.benchmarks.map(Benchmarks.init(root:)) ?? Benchmarks(),
                       answersSchema: answersSchema, version: documents.version, fingerprint: fingerprint)
        let (outcomes, glossary, preparation) = (documents.outcomes, documents.glossary, documents.preparation)
        ruleSet.outcomesSource = OnFirstUse { outcomes.root.map(Outcomes.init(root:)) ?? Outcomes() }
        ruleSet.glossarySource = OnFirstUse { glossary.root.map(Glossary.init(root:)) ?? Glossary() }
        ruleSet.preparationSource = OnFirstUse { preparation.root.map(Preparation.init(root:)) ?? Preparation() }
        ruleSet.sourceDocuments = documents
        if documents.strippedSources.count > 0 { Citations.useStored(documents.strippedSources) }
        return ruleSet
    }

    /// Only rule sets whose every input is among the checksummed files: an imported model may live outside the
    /// folder, and so may a schema another schema includes.
    private static func cacheable(_ ruleSet: RuleSet) -> Bool {
        guard ruleSet.model.imports.isEmpty else { return false }
        let schemaDir = (ruleSet.directory as NSString).appendingPathComponent("schema")
        let schemas = (try? FileManager.default.contentsOfDirectory(atPath: schemaDir)) ?? []
        return !schemas.contains { name in
            name.hasSuffix(".xsd") && (FileManager.default.contents(atPath: (schemaDir as NSString).appendingPathComponent(name))
                .map { $0.range(of: Data("schemaLocation".utf8)) != nil } ?? true)
        }
    }

    private static func schema(_ dir: String, _ name: String) throws(AdvisorError) -> XMLSchema? {
        let path = (dir as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try XMLSchema(contentsOf: path) } catch { throw AdvisorError(error) }
    }

    private static func document(_ dir: String, _ name: String, schema: XMLSchema?, namespace: String,
                                 maxFileBytes: Int) throws(AdvisorError) -> XMLElementNode? {
        let path = (dir as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let root: XMLElementNode
        do { root = try XMLLoader(schema: schema, maxBytes: maxFileBytes).load(contentsOf: path) } catch { throw AdvisorError(error, hint: limitFlag) }
        guard root.namespace == namespace else {
            throw AdvisorError(file: path, line: root.line, "expected the namespace \(namespace)")
        }
        return root
    }

    /// Scenario tests are not part of the fingerprint: they check the rules, they are not the rules.
    public static func ruleFiles(in directory: String) -> [String] {
        entries(in: directory).filter { relative in
            [".dmn", ".xml", ".xsd", ".csv"].contains(where: relative.hasSuffix) || relative == "VERSION"
        }.sorted()
    }

    /// The folders `ruleFiles` lists files from (the rules folder itself as ""): those whose entries decide the list.
    /// A link to a folder counts as the folder, whether or not the listing follows it.
    static func ruleFolders(in directory: String) -> [String] {
        [""] + entries(in: directory).filter { FileStamp.ofFolder(directory, $0) != nil }
    }

    /// Every path under `directory`, relative to it, outside the scenario tests.
    private static func entries(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var entries: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasPrefix("tests/") || relative == "tests" { continue }
            entries.append(relative)
        }
        return entries
    }

    /// The checksum, computed when first asked for: hashing every rule file costs more than parsing the largest of
    /// them, and only reports and `--version` show it (a quiz, a tour or a glossary lookup never does).
    final class Fingerprint: Sendable {
        let directory: String
        private let computed: Mutex<String?>

        init(directory: String, checksum: String? = nil) {
            self.directory = directory
            computed = Mutex(checksum)
        }

        var value: String {
            computed.withLock { known in
                if let known { return known }
                let value = RuleSet.checksum(of: directory)
                known = value
                return value
            }
        }
    }

    public static func checksum(of directory: String) -> String { hashRuleFiles(in: directory).checksum }

    /// The checksum, or nil when a rule file cannot be read (its bytes then count as empty, which would let a cached
    /// rule set stand in for files that no longer load).
    static func checksumIfReadable(of directory: String) -> String? {
        let hashed = hashRuleFiles(in: directory)
        return hashed.readable ? hashed.checksum : nil
    }

    /// The checksum of `files` (relative to `directory`), whether each could be read, and the stamps of those read.
    static func hashRuleFiles(in directory: String, files: [String]? = nil)
        -> (checksum: String, readable: Bool, stamps: [FileStamp]) {
        var hasher = SHA256()
        var readable = true
        var stamps: [FileStamp] = []
        for relative in files ?? ruleFiles(in: directory) {
            hasher.update(Array(relative.utf8) + [0])
            if let (bytes, stamp) = RulesCache.stampedBytes(of: (directory as NSString).appendingPathComponent(relative)) {
                hasher.update(bytes)
                stamps.append(stamp)
            } else {
                readable = false
            }
            hasher.update([0])
        }
        return ("sha256:" + hasher.finalize(), readable, stamps)
    }
}
