import Testing
@testable import DecisionModel

/// An evaluator keeping scope names binds each decision's scope at once from the names it kept; a requirement
/// written twice still binds its name once, as an evaluator that looks every requirement up does.
@Suite struct ScopeNamesTests {
    static let model = """
        <?xml version="1.0"?>
        <definitions xmlns="\(DMN.ns)" namespace="urn:test" name="t" id="defs">
          <inputData id="i_age" name="age"><variable name="age" typeRef="number"/></inputData>
          <inputData id="i_rate" name="rate"><variable name="rate" typeRef="number"/></inputData>
          <decision id="d_band" name="band"><variable name="band" typeRef="string"/>
            <informationRequirement><requiredInput href="#i_age"/></informationRequirement>
            <literalExpression><text>if age &lt; 18 then "minor" else "adult"</text></literalExpression>
          </decision>
          <decision id="d_fee" name="fee"><variable name="fee" typeRef="number"/>
            <informationRequirement><requiredInput href="#i_rate"/></informationRequirement>
            <informationRequirement><requiredDecision href="#d_band"/></informationRequirement>
            <informationRequirement><requiredInput href="#i_age"/></informationRequirement>
            <literalExpression><text>if band = "minor" then rate / 2 else rate + age / 100</text></literalExpression>
          </decision>
          <decision id="d_twice" name="twice"><variable name="twice" typeRef="number"/>
            <informationRequirement><requiredInput href="#i_rate"/></informationRequirement>
            <informationRequirement><requiredInput href="#i_rate"/></informationRequirement>
            <literalExpression><text>rate * 2</text></literalExpression>
          </decision>
        </definitions>
        """

    @Test func keptNamesBindWhatLookedUpNamesBind() throws {
        let model = try DMNLoader().load(string: Self.model, name: "scope.dmn")
        let plain = DMNEvaluator(model: model)
        let keeping = DMNEvaluator(model: model, keepingScopeNames: true)
        for inputs in [["age": num(30), "rate": num(4)], ["age": num(10), "rate": num(4)], ["rate": num(1)]] {
            let expected = plain.evaluate(inputs)
            // The first evaluation keeps the names, the second reads them.
            for _ in 0..<2 {
                let kept = keeping.evaluate(inputs)
                #expect(kept.values == expected.values)
                #expect(kept.traces.map(\.decision) == expected.traces.map(\.decision))
                #expect(kept.problems.map(\.message) == expected.problems.map(\.message))
            }
        }
        #expect(keeping.evaluate(["age": num(30), "rate": num(4)]).values["fee"] == .number(FEELNumber("4.3")!))
        #expect(keeping.evaluate(["age": num(30), "rate": num(4)]).values["twice"] == num(8))
    }

    @Test func namesAreDistinctUnlessARequirementRepeats() throws {
        let model = try DMNLoader().load(string: Self.model, name: "scope.dmn")
        let fee = try #require(model.decision(named: "fee"))
        let twice = try #require(model.decision(named: "twice"))
        let names = ScopeNames.Names(fee, in: model)
        #expect(names.all == ["rate", "age", "band"] && names.distinct)
        #expect(!ScopeNames.Names(twice, in: model).distinct)
    }
}
