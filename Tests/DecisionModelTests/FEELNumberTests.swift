import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL numbers")
struct FEELNumberTests {
    @Test("parses number text", arguments: [
        ("12", "12"), ("-0.0375", "-0.0375"), ("1e3", "1000"), ("1E3", "1000"), ("1.5e-2", "0.015"),
        ("+3", "3"), (".5", "0.5"), ("0.50", "0.5"), ("007", "7"), ("-0", "0"), ("0.000", "0"),
        ("2.500e+1", "25"), ("123456789012345678901234567890", "123456789012345678901234567890"),
    ])
    func parses(text: String, expected: String) throws {
        let number = try #require(FEELNumber(text))
        #expect(number.description == expected)
    }

    @Test("rejects malformed number text", arguments: ["", "-", "abc", "1.2.3", "1e", "1e+", " 1", "1 ", "0x10", "1,5", "..5", "1e999999"])
    func rejects(text: String) {
        #expect(FEELNumber(text) == nil)
    }

    @Test("description is plain decimal notation", arguments: [
        (Decimal(string: "2878.69354943277")!, "2878.69354943277"),
        (Decimal(12), "12"),
        (Decimal(string: "0.5")!, "0.5"),
        (Decimal(string: "1e20")!, "100000000000000000000"),
        (Decimal(string: "1e-20")!, "0.00000000000000000001"),
        (Decimal(string: "-12.3400")!, "-12.34"),
        (Decimal(0), "0"),
    ])
    func description(value: Decimal, expected: String) {
        #expect(FEELNumber(value).description == expected)
    }

    @Test("parsing rounds to 34 significant digits, half-even")
    func parsingRounds() throws {
        // 35 digits ending in 5: ties to even.
        #expect(FEELNumber("1234567890123456789012345678901234.5")?.description == "1234567890123456789012345678901234")
        #expect(FEELNumber("1234567890123456789012345678901235.5")?.description == "1234567890123456789012345678901236")
        #expect(FEELNumber("0.99999999999999999999999999999999999")?.description == "1")
    }

    @Test("integers and conversions")
    func conversions() {
        let twelve: FEELNumber = 12
        #expect(twelve.isInteger)
        #expect(twelve.intValue == 12)
        #expect(FEELNumber(-7).intValue == -7)
        #expect(FEELNumber("12.5")?.isInteger == false)
        #expect(FEELNumber("12.5")?.intValue == nil)
        #expect(FEELNumber("12.5")?.doubleValue == 12.5)
        #expect(FEELNumber("1e30")?.intValue == nil)
        #expect(FEELNumber(0.1)?.description == "0.1")
        #expect(FEELNumber(Double.nan) == nil)
        #expect(FEELNumber(Double.infinity) == nil)
    }

    @Test("equal values are equal and hash alike")
    func hashing() throws {
        let a = try #require(FEELNumber("1.0")), b = FEELNumber(1)
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(FEELNumber("0.1")! < FEELNumber("0.2")!)
        #expect(FEELNumber(-3) < FEELNumber(2))
    }

    @Test("1/3 has 34 significant digits")
    func oneThird() {
        #expect(feelText(feel("1/3")) == "0." + String(repeating: "3", count: 34))
        #expect(feelText(feel("2/3")) == "0." + String(repeating: "6", count: 33) + "7")
        #expect(feelText(feel("10/3")) == "3." + String(repeating: "3", count: 33))
    }

    @Test("arithmetic operators", arguments: [
        ("1 + 2", "3"), ("0.1 + 0.2", "0.3"), ("5 - 7", "-2"), ("1.5 * 4", "6"), ("7 / 2", "3.5"),
        ("2 ** 10", "1024"), ("2 ** -2", "0.25"), ("2 ** 0", "1"), ("0 ** 0", "1"), ("(-2) ** 3", "-8"),
        ("-2 ** 2", "4"), ("1.1 ** 2", "1.21"), ("4 ** 0.5", "2"), ("10 ** -3", "0.001"),
        ("-(3)", "-3"), ("- -3", "3"), ("2 + 3 * 4", "14"), ("(2 + 3) * 4", "20"), ("2 * 3 ** 2", "18"),
        ("10 - 4 - 3", "3"), ("100 / 10 / 5", "2"), ("1.000 + 1", "2"), ("1e3 + 1", "1001"),
        ("123456789.123456789 * 1000000000", "123456789123456789"),
    ])
    func arithmetic(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("division by zero is null and reported", arguments: ["1 / 0", "0 / 0", "1 / (2 - 2)", "0 ** -1"])
    func divisionByZero(expression: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.contains { $0.message.contains("division by zero") })
    }

    @Test("overflow is null")
    func overflow() {
        let (value, problems) = feelWithProblems("10 ** 200 * 10 ** 200")
        #expect(value == .null)
        #expect(!problems.isEmpty)
    }

    @Test("mortgage payment with a negative integer exponent")
    func payment() throws {
        let scope: [String: FEELValue] = ["p": 600000, "r": feelNumber("0.0375"), "n": 360]
        let value = feel("(p*r/12)/(1-(1+r/12)**-n)", scope)
        let number = try #require(value.numberValue)
        // ≈ 2778.69354943277: the first 12 significant digits are exact.
        #expect(number.description.hasPrefix("2778.69354943"))
        #expect(number.rounded(scale: 11, mode: .bankers)?.description == "2778.69354943277")
        // The same as Python's decimal module at 34 digits.
        #expect(number.description == "2778.693549432766768088520383236299")
    }

    @Test("number literal forms")
    func literals() {
        #expect(feel("12") == 12)
        #expect(feel(".5") == feelNumber("0.5"))
        #expect(feel("-0.0375") == feelNumber("-0.0375"))
        #expect(feel("1e3") == 1000)
        #expect(feel("2.5E-1") == feelNumber("0.25"))
    }
}
