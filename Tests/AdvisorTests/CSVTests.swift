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

    /// The reader a batch streams from gives each row in turn (blank lines and a lone `""` skipped, a quoted field
    /// running over lines), and counts the rows still ahead without making their fields.
    @Test func readerGivesRowsOneAtATimeAndCountsThoseAhead() {
        let cases: [(text: String, rows: [(line: Int, fields: [String])])] = [
            ("\u{FEFF}id,device\r\n1,\"Box, large\"\r\n\n2,\"two\nlines \"\"quoted\"\"\"\n3,血圧計\n,\n4",
             [(1, ["id", "device"]), (2, ["1", "Box, large"]), (4, ["2", "two\nlines \"quoted\""]), (6, ["3", "血圧計"]),
              (7, ["", ""]), (8, ["4"])]),
            ("a\n\n\"\"\n\r\n\"\"\"\"\nb,", [(1, ["a"]), (5, ["\""]), (6, ["b", ""])]),
            ("\"unclosed,\nrow", [(1, ["unclosed,\nrow"])]),
            ("x", [(1, ["x"])]),
            ("\n\n", []),
            ("", []),
        ]
        for (text, expected) in cases {
            var reader = CSV.Reader(text)
            for (i, row) in expected.enumerated() {
                #expect(reader.count() == expected.count - i, "\(text.debugDescription) before row \(i)")
                let read = reader.next()
                #expect(read?.line == row.line && read?.fields == row.fields, "\(text.debugDescription) row \(i)")
            }
            #expect(reader.count() == 0 && reader.next() == nil, "\(text.debugDescription) at the end")
            #expect(CSV.parse(text).map(\.line) == expected.map(\.line))
        }
    }

    @Test func emptyTextHasNoRows() {
        #expect(CSV.parse("").isEmpty)
        #expect(CSV.parse("\u{FEFF}").isEmpty)
    }
}
