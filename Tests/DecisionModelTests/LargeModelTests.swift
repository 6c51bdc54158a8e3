import Testing
@testable import DecisionModel

/// Models far larger than the bundled rules load and evaluate (their speed is measured in the benchmark).
@Suite struct LargeModelTests {
    /// `step 0` = x + 1, `step i` = `step i-1` + 1: a requirement chain `count` decisions long.
    static func chain(_ count: Int) -> String {
        var xml = "<?xml version=\"1.0\"?>\n<definitions xmlns=\"\(DMN.ns)\" namespace=\"urn:chain\" name=\"chain\">\n"
        xml += "<inputData id=\"x\" name=\"x\"><variable name=\"x\" typeRef=\"number\"/></inputData>\n"
        for i in 0..<count {
            let requirement = i == 0 ? "<requiredInput href=\"#x\"/>" : "<requiredDecision href=\"#d\(i - 1)\"/>"
            xml += "<decision id=\"d\(i)\" name=\"step \(i)\"><variable name=\"step \(i)\" typeRef=\"number\"/>"
            xml += "<informationRequirement>\(requirement)</informationRequirement>"
            xml += "<literalExpression><text>\(i == 0 ? "x" : "step \(i - 1)") + 1</text></literalExpression></decision>\n"
        }
        return xml + "</definitions>\n"
    }

    @Test func aChainOfTenThousandDecisionsLoadsAndEvaluates() throws {
        let model = try DMNLoader().load(string: Self.chain(10_000), name: "chain.dmn")
        #expect(model.decisionsInDependencyOrder.first?.name == "step 0")
        #expect(model.decisionsInDependencyOrder.last?.name == "step 9999")
        let result = DMNEvaluator(model: model).evaluate(["x": num(1)])
        #expect(result.values["step 9999"] == num(10_001))
        #expect(result.problems.isEmpty)
    }

    @Test func aChainOfTenThousandDecisionsEachWithAProblemLoadsPartially() throws {
        // Every decision also requires a knowledge model that does not exist.
        let xml = Self.chain(10_000).replacingOccurrences(of: "<literalExpression>",
            with: "<knowledgeRequirement><requiredKnowledge href=\"#missing\"/></knowledgeRequirement><literalExpression>")
        let model = try DMNLoader(mode: .partial).load(string: xml, name: "chain.dmn")
        #expect(model.loadProblems.count == 10_000)
        #expect(model.decision(named: "step 9999")?.loadProblems.first?.message.contains("#missing") == true)
        let result = DMNEvaluator(model: model).evaluate(["x": num(1)], only: ["step 3"])
        #expect(result.values["step 3"] == .null)
        #expect(result.problems.count == 4)
    }

    @Test func aCycleAtTheEndOfALongChainIsReportedWithItsPath() {
        var xml = Self.chain(2_000)
        xml = xml.replacingOccurrences(of: "<requiredInput href=\"#x\"/>", with: "<requiredDecision href=\"#d1999\"/>")
        var problems: [DMNProblem] = []
        do { _ = try DMNLoader().load(string: xml, name: "cycle.dmn") } catch { problems = error.problems }
        let cycle = problems.first { $0.message.contains("cycle") }
        #expect(cycle?.message.contains("step 0 → step 1999 → step 1998") == true, "\(String(describing: cycle))")
    }
}
