import DecisionModel
import Foundation
import XMLSupport

/// `yakuji rules check`: schema, model, table and regulatory checks of a rules folder.
public struct RulesChecker: Sendable {
    public let directory: String
    /// Rows whose validity ended before this date are reported as expired.
    public let asOf: FEELDate
    /// The size above which a rule file is refused (`--max-rule-file-size`).
    public var maxFileBytes = RuleSet.defaultMaxFileBytes
    /// Overlapping pairs of rows listed per table (`--max-errors`); the others are counted in one finding, so a
    /// table of copied rows does not make 100,000 findings.
    public var maxListedOverlaps = Int.max

    public init(directory: String, asOf: FEELDate) {
        self.directory = directory
        self.asOf = asOf
    }

    public func check() -> [Finding] {
        if let problem = RulesLocation.problem(with: directory) {
            return [Finding(.error, "load", file: directory, line: 0, column: 0, problem)]
        }
        var findings = schemaFindings()
        let model: DMNModel
        do {
            model = try DMNLoader(xmlLoader: XMLLoader(maxBytes: maxFileBytes)).load(path: directory)
        } catch {
            return findings + AdvisorError(error, hint: RuleSet.limitFlag).problems.map {
                Finding(.error, "load", file: $0.file, line: $0.line, column: $0.column, $0.message)
            }
        }
        let questionsPath = path("questions.xml")
        let questions = (try? XMLLoader(maxBytes: maxFileBytes).load(contentsOf: questionsPath)).map(Questions.init(root:)) ?? Questions()
        findings += questionFindings(model, questions)
        let outcomes = (try? XMLLoader(maxBytes: maxFileBytes).load(contentsOf: path("outcomes.xml"))).map(Outcomes.init(root:)) ?? Outcomes()
        let citations = (try? XMLLoader(maxBytes: maxFileBytes).load(contentsOf: path("citations.xml"))).map(Citations.init(root:)) ?? Citations()
        findings += CitationChecks(model: model, questions: questions, outcomes: outcomes, citations: citations,
                                   outcomesFile: path("outcomes.xml")).findings()
        findings += FormatChecks(model: model).findings()
        if let root = try? XMLLoader(maxBytes: maxFileBytes).load(contentsOf: path("glossary.xml")) {
            findings += GlossaryChecks(glossary: Glossary(root: root), model: model, outcomes: outcomes).findings()
        }
        let benchmarksPath = path(Benchmarks.fileName)
        if let root = try? XMLLoader(maxBytes: maxFileBytes).load(contentsOf: benchmarksPath) {
            findings += BenchmarkChecks(benchmarks: Benchmarks(root: root), model: model, file: benchmarksPath).findings()
        }
        let preparationPath = path(Preparation.fileName)
        if let root = try? XMLLoader(maxBytes: maxFileBytes).load(contentsOf: preparationPath) {
            let outcomes = (try? XMLLoader(maxBytes: maxFileBytes).load(contentsOf: path("outcomes.xml"))).map(Outcomes.init(root:)) ?? Outcomes()
            let citations = (try? XMLLoader(maxBytes: maxFileBytes).load(contentsOf: path("citations.xml"))).map(Citations.init(root:)) ?? Citations()
            findings += PreparationChecks(preparation: Preparation(root: root), model: model, outcomes: outcomes,
                                          citations: citations, file: preparationPath).findings()
        }
        for decision in model.decisions {
            guard let table = decision.decisionTable else { continue }
            findings += TableChecks(model: model, decision: decision, table: table, asOf: asOf,
                                    maxListedOverlaps: maxListedOverlaps).findings()
        }
        return findings.sorted { ($0.file, $0.line, $0.code) < ($1.file, $1.line, $1.code) }
    }

    func path(_ relative: String) -> String { (directory as NSString).appendingPathComponent(relative) }

    /// Every XML file of the folder against the schema for its kind.
    func schemaFindings() -> [Finding] {
        var findings: [Finding] = []
        var schemas: [String: XMLSchema?] = [:]
        func schema(_ name: String) -> XMLSchema? {
            if let cached = schemas[name] { return cached }
            let file = path("schema/" + name)
            var compiled: XMLSchema?
            if FileManager.default.fileExists(atPath: file) {
                do { compiled = try XMLSchema(contentsOf: file) } catch {
                    findings += error.diagnostics.map { Finding(.error, "schema", file: $0.file, line: $0.line, column: $0.column, $0.message) }
                }
            }
            schemas[name] = compiled
            return compiled
        }
        let files = RuleSet.ruleFiles(in: directory) + testFiles()
        for relative in files where relative.hasSuffix(".dmn") || relative.hasSuffix(".xml") {
            let schemaName: String?
            if relative.hasSuffix(".dmn") { schemaName = "dmn.xsd" }
            else if relative.hasPrefix("tests/") { schemaName = "scenarios.xsd" }
            else if relative == "questions.xml" { schemaName = "questions.xsd" }
            else if relative == "outcomes.xml" { schemaName = "outcomes.xsd" }
            else if relative == "glossary.xml" { schemaName = "glossary.xsd" }
            else if relative == "citations.xml" { schemaName = "citations.xsd" }
            else if relative.hasPrefix("benchmarks") { schemaName = "benchmarks.xsd" }
            else if relative == Preparation.fileName { schemaName = "preparation.xsd" }
            else { schemaName = nil }
            let file = path(relative)
            // Only the namespace is needed: the file is read for its errors, but nothing inside its root is kept.
            let namespace: String?
            do { namespace = try XMLLoader(maxBytes: maxFileBytes).loadRoot(contentsOf: file).namespace } catch {
                findings += AdvisorError(error, hint: RuleSet.limitFlag).problems.map {
                    Finding(.error, "schema", file: $0.file, line: $0.line, column: $0.column, $0.message)
                }
                continue
            }
            // Older DMN namespaces load in the engine but are not what the bundled schema describes.
            guard let schemaName, !(schemaName == "dmn.xsd" && namespace != "https://www.omg.org/spec/DMN/20230324/MODEL/"),
                  let compiled = schema(schemaName) else { continue }
            do { _ = try XMLLoader(schema: compiled, maxBytes: maxFileBytes).load(contentsOf: file) } catch {
                findings += error.diagnostics.map { Finding(.error, "schema", file: $0.file, line: $0.line, column: $0.column, $0.message) }
            }
        }
        return findings
    }

    func testFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path("tests"))) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { "tests/" + $0 }
    }

    /// Inputs without questions, questions without inputs, and missing Japanese or English text.
    func questionFindings(_ model: DMNModel, _ questions: Questions) -> [Finding] {
        var findings: [Finding] = []
        let questionsFile = path("questions.xml")
        for input in model.inputs {
            guard let q = questions[input.name] else {
                findings.append(Finding(.error, "question-missing", at: input.location, "input '\(input.name)' has no question in questions.xml"))
                continue
            }
            for language in Language.allCases where (q.prompt[language] ?? "").isEmpty {
                findings.append(Finding(.error, "missing-translation", at: q.location, "question '\(input.name)' has no \(language.rawValue) prompt"))
            }
            for language in Language.allCases where (q.help[language] ?? "").isEmpty {
                findings.append(Finding(.warning, "missing-translation", at: q.location, "question '\(input.name)' has no \(language.rawValue) help"))
            }
            if q.source.isEmpty {
                findings.append(Finding(.error, "missing-citation", at: q.location, "question '\(input.name)' names no source"))
            }
            for value in model.allowedValueTexts(of: input) ?? [] {
                for language in Language.allCases where (q.label(for: value, language) ?? "").isEmpty {
                    findings.append(Finding(.error, "missing-translation", at: q.location,
                                            "question '\(input.name)': choice '\(value)' has no \(language.rawValue) label"))
                }
            }
            let allowed = Set(model.allowedValueTexts(of: input) ?? [])
            for choice in q.choices where !allowed.isEmpty && !allowed.contains(choice.value) {
                findings.append(Finding(.error, "value-not-allowed", at: q.location,
                                        "question '\(input.name)' offers '\(choice.value)', which is not an allowed value"))
            }
        }
        for (name, q) in questions.questions where model.input(named: name) == nil {
            findings.append(Finding(.error, "question-orphan", file: questionsFile, line: q.location.line, "question for '\(name)', which is no input"))
        }
        return findings
    }
}
