import Foundation

/// A FEEL number: an exact decimal with FEEL's semantics (IEEE 754-2008 decimal128: 34
/// significant digits, results rounded half-even). Stored as a Foundation `Decimal`.
public struct FEELNumber: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Significant digits FEEL keeps (decimal128).
    public static let precision = 34

    public var decimal: Decimal

    /// Wraps a decimal, rounding it to 34 significant digits (half-even).
    public init(_ value: Decimal) {
        self.decimal = FEELNumber.rounded(value)
    }

    public init(_ value: Int) {
        self.decimal = FEELNumber.rounded(Decimal(value))
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// Nil for NaN and infinities; otherwise the shortest decimal that round-trips the double.
    public init?(_ value: Double) {
        guard value.isFinite, let parsed = FEELNumber("\(value)") else { return nil }
        self = parsed
    }

    /// Parses `12`, `-0.0375`, `+3`, `.5`, `1e3`, `1.5E-2`. Surrounding whitespace is not allowed.
    /// Nil for anything else, or for a magnitude outside what a decimal can hold.
    public init?(_ text: String) {
        guard let value = FEELNumber.parse(text) else { return nil }
        self.decimal = value
    }

    // MARK: - Properties

    public var doubleValue: Double {
        Double(description) ?? .nan
    }

    public var isInteger: Bool {
        var value = decimal
        var whole = Decimal()
        NSDecimalRound(&whole, &value, 0, .down)
        return whole == decimal
    }

    /// The value as an `Int` when it is an integer that fits.
    public var intValue: Int? {
        guard isInteger, !decimal.isNaN else { return nil }
        let text = description
        return Int(text)
    }

    public var isZero: Bool { decimal.isZero }
    public var isNegative: Bool { decimal < 0 }

    /// Plain decimal notation: no exponent, no trailing zeros ("2878.69354943277", "12", "0.5").
    public var description: String {
        FEELNumber.plainString(decimal)
    }

    // MARK: - Hashable / Comparable

    public static func == (lhs: FEELNumber, rhs: FEELNumber) -> Bool {
        lhs.decimal == rhs.decimal
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
    }

    public static func < (lhs: FEELNumber, rhs: FEELNumber) -> Bool {
        lhs.decimal < rhs.decimal
    }

    // MARK: - Arithmetic (nil when the result is not a number: overflow, division by zero)

    public static func add(_ a: FEELNumber, _ b: FEELNumber) -> FEELNumber? {
        var result = Decimal(), l = a.decimal, r = b.decimal
        guard NSDecimalAdd(&result, &l, &r, .bankers) == .noError else { return nil }
        return FEELNumber(checked: result)
    }

    public static func subtract(_ a: FEELNumber, _ b: FEELNumber) -> FEELNumber? {
        var result = Decimal(), l = a.decimal, r = b.decimal
        guard NSDecimalSubtract(&result, &l, &r, .bankers) == .noError else { return nil }
        return FEELNumber(checked: result)
    }

    public static func multiply(_ a: FEELNumber, _ b: FEELNumber) -> FEELNumber? {
        var result = Decimal(), l = a.decimal, r = b.decimal
        let error = NSDecimalMultiply(&result, &l, &r, .bankers)
        if error == .underflow { return FEELNumber(0) }
        guard error == .noError else { return nil }
        return FEELNumber(checked: result)
    }

    public static func divide(_ a: FEELNumber, _ b: FEELNumber) -> FEELNumber? {
        guard !b.decimal.isZero else { return nil }
        var result = Decimal(), l = a.decimal, r = b.decimal
        let error = NSDecimalDivide(&result, &l, &r, .bankers)
        if error == .underflow { return FEELNumber(0) }
        guard error == .noError else { return nil }
        return FEELNumber(checked: result)
    }

    public static func negate(_ a: FEELNumber) -> FEELNumber {
        var value = a.decimal
        if !value.isZero { value.negate() }
        return FEELNumber(rawDecimal: value)
    }

    /// `a ** b`: exact (34 digits) for integer exponents, including negative ones; through
    /// `Double` for other exponents. Nil when undefined or out of range.
    public static func power(_ base: FEELNumber, _ exponent: FEELNumber) -> FEELNumber? {
        if exponent.isInteger, let n = exponent.intValue, n.magnitude <= 1_000_000_000 {
            if n == 0 { return FEELNumber(1) }
            if base.isZero { return n > 0 ? FEELNumber(0) : nil }
            // Square-and-multiply at Decimal's full 38 digits; round to 34 once at the end.
            var result = Decimal(1)
            var factor = base.decimal
            var remaining = n.magnitude
            while remaining > 0 {
                if remaining & 1 == 1 {
                    guard let next = rawMultiply(result, factor) else { return nil }
                    result = next
                }
                remaining >>= 1
                if remaining > 0 {
                    guard let squared = rawMultiply(factor, factor) else { return nil }
                    factor = squared
                }
            }
            if n > 0 { return FEELNumber(checked: result) }
            guard !result.isZero else { return nil }
            var quotient = Decimal(), one = Decimal(1)
            let error = NSDecimalDivide(&quotient, &one, &result, .plain)
            if error == .underflow { return FEELNumber(0) }
            guard error == .noError else { return nil }
            return FEELNumber(checked: quotient)
        }
        let value = Foundation.pow(base.doubleValue, exponent.doubleValue)
        return FEELNumber(value)
    }

    private static func rawMultiply(_ a: Decimal, _ b: Decimal) -> Decimal? {
        var result = Decimal(), l = a, r = b
        let error = NSDecimalMultiply(&result, &l, &r, .plain)
        if error == .underflow { return Decimal(0) }
        return error == .noError ? result : nil
    }

    /// Rounds to `scale` decimal places with the given mode (`scale` may be negative).
    public func rounded(scale: Int, mode: NSDecimalNumber.RoundingMode) -> FEELNumber? {
        guard (-6111...6176).contains(scale) else { return nil }
        let clampedScale = max(-128, min(scale, 128))
        var value = decimal
        var result = Decimal()
        NSDecimalRound(&result, &value, clampedScale, mode)
        guard !result.isNaN else { return nil }
        return FEELNumber(result)
    }

    // MARK: - Internals

    init(rawDecimal: Decimal) {
        self.decimal = rawDecimal
    }

    private init?(checked value: Decimal) {
        guard !value.isNaN else { return nil }
        self.decimal = FEELNumber.rounded(value)
    }

    /// Rounds to 34 significant digits, half-even.
    static func rounded(_ value: Decimal) -> Decimal {
        guard !value.isNaN, !value.isZero else { return value.isNaN ? value : Decimal(0) }
        let digits = significandDigits(value).count
        if digits <= precision { return value }
        let adjustedExponent = value.exponent + digits - 1
        let scale = precision - 1 - adjustedExponent
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .bankers)
        return result.isNaN ? value : result
    }

    /// The digits of the integer significand (no sign, no leading zeros).
    private static func significandDigits(_ value: Decimal) -> String {
        let significand = value.significand.magnitude
        var text = "\(significand)"
        text.removeAll { !$0.isASCII || !$0.isNumber }
        return text
    }

    static func plainString(_ value: Decimal) -> String {
        if value.isNaN { return "NaN" }
        if value.isZero { return "0" }
        var digits = Array(significandDigits(value))
        var exponent = value.exponent
        // Strip trailing zeros of the significand into the exponent.
        while digits.count > 1, digits.last == "0" {
            digits.removeLast()
            exponent += 1
        }
        let sign = value < 0 ? "-" : ""
        if exponent >= 0 {
            return sign + String(digits) + String(repeating: "0", count: exponent)
        }
        let fractionLength = -exponent
        if fractionLength >= digits.count {
            return sign + "0." + String(repeating: "0", count: fractionLength - digits.count) + String(digits)
        }
        let split = digits.count - fractionLength
        return sign + String(digits[0..<split]) + "." + String(digits[split...])
    }

    /// Parses FEEL/XSD number text exactly (no Double round trip).
    static func parse(_ text: String) -> Decimal? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var negative = false
        if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" {
            negative = scalars[index] == "-"
            index += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        while index < scalars.count {
            let scalar = scalars[index]
            if let digit = asciiDigit(scalar) {
                sawDigit = true
                // Leading zeros are not significant (after the point they still shift the exponent).
                if !(digits.isEmpty && digit == 0) { digits.append(digit) }
                if sawPoint { fractionDigits += 1 }
                index += 1
            } else if scalar == "." && !sawPoint {
                sawPoint = true
                index += 1
            } else {
                break
            }
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            var expNegative = false
            if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" {
                expNegative = scalars[index] == "-"
                index += 1
            }
            var sawExpDigit = false
            while index < scalars.count, let digit = asciiDigit(scalars[index]) {
                sawExpDigit = true
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                index += 1
            }
            guard sawExpDigit else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard index == scalars.count else { return nil }
        if digits.isEmpty { return Decimal(0) }
        exponent -= fractionDigits
        // Round to 34 significant digits, half-even, on the digit string.
        if digits.count > precision {
            let dropped = Array(digits[precision...])
            digits = Array(digits[0..<precision])
            exponent += dropped.count
            let first = dropped[0]
            let restNonZero = dropped.dropFirst().contains { $0 != 0 }
            let roundUp = first > 5 || (first == 5 && (restNonZero || (digits.last ?? 0) % 2 == 1))
            if roundUp {
                var position = digits.count - 1
                while position >= 0 {
                    if digits[position] == 9 {
                        digits[position] = 0
                        position -= 1
                    } else {
                        digits[position] += 1
                        break
                    }
                }
                if position < 0 {
                    digits.insert(1, at: 0)
                    digits.removeLast()
                    exponent += 1
                }
            }
        }
        // Drop trailing zeros so the exponent stays in range as long as possible.
        while digits.count > 1, digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        // Bring a too-large exponent into range by appending zeros to the significand.
        while exponent > 127, digits.count < 38 {
            digits.append(0)
            exponent -= 1
        }
        guard exponent <= 127 else { return nil }
        if exponent < -128 {
            // Too small for Decimal: drop digits (rounding would be finer, but this is below 1e-90).
            let drop = -128 - exponent
            if drop >= digits.count { return Decimal(0) }
            digits.removeLast(drop)
            exponent = -128
        }
        var significand = Decimal(0)
        for digit in digits {
            significand = significand * 10 + Decimal(Int(digit))
        }
        let value = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
        return value.isNaN ? nil : value
    }

    private static func asciiDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.value >= 48, scalar.value <= 57 else { return nil }
        return UInt8(scalar.value - 48)
    }
}
