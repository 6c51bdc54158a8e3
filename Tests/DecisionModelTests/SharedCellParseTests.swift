import Testing
@testable import DecisionModel

/// The loader parses a cell text once and shares it between the rows that repeat it; a broken cell is not shared,
/// so each copy is still reported at its own line, and the shared cells still decide their own rows.
@Suite struct SharedCellParseTests {
    static func table(_ first: String, _ second: String) -> String {
        ModelLoadingTests.definitions("""
        <inputData id="i_x" name="x"><variable name="x" typeRef="string"/></inputData>
        <decision id="d" name="d">
          <variable name="d" typeRef="number"/>
          <informationRequirement><requiredInput href="#i_x"/></informationRequirement>
          <decisionTable hitPolicy="FIRST">
            <input><inputExpression typeRef="string"><text>x</text></inputExpression></input>
            <output name="n" typeRef="number"/>
            <rule><inputEntry><text>\(first)</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
            <rule><inputEntry><text>"b"</text></inputEntry><outputEntry><text>2</text></outputEntry></rule>
            <rule><inputEntry><text>\(second)</text></inputEntry><outputEntry><text>3</text></outputEntry></rule>
          </decisionTable>
        </decision>
        """)
    }

    @Test func aRepeatedBrokenCellIsReportedAtEachLine() throws {
        var problems: [DMNProblem] = []
        do { _ = try DMNLoader().load(string: Self.table("\"a\" or", "\"a\" or"), name: "cells.dmn") } catch { problems = error.problems }
        #expect(problems.count == 2)
        #expect(Set(problems.map(\.line)).count == 2, "\(problems)")
        #expect(problems.allSatisfy { $0.message.contains("in unary tests `\"a\" or`") })
    }

    @Test func aRepeatedCellDecidesEachOfItsRows() throws {
        let model = try DMNLoader().load(string: Self.table("\"a\"", "\"a\", \"c\""), name: "cells.dmn")
        let evaluator = DMNEvaluator(model: model)
        #expect(evaluator.evaluate(["x": .string("a")]).values["d"] == .number(FEELNumber(1)))
        #expect(evaluator.evaluate(["x": .string("b")]).values["d"] == .number(FEELNumber(2)))
        #expect(evaluator.evaluate(["x": .string("c")]).values["d"] == .number(FEELNumber(3)))
    }
}
