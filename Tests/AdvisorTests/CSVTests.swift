import Testing
@testable import Advisor

@Suite struct CSVTests {
    @Test func quotedFieldsLineEndingsAndLineNumbers() {
        let text = "\u{FEFF}id,device\r\n1,\"Box, large\"\r\n\n2,\"two\nlines \"\"quoted\"\"\"\n3,血圧計\n,\n4"
        let rows = CSV.parse(text)
        #expect(rows.map(\.line) == [1, 2, 4, 6, 7, 8])
        #expect(rows.map(\.fields) == [["id", "device"], ["1", "Box, large"], ["2", "two\nlines \"quoted\""], ["3", "血圧計"],
                                       ["", ""], ["4"]])
    }

    @Test func emptyTextHasNoRows() {
        #expect(CSV.parse("").isEmpty)
        #expect(CSV.parse("\u{FEFF}").isEmpty)
    }
}
