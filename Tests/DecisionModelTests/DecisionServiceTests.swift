import Testing
@testable import DecisionModel

/// Decision services: called from FEEL with their input data then their input decisions, or run directly.
@Suite struct DecisionServiceTests {
    static let model = ModelLoadingTests.definitions("""
    <inputData id="i_name" name="name"><variable name="name" typeRef="string"/></inputData>
    <decision id="d_greeting" name="greeting"><variable name="greeting" typeRef="string"/>\(BoxedExpressionTests.literal("\"Hello\""))</decision>
    <decision id="d_message" name="message"><variable name="message" typeRef="string"/>
      <informationRequirement><requiredDecision href="#d_greeting"/></informationRequirement>
      <informationRequirement><requiredInput href="#i_name"/></informationRequirement>
      \(BoxedExpressionTests.literal("greeting + \", \" + name"))</decision>
    <decision id="d_length" name="length"><variable name="length"/>
      <informationRequirement><requiredDecision href="#d_message"/></informationRequirement>
      \(BoxedExpressionTests.literal("string length(message)"))</decision>
    <decisionService id="s_greet" name="greet"><variable name="greet"/>
      <outputDecision href="#d_message"/><inputDecision href="#d_greeting"/><inputData href="#i_name"/></decisionService>
    <decisionService id="s_both" name="both"><variable name="both"/>
      <outputDecision href="#d_message"/><outputDecision href="#d_length"/>
      <encapsulatedDecision href="#d_greeting"/><inputData href="#i_name"/></decisionService>
    <decision id="d_call" name="call"><variable name="call"/>
      <knowledgeRequirement><requiredKnowledge href="#s_greet"/></knowledgeRequirement>
      \(BoxedExpressionTests.literal("greet(\"Ann\", \"Hi\")"))</decision>
    <decision id="d_named" name="named"><variable name="named"/>
      <knowledgeRequirement><requiredKnowledge href="#s_greet"/></knowledgeRequirement>
      \(BoxedExpressionTests.literal("greet(greeting: \"Yo\", name: \"Bo\")"))</decision>
    <decision id="d_wrong" name="wrong type"><variable name="wrong type"/>
      <knowledgeRequirement><requiredKnowledge href="#s_greet"/></knowledgeRequirement>
      \(BoxedExpressionTests.literal("greet(\"Ann\", 5)"))</decision>
    <decision id="d_many" name="too many"><variable name="too many"/>
      <knowledgeRequirement><requiredKnowledge href="#s_both"/></knowledgeRequirement>
      \(BoxedExpressionTests.literal("both(\"Ann\", 1)"))</decision>
    """)

    @Test func aServiceIsAFunctionOfItsInputDataThenItsInputDecisions() throws {
        let model = try DMNLoader().load(string: Self.model, name: "services.dmn")
        let result = DMNEvaluator(model: model).evaluate([:])
        #expect(result.values["call"] == "Hi, Ann")
        #expect(result.values["named"] == "Yo, Bo")
        #expect(result.values["wrong type"] == .null)
        #expect(result.values["too many"] == .null)
    }

    @Test func runningAServiceUsesTheArgumentsInsteadOfEvaluatingItsInputDecisions() throws {
        let model = try DMNLoader().load(string: Self.model, name: "services.dmn")
        let evaluator = DMNEvaluator(model: model)
        let greet = try #require(model.decisionService(named: "greet"))
        #expect(evaluator.parameters(of: greet).map(\.name) == ["name", "greeting"])
        #expect(evaluator.evaluate(greet, arguments: ["name": "Ann", "greeting": "Hey"]).value == "Hey, Ann")
        let both = try #require(model.decisionService(named: "both"))
        #expect(evaluator.evaluate(both, arguments: ["name": "Ann"]).value
                == .context(FEELContext([("message", "Hello, Ann"), ("length", num(10))])))
    }

    @Test func aServiceNamingAMissingDecisionFailsAloneWhenLoadedPartially() throws {
        let xml = Self.model.replacingOccurrences(of: "<outputDecision href=\"#d_length\"/>", with: "<outputDecision href=\"#nowhere\"/>")
        #expect(throws: DMNLoadError.self) { try DMNLoader().load(string: xml, name: "services.dmn") }
        let model = try DMNLoader(mode: .partial).load(string: xml, name: "services.dmn")
        let result = DMNEvaluator(model: model).evaluate([:])
        #expect(result.values["call"] == "Hi, Ann")
        #expect(result.values["too many"] == .null)
        #expect(result.problems.contains { $0.element == "too many" && $0.message.contains("#nowhere") })
        // The model lists the service's problem with the others it kept, so `dmn eval` reports it.
        #expect(model.loadProblems.contains { $0.message.contains("decision service 'both'") && $0.message.contains("#nowhere") })
    }
}
