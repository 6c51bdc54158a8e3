import Testing
@testable import DecisionModel

/// The loader parses a cell text once and shares it between the rows that repeat it; a broken cell is not shared,
/// so each copy is still reported at its own line, and the shared cells still decide their own rows.
@Suite struct SharedCellParseTests {
    static func table(_ first: String, _ second: String, outputs: [String] = ["1", "2", "3"],
                      outputType: String = "number") -> String {
        ModelLoadingTests.definitions("""
        <inputData id="i_x" name="x"><variable name="x" typeRef="string"/></inputData>
        <decision id="d" name="d">
          <variable name="d" typeRef="\(outputType)"/>
          <informationRequirement><requiredInput href="#i_x"/></informationRequirement>
          <decisionTable hitPolicy="FIRST">
            <input><inputExpression typeRef="string"><text>x</text></inputExpression></input>
            <output name="n" typeRef="\(outputType)"/>
            <rule><inputEntry><text>\(first)</text></inputEntry><outputEntry><text>\(outputs[0])</text></outputEntry></rule>
            <rule><inputEntry><text>"b"</text></inputEntry><outputEntry><text>\(outputs[1])</text></outputEntry></rule>
            <rule><inputEntry><text>\(second)</text></inputEntry><outputEntry><text>\(outputs[2])</text></outputEntry></rule>
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

    /// Cells are shared by their bytes: two spellings of "é" (one code point, or e and a combining accent) are equal
    /// as Swift strings, but each row keeps the text it was written with.
    @Test func differentlyNormalisedCellsKeepTheirOwnSpelling() throws {
        let composed = "\u{E9}", decomposed = "e\u{301}"
        let xml = Self.table("\"a\"", "\"c\"", outputs: ["\"\(composed)\"", "\"\(composed)\"", "\"\(decomposed)\""],
                             outputType: "string")
        let evaluator = DMNEvaluator(model: try DMNLoader().load(string: xml, name: "cells.dmn"))
        for (x, expected) in [("a", composed), ("b", composed), ("c", decomposed)] {
            guard case .string(let value)? = evaluator.evaluate(["x": .string(x)]).values["d"] else {
                Issue.record("row \(x) gave no string")
                continue
            }
            #expect(Array(value.utf8) == Array(expected.utf8), "row \(x)")
        }
    }

    @Test func aRepeatedCellDecidesEachOfItsRows() throws {
        let model = try DMNLoader().load(string: Self.table("\"a\"", "\"a\", \"c\""), name: "cells.dmn")
        let evaluator = DMNEvaluator(model: model)
        #expect(evaluator.evaluate(["x": .string("a")]).values["d"] == .number(FEELNumber(1)))
        #expect(evaluator.evaluate(["x": .string("b")]).values["d"] == .number(FEELNumber(2)))
        #expect(evaluator.evaluate(["x": .string("c")]).values["d"] == .number(FEELNumber(3)))
    }
}
