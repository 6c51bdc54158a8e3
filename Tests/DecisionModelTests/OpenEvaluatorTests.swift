import Testing
@testable import DecisionModel

/// Evaluation over the sets of values open inputs allow (DESIGN point 6).
@Suite struct OpenEvaluatorTests {
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

    static func evaluate(_ source: String, _ states: [String: InputState]) throws -> OpenEvaluation {
        OpenEvaluator(model: try DMNLoader().load(string: source, name: "t.dmn")).evaluate(states)
    }

    static func values(_ e: OpenEvaluation, _ decision: String) -> Set<String> {
        Set(e.possible(decision).map { $0.value?.description ?? "?" })
    }

    static func dependsOn(_ e: OpenEvaluation, _ decision: String) -> Set<String> {
        Set(e.possible(decision).flatMap { e.inputs(of: $0.condition) })
    }

    @Test func beforeAnythingIsKnownEveryTestedInputMatters() throws {
        let e = try Self.evaluate(Self.model, ["code": .open(nullable: true), "b": .open(nullable: true), "c": .open(nullable: true)])
        #expect(e.variables.map(\.input) == ["code", "b", "c"])
        #expect(Self.dependsOn(e, "route") == ["code", "b", "c"])
        #expect(Self.values(e, "route") == ["\"cert\"", "\"appr\"", "\"none\""])
    }

    @Test func anOutputSettledByTheLookupRulesOutRowsThatNeedAnotherAnswer() throws {
        // flags.a is true for code x whatever b is: the "appr" row is out and b does not matter.
        let e = try Self.evaluate(Self.model, ["code": .known(.string("x")), "b": .open(nullable: false), "c": .open(nullable: false)])
        #expect(Self.dependsOn(e, "route") == ["c"])
        #expect(Self.values(e, "route") == ["\"cert\"", "\"none\""])
        let rows = e.rows("route").filter { e.inputs(of: $0.matches).contains("c") }.map(\.row)
        #expect(rows == [1])
        #expect(e.possible("flags", path: ["a"]).map(\.value) == [.boolean(true)])
    }

    @Test func aPassedThroughAnswerMattersWhenItsRowIsStillOpen() throws {
        let e = try Self.evaluate(Self.model, ["code": .known(.string("y")), "b": .open(nullable: false), "c": .open(nullable: false)])
        #expect(Self.dependsOn(e, "route") == ["b"])
        let appr = try #require(e.possible("route").first { $0.value == .string("appr") })
        #expect(e.cover(appr.condition).map { $0.map(\.input) } == [["b"]])
        #expect(e.cover(appr.condition).first?.first?.value == .boolean(true))
    }

    @Test func aKnownGraphGivesOneValueUnderEveryAnswer() throws {
        let e = try Self.evaluate(Self.model, ["code": .known(.string("x")), "b": .known(.boolean(false)), "c": .known(.boolean(true))])
        let route = e.possible("route")
        #expect(route.count == 1 && route[0].condition.isAlways && route[0].value == .string("cert"))
        #expect(e.rows("route").filter(\.fires.isAlways).map(\.row) == [1])
    }

    /// COLLECT MAX over rows: `heavy` raises the class; an open `heavy` leaves 1 or 3, not the 1 that reading it as
    /// null would give.
    static let collectMax = ModelLoadingTests.definitions("""
    <inputData id="i_size" name="size"><variable name="size" typeRef="number"/></inputData>
    <inputData id="i_heavy" name="heavy"><variable name="heavy" typeRef="boolean"/></inputData>
    <decision id="d_class" name="class"><variable name="class" typeRef="number"/>
      <informationRequirement><requiredInput href="#i_size"/></informationRequirement>
      <informationRequirement><requiredInput href="#i_heavy"/></informationRequirement>
      <decisionTable hitPolicy="COLLECT" aggregation="MAX">
        <input><inputExpression typeRef="number"><text>size</text></inputExpression></input>
        <input><inputExpression typeRef="boolean"><text>heavy</text></inputExpression></input>
        <output name="class" typeRef="number"/>
        <rule><inputEntry><text>-</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
        <rule><inputEntry><text>&gt; 10</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>2</text></outputEntry></rule>
        <rule><inputEntry><text>-</text></inputEntry><inputEntry><text>true</text></inputEntry><outputEntry><text>3</text></outputEntry></rule>
      </decisionTable></decision>
    """)

    @Test func collectMaxConsidersRowsThatCanMatch() throws {
        let e = try Self.evaluate(Self.collectMax, ["size": .known(.number(3)), "heavy": .open(nullable: false)])
        #expect(Self.values(e, "class") == ["1", "3"])
        let e2 = try Self.evaluate(Self.collectMax, ["size": .open(nullable: false), "heavy": .known(.boolean(false))])
        #expect(Self.values(e2, "class") == ["1", "2"])
        // Numbers without a list are split into the ranges the tests tell apart.
        let size = try #require(e2.variables.first { $0.input == "size" })
        #expect(size.cases.count == 3)
        let two = try #require(e2.possible("class").first { $0.value == .number(2) })
        #expect(e2.cover(two.condition).first?.first?.test == "> 10")
        let one = try #require(e2.possible("class").first { $0.value == .number(1) })
        #expect(e2.cover(one.condition).first?.first?.test == "<= 10")
    }

    /// A FIRST guard row for an unknown answer, and a collecting row asking whether the answer is unknown.
    static let guarded = ModelLoadingTests.definitions("""
    <inputData id="i_std" name="std"><variable name="std" typeRef="boolean"/></inputData>
    <decision id="d_route" name="route"><variable name="route" typeRef="string"/>
      <informationRequirement><requiredInput href="#i_std"/></informationRequirement>
      <decisionTable hitPolicy="FIRST">
        <input><inputExpression typeRef="boolean"><text>std</text></inputExpression></input>
        <output name="route" typeRef="string"/>
        <rule><inputEntry><text>null</text></inputEntry><outputEntry><text>null</text></outputEntry></rule>
        <rule><inputEntry><text>true</text></inputEntry><outputEntry><text>"cert"</text></outputEntry></rule>
        <rule><inputEntry><text>false</text></inputEntry><outputEntry><text>"appr"</text></outputEntry></rule>
      </decisionTable></decision>
    <decision id="d_advice" name="advice"><variable name="advice"/>
      <informationRequirement><requiredInput href="#i_std"/></informationRequirement>
      <decisionTable hitPolicy="COLLECT">
        <input><inputExpression typeRef="boolean"><text>std</text></inputExpression></input>
        <output name="advice" typeRef="string"/>
        <rule><inputEntry><text>null</text></inputEntry><outputEntry><text>"ask"</text></outputEntry></rule>
        <rule><inputEntry><text>true</text></inputEntry><outputEntry><text>"rcb"</text></outputEntry></rule>
      </decisionTable></decision>
    """)

    @Test func aGuardRowForNullDoesNotHideTheValuesAnOpenAnswerStandsFor() throws {
        let e = try Self.evaluate(Self.guarded, ["std": .open(nullable: false)])
        #expect(Self.values(e, "route") == ["\"cert\"", "\"appr\""])
        // The collecting row that asks whether std is unknown is reported apart, listed under every answer.
        #expect(e.items("advice")?.compactMap(\.value) == [.string("rcb")])
        let unknown = e.itemsWhileUnknown("advice")
        #expect(unknown.map(\.item.value) == [.string("ask")] && unknown.first?.item.condition.isAlways == true)
        #expect(unknown.first?.unknown == ["std"])
        // A pending answer that may yet be "unknown" (null) keeps the guard row's value as one possibility.
        let pending = try Self.evaluate(Self.guarded, ["std": .open(nullable: true)])
        #expect(Self.values(pending, "route") == ["\"cert\"", "\"appr\"", "null"])
    }

    @Test func coversSayExactlyTheCondition() throws {
        let e = try Self.evaluate(Self.model, ["code": .open(nullable: false), "b": .open(nullable: false), "c": .open(nullable: false)])
        for option in e.possible("route") {
            // Rebuild the condition from its cover.
            var rebuilt = Condition.never
            for product in e.cover(option.condition) {
                var term = Condition.always
                for c in product {
                    let variable = try #require(e.variables.first { $0.input == c.input })
                    let cases = variable.cases.indices.filter { i in c.values.contains { $0 == variable.cases[i].value } }
                    term = e.and(term, e.condition(c.input, cases: cases))
                }
                rebuilt = e.or(rebuilt, term)
            }
            #expect(rebuilt == option.condition, "\(option.value?.description ?? "?")")
        }
    }

    @Test func existsLeavesAnInputFree() throws {
        let e = try Self.evaluate(Self.model, ["code": .known(.string("x")), "b": .open(nullable: false), "c": .open(nullable: false)])
        let cert = try #require(e.possible("route").first { $0.value == .string("cert") })
        #expect(e.exists(cert.condition, inputs: ["c"]).isAlways)
        #expect(e.exists(cert.condition, inputs: ["b"]) == cert.condition)
    }

    @Test func questionOrderFollowsTheGraphAndColumns() throws {
        let model = try DMNLoader().load(string: Self.model, name: "t.dmn")
        #expect(model.questionOrder == ["code", "b", "c"])
    }
}
