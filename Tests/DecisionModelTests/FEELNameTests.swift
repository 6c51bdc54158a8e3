import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL names, paths and functions")
struct FEELNameTests {
    static let known: Set<String> = ["Full Name", "Monthly Salary", "Employment Status", "Date of Birth", "Pre-Bureau Risk",
                                     "Full", "Loan in Default", "Applicant"]
    static let scope: [String: FEELValue] = [
        "Full Name": "Ann", "Monthly Salary": 1000, "Employment Status": "EMPLOYED", "Date of Birth": feelDate("1990-01-01"),
        "Pre-Bureau Risk": 3, "Full": 1, "Loan in Default": false,
        "Applicant": .context(FEELContext([("Monthly Salary", 5), ("age", 30), ("Full Name", "Bo")])),
    ]

    @Test("known names with spaces and symbols are single names", arguments: [
        ("Full Name", FEELValue.string("Ann")),
        ("Monthly Salary * 12", 12000),
        (#"Employment Status = "EMPLOYED""#, true),
        ("Date of Birth.year", 1990),
        ("Pre-Bureau Risk + 1", 4),
        ("Pre-Bureau Risk-1", 2),
        ("Full", 1),
        ("Full  Name", "Ann"),
        ("Full\tName", "Ann"),
        ("Loan in Default", false),
        ("not(Loan in Default)", true),
        ("Applicant.Monthly Salary", 5),
        ("Applicant.Full Name", "Bo"),
        ("Applicant.age", 30),
        (#"if Monthly Salary > 500 then "high" else "low""#, "high"),
        ("Full Name + \"!\"", "Ann!"),
    ])
    func knownNames(source: String, expected: FEELValue) {
        #expect(feel(source, FEELNameTests.scope, known: FEELNameTests.known) == expected)
    }

    @Test("the longest known name wins")
    func longestMatch() {
        let scope: [String: FEELValue] = ["a": 1, "a b": 2, "a b c": 3]
        #expect(feel("a b c", scope, known: ["a b", "a b c"]) == 3)
        #expect(feel("a b", scope, known: ["a b", "a b c"]) == 2)
        #expect(feel("a b + a", scope, known: ["a b", "a b c"]) == 3)
    }

    @Test("a known name does not match part of a longer word")
    func wordBoundaries() {
        let (value, problems) = feelWithProblems("Full Names", ["Full Name": "x"], known: ["Full Name"])
        #expect(value == .null)
        #expect(problems.map(\.message) == ["unknown name 'Full Names'"])
        #expect(feel("Fully", ["Fully": 2], known: ["Full"]) == 2)
    }

    @Test("names without spaces need not be known; unknown multi-word names read as one name")
    func unknownNames() {
        #expect(feel("age + 1", ["age": 41]) == 42)
        #expect(feel("Monthly Salary * 2", ["Monthly Salary": 10]) == 20)
        #expect(feel("年齢 >= 20", ["年齢": 30]) == true)
        #expect(feel("_x1 + x_2", ["_x1": 1, "x_2": 2]) == 3)
    }

    @Test("unknown names are null and reported with their offset")
    func unknownNameProblems() {
        let (value, problems) = feelWithProblems("1 + missing")
        #expect(value == .null)
        #expect(problems.count == 1)
        #expect(problems.first?.message == "unknown name 'missing'")
        #expect(problems.first?.offset == 4)
    }

    @Test("referenced names", arguments: [
        ("a + b.c", Set(["a", "b"])),
        ("Monthly Salary * 12", Set(["Monthly Salary"])),
        (#"PMT(amount, rate, 360) + count([1])"#, Set(["PMT", "amount", "rate"])),
        (#"date("2025-01-01") + duration("P1D")"#, Set<String>()),
        ("{a: 1, b: a + z}.b", Set(["z"])),
        ("for x in xs return x + y", Set(["xs", "y"])),
        ("some x in xs satisfies x > limit", Set(["xs", "limit"])),
        ("xs[item > 1]", Set(["xs"])),
        ("if c then d else e", Set(["c", "d", "e"])),
        ("x in (1, y)", Set(["x", "y"])),
        ("f(a: p)", Set(["f", "p"])),
        ("is defined(q)", Set(["q"])),
    ])
    func referencedNames(source: String, expected: Set<String>) throws {
        #expect(try FEELExpression(source, knownNames: ["Monthly Salary"]).referencedNames == expected)
    }

    // MARK: Functions

    static let pmt = FEELFunction(name: "PMT", parameters: ["p", "r", "n"]) { arguments in
        guard arguments.count == 3, case .number(let p) = arguments[0], case .number(let r) = arguments[1],
              case .number(let n) = arguments[2] else { return .null }
        let rate = FEELNumber.divide(r, 12) ?? 0
        let growth = FEELNumber.power(FEELNumber.add(1, rate) ?? 1, FEELNumber.negate(n)) ?? 1
        guard let numerator = FEELNumber.multiply(p, rate), let denominator = FEELNumber.subtract(1, growth),
              let payment = FEELNumber.divide(numerator, denominator) else { return .null }
        return .number(payment)
    }

    @Test("function values in the scope are callable with positional and named arguments", arguments: [
        "PMT(600000, 0.0375, 360)",
        "PMT(p: 600000, r: 0.0375, n: 360)",
        "PMT(n: 360, p: 600000, r: 0.0375)",
        "PMT(Loan.amount, Loan.rate, Loan.term)",
    ])
    func functionCalls(source: String) throws {
        let loan: FEELValue = .context(FEELContext([("amount", 600000), ("rate", feelNumber("0.0375")), ("term", 360)]))
        let value = feel(source, ["PMT": .function(FEELNameTests.pmt), "Loan": loan])
        let number = try #require(value.numberValue)
        #expect(number.description.hasPrefix("2778.69354943"))
    }

    @Test("named arguments left out are null; too few or too many positional ones and unknown names are reported")
    func argumentMismatch() {
        let echo = FEELFunction(name: "echo", parameters: ["a", "b"]) { .list($0) }
        let scope: [String: FEELValue] = ["echo": .function(echo), "notFunction": 5]
        #expect(feel("echo(b: 2)", scope) == [.null, 2])
        let (missing, missingProblems) = feelWithProblems("echo(1)", scope)
        #expect(missing == .null)
        #expect(missingProblems.map(\.message) == ["echo expects 2 arguments but got 1"])
        let (extra, extraProblems) = feelWithProblems("echo(1, 2, 3)", scope)
        #expect(extra == .null)
        #expect(extraProblems.map(\.message) == ["echo expects 2 arguments but got 3"])
        let (named, namedProblems) = feelWithProblems("echo(c: 1)", scope)
        #expect(named == .null)
        #expect(namedProblems.map(\.message) == ["echo has no parameter named 'c'"])
        let (notCallable, notCallableProblems) = feelWithProblems("notFunction(1)", scope)
        #expect(notCallable == .null)
        #expect(notCallableProblems.map(\.message) == ["'notFunction' is number, not a function"])
        let (unknown, unknownProblems) = feelWithProblems("nothing(1)", scope)
        #expect(unknown == .null)
        #expect(unknownProblems.map(\.message) == ["unknown function 'nothing'"])
    }

    @Test("a function with no declared parameters receives every argument")
    func variadicFunction() {
        let all = FEELFunction(name: "all", parameters: []) { .number(FEELNumber($0.count)) }
        #expect(feel("f(1, 2, 3)", ["f": .function(all)]) == 3)
    }

    @Test("functions reached by a path are callable")
    func pathCall() {
        let double = FEELFunction(name: "double", parameters: ["x"]) { arguments in
            guard case .number(let x) = arguments.first else { return .null }
            return .number(FEELNumber.multiply(x, 2) ?? x)
        }
        let library: FEELValue = .context(FEELContext([("double", .function(double))]))
        #expect(feel("lib.double(21)", ["lib": library]) == 42)
    }
}
