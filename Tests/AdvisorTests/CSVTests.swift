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

    /// The reader a batch streams from gives the rows `parse` gives, one at a time, and counts them ahead without
    /// making their fields.
    @Test(arguments: ["\u{FEFF}id,device\r\n1,\"Box, large\"\r\n\n2,\"two\nlines \"\"quoted\"\"\"\n3,血圧計\n,\n4",
                      "a\n\n\"\"\n\r\n\"\"\"\"\nb,", "\n\n", "x", "\"unclosed,\nrow", ""])
    func readerGivesParsedRowsOneAtATime(_ text: String) {
        var reader = CSV.Reader(text)
        #expect(reader.count() == CSV.parse(text).count)
        var rows: [CSV.Row] = []
        while let row = reader.next() {
            rows.append(row)
            #expect(reader.count() == CSV.parse(text).count - rows.count)
        }
        let parsed = CSV.parse(text)
        #expect(rows.map(\.line) == parsed.map(\.line))
        #expect(rows.map(\.fields) == parsed.map(\.fields))
    }

    @Test func blankAndEmptyQuotedLinesAreSkipped() {
        let rows = CSV.parse("a\n\n\"\"\n\r\n\"\"\"\"\nb,")
        #expect(rows.map(\.line) == [1, 5, 6])
        #expect(rows.map(\.fields) == [["a"], ["\""], ["b", ""]])
    }

    @Test func emptyTextHasNoRows() {
        #expect(CSV.parse("").isEmpty)
        #expect(CSV.parse("\u{FEFF}").isEmpty)
    }
}
