import Testing
@testable import DecisionModel

/// A model with one bad decision still evaluates the others (partial mode); strict mode rejects it.
@Suite struct PartialLoadingTests {
    static let model = ModelLoadingTests.definitions("""
    <inputData id="i" name="x"><variable name="x" typeRef="number"/></inputData>
    <decision id="good" name="good"><variable name="good" typeRef="number"/>
      <informationRequirement><requiredInput href="#i"/></informationRequirement>
      <literalExpression><text>x + 1</text></literalExpression></decision>
    <decision id="syntax" name="syntax"><variable name="syntax" typeRef="number"/>
      <informationRequirement><requiredInput href="#i"/></informationRequirement>
      <literalExpression><text>x +* 1</text></literalExpression></decision>
    <decision id="empty" name="empty"><variable name="empty" typeRef="number"/></decision>
    <decision id="downstream" name="downstream"><variable name="downstream"/>
      <informationRequirement><requiredDecision href="#syntax"/></informationRequirement>
      <informationRequirement><requiredDecision href="#good"/></informationRequirement>
      <literalExpression><text>[syntax, good]</text></literalExpression></decision>
    <decision id="dangling" name="dangling"><variable name="dangling"/>
      <informationRequirement><requiredDecision href="#nowhere"/></informationRequirement>
      <literalExpression><text>1</text></literalExpression></decision>
    <businessKnowledgeModel id="bkm" name="broken bkm"><encapsulatedLogic><formalParameter name="a"/>
      <literalExpression><text>a +</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>
    <decision id="caller" name="caller"><variable name="caller"/>
      <knowledgeRequirement><requiredKnowledge href="#bkm"/></knowledgeRequirement>
      <literalExpression><text>broken bkm(1)</text></literalExpression></decision>
    <itemDefinition name="tBad"><typeRef>number</typeRef><allowedValues><text>[1..</text></allowedValues></itemDefinition>
    <decision id="typed" name="typed"><variable name="typed" typeRef="tBad"/>
      <literalExpression><text>5</text></literalExpression></decision>
    """)

    @Test func strictModeRejectsTheModelWithEveryProblem() {
        #expect(throws: DMNLoadError.self) { try DMNLoader().load(string: Self.model, name: "m.dmn") }
        let problems = ModelLoadingTests.loadProblems(Self.model).map(\.message)
        #expect(problems.contains { $0.contains("x +* 1") })
        #expect(problems.contains { $0.contains("#nowhere") })
        #expect(problems.contains { $0.contains("has no decision logic") })
    }

    @Test func partialModeEvaluatesEveryDecisionThatLoaded() throws {
        let model = try DMNLoader(mode: .partial).load(string: Self.model, name: "m.dmn")
        let result = DMNEvaluator(model: model).evaluate(["x": num(1)])
        #expect(result.values["good"] == num(2))
        #expect(result.values["downstream"] == [.null, num(2)])
        for name in ["syntax", "empty", "dangling", "caller", "typed"] {
            #expect(result.values[name] == .null, "\(name)")
            let problem = result.problems.first { $0.element == name }?.message ?? ""
            #expect(problem.hasPrefix(DMNEvaluator.unloadedPrefix) || problem.contains("could not be loaded"), "\(name): \(problem)")
            #expect(problem.contains("m.dmn:"), "\(name): \(problem)")
        }
        #expect(result.problems.first { $0.element == "syntax" }?.message.contains("at offset 3") == true)
        #expect(result.problems.first { $0.element == "caller" }?.message.contains("a +") == true)
        #expect(!result.problems.contains { $0.element == "good" })
    }

    @Test func theModelListsTheProblemsItKept() throws {
        let model = try DMNLoader(mode: .partial).load(string: Self.model, name: "m.dmn")
        #expect(model.loadProblems.count == 5)
        #expect(model.decision(named: "syntax")?.loadProblems.count == 1)
        #expect(model.decision(named: "good")?.loadProblems.isEmpty == true)
    }

    @Test func documentProblemsStillThrowInPartialMode() {
        #expect(throws: DMNLoadError.self) {
            try DMNLoader(mode: .partial).load(string: "<definitions xmlns=\"urn:not-dmn\"/>", name: "m.dmn")
        }
    }

    @Test func onlyTheRequestedDecisionsAndWhatTheyNeedAreEvaluated() throws {
        let model = try DMNLoader(mode: .partial).load(string: Self.model, name: "m.dmn")
        let result = DMNEvaluator(model: model).evaluate(["x": num(1)], only: ["downstream"])
        #expect(Set(result.values.keys) == ["downstream", "syntax", "good"])
    }
}
