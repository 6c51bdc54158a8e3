/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a UTF-8 BOM is skipped.
public enum CSV {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public static func parse(_ text: String) -> [Row] {
        var reader = Reader(text)
        var rows: [Row] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    /// The rows one at a time, so that a batch of a million profiles holds the file and one chunk of rows, not every
    /// row's fields at once. A row that is one empty field (a blank line) is skipped.
    public struct Reader {
        private var text: String
        private var position: Int
        private var line = 1

        public init(_ text: String) {
            var text = text
            // Read as UTF-8 bytes: every delimiter is ASCII, so a field's bytes are whole characters.
            text.makeContiguousUTF8()
            self.text = text
            position = text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        }

        public mutating func next() -> Row? { scan(building: true) }

        /// How many rows are left, found without making their fields.
        public func count() -> Int {
            var rest = self
            var count = 0
            while rest.scan(building: false) != nil { count += 1 }
            return count
        }

        /// The next row; without `building`, a row without its fields (only that there is one, and its line).
        private mutating func scan(building: Bool) -> Row? {
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            let text = self.text
            return text.utf8.withContiguousStorageIfAvailable { bytes -> Row? in
                var field: [UInt8] = []
                var fields: [String] = []
                // Whether the row is more than one empty field: a comma, or a byte of a field.
                var content = false
                var inQuotes = false
                var rowLine = line
                func endField() {
                    guard building else { return }
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                }
                func append(_ byte: UInt8) {
                    content = true
                    if building { field.append(byte) }
                }
                while position < bytes.count {
                    let c = bytes[position]
                    position += 1
                    if inQuotes {
                        if c == quote {
                            if position < bytes.count && bytes[position] == quote { append(quote); position += 1 } else { inQuotes = false }
                        } else {
                            if c == lf { line += 1 }
                            append(c)
                        }
                        continue
                    }
                    switch c {
                    case quote: inQuotes = true
                    case comma:
                        content = true
                        endField()
                    case cr: break
                    case lf:
                        line += 1
                        if content {
                            endField()
                            return Row(line: rowLine, fields: fields)
                        }
                        field.removeAll(keepingCapacity: true)
                        rowLine = line
                    default: append(c)
                    }
                }
                guard content else { return nil }
                endField()
                return Row(line: rowLine, fields: fields)
            } ?? nil
        }
    }
}
