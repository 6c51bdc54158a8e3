import Testing
@testable import DecisionModel

@Suite struct RelevanceAnalysisTests {
    /// `flags` reads `a` from a lookup and passes the answer `b` through; `route` tests `flags.a`, `c`, `flags.b`.
    static let model = ModelLoadingTests.definitions("""
    <inputData id="i_code" name="code"><variable name="code" typeRef="string"/></inputData>
    <inputData id="i_b" name="b"><variable name="b" typeRef="boolean"/></inputData>
    <inputData id="i_c" name="c"><variable name="c" typeRef="boolean"/></inputData>
    <decision id="d_flags" name="flags"><variable name="flags"/>
      <informationRequirement><requiredInput href="#i_code"/></informationRequirement>
      <informationRequirement><requiredInput href="#i_b"/></informationRequirement>
      <decisionTable hitPolicy="FIRST">
        <input><inputExpression typeRef="string"><text>code</text></inputExpression></input>
        <output name="a" typeRef="boolean"/><output name="b" typeRef="boolean"/>
        <rule><inputEntry><text>"x"</text></inputEntry><outputEntry><text>true</text></outputEntry><outputEntry><text>b</text></outputEntry></rule>
        <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>false</text></outputEntry><outputEntry><text>b</text></outputEntry></rule>
      </decisionTable></decision>
    <decision id="d_route" name="route"><variable name="route" typeRef="string"/>
      <informationRequirement><requiredDecision href="#d_flags"/></informationRequirement>
      <informationRequirement><requiredInput href="#i_c"/></informationRequirement>
      <decisionTable hitPolicy="FIRST">
        <input><inputExpression typeRef="boolean"><text>flags.a</text></inputExpression></input>
        <input><inputExpression typeRef="boolean"><text>c</text></inputExpression></input>
        <input><inputExpression typeRef="boolean"><text>flags.b</text></inputExpression></input>
        <output name="route" typeRef="string"/>
        <rule><inputEntry><text>true</text></inputEntry><inputEntry><text>true</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"cert"</text></outputEntry></rule>
        <rule><inputEntry><text>false</text></inputEntry><inputEntry><text>-</text></inputEntry><inputEntry><text>true</text></inputEntry><outputEntry><text>"appr"</text></outputEntry></rule>
        <rule><inputEntry><text>-</text></inputEntry><inputEntry><text>-</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"none"</text></outputEntry></rule>
      </decisionTable></decision>
    """)

    @Test func beforeAnythingIsKnownEveryTestedInputMatters() throws {
        let analysis = RelevanceAnalysis(model: try DMNLoader().load(string: Self.model, name: "r.dmn")).analyse(known: [:])
        #expect(analysis.relevantInputs == ["code", "b", "c"])
        #expect(analysis.decided.isEmpty)
    }

    @Test func anOutputSettledByTheLookupRulesOutRowsThatNeedAnotherAnswer() throws {
        let model = try DMNLoader().load(string: Self.model, name: "r.dmn")
        // Working towards `route` only (flags is an intermediate): flags.a is true whatever b is, so the "appr"
        // row (flags.a = false) is out and b is not asked.
        let analysis = RelevanceAnalysis(model: model).analyse(known: ["code": .string("x")], targets: ["route"])
        #expect(analysis.relevantInputs == ["c"])
        #expect(analysis.neededBy["c"] == [RelevanceAnalysis.Need(decision: "route", rows: [1])])
        #expect(!analysis.decided.contains("flags"))
    }

    @Test func aPassedThroughAnswerIsAskedWhenItsRowIsStillOpen() throws {
        let model = try DMNLoader().load(string: Self.model, name: "r.dmn")
        let analysis = RelevanceAnalysis(model: model).analyse(known: ["code": .string("y")], targets: ["route"])
        #expect(analysis.relevantInputs.contains("b"))
        #expect(!analysis.relevantInputs.contains("c"))
    }

    /// `flags.a` is true for code x whatever `b` is, but reading the pending `b` as null hits no row (a = null);
    /// `gate` is decided from `flags.a` alone, and `extra` asks `d` only when the gate is open.
    static let chain = ModelLoadingTests.definitions("""
    <inputData id="i_code" name="code"><variable name="code" typeRef="string"/></inputData>
    <inputData id="i_b" name="b"><variable name="b" typeRef="boolean"/></inputData>
    <inputData id="i_d" name="d"><variable name="d" typeRef="boolean"/></inputData>
    <decision id="d_flags" name="flags"><variable name="flags"/>
      <informationRequirement><requiredInput href="#i_code"/></informationRequirement>
      <informationRequirement><requiredInput href="#i_b"/></informationRequirement>
      <decisionTable hitPolicy="FIRST">
        <input><inputExpression typeRef="string"><text>code</text></inputExpression></input>
        <input><inputExpression typeRef="boolean"><text>b</text></inputExpression></input>
        <output name="a" typeRef="boolean"/><output name="level" typeRef="number"/>
        <rule><inputEntry><text>"x"</text></inputEntry><inputEntry><text>true</text></inputEntry><outputEntry><text>true</text></outputEntry><outputEntry><text>1</text></outputEntry></rule>
        <rule><inputEntry><text>"x"</text></inputEntry><inputEntry><text>false</text></inputEntry><outputEntry><text>true</text></outputEntry><outputEntry><text>2</text></outputEntry></rule>
        <rule><inputEntry><text>not("x")</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>false</text></outputEntry><outputEntry><text>0</text></outputEntry></rule>
      </decisionTable></decision>
    <decision id="d_gate" name="gate"><variable name="gate" typeRef="string"/>
      <informationRequirement><requiredDecision href="#d_flags"/></informationRequirement>
      <decisionTable hitPolicy="FIRST">
        <input><inputExpression typeRef="boolean"><text>flags.a</text></inputExpression></input>
        <output name="gate" typeRef="string"/>
        <rule><inputEntry><text>true</text></inputEntry><outputEntry><text>"open"</text></outputEntry></rule>
        <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>"shut"</text></outputEntry></rule>
      </decisionTable></decision>
    <decision id="d_extra" name="extra"><variable name="extra" typeRef="string"/>
      <informationRequirement><requiredDecision href="#d_gate"/></informationRequirement>
      <informationRequirement><requiredInput href="#i_d"/></informationRequirement>
      <decisionTable hitPolicy="FIRST">
        <input><inputExpression typeRef="string"><text>gate</text></inputExpression></input>
        <input><inputExpression typeRef="boolean"><text>d</text></inputExpression></input>
        <output name="extra" typeRef="string"/>
        <rule><inputEntry><text>"open"</text></inputEntry><inputEntry><text>true</text></inputEntry><outputEntry><text>"yes"</text></outputEntry></rule>
        <rule><inputEntry><text>-</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"no"</text></outputEntry></rule>
      </decisionTable></decision>
    """)

    @Test func aDecisionDecidedFromASettledOutputTakesItsTrueValue() throws {
        let model = try DMNLoader().load(string: Self.chain, name: "chain.dmn")
        let analysis = RelevanceAnalysis(model: model).analyse(known: ["code": .string("x")], targets: ["extra", "flags"])
        #expect(analysis.decided.contains("gate"))
        #expect(analysis.values["gate"] == .string("open"), "not the value computed with b read as null")
        // So d still matters, as it will once b is answered: relevance only shrinks as answers come.
        #expect(Set(analysis.relevantInputs) == ["b", "d"])
        let answered = RelevanceAnalysis(model: model).analyse(known: ["code": .string("x"), "b": .boolean(true)], targets: ["extra", "flags"])
        #expect(Set(answered.relevantInputs).isSubset(of: Set(analysis.relevantInputs)))
    }

    @Test func targetsLimitWhichDecisionsAreWorkedTowards() throws {
        let model = try DMNLoader().load(string: Self.model, name: "r.dmn")
        let analysis = RelevanceAnalysis(model: model).analyse(known: ["code": .string("y")], targets: ["flags"])
        #expect(analysis.relevantInputs == ["b"])
    }
}
