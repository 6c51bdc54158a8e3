import DecisionModel
import Foundation
import XMLSupport

/// Scenario tests of rule content: answers in, expected contract values out (`urn:yakuji:scenarios:1`).
public struct Scenario: Sendable {
    public static let namespace = "urn:yakuji:scenarios:1"

    public struct Expectation: Sendable {
        public var key: String
        public var text: String
        public var location: SourceLocation
    }

    public var id: String
    /// The English description (or the only one).
    public var description: String
    /// The description per language; one without `lang` counts as English.
    public var descriptions: LocalizedText
    public var source: String
    public var answers: Answers
    public var expectations: [Expectation]
    public var location: SourceLocation

    /// Reads every scenario of a file; `answers/@href` is resolved against the file's folder.
    public static func load(_ path: String, rules: RuleSet) throws(AdvisorError) -> [Scenario] {
        let root: XMLElementNode
        let schemaPath = (rules.directory as NSString).appendingPathComponent("schema/scenarios.xsd")
        do {
            let schema = FileManager.default.fileExists(atPath: schemaPath) ? try XMLSchema(contentsOf: schemaPath) : nil
            root = try XMLLoader(schema: schema).load(contentsOf: path)
        } catch {
            throw AdvisorError(error)
        }
        guard root.name == "scenarios", root.namespace == namespace else {
            throw AdvisorError(file: path, line: root.line, "expected <scenarios xmlns=\"\(namespace)\">")
        }
        var scenarios: [Scenario] = []
        var problems: [DMNProblem] = []
        for element in root.children(named: "scenario") {
            var answers = Answers()
            if let href = element.child(named: "answers")?.attribute("href") {
                let file = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(href)
                do { answers = try AnswersFile.load(file, rules: rules) } catch { problems += error.problems }
            }
            for answer in element.children(named: "answer") {
                let name = answer.attribute("name") ?? ""
                do {
                    answers[name] = try AnswersFile.parse(name: name, text: answer.text, unknown: answer.attribute("unknown") == "true", rules: rules)
                } catch {
                    problems.append(DMNProblem(file: path, line: answer.line, message: error.description))
                }
            }
            let expectations = element.children(named: "expect").map {
                Expectation(key: $0.attribute("key") ?? "", text: $0.trimmedText, location: SourceLocation(file: path, line: $0.line))
            }
            for e in expectations where !ContractKeys.all.contains(e.key) {
                problems.append(DMNProblem(at: e.location, "unknown expectation key '\(e.key)'; known: \(ContractKeys.all.joined(separator: ", "))"))
            }
            var descriptions = LocalizedText()
            for description in element.children(named: "description") {
                descriptions[Language(rawValue: description.attribute("lang") ?? "") ?? .en] = description.trimmedText
            }
            scenarios.append(Scenario(id: element.attribute("id") ?? "?", description: descriptions.text(.en),
                                      descriptions: descriptions, source: element.childText("source") ?? "", answers: answers, expectations: expectations,
                                      location: SourceLocation(file: path, line: element.line)))
        }
        if !problems.isEmpty { throw AdvisorError(problems) }
        return scenarios
    }
}

/// Runs scenarios and measures which rule rows they hit.
extension Scenario {
    /// A scenario states its inputs exactly: one it leaves out is null, as in a plain DMN evaluation; one marked
    /// unknown stands for every value it allows.
    public func exactAnswers(rules: RuleSet) -> Answers {
        var answers = self.answers
        for input in rules.model.inputs where answers[input.name] == nil && input.name != Assessor.dateInput {
            answers[input.name] = .value(.null)
        }
        return answers
    }
}

public struct ScenarioRunner: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) { self.rules = rules }

    public struct Failure: Sendable, CustomStringConvertible {
        public var scenario: String
        public var key: String
        public var expected: String
        public var actual: String
        public var location: SourceLocation

        public var description: String {
            "\(location): scenario '\(scenario)': \(key) expected \(expected), got \(actual)"
        }
    }

    public struct RowRef: Sendable, Hashable, Comparable {
        public var decision: String
        public var row: Int
        public var location: SourceLocation

        public static func < (a: RowRef, b: RowRef) -> Bool { (a.decision, a.row) < (b.decision, b.row) }
    }

    public struct Report: Sendable {
        public var scenarios = 0
        public var failures: [Failure] = []
        public var hitRows: Set<RowRef> = []
        public var allRows: [RowRef] = []
        public var uncovered: [RowRef] { allRows.filter { !hitRows.contains($0) } }
        public var passed: Int { scenarios - Set(failures.map(\.scenario)).count }
    }

    /// The scenario files of the rules folder's `tests/`, sorted.
    public func scenarioFiles() -> [String] {
        let dir = (rules.directory as NSString).appendingPathComponent("tests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { (dir as NSString).appendingPathComponent($0) }
    }

    public func run(files: [String]) throws(AdvisorError) -> Report {
        var report = Report()
        report.allRows = rules.model.decisionsInDependencyOrder.flatMap { decision in
            (decision.decisionTable?.rules ?? []).map { RowRef(decision: decision.name, row: $0.row, location: $0.location) }
        }
        let assessor = Assessor(rules: rules)
        var problems: [DMNProblem] = []
        for file in files {
            let scenarios: [Scenario]
            do { scenarios = try Scenario.load(file, rules: rules) } catch { problems += error.problems; continue }
            for scenario in scenarios {
                report.scenarios += 1
                let assessment = assessor.assess(scenario.exactAnswers(rules: rules), asOf: nil, absentIsUnknown: true,
                                                 exploreAlternatives: false)
                // Coverage counts the rows a plain DMN evaluation hits, unknown answers read as null (as any DMN
                // engine reads them), so rows written for an unknown answer are covered by a scenario with one.
                let plain = DMNEvaluator(model: rules.model).evaluate(scenario.answers.dated(assessment.asOf, rules: rules).inputValues)
                for trace in plain.traces {
                    for rule in trace.rules {
                        report.hitRows.insert(RowRef(decision: trace.decision, row: rule.row, location: rule.location))
                    }
                }
                for problem in RuleErrors.violations(in: assessment.evaluation, model: rules.model) {
                    report.failures.append(Failure(scenario: scenario.id, key: "hit policy", expected: "at most one matching row",
                                                   actual: problem.message, location: scenario.location))
                }
                for expectation in scenario.expectations {
                    let actual = assessment.value(expectation.key)
                    if !Self.matches(actual, expectation.text) {
                        report.failures.append(Failure(scenario: scenario.id, key: expectation.key, expected: expectation.text,
                                                       actual: Self.text(actual), location: expectation.location))
                    }
                }
            }
        }
        if !problems.isEmpty { throw AdvisorError(problems) }
        return report
    }

    /// Expected text against a value: `null`, bare strings, numbers, booleans; lists as comma-separated items.
    static func matches(_ value: FEELValue, _ expected: String) -> Bool {
        let wanted = expected.trimmingCharacters(in: .whitespacesAndNewlines)
        if case .list = value {
            let items = wanted.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
            return text(value) == items.joined(separator: ",")
        }
        return text(value) == wanted || (Self.number(value) != nil && Self.number(value) == FEELNumber(wanted))
    }

    static func number(_ value: FEELValue) -> FEELNumber? {
        if case .number(let n) = value { return n }
        return nil
    }

    static func text(_ value: FEELValue) -> String {
        switch value {
        case .null: "null"
        case .list(let items): items.map(text).sorted().joined(separator: ",")
        default: value.bareText
        }
    }
}
