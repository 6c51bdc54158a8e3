import Testing
@testable import DecisionModel

/// Answers are literals of their input's type: read, never evaluated (issue 14 items 1 and 8).
@Suite("Answer literals") struct AnswerLiteralTests {
    static let model: DMNModel = {
        let xml = """
        <?xml version="1.0"?>
        <definitions xmlns="\(DMN.ns)" namespace="urn:test" name="t" id="defs">
          <itemDefinition name="tClass"><typeRef>number</typeRef><allowedValues><text>[1..4]</text></allowedValues></itemDefinition>
          <itemDefinition name="tForm"><typeRef>string</typeRef><allowedValues><text>"hardware","program"</text></allowedValues></itemDefinition>
          <inputData id="i1" name="code"><variable name="code" typeRef="string"/></inputData>
          <inputData id="i2" name="count"><variable name="count" typeRef="number"/></inputData>
          <inputData id="i3" name="wait"><variable name="wait" typeRef="days and time duration"/></inputData>
          <inputData id="i4" name="term"><variable name="term" typeRef="years and months duration"/></inputData>
          <inputData id="i5" name="day"><variable name="day" typeRef="date"/></inputData>
          <inputData id="i6" name="anything"><variable name="anything"/></inputData>
          <inputData id="i7" name="deviceClass"><variable name="deviceClass" typeRef="tClass"/></inputData>
          <inputData id="i8" name="form"><variable name="form" typeRef="tForm"/></inputData>
          <inputData id="i9" name="flag"><variable name="flag" typeRef="boolean"/></inputData>
        </definitions>
        """
        return try! DMNLoader().load(string: xml, name: "answers.dmn")
    }()

    func parse(_ name: String, _ text: String) throws -> FEELValue {
        try Self.model.parseValue(text, for: #require(Self.model.input(named: name)))
    }

    func failure(_ name: String, _ text: String) -> String? {
        do {
            _ = try parse(name, text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("A quoted string is a literal, never an expression", arguments: [
        #""1" + "2""#,
        #""" + string(matches("aaaa!", "(a|aa)+$")) + """#,
        #"string(count(for i in 1..30000 return i))"#,
    ])
    func quotedExpressionStaysText(text: String) throws {
        #expect(try parse("code", text) == .string(text))
    }

    @Test func aStringLiteralIsReadWithItsEscapes() throws {
        #expect(try parse("code", #""12345678""#) == .string("12345678"))
        #expect(try parse("code", #""say \"hi\"""#) == .string("say \"hi\""))
        #expect(try parse("code", "  bare text  ") == .string("bare text"))
    }

    @Test("Anything but a literal is refused for an untyped input", arguments: [
        "1 + 2", #""1" + "2""#, "banana", "count([1, 2])", "[1, 2][1]", "{a: 1}.a", "date(\"2026-01-01\") + duration(\"P1D\")",
        "for i in 1..3 return i", "if true then 1 else 2", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ])
    func expressionsAreRefused(text: String) {
        #expect(failure("anything", text) != nil)
    }

    @Test func literalsOfEveryKindAreAccepted() throws {
        #expect(try parse("anything", "12.5") == .number(FEELNumber("12.5")!))
        #expect(try parse("anything", "-3") == .number(-3))
        #expect(try parse("anything", "true") == .boolean(true))
        #expect(try parse("anything", "null") == .null)
        #expect(try parse("anything", #"date("2026-01-31")"#) == .date(FEELDate(iso8601: "2026-01-31")!))
        #expect(try parse("anything", #"@"P1D""#) == .duration(FEELDuration(iso8601: "P1D")!))
        #expect(try parse("anything", #"[1, "x", {b c: date and time("2026-01-31T10:00:00"), "d": []}]"#)
                == .list([.number(1), .string("x"), .context(FEELContext([
                    ("b c", .dateTime(FEELDateTime(iso8601: "2026-01-31T10:00:00")!)), ("d", .list([]))]))]))
    }

    @Test("A value that is not of the input's type is an error, never null", arguments: [
        ("wait", "P1Y"), ("wait", "banana"), ("term", "P1D"), ("day", #"date("2026-02-30")"#), ("day", "2026-02-30"),
        ("count", "1e"), ("count", "twelve"), ("flag", "maybe"), ("deviceClass", "5"), ("form", "gadget"),
    ])
    func mistypedValuesAreErrors(name: String, text: String) {
        #expect(failure(name, text) != nil)
    }

    @Test func durationsAndDatesInEitherSpelling() throws {
        #expect(try parse("wait", "P1D") == .duration(FEELDuration(iso8601: "P1D")!))
        #expect(try parse("wait", #"duration("PT4H")"#) == .duration(FEELDuration(iso8601: "PT4H")!))
        #expect(try parse("term", "P1Y2M") == .duration(FEELDuration(iso8601: "P1Y2M")!))
        #expect(try parse("day", #"date("2026-02-28")"#) == .date(FEELDate(iso8601: "2026-02-28")!))
    }

    @Test func aClassOutsideItsRangeReadsAsTheRange() {
        #expect(failure("deviceClass", "5") == "'5' is not a valid value for deviceClass: expected 1–4")
    }

    @Test("Control characters are refused in any text", arguments: [
        "\u{1B}[2J", #""\u001b[2J\u001b]0;pwned\u0007""#, "a\u{7}b", "abc\u{202E}def", "x\u{9B}31m",
    ])
    func controlCharactersAreRefused(text: String) {
        #expect(failure("code", text)?.contains("control characters") == true)
        #expect(failure("anything", "[\"ok\", \(text.hasPrefix("\"") ? text : "\"\(text)\"")]") != nil)
    }

    @Test func aLongBadValueIsEchoedAsAnExcerpt() {
        let huge = String(repeating: "x", count: 100_000)
        let message = failure("count", huge) ?? ""
        #expect(message.count < 200)
        #expect(message.contains("(100000 characters)"))
    }
}
