import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// The bundled rules: every scenario passes, every rule row is hit by some scenario, every sample assesses.
@Suite struct RuleContentTests {
    static func rules() throws -> RuleSet { try RuleSet.load(directory: Fixtures.bundledRules) }

    @Test func everyScenarioPasses() throws {
        let rules = try Self.rules()
        let runner = ScenarioRunner(rules: rules)
        let report = try runner.run(files: runner.scenarioFiles())
        #expect(report.scenarios >= 40)
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyRuleRowIsHitByAScenario() throws {
        let rules = try Self.rules()
        let runner = ScenarioRunner(rules: rules)
        let report = try runner.run(files: runner.scenarioFiles())
        let uncovered = report.uncovered.map { "\($0.location): \($0.decision) row \($0.row) is hit by no scenario" }
        #expect(uncovered.isEmpty, "\(uncovered.joined(separator: "\n"))")
    }

    static var sampleFiles: [String] {
        let dir = URL(fileURLWithPath: Fixtures.bundledRules).deletingLastPathComponent().appendingPathComponent("Samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    @Test func thereAreAtLeastTenSamples() {
        #expect(Self.sampleFiles.count >= 10)
    }

    @Test(arguments: sampleFiles)
    func sampleJSONHasEveryContractKey(path: String) throws {
        let rules = try Self.rules()
        let answers = try AnswersFile.load(path, rules: rules)
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25")
        let text = AssessmentJSON.render(assessment, language: .en)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        try ContractShape.check(json)
        #expect(assessment.evaluation.problems.isEmpty, "\(assessment.evaluation.problems)")
        #expect(json["regulatoryCategory"] is String, "\(path): every sample reaches a category")
    }

    @Test(arguments: sampleFiles)
    func nextStepsAreGroupedWithoutRepeatsInBothLanguages(path: String) throws {
        let rules = try Self.rules()
        let answers = try AnswersFile.load(path, rules: rules)
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", exploreAlternatives: false)
        for language in Language.allCases {
            let groups = TextReport(rules: rules, language: language).nextSteps(assessment)
            #expect(!groups.isEmpty, "\(path): a sample always has something to do next")
            let steps = groups.flatMap(\.steps)
            #expect(Set(steps).count == steps.count, "\(path): a step is listed twice")
            #expect(groups.allSatisfy { !$0.steps.isEmpty && $0.heading.contains(":") })
            #expect(Set(groups.map(\.heading)).count == groups.count)
        }
        let text = TextReport(rules: rules, language: .en).text(assessment)
        let numbered = text.split(separator: "\n").filter { $0.hasPrefix("    ") && $0.dropFirst(4).first?.isNumber == true }
        #expect(numbered.first?.hasPrefix("    1. ") == true, "\(path): steps are numbered under their headings")
    }

    @Test func everyInputHasABilingualQuestion() throws {
        let rules = try Self.rules()
        for input in rules.model.inputs {
            let question = rules.questions[input.name]
            #expect(question != nil, "no question for \(input.name)")
            #expect(question?.prompt[.ja]?.isEmpty == false, "\(input.name): Japanese prompt")
            #expect(question?.prompt[.en]?.isEmpty == false, "\(input.name): English prompt")
            #expect(question?.source.isEmpty == false, "\(input.name): source")
            for value in Questionnaire(rules: rules).choices(for: input) ?? [] where !["true", "false"].contains(value) {
                #expect(question?.label(for: value, .ja)?.isEmpty == false, "\(input.name)=\(value): Japanese label")
                #expect(question?.label(for: value, .en)?.isEmpty == false, "\(input.name)=\(value): English label")
            }
        }
        for name in rules.questions.questions.keys {
            #expect(rules.model.input(named: name) != nil, "question for \(name), which is no input")
        }
    }

    @Test func everyRuleRowCitesASourceInBothLanguages() throws {
        let rules = try Self.rules()
        for decision in rules.model.decisions {
            guard let table = decision.decisionTable else { continue }
            #expect(Array(table.annotationNames.prefix(3)) == ["source", "en", "ja"], "\(decision.name): annotation columns")
            for rule in table.rules {
                let notes = Dictionary(zip(table.annotationNames, rule.annotations), uniquingKeysWith: { a, _ in a })
                for column in ["source", "en", "ja"] {
                    #expect(notes[column]?.isEmpty == false, "\(rule.location): \(decision.name) row \(rule.row) has no \(column)")
                }
            }
        }
    }
}

/// CONTRACT §4: every key present with a value of the right kind.
enum ContractShape {
    struct Mismatch: Error, CustomStringConvertible { var description: String }

    static let enums: [String: Set<String>] = [
        "regulatoryCategory": ["medical-device", "not-a-device", "regenerative-medicine-product", "in-vitro-diagnostic", "drug",
                               "veterinary", "welfare-equipment", "consult"],
        "classCategory": ["general", "controlled", "highly-controlled"],
        "classBasis": ["jmdn", "classification-rules", "program-generic-name", "program-estimate", "user-given"],
        "pathway": ["notification", "certification", "approval", "none"],
        "reviewBody": ["pmda", "registered-certification-body", "none"],
        "reviewCategory": ["new", "improved-with-clinical", "improved-without-clinical", "generic-with-approval-standard", "generic"],
        "mahLicence": ["first-class", "second-class", "third-class"],
    ]

    static func check(_ json: [String: Any]) throws {
        let keys = ["schema", "rules", "regulatoryCategory", "isMedicalDevice", "deviceClass", "classCategory", "classBasis",
                    "pathway", "reviewBody", "reviewCategory", "mahLicence", "qms", "change", "schemes", "consultations",
                    "timeline", "openQuestions", "alternatives", "trace"]
        for key in keys where json[key] == nil { throw Mismatch(description: "missing key \(key)") }
        guard json["schema"] as? String == "yakuji.assessment/1" else { throw Mismatch(description: "schema") }
        let rules = json["rules"] as? [String: Any]
        guard rules?["version"] is String, (rules?["checksum"] as? String)?.hasPrefix("sha256:") == true, rules?["asOf"] is String else {
            throw Mismatch(description: "rules")
        }
        for (key, allowed) in enums {
            if json[key] is NSNull { continue }
            guard let value = json[key] as? String, allowed.contains(value) else { throw Mismatch(description: "\(key) = \(json[key] ?? "nil")") }
        }
        if !(json["isMedicalDevice"] is NSNull) && !(json["isMedicalDevice"] is Bool) { throw Mismatch(description: "isMedicalDevice") }
        if let cls = json["deviceClass"] as? NSNumber, !(1...4).contains(cls.intValue) { throw Mismatch(description: "deviceClass") }
        guard let qms = json["qms"] as? [String: Any], qms.keys.contains("auditRequired"), qms.keys.contains("body") else {
            throw Mismatch(description: "qms")
        }
        guard json["change"] is NSNull || json["change"] is [String: Any] else { throw Mismatch(description: "change") }
        guard json["schemes"] is [Any], json["consultations"] is [Any], json["openQuestions"] is [Any], json["alternatives"] is [Any] else {
            throw Mismatch(description: "lists")
        }
        // The timeline is null when the route is not determined (or there is none); otherwise every member is present.
        if let timeline = json["timeline"] as? [String: Any] {
            let members = ["reviewMonths", "japanSubmissionMonths", "japanDecisionMonths", "lagMonths", "applicationLagMonths",
                           "reviewLagMonths", "probabilityJapanFirst", "stages", "draws", "seed"]
            guard members.allSatisfy({ timeline.keys.contains($0) }) else { throw Mismatch(description: "timeline") }
        } else if !(json["timeline"] is NSNull) {
            throw Mismatch(description: "timeline")
        }
        guard let trace = json["trace"] as? [[String: Any]], !trace.isEmpty,
              trace.allSatisfy({ $0["decision"] is String && $0["rules"] is [Any] && $0["inputs"] is [String: Any] }) else {
            throw Mismatch(description: "trace")
        }
    }
}
