import Testing
@testable import DecisionModel

/// `evaluate(_:fixing:)`: a decision given a value is not evaluated, and what depends on it sees that value.
@Suite struct FixedDecisionTests {
    static let model = """
        <?xml version="1.0"?>
        <definitions xmlns="\(DMN.ns)" namespace="urn:test" name="t" id="defs">
          <inputData id="i_age" name="age"><variable name="age" typeRef="number"/></inputData>
          <decision id="d_band" name="band"><variable name="band" typeRef="string"/>
            <informationRequirement><requiredInput href="#i_age"/></informationRequirement>
            <literalExpression><text>if age &lt; 18 then "minor" else "adult"</text></literalExpression>
          </decision>
          <decision id="d_fee" name="fee"><variable name="fee" typeRef="number"/>
            <informationRequirement><requiredDecision href="#d_band"/></informationRequirement>
            <literalExpression><text>if band = "minor" then 5 else 10</text></literalExpression>
          </decision>
        </definitions>
        """

    @Test func aFixedDecisionFeedsItsDependants() throws {
        let model = try DMNLoader().load(string: Self.model, name: "fixed.dmn")
        let evaluator = DMNEvaluator(model: model)
        #expect(evaluator.evaluate(["age": num(30)]).values["fee"] == num(10))
        let fixed = evaluator.evaluate(["age": num(30)], fixing: ["band": str("minor")])
        #expect(fixed.values["band"] == str("minor"))
        #expect(fixed.values["fee"] == num(5))
        #expect(fixed.trace(of: "band") == nil, "a fixed decision was not evaluated")
        #expect(fixed.trace(of: "fee") != nil)
    }
}
