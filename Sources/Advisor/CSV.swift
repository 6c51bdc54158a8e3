/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a UTF-8 BOM is skipped.
public enum CSV {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public static func parse(_ text: String) -> [Row] {
        // Read as UTF-8 bytes: every delimiter is ASCII, so a field's bytes are whole characters (a batch CSV of
        // 100,000 profiles is tens of megabytes).
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> [Row] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var rows: [Row] = []
        var field: [UInt8] = []
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
        }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote { field.append(quote); i += 1 } else { inQuotes = false }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
            } else {
                switch c {
                case quote: inQuotes = true
                case comma: endField()
                case cr: break
                case lf:
                    endRow()
                    line += 1
                    rowLine = line
                default: field.append(c)
                }
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
