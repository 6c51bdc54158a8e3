import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL literals")
struct FEELLiteralTests {
    @Test("string escapes", arguments: [
        (#""abc""#, "abc"),
        (#""""#, ""),
        (#""say \"hi\"""#, "say \"hi\""),
        (#""back\\slash""#, "back\\slash"),
        (#""line\nbreak""#, "line\nbreak"),
        (#""tab\there""#, "tab\there"),
        (#""cr\r""#, "cr\r"),
        (#""apos\'""#, "apos'"),
        (#""\u0041BC""#, "ABC"),
        (#""\u00e9""#, "é"),
        (#""\U01F600""#, "😀"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""日本語""#, "日本語"),
        (#""薬機法 🏥""#, "薬機法 🏥"),
    ])
    func strings(source: String, expected: String) {
        #expect(feel(source) == .string(expected))
    }

    @Test("booleans and null")
    func booleansAndNull() {
        #expect(feel("true") == .boolean(true))
        #expect(feel("false") == .boolean(false))
        #expect(feel("null") == .null)
    }

    @Test("lists")
    func lists() {
        #expect(feel("[]") == .list([]))
        #expect(feel("[1, 2, 3]") == [1, 2, 3])
        #expect(feel("[\"a\", [true, null]]") == .list(["a", .list([true, .null])]))
        #expect(feel("[1 + 1, 2 * 3]") == [2, 6])
    }

    @Test("contexts")
    func contexts() throws {
        let value = feel(#"{a: 1, "b c": "x", d e: true, nested: {f: [1]}}"#)
        guard case .context(let context) = value else {
            Issue.record("not a context: \(value)")
            return
        }
        #expect(context.keys == ["a", "b c", "d e", "nested"])
        #expect(context["a"] == 1)
        #expect(context["b c"] == "x")
        #expect(context["d e"] == true)
        #expect(context["nested"] == .context(FEELContext([("f", [1])])))
        #expect(feel("{}") == .context(FEELContext()))
    }

    @Test("context entries see earlier entries")
    func contextScoping() {
        #expect(feel("{a: 2, b: a * 3}.b") == 6)
        #expect(feel("{a: 2, b: {c: a + 1}}.b.c") == 3)
    }

    @Test("temporal literals", arguments: [
        (#"@"2025-04-01""#, "date(\"2025-04-01\")"),
        (#"@"10:30:00""#, "time(\"10:30:00\")"),
        (#"@"10:30:00Z""#, "time(\"10:30:00Z\")"),
        (#"@"2025-04-01T10:00:00+09:00""#, "date and time(\"2025-04-01T10:00:00+09:00\")"),
        (#"@"P1Y2M""#, "duration(\"P1Y2M\")"),
        (#"@"-PT90M""#, "duration(\"-PT1H30M\")"),
        (#"date("2025-04-01")"#, "date(\"2025-04-01\")"),
        (#"time("10:30:00")"#, "time(\"10:30:00\")"),
        (#"date and time("2025-04-01T10:00:00Z")"#, "date and time(\"2025-04-01T10:00:00Z\")"),
        (#"duration("P1DT2H")"#, "duration(\"P1DT2H\")"),
    ])
    func temporal(source: String, expected: String) {
        #expect(feelText(feel(source)) == expected)
    }

    @Test("descriptions are FEEL literal syntax", arguments: [
        (FEELValue.null, "null"),
        (.boolean(true), "true"),
        (.number(FEELNumber(Decimal(string: "12.5")!)), "12.5"),
        (.string("abc"), "\"abc\""),
        (.string("a\"b\\c\nd"), #""a\"b\\c\nd""#),
        (.list([1, 2]), "[1, 2]"),
        (.list([]), "[]"),
        (.context(FEELContext([("a", 1)])), "{a: 1}"),
        (.context(FEELContext([("b c", 2), ("if", 3)])), #"{"b c": 2, "if": 3}"#),
        (.date(FEELDate(year: 2025, month: 4, day: 1)!), #"date("2025-04-01")"#),
        (.duration(FEELDuration(months: 14)), #"duration("P1Y2M")"#),
        (.duration(FEELDuration(seconds: 93_600)), #"duration("P1DT2H")"#),
    ])
    func descriptions(value: FEELValue, expected: String) {
        #expect(value.description == expected)
    }

    @Test("descriptions read back as the same value", arguments: [
        #"[1, "two", true, null, {a: [3.5]}, date("2025-04-01"), duration("P1Y")]"#,
        #"{"key with space": "v", k: -1}"#,
        #""quote \" and \\ and \n""#,
    ])
    func roundTrip(source: String) {
        let value = feel(source)
        #expect(feel(value.description) == value)
    }

    @Test("comments are ignored")
    func comments() {
        #expect(feel("1 + /* two */ 2 // three") == 3)
        #expect(feel("// only a comment\n5") == 5)
    }
}
