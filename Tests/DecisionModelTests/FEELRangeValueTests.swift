import Testing
@testable import DecisionModel

@Suite("FEEL range values")
struct FEELRangeValueTests {
    @Test func intervalsTestTheirEndpoints() {
        let closed = FEELRange(start: 1, startIncluded: true, end: 10, endIncluded: true)
        let open = FEELRange(start: 1, startIncluded: false, end: 10, endIncluded: false)
        #expect(closed.contains(1) == true)
        #expect(open.contains(1) == false)
        #expect(open.contains(10) == false)
        #expect(open.contains(5) == true)
        #expect(closed.contains("a") == nil)
        #expect(closed.description == "[1..10]")
        #expect(open.description == "(1..10)")
    }

    @Test func comparisonsAreRangesWithoutOneEnd() {
        let below = FEELRange(comparison: .less, 10)
        #expect(below.start == .null && below.end == 10 && !below.endIncluded)
        #expect(below.contains(9) == true)
        #expect(below.contains(10) == false)
        #expect(FEELRange(comparison: .notEqual, 10).contains(10) == false)
        #expect(FEELRange(comparison: .notEqual, 10).contains(3) == true)
        #expect(below.description == "< 10")
    }

    @Test func equalityNeedsTheSameForm() {
        let equal = FEELValue.range(FEELRange(comparison: .equal, 10))
        let interval = FEELValue.range(FEELRange(start: 10, startIncluded: true, end: 10, endIncluded: true))
        #expect(equal.feelEquals(interval) == false)
        #expect(equal.feelEquals(equal) == true)
        #expect(interval.typeName == "range")
    }

    @Test func typesPrintAsFEELWritesThem() {
        #expect(FEELType.list(.context([.init(name: "a", type: .string)])).description == "list<context<a: string>>")
        #expect(FEELType(builtinName: "dayTimeDuration") == .daysAndTimeDuration)
        #expect(FEELType.function(parameters: [.number], result: .any).description == "function<number> -> Any")
    }
}
