import Testing
@testable import DecisionModel

/// Contexts, relations, lists, function definitions, conditionals, filters and iterators as decision logic.
@Suite struct BoxedExpressionTests {
    /// Values of every decision of a model made of `body`, evaluated with `inputs`.
    static func evaluate(_ body: String, _ inputs: [String: FEELValue] = [:]) throws -> EvaluationResult {
        let model = try DMNLoader().load(string: ModelLoadingTests.definitions(body), name: "boxed.dmn")
        return DMNEvaluator(model: model).evaluate(inputs)
    }

    static func literal(_ text: String) -> String { "<literalExpression><text>\(DMN.esc(text))</text></literalExpression>" }

    static func entry(_ name: String?, _ expression: String, type: String? = nil) -> String {
        let variable = name.map { "<variable name=\"\($0)\"\(type.map { " typeRef=\"\($0)\"" } ?? "")/>" } ?? ""
        return "<contextEntry>\(variable)\(expression)</contextEntry>"
    }

    @Test func contextEntriesSeeEarlierOnesAndTheLastUnnamedEntryIsTheResult() throws {
        let result = try Self.evaluate("""
        <decision id="d" name="monthly payment"><variable name="monthly payment"/><context>
          \(Self.entry("annual rate", Self.literal("0.06")))
          \(Self.entry("monthly rate", Self.literal("annual rate / 12")))
          \(Self.entry(nil, Self.literal("1000 * monthly rate")))
        </context></decision>
        <decision id="e" name="all entries"><variable name="all entries"/><context>
          \(Self.entry("a", Self.literal("1")))
          \(Self.entry("b", Self.literal("a + 1")))
        </context></decision>
        """)
        #expect(result.values["monthly payment"] == num(5))
        #expect(result.values["all entries"] == .context(FEELContext([("a", num(1)), ("b", num(2))])))
    }

    @Test func aTypedEntryThatDoesNotConformIsNullAndSaysWhy() throws {
        let result = try Self.evaluate("""
        <decision id="d" name="c"><variable name="c"/><context>
          \(Self.entry("n", Self.literal("\"ten\""), type: "number"))
          \(Self.entry(nil, Self.literal("n")))
        </context></decision>
        """)
        #expect(result.values["c"] == .null)
        #expect(result.problems.contains { $0.message.contains("does not conform to its type number") })
    }

    @Test func relationsAreListsOfContextsAndListsEvaluateEachItem() throws {
        let result = try Self.evaluate("""
        <decision id="r" name="rates"><variable name="rates"/><relation>
          <column name="lender name"/><column name="rate" typeRef="number"/>
          <row>\(Self.literal("\"A\""))\(Self.literal("0.03"))</row>
          <row>\(Self.literal("\"B\""))\(Self.literal("0.025 + 0.01"))</row>
        </relation></decision>
        <decision id="l" name="list"><variable name="list"/><list>\(Self.literal("1 + 1"))\(Self.literal("\"x\""))</list></decision>
        <decision id="q" name="cheapest"><variable name="cheapest"/>
          <informationRequirement><requiredDecision href="#r"/></informationRequirement>
          \(Self.literal("rates[rate < 0.031].lender name"))</decision>
        """)
        let first = FEELValue.context(FEELContext([("lender name", "A"), ("rate", .number(FEELNumber("0.03")!))]))
        let second = FEELValue.context(FEELContext([("lender name", "B"), ("rate", .number(FEELNumber("0.035")!))]))
        #expect(result.values["rates"] == .list([first, second]))
        #expect(result.values["list"] == [2, "x"])
        #expect(result.values["cheapest"] == ["A"])
    }

    @Test func functionDefinitionsCloseOverTheirScopeAndCheckTheirArguments() throws {
        let result = try Self.evaluate("""
        <decision id="d" name="calls"><variable name="calls"/><context>
          \(Self.entry("factor", Self.literal("3")))
          \(Self.entry("scale", "<functionDefinition><formalParameter name=\"x\" typeRef=\"number\"/>\(Self.literal("x * factor"))</functionDefinition>"))
          \(Self.entry("good", Self.literal("scale(2)")))
          \(Self.entry("named", Self.literal("scale(x: 5)")))
          \(Self.entry("wrong type", Self.literal("scale(\"2\")")))
        </context></decision>
        """)
        guard case .context(let calls)? = result.values["calls"] else { Issue.record("not a context"); return }
        #expect(calls["good"] == num(6))
        #expect(calls["named"] == num(15))
        #expect(calls["wrong type"] == .null)
    }

    static func javaDecision(_ name: String, _ className: String, _ signature: String, _ call: String) -> String {
        """
        <decision id="\(name)" name="\(name)"><variable name="\(name)"/><context>
          \(Self.entry("f", """
          <functionDefinition kind="Java"><formalParameter name="a"/><formalParameter name="b"/><context>
            \(Self.entry("class", Self.literal("\"\(className)\"")))
            \(Self.entry("method signature", Self.literal("\"\(signature)\"")))
          </context></functionDefinition>
          """))
          \(Self.entry(nil, Self.literal(call)))
        </context></decision>
        """
    }

    @Test func anExternalFunctionWithoutAJVMGivesNullWhenCalledAndTheRestEvaluates() throws {
        let result = try Self.evaluate(Self.javaDecision("java", "java.lang.System", "exit(int)", "f(1, 2)")
            + #"<decision id="e" name="fine"><variable name="fine"/>\#(Self.literal("1"))</decision>"#)
        #expect(result.values["java"] == .null)
        #expect(result.values["fine"] == num(1))
        #expect(result.problems.contains { $0.element == "java" && $0.message.contains("is not available (no JVM") })
    }

    @Test func javaLangMathRunsInSwift() throws {
        let result = try Self.evaluate(Self.javaDecision("java", "java.lang.Math", "max(double, double)", "f(1, 2)"))
        #expect(result.values["java"] == num(2))
    }

    static func box(_ name: String, _ xml: String) -> String {
        "<decision id=\"\(name)\" name=\"\(name)\"><variable name=\"\(name)\"/>\(xml)</decision>"
    }

    @Test func conditionalsChooseABranchAndANonBooleanConditionIsNull() throws {
        func conditional(_ condition: String) -> String {
            "<conditional><if>\(Self.literal(condition))</if><then>\(Self.literal("\"then\""))</then><else>\(Self.literal("\"else\""))</else></conditional>"
        }
        let result = try Self.evaluate(Self.box("yes", conditional("1 < 2")) + Self.box("no", conditional("1 > 2"))
                                       + Self.box("unknown", conditional("null")) + Self.box("odd", conditional("\"abc\"")))
        #expect(result.values["yes"] == "then")
        #expect(result.values["no"] == "else")
        #expect(result.values["unknown"] == "else")
        #expect(result.values["odd"] == .null)
    }

    @Test func filtersKeepMatchingItemsAndANonBooleanMatchIsNull() throws {
        func filter(_ list: String, _ match: String) -> String {
            "<filter><in>\(Self.literal(list))</in><match>\(Self.literal(match))</match></filter>"
        }
        let result = try Self.evaluate(Self.box("big", filter("[1, 5, 2, 7]", "item > 2"))
                                       + Self.box("none", filter("[1, 2]", "item > 5"))
                                       + Self.box("by entry", filter("[{a: 1}, {a: 3}]", "a > 2"))
                                       + Self.box("odd", filter("[1, 2]", "if item = 1 then true else \"x\"")))
        #expect(result.values["big"] == [5, 7])
        #expect(result.values["none"] == .list([]))
        #expect(result.values["by entry"] == .list([.context(FEELContext([("a", num(3))]))]))
        #expect(result.values["odd"] == .null)
    }

    @Test func iteratorsMapAndQuantify() throws {
        func iterator(_ kind: String, _ domain: String, _ body: String) -> String {
            let part = kind == "for" ? "return" : "satisfies"
            return "<\(kind) iteratorVariable=\"n\"><in>\(Self.literal(domain))</in><\(part)>\(Self.literal(body))</\(part)></\(kind)>"
        }
        let result = try Self.evaluate(Self.box("squares", iterator("for", "[1, 2, 3]", "n * n"))
                                       + Self.box("running", iterator("for", "[1, 2, 3]", "n + count(partial)"))
                                       + Self.box("some", iterator("some", "[1, 5]", "n > 4"))
                                       + Self.box("every", iterator("every", "[1, 5]", "n > 4"))
                                       + Self.box("every empty", iterator("every", "[]", "n > 4"))
                                       + Self.box("odd", iterator("some", "[1, 2]", "if n = 2 then true else \"x\""))
                                       + Self.box("not a list", iterator("every", "1", "true")))
        #expect(result.values["squares"] == [1, 4, 9])
        #expect(result.values["running"] == [1, 3, 5])
        #expect(result.values["some"] == true)
        #expect(result.values["every"] == false)
        #expect(result.values["every empty"] == true)
        #expect(result.values["odd"] == .null)
        #expect(result.values["not a list"] == .null)
    }

    @Test func aParameterNameWithADotIsOneNameOnlyInsideItsFunction() throws {
        let result = try Self.evaluate("""
        <inputData id="p" name="Person"><variable name="Person"/></inputData>
        <businessKnowledgeModel id="b" name="describe"><variable name="describe"/><encapsulatedLogic>
          <formalParameter name="Person.Name" typeRef="string"/>\(Self.literal("\"I am \" + Person.Name"))
        </encapsulatedLogic></businessKnowledgeModel>
        <decision id="d" name="description"><variable name="description"/>
          <informationRequirement><requiredInput href="#p"/></informationRequirement>
          <knowledgeRequirement><requiredKnowledge href="#b"/></knowledgeRequirement>
          <invocation><literalExpression><text>describe</text></literalExpression>
            <binding><parameter name="Person.Name"/>\(Self.literal("Person.Name"))</binding></invocation></decision>
        """, ["Person": .context(FEELContext([("Name", "Ann")]))])
        #expect(result.values["description"] == "I am Ann")
    }

    @Test func anInvocationOfAnUnknownParameterIsNull() throws {
        let result = try Self.evaluate("""
        <businessKnowledgeModel id="b" name="twice"><variable name="twice"/><encapsulatedLogic>
          <formalParameter name="n" typeRef="number"/>\(Self.literal("n * 2"))</encapsulatedLogic></businessKnowledgeModel>
        <decision id="d" name="bad"><variable name="bad"/>
          <knowledgeRequirement><requiredKnowledge href="#b"/></knowledgeRequirement>
          <invocation><literalExpression><text>twice</text></literalExpression>
            <binding><parameter name="m"/>\(Self.literal("1"))</binding></invocation></decision>
        """)
        #expect(result.values["bad"] == .null)
        #expect(result.problems.contains { $0.message.contains("has no parameter 'm'") })
    }
}
