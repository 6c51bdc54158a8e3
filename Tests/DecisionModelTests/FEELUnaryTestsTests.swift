import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL unary tests")
struct FEELUnaryTestsTests {
    // MARK: Wildcard

    @Test("wildcard matches everything, including null", arguments: ["-", "", "  -  ", " "])
    func wildcard(source: String) throws {
        let tests = try FEELUnaryTests(source)
        #expect(tests.isWildcard)
        #expect(tests.literalValues == nil)
        for input: FEELValue in [.null, 1, "a", true, [1]] {
            #expect(tests.test(input, scope: FEELScope()) == true)
            #expect(tests.matches(input, scope: FEELScope()))
        }
    }

    @Test("other tests are not wildcards", arguments: ["-1", "\"-\"", "null", "< 1"])
    func notWildcard(source: String) throws {
        #expect(try !FEELUnaryTests(source).isWildcard)
    }

    // MARK: Comparisons

    @Test("comparison tests at their boundaries", arguments: [
        ("< 18", 17, true), ("< 18", 18, false), ("< 18", 19, false),
        ("<= 18", 17, true), ("<= 18", 18, true), ("<= 18", 19, false),
        ("> 18", 17, false), ("> 18", 18, false), ("> 18", 19, true),
        (">= 18", 17, false), (">= 18", 18, true), (">= 18", 19, true),
        ("= 18", 18, true), ("= 18", 17, false), ("!= 18", 18, false), ("!= 18", 17, true),
        ("< -1", -2, true), ("<-1", -1, false), ("< 10 + 8", 17, true),
    ])
    func comparisons(source: String, input: Int, expected: Bool) {
        #expect(feelUnaryTest(source, .number(FEELNumber(input))) == .boolean(expected))
    }

    @Test("comparison tests on other types", arguments: [
        (#"< "m""#, FEELValue.string("a"), FEELValue.boolean(true)),
        (#">= date("2025-01-01")"#, feelDate("2025-03-01"), true),
        (#">= date("2025-01-01")"#, feelDate("2024-12-31"), false),
        (#"< @"2025-01-01T00:00:00Z""#, feelDateTime("2024-12-31T23:59:59Z"), true),
        (#"> duration("P1Y")"#, feelDuration("P13M"), true),
        (#"<= time("12:00:00")"#, feelTime("12:00:00"), true),
        ("< 18", "17", .null),
        ("< 18", .null, .null),
        ("< 18", true, .null),
    ])
    func typedComparisons(source: String, input: FEELValue, expected: FEELValue) {
        #expect(feelUnaryTest(source, input) == expected)
    }

    // MARK: Intervals

    static let brackets: [(open: String, close: String, startClosed: Bool, endClosed: Bool)] = [
        ("[", "]", true, true), ("[", ")", true, false), ("[", "[", true, false),
        ("(", "]", false, true), ("(", ")", false, false), ("(", "[", false, false),
        ("]", "]", false, true), ("]", ")", false, false), ("]", "[", false, false),
    ]

    @Test("every interval bracket combination at every boundary", arguments: 0..<9, [0, 1, 3, 5, 6])
    func intervals(bracket: Int, input: Int) {
        let form = FEELUnaryTestsTests.brackets[bracket]
        let source = "\(form.open)1..5\(form.close)"
        let expected: Bool
        switch input {
        case 1: expected = form.startClosed
        case 5: expected = form.endClosed
        case 3: expected = true
        default: expected = false
        }
        #expect(feelUnaryTest(source, .number(FEELNumber(input))) == .boolean(expected), "\(source) with \(input)")
    }

    @Test("intervals of other types and with expressions", arguments: [
        (#"[date("2025-01-01")..date("2025-12-31")]"#, feelDate("2025-06-30"), FEELValue.boolean(true)),
        (#"[date("2025-01-01")..date("2025-12-31")]"#, feelDate("2026-01-01"), false),
        (#"[@"2025-01-01"..@"2025-12-31")"#, feelDate("2025-12-31"), false),
        (#"["a".."m"]"#, "hello", true), (#"["a".."m"]"#, "zebra", false),
        ("[low..high]", 7, true), ("[low + 1..high * 2]", 6, true), ("[low..high]", 11, false),
        ("]0.5..1.5[", feelNumber("1.5"), false), ("[-5..-1]", -3, true),
        ("[1..5]", .null, .null), ("[1..5]", "3", .null), ("[1..null]", 3, .null),
    ])
    func typedIntervals(source: String, input: FEELValue, expected: FEELValue) {
        #expect(feelUnaryTest(source, input, ["low": 5, "high": 10]) == expected)
    }

    // MARK: Equality tests and lists

    @Test("literal equality tests", arguments: [
        (#""High""#, FEELValue.string("High"), FEELValue.boolean(true)),
        (#""High""#, "Low", false),
        (#""High", "Medium""#, "Medium", true),
        (#""High", "Medium""#, "Low", false),
        ("12", 12, true), ("12", feelNumber("12.0"), true), ("12", 13, false), ("1, 2, 3", 3, true),
        ("true", true, true), ("true", false, false), ("false", false, true), ("false", true, false),
        (#"date("2025-04-01")"#, feelDate("2025-04-01"), true),
        (#""High""#, 12, .null),
        (#""12", 12"#, 12, true),
    ])
    func equality(source: String, input: FEELValue, expected: FEELValue) {
        #expect(feelUnaryTest(source, input) == expected)
    }

    @Test("names compare their value with the input")
    func names() {
        #expect(feelUnaryTest("threshold", 10, ["threshold": 10]) == true)
        #expect(feelUnaryTest("< threshold", 9, ["threshold": 10]) == true)
        #expect(feelUnaryTest("Loan.limit", 10, ["Loan": .context(FEELContext([("limit", 10)]))]) == true)
        #expect(feelUnaryTest("< Monthly Salary * 12", 100, ["Monthly Salary": 10], known: ["Monthly Salary"]) == true)
        #expect(feelUnaryTest("allowed", "b", ["allowed": ["a", "b"]]) == true)
        #expect(feelUnaryTest("allowed", "c", ["allowed": ["a", "b"]]) == false)
    }

    @Test("a list literal entry tests membership")
    func listEntry() {
        #expect(feelUnaryTest("[1, 2, 3]", 2) == true)
        #expect(feelUnaryTest("[1, 2, 3]", 4) == false)
        #expect(feelUnaryTest(#"["a", "b"]"#, "a") == true)
        #expect(feelUnaryTest("[1, 2]", [1, 2]) == true)
    }

    // MARK: null

    @Test("null tests", arguments: [
        ("null", FEELValue.null, FEELValue.boolean(true)), ("null", 1, false), ("null", "", false),
        (#""a", null"#, .null, true), ("not(null)", .null, false), ("not(null)", 1, true),
    ])
    func nullTests(source: String, input: FEELValue, expected: FEELValue) {
        #expect(feelUnaryTest(source, input) == expected)
    }

    @Test("a null input matches only -, null and negations that hold", arguments: [
        ("-", true), ("null", true), (#"not("a")"#, true), (#"not("a", "b")"#, true), ("not(1)", true),
        (#""a""#, false), ("1", false), ("< 5", false), ("[1..5]", false), ("true", false), ("not(< 5)", false),
        ("not([1..5])", false), ("? > 1", false), ("not(null)", false),
    ])
    func nullInput(source: String, expected: Bool) throws {
        #expect(try FEELUnaryTests(source).matches(.null, scope: FEELScope()) == expected)
    }

    // MARK: Negation

    @Test("not(…)", arguments: [
        (#"not("a")"#, FEELValue.string("a"), FEELValue.boolean(false)),
        (#"not("a")"#, "b", true),
        (#"not("a", "b")"#, "b", false),
        (#"not("a", "b")"#, "c", true),
        ("not(< 5)", 3, false), ("not(< 5)", 7, true),
        ("not([1..5])", 5, false), ("not([1..5])", 6, true),
        ("not(< 5, > 10)", 7, true), ("not(< 5, > 10)", 11, false),
        ("not(5)", "x", .null),
    ])
    func negation(source: String, input: FEELValue, expected: FEELValue) throws {
        let tests = try FEELUnaryTests(source)
        #expect(tests.isNegated)
        #expect(tests.literalValues == nil)
        #expect(tests.test(input, scope: FEELScope()) == expected)
    }

    // MARK: Expressions with ?

    @Test("expressions using ?", arguments: [
        ("? > 3", FEELValue.number(4), FEELValue.boolean(true)),
        ("? > 3", 3, false),
        ("? > 3 and ? < 10", 5, true),
        ("? > 3 and ? < 10", 12, false),
        ("? < 0 or ? > 100", 101, true),
        (#"string length(?) > 2"#, "abc", true),
        (#"starts with(?, "JP")"#, "JP-123", true),
        ("? = 5", 5, true),
        ("? in [1..5]", 3, true),
        ("count(?) = 2", FEELValue.list([1, 2]), true),
        ("?.age >= 18", .context(FEELContext([("age", 20)])), true),
        ("? > 3, ? < 0", -1, true),
        ("? > 3", .null, .null),
        ("?", true, true),
        ("?", false, false),
    ])
    func inputExpressions(source: String, input: FEELValue, expected: FEELValue) {
        #expect(feelUnaryTest(source, input) == expected)
    }

    @Test("a ? test that is not boolean is null and reported")
    func nonBooleanInputExpression() throws {
        let tests = try FEELUnaryTests("? + 1")
        var problems: [FEELError] = []
        #expect(tests.test(1, scope: FEELScope(), problems: &problems) == .null)
        #expect(problems.count == 1)
    }

    // MARK: literalValues and referencedNames

    @Test("literal values", arguments: [
        (#""a", "b""#, [FEELValue.string("a"), "b"] as [FEELValue]?),
        ("3", [3]),
        ("true", [true]),
        ("-2.5, 4", [feelNumber("-2.5"), 4]),
        (#"= "x""#, ["x"]),
        (#"date("2025-04-01")"#, [feelDate("2025-04-01")]),
        (#"@"P1Y""#, [feelDuration("P1Y")]),
        ("null", [.null]),
        (#"not("a", "b")"#, nil),
        (#""a", < 5"#, nil),
        ("[1..5]", nil),
        ("x", nil),
        ("1 + 1", nil),
        ("[1, 2]", nil),
        ("? = 1", nil),
        ("-", nil),
    ])
    func literalValues(source: String, expected: [FEELValue]?) throws {
        #expect(try FEELUnaryTests(source).literalValues == expected)
    }

    @Test("referenced names", arguments: [
        ("< limit", Set(["limit"])),
        ("[low..high]", Set(["low", "high"])),
        (#"? > 3, "a""#, Set<String>()),
        ("Loan.amount", Set(["Loan"])),
        ("not(a, b.c)", Set(["a", "b"])),
        (#"date("2025-01-01")"#, Set<String>()),
        ("PMT(1, 2, 3) > ?", Set(["PMT"])),
        ("-", Set<String>()),
    ])
    func referencedNames(source: String, expected: Set<String>) throws {
        #expect(try FEELUnaryTests(source).referencedNames == expected)
    }

    @Test("description is the source")
    func description() throws {
        #expect(try FEELUnaryTests(" < 5 ").description == " < 5 ")
        #expect(try FEELUnaryTests(" < 5 ").source == " < 5 ")
    }

    @Test("runtime problems in tests are reported with offsets")
    func problems() throws {
        let tests = try FEELUnaryTests("< 5, missing")
        var problems: [FEELError] = []
        // The unknown name is null, and 7 = null is false.
        #expect(tests.test(7, scope: FEELScope(), problems: &problems) == false)
        #expect(problems.map(\.message) == ["unknown name 'missing'"])
        #expect(problems.first?.offset == 5)
        #expect(tests.matches(3, scope: FEELScope()))
    }

    // MARK: Syntax errors

    @Test("syntax errors in unary tests", arguments: [
        ("[1..5", 5, "expected ']', ')' or '[' to close the interval opened at offset 0"),
        ("[1..5}", 5, "expected ']', ')' or '[' to close the interval opened at offset 0 but found '}'"),
        ("1,", 2, "expected an expression but found end of text"),
        (", 1", 0, "unexpected ',': expected an expression"),
        ("-, 1", 0, "'-' (any) must be the whole entry, not one of several tests"),
        ("1, -", 3, "'-' (any) must be the whole entry, not one of several tests"),
        ("not(1", 5, "expected ')' to close '(' opened at offset 3"),
        ("not(< 5", 7, "expected ')' to close '(' opened at offset 3"),
        ("not(< 5) x", 9, "unexpected name 'x' after the end of the expression"),
        ("< ", 2, "expected an expression but found end of text"),
        (#""a" "b""#, 4, #"unexpected string "b" after the end of the expression"#),
        ("< 5 >", 4, "unexpected '>' after the end of the expression"),
        ("#", 0, "unexpected character '#'"),
    ])
    func syntaxErrors(source: String, offset: Int, message: String) throws {
        let error = try #require(feelUnaryTestsSyntaxError(source))
        #expect(error.offset == offset)
        #expect(error.message == message)
        #expect(error.expression == source)
    }
}
