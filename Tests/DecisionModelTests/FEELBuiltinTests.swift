import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL built-in functions")
struct FEELBuiltinTests {
    @Test("conversion functions", arguments: [
        (#"date("2025-04-01")"#, #"date("2025-04-01")"#),
        (#"date(2025, 4, 1)"#, #"date("2025-04-01")"#),
        (#"date(date and time("2025-04-01T10:00:00"))"#, #"date("2025-04-01")"#),
        (#"time("10:30:00")"#, #"time("10:30:00")"#),
        (#"time(10, 30, 15)"#, #"time("10:30:15")"#),
        (#"time(10, 30, 15, duration("PT9H"))"#, #"time("10:30:15+09:00")"#),
        (#"time(date and time("2025-04-01T10:00:00Z"))"#, #"time("10:00:00Z")"#),
        (#"date and time("2025-04-01T10:00:00")"#, #"date and time("2025-04-01T10:00:00")"#),
        (#"date and time(date("2025-04-01"), time("10:00:00Z"))"#, #"date and time("2025-04-01T10:00:00Z")"#),
        (#"date and time("2025-04-01")"#, #"date and time("2025-04-01T00:00:00")"#),
        (#"duration("P1DT2H")"#, #"duration("P1DT2H")"#),
        (#"string(12.50)"#, #""12.5""#), (#"string("a")"#, #""a""#), (#"string(true)"#, #""true""#),
        (#"string(date("2025-04-01"))"#, #""2025-04-01""#), (#"string(duration("P1Y"))"#, #""P1Y""#),
        (#"string([1, "a"])"#, #""[1, \"a\"]""#), (#"string(null)"#, "null"),
        (#"number("12.5")"#, "12.5"), (#"number("-1e2")"#, "-100"),
        (#"number("1,000.50", ",", ".")"#, "1000.5"), (#"number("1 000,5", " ", ",")"#, "1000.5"),
        (#"number("1.000.000,25", ".", ",")"#, "1000000.25"), (#"number("1000", null, null)"#, "1000"),
    ])
    func conversions(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("invalid conversions are null and reported", arguments: [
        #"date("2025-02-30")"#, #"date(2025, 13, 1)"#, #"date(1)"#, #"time("25:00:00")"#, #"date and time("nope")"#,
        #"duration("P1Y1D")"#, #"number("abc")"#, #"number("1,0", ",", ",")"#, #"date("2025-01-01", 2)"#,
    ])
    func invalidConversions(expression: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.count == 1)
    }

    @Test("null arguments give null quietly", arguments: [
        "date(null)", "string length(null)", "upper case(null)", "substring(null, 1)", "abs(null)", "floor(null)",
        "decimal(null, 2)", "count(null)", "sum(null)", "contains(null, \"a\")", "not(null)",
    ])
    func nullArguments(expression: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.isEmpty)
    }

    @Test("string functions", arguments: [
        (#"substring("foobar", 3)"#, #""obar""#), (#"substring("foobar", 3, 3)"#, #""oba""#),
        (#"substring("foobar", -2, 1)"#, #""a""#), (#"substring("foobar", 7)"#, #""""#),
        (#"substring("foobar", 5, 10)"#, #""ar""#), (#"substring("😀ab", 2)"#, #""ab""#),
        (#"substring(string: "abc", start position: 2)"#, #""bc""#),
        (#"substring(start position: 2, string: "abc", length: 1)"#, #""b""#),
        (#"string length("abc")"#, "3"), (#"string length("")"#, "0"), (#"string length("😀ab")"#, "3"),
        (#"string length("日本語")"#, "3"),
        (#"upper case("abc é")"#, #""ABC É""#), (#"lower case("ABC")"#, #""abc""#),
        (#"contains("foobar", "ob")"#, "true"), (#"contains("foobar", "x")"#, "false"),
        (#"starts with("foobar", "foo")"#, "true"), (#"starts with("foobar", "bar")"#, "false"),
        (#"ends with("foobar", "bar")"#, "true"), (#"ends with("foobar", "foo")"#, "false"),
        (#"substring before("foobar", "bar")"#, #""foo""#), (#"substring after("foobar", "ob")"#, #""ar""#),
        (#"substring after("foobar", "x")"#, #""""#),
        (#"matches("foobar", "^fo*")"#, "true"), (#"matches("FOO", "foo", "i")"#, "true"),
        (#"replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")"#, #""[1=ab][2=]cd""#),
        (#"split("a;b;;c", ";")"#, #"["a", "b", "", "c"]"#),
        (#"string join(["a", "b", "c"], ", ")"#, #""a, b, c""#), (#"string join(["a", null, "c"])"#, #""ac""#),
    ])
    func strings(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("string function misuse is reported", arguments: [
        #"substring("abc", 0)"#, #"substring(123, 1)"#, #"string length(5)"#, #"upper case([1])"#,
        #"substring("abc", 1, -1)"#, #"contains("abc", 1)"#, #"matches("a", "(")"#,
        #"substring(text: "abc", start position: 1)"#, #"string length("a", "b")"#,
    ])
    func stringMisuse(expression: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.count == 1)
    }

    @Test("list functions", arguments: [
        ("count([1, 2, 3])", "3"), ("count([])", "0"), ("min([3, 1, 2])", "1"), ("min(3, 1, 2)", "1"), ("max([3, 1, 2])", "3"),
        ("max(3, 1, 2)", "3"), (#"max("a", "c", "b")"#, #""c""#), (#"min([date("2025-01-02"), date("2025-01-01")])"#, #"date("2025-01-01")"#),
        ("min([])", "null"), ("sum([1, 2, 3])", "6"), ("sum(1, 2, 3.5)", "6.5"), ("sum([])", "null"), ("mean([1, 2, 3, 4])", "2.5"),
        ("mean(2, 4)", "3"), ("mean([])", "null"), ("product([2, 3, 4])", "24"), ("median([3, 1, 2])", "2"),
        ("median([1, 2, 3, 4])", "2.5"), ("list contains([1, 2, 3], 2)", "true"), ("list contains([1, 2, 3], 5)", "false"),
        ("list contains([1, null], null)", "true"), ("all([true, true])", "true"), ("all([true, false])", "false"),
        ("all([true, null])", "null"), ("any([false, true])", "true"), ("any([false, false])", "false"),
        ("sublist([1, 2, 3], 2)", "[2, 3]"), ("sublist([1, 2, 3], 1, 2)", "[1, 2]"), ("append([1], 2, 3)", "[1, 2, 3]"),
        ("concatenate([1], [2, 3])", "[1, 2, 3]"), ("insert before([1, 3], 2, 2)", "[1, 2, 3]"), ("remove([1, 2, 3], 2)", "[1, 3]"),
        ("reverse([1, 2, 3])", "[3, 2, 1]"), ("index of([1, 2, 1], 1)", "[1, 3]"), ("distinct values([1, 2, 1, 2.0])", "[1, 2]"),
        ("union([1, 2], [2, 3])", "[1, 2, 3]"), ("flatten([1, [2, [3]]])", "[1, 2, 3]"), ("sort([3, 1, 2])", "[1, 2, 3]"),
        (#"sort(["b", "a"])"#, #"["a", "b"]"#),
    ])
    func lists(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("number functions", arguments: [
        ("abs(-3)", "3"), ("abs(3)", "3"), ("abs(-1.5)", "1.5"), (#"abs(duration("-P1D"))"#, #"duration("P1D")"#),
        ("floor(1.5)", "1"), ("floor(-1.5)", "-2"), ("floor(1.56, 1)", "1.5"), ("ceiling(1.5)", "2"), ("ceiling(-1.5)", "-1"),
        ("ceiling(1.51, 1)", "1.6"), ("decimal(1/3, 2)", "0.33"), ("decimal(2.5, 0)", "2"), ("decimal(3.5, 0)", "4"),
        ("decimal(1.005, 2)", "1"), ("decimal(-2.5, 0)", "-2"), ("decimal(1234.5678, -2)", "1200"), ("decimal(12, 2)", "12"),
        ("round up(5.5, 0)", "6"), ("round up(-5.5, 0)", "-6"), ("round up(1.121, 2)", "1.13"),
        ("round down(5.5, 0)", "5"), ("round down(-5.5, 0)", "-5"), ("round half up(5.5, 0)", "6"), ("round half up(-5.5, 0)", "-6"),
        ("round half up(1.121, 2)", "1.12"), ("round half down(5.5, 0)", "5"), ("round half down(-5.5, 0)", "-5"),
        ("round half down(1.126, 2)", "1.13"), ("modulo(12, 5)", "2"), ("modulo(-12, 5)", "3"), ("modulo(12, -5)", "-3"),
        ("modulo(10.1, 4.5)", "1.1"), ("sqrt(16)", "4"), ("exp(0)", "1"), ("log(1)", "0"), ("odd(5)", "true"), ("odd(2)", "false"),
        ("even(2)", "true"), ("even(-3)", "false"),
    ])
    func numbers(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("context functions")
    func contexts() {
        #expect(feel(#"get value({a: 1}, "a")"#) == 1)
        #expect(feel(#"get value({a: 1}, "b")"#) == .null)
        #expect(feelText(feel("get entries({a: 1})")) == #"[{key: "a", value: 1}]"#)
    }

    @Test("clock functions return the current date")
    func clock() {
        guard case .date(let today) = feel("today()") else {
            Issue.record("today() is not a date")
            return
        }
        #expect(today.year >= 2024)
        guard case .dateTime = feel("now()") else {
            Issue.record("now() is not a date and time")
            return
        }
    }

    @Test("built-ins are values when named without a call")
    func builtinsAsValues() {
        guard case .function(let function) = feel("count") else {
            Issue.record("count is not a function value")
            return
        }
        #expect(function.name == "count")
        #expect(function.call([[1, 2]]) == 2)
    }

    @Test("scope names shadow built-ins")
    func shadowing() {
        let constant = FEELFunction(name: "today", parameters: []) { _ in feelDate("2025-04-01") }
        #expect(feel("today()", ["today": .function(constant)]) == feelDate("2025-04-01"))
    }

    @Test("wrong argument counts are reported")
    func arity() {
        let (value, problems) = feelWithProblems("date(1, 2)")
        #expect(value == .null)
        #expect(problems.map(\.message) == ["date expects 1 or 3 arguments but got 2"])
        let (_, named) = feelWithProblems(#"substring(string: "a", foo: 1)"#)
        #expect(named.map(\.message) == ["substring has no parameter named 'foo'"])
        let (_, mixed) = feelWithProblems(#"date(from: "2025-01-01", year: 2025)"#)
        #expect(mixed.count == 1)
    }

    @Test("is defined")
    func isDefined() {
        let scope: [String: FEELValue] = ["a": .null, "ctx": .context(FEELContext([("x", 1)]))]
        let cases: [(String, FEELValue)] = [
            ("is defined(a)", true), ("is defined(b)", false), ("is defined(ctx.x)", true), ("is defined(ctx.y)", false),
            ("is defined(b.c)", false), ("is defined(1)", true), (#"is defined(date("2025-01-01").year)"#, true),
        ]
        for (source, expected) in cases {
            let (value, problems) = feelWithProblems(source, scope)
            #expect(value == expected, "\(source)")
            #expect(problems.isEmpty, "\(source)")
        }
    }

    @Test("distinct values and union use FEEL equality", arguments: [
        ("distinct values([1, 1.0, 1.00, 2])", "[1, 2]"), ("union([1, 2], [2.0, 3])", "[1, 2, 3]"),
        ("distinct values([{a: 1, b: 2}, {b: 2, a: 1}])", "[{a: 1, b: 2}]"),
        (#"count(distinct values([date and time("2020-01-01T10:00:00Z"), date and time("2020-01-01T11:00:00+01:00")]))"#, "1"),
        (#"distinct values([duration("P1Y"), duration("P12M"), null, null])"#, #"[duration("P1Y"), null]"#),
    ])
    func distinctValues(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    /// Hashed: linear in the list (40,000 items took 41 s when each item was compared with every other). As large
    /// as the FEEL work budget allows (`FEELBudget`: each item is paid for as it is made, flattened and hashed).
    @Test("distinct values and union of large lists")
    func largeDistinct() {
        #expect(feel("count(distinct values(flatten(for i in 1..5000 return [i, i])))") == .number(5000))
        #expect(feel("count(union(for i in 1..5000 return i, for i in 2501..7500 return i))") == .number(7500))
    }
}

