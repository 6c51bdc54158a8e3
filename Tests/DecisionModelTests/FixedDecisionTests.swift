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
          <decision id="d_label" name="label"><variable name="label" typeRef="string"/>
            <informationRequirement><requiredDecision href="#d_band"/></informationRequirement>
            <literalExpression><text>"band " + band</text></literalExpression>
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

    /// Only the targets and what they need: what only a fixed decision requires is not evaluated, what another
    /// target requires still is, and decisions no target needs are left out.
    @Test func onlyStopsAtFixedDecisions() throws {
        let model = try DMNLoader().load(string: Self.model, name: "fixed.dmn")
        let evaluator = DMNEvaluator(model: model)
        let fee = evaluator.evaluate(["age": num(30)], only: ["fee"], fixing: ["band": str("minor")])
        #expect(fee.values["fee"] == num(5))
        #expect(fee.traces.map(\.decision) == ["fee"], "band is fixed, label is not needed")
        #expect(fee.values["label"] == nil)
        let both = evaluator.evaluate(["age": num(30)], only: ["fee", "label"], fixing: ["fee": num(1)])
        #expect(both.traces.map(\.decision) == ["band", "label"], "label still needs band")
        #expect(both.values["fee"] == num(1))
        // The same through inputs checked once.
        let checked = evaluator.check(["age": num(30)])
        let again = evaluator.evaluate(checked, only: ["fee"], fixing: ["band": str("minor")])
        #expect(again.traces.map(\.decision) == ["fee"])
        #expect(again.values["fee"] == num(5))
        #expect(evaluator.evaluate(checked, only: nil).traces.count == 3)
    }

    /// An evaluator keeping scope names keeps the decisions each set of targets and fixed names needs: asked again
    /// with other fixed names it evaluates what those need, not what it kept for the first.
    @Test func keptDecisionsFollowTheFixedNames() throws {
        let model = try DMNLoader().load(string: Self.model, name: "fixed.dmn")
        let evaluator = DMNEvaluator(model: model, keepingScopeNames: true)
        for _ in 0..<2 {
            let fixed = evaluator.evaluate(["age": num(30)], only: ["fee"], fixing: ["band": str("minor")])
            #expect(fixed.traces.map(\.decision) == ["fee"] && fixed.values["fee"] == num(5))
            let free = evaluator.evaluate(["age": num(30)], only: ["fee"])
            #expect(free.traces.map(\.decision) == ["band", "fee"] && free.values["fee"] == num(10))
            let other = evaluator.evaluate(evaluator.check(["age": num(10)]), only: ["label"], fixing: ["fee": num(0)])
            #expect(other.traces.map(\.decision) == ["band", "label"] && other.values["label"] == str("band minor"))
        }
    }
}
