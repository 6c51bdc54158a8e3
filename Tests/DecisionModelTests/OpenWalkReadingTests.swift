import Testing
@testable import DecisionModel

/// The open walk's shortcuts give what the plain reading gives: merging that leaves a list it need not change as it
/// is, value tests read in place, the places of inputs and decisions, and rows memoised per open input's cases.
@Suite struct OpenWalkReadingTests {
    /// `OpenWalker.merged` as it was written before it worked in place: each value compared with the kept ones.
    static func plainMerge(_ values: [Possibility], _ d: DecisionDiagram) -> [Possibility] {
        var result: [Possibility] = []
        for p in values where p.condition != DecisionDiagram.never {
            if let i = result.firstIndex(where: { $0.ruled == p.ruled && $0.problem == p.problem && $0.loose == p.loose && $0.value == p.value }) {
                result[i].condition = d.or(result[i].condition, p.condition)
            } else {
                result.append(p)
            }
        }
        return result
    }

    static func describe(_ values: [Possibility]) -> [String] {
        values.map { "\($0.value?.description ?? "?") \($0.condition) \($0.loose) \($0.ruled) \($0.problem)" }
    }

    /// Lists short enough to compare pairwise and long enough for the hashed index, with and without repeats.
    @Test(arguments: [3, 12, 16, 17, 40])
    func mergingGivesWhatThePlainMergeGives(count: Int) {
        var random = SplitMix64(state: UInt64(count))
        let pool: [FEELValue?] = [nil, .null, .string("a"), .string("b"), .number(1), .number(2), .boolean(true),
                                  .list([.string("a")]), .context(FEELContext([("x", .number(1))]))]
        for round in 0..<50 {
            let d = DecisionDiagram(sizes: [4, 3])
            // Round 0 of each size: every value different, so that nothing is merged.
            let distinct = round == 0
            let values = (0..<count).map { i -> Possibility in
                var p = Possibility(value: distinct ? .number(FEELNumber(i)) : pool[Int(random.next() % UInt64(pool.count))],
                                    condition: distinct ? DecisionDiagram.always
                                        : random.next() % 5 == 0 ? DecisionDiagram.never : d.literal(Int(random.next() % 2), [Int(random.next() % 3)]))
                if !distinct {
                    p.loose = random.next() % 4 == 0 ? [0] : []
                    p.ruled = random.next() % 4 != 0
                    p.problem = random.next() % 8 == 0
                }
                return p
            }
            let expected = Self.describe(Self.plainMerge(values, d))
            #expect(Self.describe(OpenWalker.merged(values, d)) == expected)
            if distinct { #expect(expected.count == count) }
        }
    }

    @Test func valueTestsInPlaceAgreeWithEquality() {
        let values: [FEELValue?] = [nil, .null, .string("a"), .string("\u{1F}not determined"), .number(1), .boolean(false),
                                    .list([.null]), .context(FEELContext([("a", .null)]))]
        for a in values {
            #expect(a.isNone == (a == nil))
            #expect(a.isNull == (a == .null))
            for b in values { #expect(a.isSame(as: b) == (a == b)) }
        }
    }

    @Test func casesAreDistinctUnlessTwoAreAlike() {
        #expect(OpenEvaluatorMemo.distinct([OpenCase(value: .boolean(true)), OpenCase(value: .boolean(false)), OpenCase(value: .null)]))
        #expect(!OpenEvaluatorMemo.distinct([OpenCase(value: .string("a")), OpenCase(value: .string("a"))]))
        // The same value once exact and once standing for a range is two possibilities.
        #expect(OpenEvaluatorMemo.distinct([OpenCase(value: .number(5)), OpenCase(value: .number(5), standsForMany: true)]))
        #expect(!OpenEvaluatorMemo.distinct([OpenCase(value: nil), OpenCase(value: nil)]))
    }

    @Test func aNameIsReadAsTheInputOfThatNameBeforeTheDecision() throws {
        let model = try DMNLoader().load(string: OpenEvaluatorTests.model, name: "t.dmn")
        let slots = EvaluationSlots(model)
        #expect(slots.inputCount == model.inputs.count)
        #expect(slots.decisionCount == model.decisionsInDependencyOrder.count)
        let code = try #require(slots.inputs["code"])
        #expect(model.inputs[code].name == "code")
        let flags = try #require(slots.decisions["flags"])
        #expect(model.decisionsInDependencyOrder[flags].name == "flags")
        #expect(slots.source(of: "code", isDecision: true) == .input(code))
        #expect(slots.source(of: "flags", isDecision: true) == .decision(flags))
        #expect(slots.source(of: "flags", isDecision: false) == .empty)
        #expect(slots.source(of: "missing", isDecision: true) == .null)
    }

    @Test(arguments: [false, true])
    func rowsOfAnOpenInputsCasesAreTheRowsOfEachValue(nullable: Bool) throws {
        let model = try DMNLoader().load(string: OpenEvaluatorTests.model, name: "t.dmn")
        let evaluator = OpenEvaluator(model: model)
        let place = try #require(evaluator.inputOrder.firstIndex(of: "code"))
        let input = try #require(evaluator.inputsInOrder[place])
        let cases = evaluator.memo.openCases(of: input, at: place, nullable: nullable, in: model).variable.cases
        let possibilities = cases.map { Possibility(value: $0.value, condition: DecisionDiagram.always) }
        for plan in evaluator.plans {
            let table = try #require(plan.table)
            for column in table.table.inputs.indices {
                let expected = possibilities.map { p in
                    p.value.map { table.rows(column: column, matching: $0) } ?? RowSet(count: table.index.rowCount)
                }
                // The second answer comes from the memo.
                #expect(table.rows(column: column, cases: possibilities, nullable: nullable) == expected)
                #expect(table.rows(column: column, cases: possibilities, nullable: nullable) == expected)
            }
        }
    }
}
