import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL robustness")
struct FEELRobustnessTests {
    static let fragments = [
        "(", ")", "[", "]", "{", "}", ",", ":", ".", "..", "+", "-", "*", "/", "**", "=", "!=", "<", "<=", ">", ">=",
        "\"", "\"a\"", "\"\\", "\\u", "@", "@\"2025-01-01\"", "?", "1", "0", "-1", "2.5", ".5", "1e3", "999999999999",
        "x", "y", "item", "Full Name", "and", "or", "not", "not(", "if", "then", "else", "in", "between", "for", "some",
        "every", "satisfies", "return", "true", "false", "null", "date(", "date and time(", "duration(", "\"P1Y\"",
        "count(", "sum(", "substring(", "string length(", " ", "  ", "\n", "//", "/*", "*/", "#", "日本", "😀", "\u{301}",
        "e", "E", "instance", "of", "function", "-", "x.y", "[1..5]", "(1..5)", "]1..5[", "? >", "0 ..", "\u{0}",
    ]

    static let scope = FEELScope([
        "x": 3, "y": "text", "Full Name": "Ann", "item": [1, 2],
        "f": .function(FEELFunction(name: "f", parameters: ["a"]) { $0.first ?? .null }),
    ])

    /// Parses and evaluates `text` both ways; the point is that it returns.
    static func exercise(_ text: String) {
        if let expression = try? FEELExpression(text, knownNames: ["Full Name"]) {
            var problems: [FEELError] = []
            _ = expression.evaluate(scope, problems: &problems)
            _ = expression.referencedNames
            _ = expression.literalValue
            for problem in problems {
                #expect(problem.offset >= 0 && problem.offset <= text.count, "offset out of range for \(text.debugDescription)")
            }
        }
        do {
            let tests = try FEELUnaryTests(text, knownNames: ["Full Name"])
            for input: FEELValue in [.null, 3, "a", true, feelDate("2025-01-01")] {
                _ = tests.test(input, scope: scope)
            }
            _ = tests.literalValues
            _ = tests.referencedNames
        } catch {
            #expect(error.offset >= 0 && error.offset <= text.count, "offset out of range for \(text.debugDescription)")
            _ = error.description
        }
    }

    @Test("random token soup never crashes", arguments: 0..<20)
    func tokenSoup(seed: UInt64) {
        var random = SplitMix64(state: seed)
        for _ in 0..<150 {
            let count = Int.random(in: 1...12, using: &random)
            var text = ""
            for _ in 0..<count {
                text += FEELRobustnessTests.fragments.randomElement(using: &random) ?? ""
                if Bool.random(using: &random) { text += " " }
            }
            FEELRobustnessTests.exercise(text)
        }
    }

    @Test("random characters never crash", arguments: 0..<10)
    func randomCharacters(seed: UInt64) {
        var random = SplitMix64(state: seed &+ 1000)
        for _ in 0..<200 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                let value: UInt32
                switch Int.random(in: 0..<10, using: &random) {
                case 0: value = UInt32.random(in: 0...0x1F, using: &random)
                case 1: value = UInt32.random(in: 0x80...0xFFFF, using: &random)
                case 2: value = UInt32.random(in: 0x10000...0x10FFFF, using: &random)
                default: value = UInt32.random(in: 0x20...0x7E, using: &random)
                }
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            FEELRobustnessTests.exercise(String(scalars))
        }
    }

    @Test("every prefix and single-character deletion of valid text is handled", arguments: [
        #"if Full Name = "Ann" then date("2025-04-01") + duration("P1M") else null"#,
        #"{a: [1, 2, 3][item > 1], b: for i in 1..3 return i * 2, "c d": some v in [1] satisfies v = 1}"#,
        #"not("a", [1..5], < date("2025-01-01"), ? > 3, ]1..2[)"#,
        #"substring(string: "abc", start position: 2) + string(x ** -2 / 3)"#,
    ])
    func truncations(source: String) {
        let characters = Array(source)
        for end in 0...characters.count {
            FEELRobustnessTests.exercise(String(characters[0..<end]))
        }
        for index in characters.indices {
            var copy = characters
            copy.remove(at: index)
            FEELRobustnessTests.exercise(String(copy))
        }
    }

    @Test("nested in-tests parse in reasonable time")
    func nestedInTests() {
        var source = "1"
        for _ in 0..<40 { source = "x in ((\(source)), 2)" }
        let clock = ContinuousClock()
        let elapsed = clock.measure { FEELRobustnessTests.exercise(source) }
        #expect(elapsed < .seconds(10))
    }

    @Test("runaway iteration stops with a problem")
    func runawayIteration() {
        let (value, problems) = feelWithProblems("for a in 1..1000, b in 1..1000, c in 1..1000 return a")
        #expect(value == .null)
        #expect(problems.contains { $0.message.hasPrefix("evaluation stopped") })
    }

    /// Fuzz finding (feel harness): a 730,000-day range was made in full (120 MB) before the step budget saw it,
    /// and the loop failed only after that. Each member costs a step and at least one more for the body, so a
    /// range longer than half the steps left fails at once, at the range.
    @Test("a range too long for the step budget stops before its members are made", arguments: [
        #"for i in [@"1980-01-01"..@"3980-01-03"] return i"#, "for i in 1..600000 return i",
        "some i in 0..999999 satisfies i < 0", "for a in 1..2, b in [1..500000] return a",
    ])
    func rangeBeyondStepBudget(source: String) throws {
        let (value, problems) = feelWithProblems(source)
        #expect(value == .null)
        let problem = try #require(problems.first)
        #expect(problem.message.hasPrefix("evaluation stopped: iterating over ")
                && problem.message.hasSuffix(" items would take more than the \(FEELBudget.units) units of work allowed"))
        #expect(problems.count == 1)
    }

    /// Fuzz finding (feel harness): `for x in @"1980-01-03"..@"0990-05-01" return i` reported the unknown `i` once
    /// per day, 361,472 times.
    @Test("a problem a loop repeats is reported once")
    func repeatedProblemReportedOnce() {
        let (value, problems) = feelWithProblems("count(for x in 1..1000 return i)")
        #expect(value == 1000)
        #expect(problems.map(\.message) == ["unknown name 'i'"])
    }

    @Test("a range the step budget can pay for is iterated")
    func rangeWithinStepBudget() {
        let (value, problems) = feelWithProblems("count(for i in 1..30000 return i)")
        #expect(value == 30_000)
        #expect(problems.isEmpty)
    }

    @Test("huge numbers and scales are null, not crashes", arguments: [
        "2 ** 999999999", "0.5 ** 999999999", "10 ** 1000", "decimal(1, 999999)", "floor(1, -999999)", "1e999999",
        "999999999999999999999999999999999999999 * 999999999999999999999999999999999999999", "date(999999999999, 1, 1)",
        #"date("999999999-12-31") + duration("P1Y")"#, #"duration("P999999999999999999D")"#, "for i in 1..10000000 return i",
        "substring(\"abc\", 99999999999999999999)", "2 ** 0.5 ** 1000",
        "sublist([1], -9223372036854775808)", "[1, 2][-9223372036854775808]", "date(-9223372036854775808, 1, 1)",
        "insert before([1], -9223372036854775808, 2)", "for i in -9223372036854775808..9223372036854775807 return i",
        #"time(1, 2, 3, duration("-PT2562047788015215H"))"#, #"duration("PT9223372036854775807S") * 10"#,
        #"date and time("2025-01-01T00:00:00") + duration("P999999999999D")"#, "decimal(1.5, -9223372036854775808)",
        #"substring("abc", -9223372036854775808, 9223372036854775807)"#, "modulo(1e100, 1e-100)",
    ])
    func hugeValues(source: String) {
        FEELRobustnessTests.exercise(source)
    }

    @Test("number operations across the whole range never crash", arguments: 0..<8)
    func numberFuzz(seed: UInt64) {
        var random = SplitMix64(state: seed &+ 77)
        func randomNumber() -> FEELNumber {
            let digits = (0..<Int.random(in: 1...38, using: &random)).map { _ in String(Int.random(in: 0...9, using: &random)) }
            let text = (Bool.random(using: &random) ? "-" : "") + digits.joined() + "e" + String(Int.random(in: -170...130, using: &random))
            return FEELNumber(text) ?? FEELNumber(Int.random(in: -1000...1000, using: &random))
        }
        for _ in 0..<150 {
            let a = randomNumber(), b = randomNumber()
            _ = FEELNumber.add(a, b)
            _ = FEELNumber.subtract(a, b)
            _ = FEELNumber.multiply(a, b)
            _ = FEELNumber.divide(a, b)
            _ = FEELNumber.power(a, FEELNumber(Int.random(in: -40...40, using: &random)))
            _ = a.rounded(scale: Int.random(in: -200...200, using: &random), mode: .bankers)
            _ = a < b
            _ = a == b
            _ = a.description
            _ = a.doubleValue
            _ = a.intValue
            #expect(FEELNumber(a.description) == a)
        }
        for value in [Int.min, Int.max, 0, -1] {
            #expect(FEELNumber(value).intValue == value)
        }
        _ = FEELNumber(Decimal.greatestFiniteMagnitude)
        _ = FEELNumber(Decimal.leastNonzeroMagnitude)
        _ = FEELNumber(Decimal.nan).description
    }
}
