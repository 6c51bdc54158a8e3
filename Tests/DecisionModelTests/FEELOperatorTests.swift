import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL operators")
struct FEELOperatorTests {
    // MARK: Comparison

    @Test("comparisons", arguments: [
        ("1 = 1", FEELValue.boolean(true)), ("1 = 1.0", true), ("1 != 2", true), ("1 < 2", true), ("2 <= 2", true),
        ("3 > 2", true), ("2 >= 3", false), ("-1 < 0", true),
        (#""a" = "a""#, true), (#""a" != "b""#, true), (#""a" < "b""#, true), (#""B" < "a""#, true), (#""abc" >= "abd""#, false),
        ("true = true", true), ("true != false", true),
        (#"date("2025-01-01") < date("2025-01-02")"#, true), (#"date("2025-01-01") = @"2025-01-01""#, true),
        (#"time("10:00:00") < time("11:00:00")"#, true),
        (#"time("10:00:00+01:00") = time("09:00:00Z")"#, true),
        (#"date and time("2025-01-01T10:00:00") > date and time("2025-01-01T09:59:59")"#, true),
        (#"date and time("2025-01-01T10:00:00+02:00") = date and time("2025-01-01T08:00:00Z")"#, true),
        (#"duration("P1Y") = duration("P12M")"#, true), (#"duration("PT24H") = duration("P1D")"#, true),
        (#"duration("P1M") < duration("P1Y")"#, true), (#"duration("PT1H") > duration("PT59M")"#, true),
        ("[1, 2] = [1, 2]", true), ("[1, 2] = [2, 1]", false), ("[1, [2]] = [1, [2]]", true), ("[1] = [1, 2]", false),
        ("{a: 1, b: 2} = {b: 2, a: 1}", true), ("{a: 1} = {a: 2}", false), ("{a: 1} = {b: 1}", false),
        ("null = null", true), ("1 = null", false), ("null = 1", false), ("null != null", false), ("1 != null", true),
        (#""a" = null"#, false),
    ])
    func comparisons(expression: String, expected: FEELValue) {
        #expect(feel(expression) == expected)
    }

    @Test("comparing different types is null and reported", arguments: [
        #""1" = 1"#, #""a" < 1"#, "true < false", "true = 1", #"date("2025-01-01") = date and time("2025-01-01T00:00:00")"#,
        #"duration("P1Y") = duration("P365D")"#, #"duration("P1Y") < duration("P1D")"#, "[1] < [2]", "{a: 1} < {a: 2}",
        #"date("2025-01-01") > 5"#,
    ])
    func mismatchedComparisons(expression: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("cannot compare") == true)
    }

    @Test("ordering with null is null without a problem", arguments: ["null < 1", "1 > null", "null <= null", #"null >= "a""#])
    func orderingWithNull(expression: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.isEmpty)
    }

    // MARK: Three-valued logic

    static let truthValues: [FEELValue] = [true, false, .null]

    @Test("and truth table", arguments: truthValues, truthValues)
    func andTable(a: FEELValue, b: FEELValue) {
        let expected: FEELValue
        if a == false || b == false { expected = false } else if a == true && b == true { expected = true } else { expected = .null }
        #expect(feel("a and b", ["a": a, "b": b]) == expected)
    }

    @Test("or truth table", arguments: truthValues, truthValues)
    func orTable(a: FEELValue, b: FEELValue) {
        let expected: FEELValue
        if a == true || b == true { expected = true } else if a == false && b == false { expected = false } else { expected = .null }
        #expect(feel("a or b", ["a": a, "b": b]) == expected)
    }

    @Test("not truth table", arguments: [(FEELValue.boolean(true), FEELValue.boolean(false)), (false, true), (.null, .null)])
    func notTable(a: FEELValue, expected: FEELValue) {
        #expect(feel("not(a)", ["a": a]) == expected)
    }

    @Test("non-booleans in logic count as null and are reported", arguments: [
        ("1 and true", FEELValue.null), ("1 and false", false), (#""x" or true"#, true), (#""x" or false"#, .null),
    ])
    func nonBooleanLogic(expression: String, expected: FEELValue) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == expected)
        #expect(problems.count == 1)
    }

    @Test("and binds tighter than or")
    func precedence() {
        #expect(feel("true or true and false") == true)
        #expect(feel("(true or true) and false") == false)
        #expect(feel("1 < 2 and 2 < 3") == true)
        #expect(feel("1 + 1 = 2") == true)
    }

    // MARK: Null propagation and type errors

    @Test("null propagates through arithmetic without a problem", arguments: [
        "null + 1", "1 - null", "null * 2", "2 / null", "null ** 2", "-null", #""a" + null"#, #"date("2025-01-01") + null"#,
        "x + 1", "x.y", "x.y.z", "null.a",
    ])
    func nullPropagation(expression: String) {
        let (value, problems) = feelWithProblems(expression, ["x": .null])
        #expect(value == .null)
        #expect(problems.isEmpty)
    }

    @Test("type mismatches are null and reported", arguments: [
        (#""a" + 1"#, "cannot add string and number"),
        (#"1 + "a""#, "cannot add number and string"),
        (#""a" - "b""#, "cannot subtract string from string"),
        (#""a" * 2"#, "cannot multiply string and number"),
        (#"true / 2"#, "cannot divide boolean by number"),
        (#""2" ** 2"#, "cannot raise string to the power of number"),
        (#"-"a""#, "cannot negate string"),
        (#"[1] + [2]"#, "cannot add list and list"),
        (#"date("2025-01-01") + 1"#, "cannot add date and number"),
        (#"duration("P1Y") + duration("P1D")"#, "cannot add years and months duration and days and time duration"),
    ])
    func typeMismatch(expression: String, message: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.map(\.message) == [message])
    }

    @Test("a problem carries the operator's offset")
    func problemOffset() {
        let (_, problems) = feelWithProblems(#"1 + ("a" * 2)"#)
        #expect(problems.first?.offset == 9)
        #expect(problems.first?.expression == #"1 + ("a" * 2)"#)
    }

    @Test("strings concatenate")
    func concatenation() {
        #expect(feel(#""abc" + "def""#) == "abcdef")
        #expect(feel(#""" + "x""#) == "x")
        #expect(feel(#""日本" + "語""#) == "日本語")
    }

    // MARK: if, between, in

    @Test("if then else", arguments: [
        ("if true then 1 else 2", FEELValue.number(1)), ("if false then 1 else 2", 2), ("if null then 1 else 2", 2),
        ("if 1 < 2 then \"yes\" else \"no\"", "yes"), ("if true then if false then 1 else 3 else 2", 3),
        ("(if true then 1 else 2) + 10", 11),
    ])
    func ifThenElse(expression: String, expected: FEELValue) {
        #expect(feel(expression) == expected)
    }

    @Test("between", arguments: [
        ("5 between 1 and 10", FEELValue.boolean(true)), ("1 between 1 and 10", true), ("10 between 1 and 10", true),
        ("0 between 1 and 10", false), ("11 between 1 and 10", false), (#""b" between "a" and "c""#, true),
        (#"date("2025-06-01") between date("2025-01-01") and date("2025-12-31")"#, true), ("null between 1 and 2", .null),
        ("x between 1 + 1 and 3 * 2", true),
    ])
    func between(expression: String, expected: FEELValue) {
        #expect(feel(expression, ["x": 4]) == expected)
    }

    @Test("in", arguments: [
        ("5 in (1, 5, 7)", FEELValue.boolean(true)), ("4 in (1, 5, 7)", false), ("5 in [1..5]", true), ("5 in [1..5)", false),
        ("5 in (1..5]", true), ("1 in (1..5]", false), ("5 in < 10", true), ("5 in (< 3, > 4)", true), ("5 in [1, 2, 5]", true),
        ("5 in 5", true), (#""b" in ("a", "b")"#, true), ("5 in (]1..3[, [4..6])", true), ("5 in x", true),
        ("5 in (1, 5) and false", false), ("null in (1, null)", true), ("null in (1, 2)", false), ("3 in (? > 2)", true),
        ("[1, 2] in ([1, 2], [3])", true),
    ])
    func inOperator(expression: String, expected: FEELValue) {
        #expect(feel(expression, ["x": [4, 5]]) == expected)
    }

    // MARK: Paths, filters, iteration

    @Test("path expressions")
    func paths() {
        let loan: FEELValue = .context(FEELContext([("amount", 1000), ("term", .context(FEELContext([("months", 12)])))]))
        #expect(feel("Loan.amount", ["Loan": loan]) == 1000)
        #expect(feel("Loan.term.months", ["Loan": loan]) == 12)
        #expect(feel("Loan.amount / Loan.term.months", ["Loan": loan]) == .number(FEELNumber(Decimal(string: "83.33333333333333333333333333333333")!)))
        #expect(feel("Loan.missing", ["Loan": loan]) == .null)
        #expect(feel("[{a: 1}, {a: 2}].a") == [1, 2])
        let (value, problems) = feelWithProblems("x.amount", ["x": 5])
        #expect(value == .null)
        #expect(problems.map(\.message) == ["number has no member 'amount'"])
    }

    @Test("filters")
    func filters() {
        #expect(feel("[1, 2, 3][2]") == 2)
        #expect(feel("[1, 2, 3][-1]") == 3)
        #expect(feel("[1, 2, 3][4]") == .null)
        #expect(feel("[1, 2, 3][item >= 2]") == [2, 3])
        #expect(feel("[{a: 1}, {a: 5}][a > 2]") == .list([.context(FEELContext([("a", 5)]))]))
        #expect(feel("xs[item > limit]", ["xs": [1, 5, 9], "limit": 4]) == [5, 9])
    }

    @Test("for, some, every")
    func iteration() {
        #expect(feel("for x in [1, 2, 3] return x * x") == [1, 4, 9])
        #expect(feel("for i in 1..3 return i") == [1, 2, 3])
        #expect(feel("for i in 3..1 return i") == [3, 2, 1])
        #expect(feel("for a in [1, 2], b in [10, 20] return a + b") == [11, 21, 12, 22])
        #expect(feel("some x in [1, 2, 3] satisfies x > 2") == true)
        #expect(feel("some x in [1, 2, 3] satisfies x > 3") == false)
        #expect(feel("every x in [1, 2, 3] satisfies x > 0") == true)
        #expect(feel("every x in [1, 2, 3] satisfies x > 1") == false)
    }
}
