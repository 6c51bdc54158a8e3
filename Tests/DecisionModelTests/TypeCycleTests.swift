import Testing
@testable import DecisionModel

/// Fuzz finding (dmn harness): an item definition whose typeRef is itself overflowed the stack when a value was
/// checked against it. A typeRef chain that comes back is a load error at the item definition.
@Suite("Item definitions that are their own type")
struct TypeCycleTests {
    static let model = ModelLoadingTests.definitions("""
    <itemDefinition name="tMetric"><typeRef>tMetric</typeRef></itemDefinition>
    <itemDefinition name="tA"><typeRef>tB</typeRef></itemDefinition>
    <itemDefinition name="tB"><typeRef>tA</typeRef></itemDefinition>
    <itemDefinition name="tC"><typeRef>tA</typeRef></itemDefinition>
    <itemDefinition name="tNode"><itemComponent name="next"><typeRef>tNode</typeRef></itemComponent></itemDefinition>
    <decision id="m" name="metric"><variable name="metric" typeRef="tMetric"/>
      <literalExpression><text>1</text></literalExpression></decision>
    <decision id="b" name="b"><variable name="b" typeRef="tB"/>
      <literalExpression><text>"x"</text></literalExpression></decision>
    <decision id="node" name="node"><variable name="node" typeRef="tNode"/>
      <literalExpression><text>{next: {next: null}}</text></literalExpression></decision>
    """)

    @Test func strictLoadingNamesEachCycleAtItsLine() {
        let problems = ModelLoadingTests.loadProblems(Self.model)
        #expect(problems.map(\.message) == [
            "item definition 'tA' is its own type (tA → tB → tA)",
            "item definition 'tB' is its own type (tB → tA → tB)",
            "item definition 'tMetric' is its own type (tMetric → tMetric)",
        ])
        #expect(problems.map(\.line) == [4, 5, 3])
    }

    @Test func partialLoadingEvaluatesToNullWithTheReason() throws {
        let model = try DMNLoader(mode: .partial).load(string: Self.model, name: "m.dmn")
        let result = DMNEvaluator(model: model).evaluate([:])
        #expect(result.values["metric"] == .null)
        #expect(result.values["b"] == .null)
        let metric = result.problems.first { $0.element == "metric" }?.message ?? ""
        #expect(metric.contains("is its own type (tMetric → tMetric)"), "\(metric)")
        #expect(result.values["node"] == .context(FEELContext([("next", .context(FEELContext([("next", .null)])))])))
    }
}
