@testable import DecisionModel

/// Builds small DMN documents for tests.
enum DMN {
    static let ns = "https://www.omg.org/spec/DMN/20230324/MODEL/"

    struct Column {
        var name: String
        var type: String
        var values: String? = nil
    }

    /// One decision table over inputs `columns`; `rules` rows are input entries then output entries.
    static func table(policy: String, aggregation: String? = nil, inputs: [Column], outputs: [Column],
                      rules: [[String]], defaults: [String?] = [], annotations: [[String]] = [],
                      decisionType: String? = nil, extra: String = "") -> String {
        var xml = "<?xml version=\"1.0\"?>\n<definitions xmlns=\"\(ns)\" namespace=\"urn:test\" name=\"t\" id=\"defs\">\n"
        xml += extra
        for input in inputs {
            xml += "<inputData id=\"i_\(input.name)\" name=\"\(input.name)\"><variable name=\"\(input.name)\" typeRef=\"\(input.type)\"/></inputData>\n"
        }
        xml += "<decision id=\"d\" name=\"Result\"><variable name=\"Result\"\(decisionType.map { " typeRef=\"\($0)\"" } ?? "")/>\n"
        for input in inputs {
            xml += "<informationRequirement><requiredInput href=\"#i_\(input.name)\"/></informationRequirement>\n"
        }
        xml += "<decisionTable hitPolicy=\"\(policy)\"\(aggregation.map { " aggregation=\"\($0)\"" } ?? "")>\n"
        for input in inputs {
            xml += "<input><inputExpression typeRef=\"\(input.type)\"><text>\(esc(input.name))</text></inputExpression>"
            if let v = input.values { xml += "<inputValues><text>\(esc(v))</text></inputValues>" }
            xml += "</input>\n"
        }
        for (i, output) in outputs.enumerated() {
            xml += "<output name=\"\(output.name)\" typeRef=\"\(output.type)\">"
            if let v = output.values { xml += "<outputValues><text>\(esc(v))</text></outputValues>" }
            if i < defaults.count, let d = defaults[i] { xml += "<defaultOutputEntry><text>\(esc(d))</text></defaultOutputEntry>" }
            xml += "</output>\n"
        }
        if !annotations.isEmpty { xml += "<annotation name=\"source\"/>\n" }
        for (r, rule) in rules.enumerated() {
            xml += "<rule id=\"r\(r + 1)\">"
            for entry in rule.prefix(inputs.count) { xml += "<inputEntry><text>\(esc(entry))</text></inputEntry>" }
            for entry in rule.dropFirst(inputs.count) { xml += "<outputEntry><text>\(esc(entry))</text></outputEntry>" }
            if r < annotations.count { for a in annotations[r] { xml += "<annotationEntry><text>\(esc(a))</text></annotationEntry>" } }
            xml += "</rule>\n"
        }
        xml += "</decisionTable></decision>\n</definitions>\n"
        return xml
    }

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func evaluate(_ xml: String, _ inputs: [String: FEELValue]) throws -> (FEELValue, DecisionTrace) {
        let model = try DMNLoader().load(string: xml, name: "test.dmn")
        let result = DMNEvaluator(model: model).evaluate(inputs)
        let trace = try #require(result.trace(of: "Result"))
        return (result.values["Result"] ?? .null, trace)
    }
}

import Foundation
import Testing

func num(_ n: Int) -> FEELValue { .number(FEELNumber(n)) }
func str(_ s: String) -> FEELValue { .string(s) }
