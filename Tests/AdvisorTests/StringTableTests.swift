import Testing
@testable import Advisor

/// Every string table fills its `%@` slots through one function, so text typed by a user cannot fill a slot.
@Suite struct StringTableTests {
    @Test func anArgumentHoldingASlotIsInsertedAsItIs() {
        #expect(UIStrings.substitute("%@ and %@", ["Pump %@", "Stent"]) == "Pump %@ and Stent")
        #expect(UIStrings.substitute("%d left", ["3"]) == "3 left")
        #expect(UIStrings.substitute("%@ % of the time", ["40"]) == "40 % of the time")
        #expect(UIStrings.substitute("確率 %@ %", ["40"]) == "確率 40 %")
    }

    @Test func eachTableUsesIt() {
        #expect(CompareStrings.format(.unchanged, .en, "%@", "class II") == "Unchanged (%@): class II")
        #expect(TimelineStrings.format(.referenceDecisionMark, .en, "US %@") == "US %@ decision (median)")
    }
}
