import Testing
@testable import DecisionModel

/// A value written beforehand (`JSONValue.raw`) writes what the value it stands for writes, compact and pretty.
@Suite struct JSONRawTests {
    static let values: [(String, JSONValue)] = [
        ("scalars", .array([.number("1"), .null, .bool(true), .bool(false), .string("x")])),
        ("empty", .object([("a", .array([])), ("b", .object([])), ("c", .array([.array([]), .object([])]))])),
        ("punctuation in strings", .object([
            ("[{\"k\":1},]", .string("a,b:c [x] {y} \\ \" \\\" end\\")),
            ("審査\u{202E}\n", .array([.string("\"[\""), .string("},{"), .string("")])),
        ])),
        ("nested", .object([
            ("rules", .array([.object([("id", .string("r1")), ("row", .number("2")), ("annotation", .null)])])),
            ("inputs", .object([("x", .number("-1.5")), ("y", .array([.string("a"), .number("3")]))])),
        ])),
        ("bare string", .string("plain")),
        ("empty array", .array([])),
    ]

    static func raw(_ value: JSONValue) -> JSONValue { .raw(value.compactUTF8()) }

    @Test(arguments: values.map(\.0)) func compactIsTheBytes(_ name: String) {
        let value = Self.values.first { $0.0 == name }!.1
        #expect(Self.raw(value).compactUTF8() == value.compactUTF8())
        #expect(Self.raw(value).compact() == value.compact())
    }

    @Test(arguments: values.map(\.0)) func prettyLaysTheBytesOutAsTheValue(_ name: String) {
        let value = Self.values.first { $0.0 == name }!.1
        #expect(Self.raw(value).rendered() == value.rendered())
        #expect(Self.raw(value).rendered(indent: "> ") == value.rendered(indent: "> "))
    }

    /// Inside a document, at any depth, and beside values that are not raw.
    @Test func nestedRawValuesKeepTheirDepth() {
        let inner = Self.values.first { $0.0 == "nested" }!.1
        let plain = JSONValue.object([("a", .array([inner, .number("1")])), ("b", inner), ("c", .string("z"))])
        let mixed = JSONValue.object([("a", .array([Self.raw(inner), .number("1")])), ("b", Self.raw(inner)), ("c", .string("z"))])
        #expect(mixed.rendered() == plain.rendered())
        #expect(mixed.rendered(indent: "  ") == plain.rendered(indent: "  "))
        #expect(mixed.compactUTF8() == plain.compactUTF8())
    }

    @Test func feelValuesWriteAsTheirJSON() {
        let values: [FEELValue] = [.null, .boolean(true), .string("a\"b"), .number(FEELNumber("12.5")!),
                                   .list([.string("x"), .null]), .context(FEELContext())]
        for value in values {
            var out = JSONBytes()
            out.append(json: value)
            #expect(out.finish() == value.json.compactUTF8())
        }
    }

    @Test func rawValuesAreEqualByTheirBytes() {
        #expect(JSONValue.raw(Array("[1]".utf8)) == .raw(Array("[1]".utf8)))
        #expect(JSONValue.raw(Array("[1]".utf8)) != .array([.number("1")]))
    }

    /// The word-at-a-time test agrees with a byte loop, whatever byte stands wherever in strings of every length.
    @Test func plainASCIIIsDecidedAsByteByByte() {
        func plain(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { (0x20...0x7E).contains($0) && $0 != 0x22 && $0 != 0x5C } }
        let odd: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xC2, 0xE3, 0xFF]
        for length in 0...19 {
            let base = [UInt8]((0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) })
            #expect(base.withUnsafeBufferPointer(JSONBytes.isPlainASCII))
            for position in 0..<length {
                for byte in odd {
                    var bytes = base
                    bytes[position] = byte
                    #expect(bytes.withUnsafeBufferPointer(JSONBytes.isPlainASCII) == plain(bytes), "\(byte) at \(position) of \(length)")
                }
            }
        }
    }
}
