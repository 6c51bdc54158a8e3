import DecisionModel
import Foundation
import XMLSupport

/// Everything the advisor reads from a rules folder: the DMN graph, the questions, the outcome texts,
/// the schemas, and a fingerprint of it all.
public struct RuleSet: Sendable {
    public var directory: String
    public var model: DMNModel
    public var questions: Questions
    public var outcomes: Outcomes
    /// How cited laws, notices and pages are shown to readers (`citations.xml`; empty when the folder has none).
    public var citations = Citations()
    /// The time figures of the lag model (`benchmarks.xml`); empty when the folder has none.
    public var benchmarks = Benchmarks()
    public var answersSchema: XMLSchema?
    public var version: String
    /// `sha256:` over every rule file's relative path and bytes, in path order.
    public var checksum: String

    public static func load(directory: String) throws(AdvisorError) -> RuleSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AdvisorError(file: directory, "the rules folder does not exist")
        }
        let model: DMNModel
        do { model = try DMNLoader().load(path: directory) } catch { throw AdvisorError(error) }
        let schemaDir = (directory as NSString).appendingPathComponent("schema")
        let answersSchema = try schema(schemaDir, "answers.xsd")
        let questionsRoot = try document(directory, "questions.xml", schema: try schema(schemaDir, "questions.xsd"),
                                         namespace: Questions.namespace)
        let outcomesRoot = try document(directory, "outcomes.xml", schema: try schema(schemaDir, "outcomes.xsd"),
                                        namespace: Outcomes.namespace)
        let citationsRoot = try document(directory, "citations.xml", schema: try schema(schemaDir, "citations.xsd"),
                                         namespace: Citations.namespace)
        let versionFile = (directory as NSString).appendingPathComponent("VERSION")
        let version = (try? String(contentsOfFile: versionFile, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unversioned"
        let benchmarksRoot = try document(directory, Benchmarks.fileName, schema: try schema(schemaDir, "benchmarks.xsd"),
                                          namespace: Benchmarks.namespace)
        return RuleSet(directory: directory, model: model,
                       questions: questionsRoot.map(Questions.init(root:)) ?? Questions(),
                       outcomes: outcomesRoot.map(Outcomes.init(root:)) ?? Outcomes(),
                       citations: citationsRoot.map(Citations.init(root:)) ?? Citations(),
                       benchmarks: benchmarksRoot.map(Benchmarks.init(root:)) ?? Benchmarks(),
                       answersSchema: answersSchema, version: version, checksum: checksum(of: directory))
    }

    private static func schema(_ dir: String, _ name: String) throws(AdvisorError) -> XMLSchema? {
        let path = (dir as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try XMLSchema(contentsOf: path) } catch { throw AdvisorError(error) }
    }

    private static func document(_ dir: String, _ name: String, schema: XMLSchema?, namespace: String) throws(AdvisorError) -> XMLElementNode? {
        let path = (dir as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let root: XMLElementNode
        do { root = try XMLLoader(schema: schema).load(contentsOf: path) } catch { throw AdvisorError(error) }
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
