import Testing
@testable import DecisionModel

/// A malformed boxed expression is a load error at its own line; a problem met while one runs names the part
/// (context entry, relation row, invocation …) and its line, not just the decision's.
@Suite struct BoxedExpressionErrorTests {
    static func literal(_ text: String) -> String { BoxedExpressionTests.literal(text) }

    static let malformed: [(name: String, logic: String, message: String)] = [
        ("syntax", "<context><contextEntry><variable name=\"a\"/>\(literal("1 +"))</contextEntry></context>",
         "context entry 'a': in expression `1 +` at offset 3: expected an expression"),
        ("cells", "<relation><column name=\"x\"/><column name=\"y\"/><row>\(literal("1"))</row></relation>",
         "relation row 1 has 1 cell; the relation has 2 columns"),
        ("else", "<conditional><if>\(literal("true"))</if><then>\(literal("1"))</then></conditional>",
         "<conditional> has no <else>"),
        ("variable", "<for><in>\(literal("[1]"))</in><return>\(literal("1"))</return></for>",
         "<for> has no iteratorVariable"),
        ("match", "<filter><in>\(literal("[1]"))</in></filter>", "<filter> has no <match>"),
        ("body", "<functionDefinition><formalParameter name=\"x\"/></functionDefinition>",
         "a FEEL function definition has no body expression"),
        ("unnamed", "<context><contextEntry>\(literal("1"))</contextEntry><contextEntry><variable name=\"b\"/>\(literal("2"))</contextEntry></context>",
         "only the last entry of a context may have no name"),
    ]

    static func model(_ logic: String) -> String {
        ModelLoadingTests.definitions("""
        <decision id="fine" name="fine"><variable name="fine"/>\(literal("1 + 1"))</decision>
        <decision id="bad" name="bad"><variable name="bad"/>
        \(logic)
        </decision>
        """)
    }

    @Test("malformed", arguments: malformed.indices)
    func aMalformedBoxedExpressionIsALoadErrorAtItsLine(_ index: Int) throws {
        let (_, logic, message) = Self.malformed[index]
        var problems: [DMNProblem] = []
        do { _ = try DMNLoader().load(string: Self.model(logic), name: "bad.dmn") } catch { problems = error.problems }
        #expect(problems.count == 1)
        #expect(problems.first?.file == "bad.dmn")
        #expect(problems.first?.line == 5)
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
        // Loaded partially, only the decision that holds it fails, with the same problem.
        let partial = try DMNLoader(mode: .partial).load(string: Self.model(logic), name: "bad.dmn")
        let result = DMNEvaluator(model: partial).evaluate([:])
        #expect(result.values["fine"] == num(2))
        #expect(result.values["bad"] == .null)
        #expect(result.problems.contains { $0.element == "bad" && $0.message.contains(message) && $0.message.contains("bad.dmn:5") })
    }

    @Test func problemsWhileRunningNameThePartAndItsLine() throws {
        let text = ModelLoadingTests.definitions("""
        <decision id="c" name="c"><variable name="c"/><context>
          <contextEntry><variable name="a" typeRef="number"/>\(Self.literal("\"x\""))</contextEntry>
          <contextEntry><variable name="b"/>\(Self.literal("nobody + 1"))</contextEntry>
        </context></decision>
        <decision id="r" name="r"><variable name="r"/><relation><column name="n" typeRef="number"/>
          <row>\(Self.literal("1"))</row>
          <row>\(Self.literal("\"two\""))</row>
        </relation></decision>
        <decision id="i" name="i"><variable name="i"/>
          <invocation>\(Self.literal("nothing"))</invocation>
        </decision>
        <decision id="f" name="f"><variable name="f"/>
          <filter><in>\(Self.literal("[1, 2]"))</in><match>\(Self.literal("\"yes\""))</match></filter>
        </decision>
        """)
        let model = try DMNLoader().load(string: text, name: "run.dmn")
        let messages = DMNEvaluator(model: model).evaluate([:]).problems.map { "\($0.element): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("c: a (line 4): does not conform to its type number") })
        #expect(messages.contains { $0.hasPrefix("c: b (line 5): unknown name 'nobody'") })
        #expect(messages.contains { $0.hasPrefix("r: row 2, n (line 9): does not conform to its type number") })
        #expect(messages.contains { $0.hasPrefix("i: invocation (line 12) of 'nothing'") })
        #expect(messages.contains { $0.hasPrefix("f: the match of the filter at line 15 must be boolean") })
    }
}
