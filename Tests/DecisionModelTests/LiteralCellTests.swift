import Testing
@testable import DecisionModel

/// Cells that only compare with literals are decided without the evaluator; the result and the problems must be
/// the evaluator's for every pairing of cell and input.
@Suite struct LiteralCellTests {
    static let cells = ["\"a\"", "\"a\", \"b\"", "= \"a\"", "not(\"a\", \"b\")", "\"a\", null", "null", "not(null)", "true",
                        "false", "true, null", "not(true)", "3", "3, 4.50", "not(3)", "= 3", "\"3\", 3", "\"家庭\", \"病院\""]
    static let inputs: [FEELValue] = [.null, .string("a"), .string("b"), .string("c"), .string("3"), .string("家庭"), .boolean(true),
                                      .boolean(false), .number(FEELNumber(3)), .number(FEELNumber("4.5")!), .number(FEELNumber(7)),
                                      .date(FEELDate(iso8601: "2026-01-01")!), .list([.string("a")])]

    @Test("A literal cell tests as the evaluator does", arguments: cells)
    func sameAsEvaluator(cell: String) throws {
        let tests = try FEELUnaryTests(cell)
        for input in Self.inputs {
            var fast: [FEELError] = [], slow: [FEELError] = []
            let result = tests.test(input, scope: FEELScope(), problems: &fast)
            let reference = tests.evaluatedTest(input, scope: FEELScope(), problems: &slow)
            #expect(result == reference, "\(cell) on \(input)")
            #expect(fast.map(\.description) == slow.map(\.description), "\(cell) on \(input)")
            #expect(tests.matches(input, scope: FEELScope()) == (reference == .boolean(true)), "\(cell) on \(input)")
        }
    }

    @Test func literalCellsAnswerPlainly() throws {
        #expect(try FEELUnaryTests("\"a\", \"b\"").matches(.string("b"), scope: FEELScope()))
        #expect(try !FEELUnaryTests("not(\"a\", \"b\")").matches(.string("b"), scope: FEELScope()))
        #expect(try FEELUnaryTests("not(null)").matches(.string("x"), scope: FEELScope()))
        #expect(try FEELUnaryTests("null").matches(.null, scope: FEELScope()))
        #expect(try !FEELUnaryTests("3").matches(.number(FEELNumber(4)), scope: FEELScope()))
    }
}
