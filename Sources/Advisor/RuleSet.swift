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
    public var outcomes: Outcomes
    /// The bilingual glossary (`glossary.xml`); empty when the folder has none.
    public var glossary = Glossary()
    /// How cited laws, notices and pages are shown to readers (`citations.xml`; empty when the folder has none).
    public var citations = Citations()
    /// The time figures of the lag model (`benchmarks.xml`); empty when the folder has none.
    public var benchmarks = Benchmarks()
    /// Consultations, open-question routing and document checklists (`preparation.xml`); empty when absent.
    public var preparation = Preparation()
    public var answersSchema: XMLSchema?
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
    /// the default.
    public static func load(directory: String, maxFileBytes: Int = defaultMaxFileBytes) throws(AdvisorError) -> RuleSet {
        if let problem = RulesLocation.problem(with: directory) { throw AdvisorError(file: directory, problem) }
        let model: DMNModel
        do { model = try DMNLoader(xmlLoader: XMLLoader(maxBytes: maxFileBytes)).load(path: directory) } catch { throw AdvisorError(error, hint: limitFlag) }
        // A table without rows is always null: the advice would silently lose what it decides.
        let empty = model.decisions.compactMap { d in d.decisionTable.flatMap { $0.rules.isEmpty ? DMNProblem(at: $0.location,
            "decision table '\(d.name)' has no rules, so its value would always be null (yakuji rules check)") : nil } }
        if !empty.isEmpty { throw AdvisorError(empty) }
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
        var ruleSet = RuleSet(directory: directory, model: model,
                       questions: questionsRoot.map(Questions.init(root:)) ?? Questions(),
                       outcomes: outcomesRoot.map(Outcomes.init(root:)) ?? Outcomes(),
                       glossary: glossaryRoot.map(Glossary.init(root:)) ?? Glossary(),
                       citations: citationsRoot.map(Citations.init(root:)) ?? Citations(),
                       benchmarks: benchmarksRoot.map(Benchmarks.init(root:)) ?? Benchmarks(),
                       answersSchema: answersSchema, version: version, fingerprint: Fingerprint(directory: directory))
        ruleSet.preparation = preparationRoot.map(Preparation.init(root:)) ?? Preparation()
        return ruleSet
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
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasPrefix("tests/") || relative == "tests" { continue }
            if [".dmn", ".xml", ".xsd", ".csv"].contains(where: relative.hasSuffix) || relative == "VERSION" { files.append(relative) }
        }
        return files.sorted()
    }

    /// The checksum, computed when first asked for: hashing every rule file costs more than parsing the largest of
    /// them, and only reports and `--version` show it (a quiz, a tour or a glossary lookup never does).
    final class Fingerprint: Sendable {
        let directory: String
        private let computed = Mutex<String?>(nil)

        init(directory: String) { self.directory = directory }

        var value: String {
            computed.withLock { known in
                if let known { return known }
                let value = RuleSet.checksum(of: directory)
                known = value
                return value
            }
        }
    }

    public static func checksum(of directory: String) -> String {
        var hasher = SHA256()
        for relative in ruleFiles(in: directory) {
            hasher.update(Array(relative.utf8) + [0])
            if let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(relative)) {
                hasher.update(data)
            }
            hasher.update([0])
        }
        return "sha256:" + hasher.finalize()
    }
}
