import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// `rules check` reports each DMN construct the rule format leaves out, at its line, though the engine evaluates it.
@Suite struct RuleFormatTests {
    static func literal(_ text: String) -> String { "<literalExpression><text>\(text)</text></literalExpression>" }

    static let constructs: [(marker: String, logic: String, message: String)] = [
        ("<context>", "<context><contextEntry>\(literal("\"x\""))</contextEntry></context>", "a boxed context"),
        ("<relation>", "<relation><column name=\"c\"/><row>\(literal("1"))</row></relation>", "a relation"),
        ("<list>", "<list>\(literal("1"))</list>", "a boxed list"),
        ("<functionDefinition>", "<functionDefinition><formalParameter name=\"p\"/>\(literal("p"))</functionDefinition>",
         "a function definition"),
        ("<conditional>", "<conditional><if>\(literal("true"))</if><then>\(literal("1"))</then><else>\(literal("2"))</else></conditional>",
         "a boxed conditional"),
        ("<filter>", "<filter><in>\(literal("[1]"))</in><match>\(literal("true"))</match></filter>", "a boxed filter"),
        ("<for ", "<for iteratorVariable=\"i\"><in>\(literal("[1]"))</in><return>\(literal("i"))</return></for>", "a boxed 'for'"),
        ("<every ", "<every iteratorVariable=\"i\"><in>\(literal("[1]"))</in><satisfies>\(literal("true"))</satisfies></every>",
         "a boxed 'every'"),
    ]

    static func model() -> String {
        var elements = constructs.enumerated().map { index, construct in
            """
              <decision id="d_format\(index)" name="format\(index)"><variable name="format\(index)"/>
                \(construct.logic)
              </decision>
            """
        }
        elements.append("""
          <businessKnowledgeModel id="k_format" name="formatKnowledge"><variable name="formatKnowledge"/>
            <encapsulatedLogic><formalParameter name="p"/><literalExpression><text>p</text></literalExpression></encapsulatedLogic>
          </businessKnowledgeModel>
          <decision id="d_bound" name="bound"><variable name="bound"/>
            <knowledgeRequirement><requiredKnowledge href="#k_format"/></knowledgeRequirement>
            <invocation><literalExpression><text>formatKnowledge</text></literalExpression>
              <binding><parameter name="p"/><list id="bound list">\(literal("1"))</list></binding></invocation>
          </decision>
          <decisionService id="s_format" name="formatService"><variable name="formatService"/><outputDecision href="#d_format0"/></decisionService>
        """)
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:test:format" name="format">
        \(elements.joined(separator: "\n"))
        </definitions>
        """
    }

    @Test func eachConstructTheFormatLeavesOutIsAnErrorAtItsLine() throws {
        let dir = try RulesCheckerTests.copy()
        try RulesCheckerTests.write(Self.model(), "format.dmn", in: dir)
        let file = dir.appendingPathComponent("format.dmn")
        let findings = RulesChecker(directory: dir.path, asOf: RulesCheckerTests.asOf).check().filter { $0.code == "rule-format" }
        for (index, construct) in Self.constructs.enumerated() {
            let line = try RulesCheckerTests.line(of: construct.marker, in: file)
            let finding = findings.first { $0.line == line }
            #expect(finding?.severity == .error, "\(construct.marker)")
            #expect(finding?.file == file.path)
            #expect(finding?.message.hasPrefix("decision 'format\(index)' uses \(construct.message), which the rule format does not allow") == true,
                    "\(finding?.message ?? "nothing at line \(line)")")
        }
        let nested = try RulesCheckerTests.line(of: "<list id=\"bound list\">", in: file)
        #expect(findings.contains { $0.line == nested && $0.message.hasPrefix("decision 'bound' uses a boxed list") })
        let service = try RulesCheckerTests.line(of: "<decisionService", in: file)
        #expect(findings.contains { $0.line == service && $0.message.hasPrefix("decision service 'formatService'") })
        // The knowledge model itself (a literal expression) and the invocation are part of the format.
        #expect(findings.count == Self.constructs.count + 2, "\(findings.map(\.description))")
    }
}
