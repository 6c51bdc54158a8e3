import Testing
@testable import DecisionModel

@Suite struct ModelLoadingTests {
    static func definitions(_ body: String, ns: String = DMN.ns) -> String {
        "<?xml version=\"1.0\"?>\n<definitions xmlns=\"\(ns)\" namespace=\"urn:t\" name=\"t\">\n\(body)\n</definitions>\n"
    }

    static let chain = definitions("""
    <inputData id="i_a" name="Monthly Salary"><variable name="Monthly Salary" typeRef="number"/></inputData>
    <decision id="d_year" name="Yearly Salary">
      <variable name="Yearly Salary" typeRef="number"/>
      <informationRequirement><requiredInput href="#i_a"/></informationRequirement>
      <literalExpression><text>12 * Monthly Salary</text></literalExpression>
    </decision>
    <decision id="d_band" name="Band">
      <variable name="Band" typeRef="string"/>
      <informationRequirement><requiredDecision href="#d_year"/></informationRequirement>
      <decisionTable hitPolicy="FIRST">
        <input><inputExpression typeRef="number"><text>Yearly Salary</text></inputExpression></input>
        <output name="Band" typeRef="string"/>
        <rule><inputEntry><text>&gt;= 60000</text></inputEntry><outputEntry><text>"high"</text></outputEntry></rule>
        <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>"normal"</text></outputEntry></rule>
      </decisionTable>
    </decision>
    """)

    @Test func decisionsEvaluateInDependencyOrderWithNamesThatHaveSpaces() throws {
        let model = try DMNLoader().load(string: Self.chain, name: "chain.dmn")
        #expect(model.decisionsInDependencyOrder.map(\.name) == ["Yearly Salary", "Band"])
        let result = DMNEvaluator(model: model).evaluate(["Monthly Salary": num(6000)])
        #expect(result.values["Yearly Salary"] == num(72000))
        #expect(result.values["Band"] == str("high"))
        #expect(result.traces.map(\.decision) == ["Yearly Salary", "Band"])
        #expect(result.trace(of: "Yearly Salary")?.inputs.first?.name == "Monthly Salary")
    }

    @Test(arguments: ["http://www.omg.org/spec/DMN/20151101/dmn.xsd", "http://www.omg.org/spec/DMN/20180521/MODEL/",
                      "https://www.omg.org/spec/DMN/20191111/MODEL/", "https://www.omg.org/spec/DMN/20211108/MODEL/",
                      "https://www.omg.org/spec/DMN/20230324/MODEL/"])
    func allFiveDMNNamespacesLoad(namespace: String) throws {
        let xml = Self.chain.replacingOccurrences(of: DMN.ns, with: namespace)
        let model = try DMNLoader().load(string: xml, name: "ns.dmn")
        #expect(model.decisions.count == 2)
    }

    /// The reader's matcher remembers a namespace it accepted; every answer is still `DMNNamespaces.isModel`'s.
    @Test func theNamespaceMatcherAgreesWithTheNamespaceList() {
        let matcher = ModelNamespaceMatcher()
        let others: [String?] = [nil, "", "urn:other", "https://www.omg.org/spec/DMN/20230324/DMNDI/",
                                 "https://www.omg.org/spec/DMN/20230324/MODEL"]
        for namespace in Array(DMNNamespaces.model.keys) + others + Array(DMNNamespaces.model.keys).reversed() + others {
            #expect(matcher.isModel(namespace) == (namespace.map { DMNNamespaces.model[$0] != nil } ?? false), "\(namespace ?? "nil")")
        }
    }

    @Test func dmn11TypeRefChildrenAndFeelPrefixesAreRead() throws {
        let xml = Self.definitions("""
        <itemDefinition name="tAge"><typeRef>feel:number</typeRef><allowedValues><text>[0..150]</text></allowedValues></itemDefinition>
        <inputData id="i" name="age"><variable name="age" typeRef="tAge"/></inputData>
        <decision id="d" name="double"><variable name="double" typeRef="feel:number"/>
          <informationRequirement><requiredInput href="#i"/></informationRequirement>
          <literalExpression><text>age * 2</text></literalExpression></decision>
        """, ns: "http://www.omg.org/spec/DMN/20151101/dmn.xsd")
        let model = try DMNLoader().load(string: xml, name: "v11.dmn")
        #expect(model.baseType(of: "tAge") == "number")
        let ok = DMNEvaluator(model: model).evaluate(["age": num(21)])
        #expect(ok.values["double"] == num(42))
        let outOfRange = DMNEvaluator(model: model).evaluate(["age": num(200)])
        #expect(outOfRange.values["double"] == .null)
        #expect(outOfRange.problems.contains { $0.element == "age" })
    }

    @Test func businessKnowledgeModelsAreCallableFromLiteralsAndInvocations() throws {
        let xml = Self.definitions("""
        <inputData id="i_x" name="x"><variable name="x" typeRef="number"/></inputData>
        <businessKnowledgeModel id="b_sq" name="square">
          <encapsulatedLogic><formalParameter name="n" typeRef="number"/>
            <literalExpression><text>n * n</text></literalExpression></encapsulatedLogic>
        </businessKnowledgeModel>
        <decision id="d_lit" name="literal"><variable name="literal" typeRef="number"/>
          <informationRequirement><requiredInput href="#i_x"/></informationRequirement>
          <knowledgeRequirement><requiredKnowledge href="#b_sq"/></knowledgeRequirement>
          <literalExpression><text>square(x) + 1</text></literalExpression></decision>
        <decision id="d_inv" name="boxed"><variable name="boxed" typeRef="number"/>
          <informationRequirement><requiredInput href="#i_x"/></informationRequirement>
          <knowledgeRequirement><requiredKnowledge href="#b_sq"/></knowledgeRequirement>
          <invocation><literalExpression><text>square</text></literalExpression>
            <binding><parameter name="n"/><literalExpression><text>x + 1</text></literalExpression></binding>
          </invocation></decision>
        """)
        let model = try DMNLoader().load(string: xml, name: "bkm.dmn")
        let result = DMNEvaluator(model: model).evaluate(["x": num(3)])
        #expect(result.values["literal"] == num(10))
        #expect(result.values["boxed"] == num(16))
    }

    @Test func aDecisionSeesOnlyWhatItRequires() throws {
        let xml = Self.definitions("""
        <inputData id="i_x" name="x"><variable name="x" typeRef="number"/></inputData>
        <decision id="d" name="y"><variable name="y" typeRef="number"/>
          <literalExpression><text>x + 1</text></literalExpression></decision>
        """)
        let result = DMNEvaluator(model: try DMNLoader().load(string: xml, name: "scope.dmn")).evaluate(["x": num(1)])
        #expect(result.values["y"] == .null)
        #expect(!result.problems.isEmpty)
    }

    static func loadProblems(_ xml: String) -> [DMNProblem] {
        do { _ = try DMNLoader().load(string: xml, name: "bad.dmn"); return [] } catch { return error.problems }
    }

    @Test func danglingRequirementIsReportedWithItsLine() {
        let problems = Self.loadProblems(Self.definitions("""
        <decision id="d" name="y"><variable name="y"/>
          <informationRequirement><requiredDecision href="#nowhere"/></informationRequirement>
          <literalExpression><text>1</text></literalExpression></decision>
        """))
        #expect(problems.contains { $0.message.contains("#nowhere") && $0.line == 4 })
    }

    @Test func requirementCycleIsReported() {
        let problems = Self.loadProblems(Self.definitions("""
        <decision id="a" name="a"><informationRequirement><requiredDecision href="#b"/></informationRequirement>
          <literalExpression><text>b</text></literalExpression></decision>
        <decision id="b" name="b"><informationRequirement><requiredDecision href="#a"/></informationRequirement>
          <literalExpression><text>a</text></literalExpression></decision>
        """))
        #expect(problems.contains { $0.message.contains("cycle") })
    }

    @Test func duplicateNamesAreReported() {
        let problems = Self.loadProblems(Self.definitions("""
        <inputData id="i1" name="x"><variable name="x" typeRef="number"/></inputData>
        <inputData id="i2" name="x"><variable name="x" typeRef="number"/></inputData>
        """))
        #expect(problems.contains { $0.message.contains("'x' is already used") })
    }

    @Test func feelSyntaxErrorNamesFileLineExpressionAndOffset() {
        let problems = Self.loadProblems(Self.definitions("""
        <decision id="d" name="y"><variable name="y"/>
          <literalExpression>
            <text>(1 + 2</text>
          </literalExpression></decision>
        """))
        let problem = problems.first
        #expect(problem?.file == "bad.dmn")
        #expect(problem?.line == 5)
        #expect(problem?.message.contains("`(1 + 2`") == true)
        #expect(problem?.message.contains("offset") == true)
    }

    @Test func ruleWithWrongNumberOfEntriesIsReported() {
        let problems = Self.loadProblems(DMN.table(policy: "UNIQUE", inputs: [.init(name: "a", type: "number")],
                                                   outputs: [.init(name: "o", type: "number")], rules: [["1", "2", "3"]]))
        #expect(problems.contains { $0.message.contains("rule 1 has 1 input and 2 output") })
    }

    @Test func unknownTypeRefIsReported() {
        let problems = Self.loadProblems(Self.definitions("""
        <decision id="d" name="y"><variable name="y" typeRef="tNowhere"/>
          <literalExpression><text>1</text></literalExpression></decision>
        """))
        #expect(problems.contains { $0.message.contains("tNowhere") })
    }

    @Test func notADMNFileIsReported() {
        let problems = Self.loadProblems("<root xmlns=\"urn:other\"/>")
        #expect(problems.first?.message.contains("definitions") == true)
    }

    @Test func rulesSpreadOverFilesFormOneGraph() throws {
        let inputs = Self.definitions("<inputData id=\"i_x\" name=\"x\"><variable name=\"x\" typeRef=\"number\"/></inputData>")
        let decisions = Self.definitions("""
        <decision id="d" name="y"><variable name="y" typeRef="number"/>
          <informationRequirement><requiredInput href="#i_x"/></informationRequirement>
          <literalExpression><text>x * 2</text></literalExpression></decision>
        """)
        let loader = DMNLoader()
        let roots = try [loader.xmlLoader.load(string: inputs, name: "inputs.dmn"),
                         loader.xmlLoader.load(string: decisions, name: "decisions.dmn")]
        let model = try loader.build(roots: roots, files: ["inputs.dmn", "decisions.dmn"])
        #expect(DMNEvaluator(model: model).evaluate(["x": num(4)]).values["y"] == num(8))
    }

    @Test func inputTextIsTypedByTheInputsType() throws {
        let xml = Self.definitions("""
        <itemDefinition name="tForm"><typeRef>string</typeRef><allowedValues><text>"hardware","program"</text></allowedValues></itemDefinition>
        <inputData id="i1" name="form"><variable name="form" typeRef="tForm"/></inputData>
        <inputData id="i2" name="count"><variable name="count" typeRef="number"/></inputData>
        <inputData id="i3" name="flag"><variable name="flag" typeRef="boolean"/></inputData>
        <inputData id="i4" name="when"><variable name="when" typeRef="date"/></inputData>
        """)
        let model = try DMNLoader().load(string: xml, name: "types.dmn")
        #expect(try model.parseValue("hardware", for: model.input(named: "form")!) == str("hardware"))
        #expect(try model.parseValue("\"program\"", for: model.input(named: "form")!) == str("program"))
        #expect(try model.parseValue("30000", for: model.input(named: "count")!) == num(30000))
        #expect(try model.parseValue("true", for: model.input(named: "flag")!) == .boolean(true))
        #expect(try model.parseValue("2025-04-01", for: model.input(named: "when")!) == .date(FEELDate(iso8601: "2025-04-01")!))
        #expect(throws: DMNModel.InputValueError.notAllowed(input: "form", text: "software", allowed: ["hardware", "program"])) {
            try model.parseValue("software", for: model.input(named: "form")!)
        }
        #expect(throws: DMNModel.InputValueError.self) { try model.parseValue("many", for: model.input(named: "count")!) }
        #expect(throws: DMNModel.InputValueError.self) { try model.parseValue("yes", for: model.input(named: "flag")!) }
        #expect(throws: DMNModel.InputValueError.self) { try model.parseValue("2025-13-01", for: model.input(named: "when")!) }
    }
}
