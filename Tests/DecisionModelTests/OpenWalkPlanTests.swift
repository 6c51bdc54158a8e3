import Testing
@testable import DecisionModel

/// What an open evaluator keeps from the model for every evaluation (`DecisionPlan`) gives what working it out
/// afresh gives.
@Suite struct OpenWalkPlanTests {
    static let open: [String: InputState] = ["code": .open(nullable: true), "b": .open(nullable: true), "c": .open(nullable: true)]
    static let settled: [String: InputState] = ["code": .known(.string("x")), "b": .open(nullable: false), "c": .known(.boolean(true))]

    /// Each decision's values with the inputs their conditions test, and the rows that can match.
    static func summary(_ e: OpenEvaluation) -> [String] {
        ["flags", "route"].flatMap { decision in
            e.possible(decision).map { "\(decision) = \($0.value?.description ?? "?") if \(e.inputs(of: $0.condition).sorted())" }
                + e.rows(decision).map { "\(decision) row \($0.row) if \(e.inputs(of: $0.matches).sorted())" }
        }
    }

    @Test func anEvaluatorUsedAgainGivesWhatAFreshOneGives() throws {
        let model = try DMNLoader().load(string: OpenEvaluatorTests.model, name: "t.dmn")
        let reused = OpenEvaluator(model: model)
        _ = reused.evaluate(Self.open)
        for states in [Self.settled, Self.open] {
            let again = Self.summary(reused.evaluate(states))
            #expect(again == Self.summary(OpenEvaluator(model: model).evaluate(states)))
            #expect(!again.isEmpty)
        }
    }

    @Test(arguments: [FEELValue.boolean(true), .boolean(false), .null, .string("x")])
    func rowsKeptByProbeAreTheIndexRows(value: FEELValue) throws {
        let model = try DMNLoader().load(string: OpenEvaluatorTests.model, name: "t.dmn")
        let evaluator = OpenEvaluator(model: model)
        for plan in evaluator.plans {
            let table = try #require(plan.table)
            for column in table.table.inputs.indices {
                let expected = table.index.rows(table.table, column: column, matching: value)
                // The second answer comes from the memo where the index decided every row alone.
                #expect(table.rows(column: column, matching: value) == expected)
                #expect(table.rows(column: column, matching: value) == expected)
            }
        }
    }
}
