import Foundation

/// A FEEL number: an exact decimal with FEEL's semantics (IEEE 754-2008 decimal128: 34
/// significant digits, results rounded half-even).
///
/// Stored as a Foundation `Decimal` (`decimal`) together with its digits, on which all
/// arithmetic and comparison is done exactly (see `FEELDecimalDigits`): Foundation's own
/// `Decimal` arithmetic traps near the ends of its range. The range is that of `Decimal`:
/// magnitudes from about 1e-128 (smaller ones lose digits, then become 0) to below 1e128
/// (larger results are not numbers, i.e. FEEL null).
public struct FEELNumber: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Significant digits FEEL keeps (decimal128).
    public static let precision = 34

    private var storage: Decimal
    /// Sign, digits (rounded to 34, no trailing zeros) and exponent of `storage`.
    private(set) var parts: FEELDecimalDigits

    /// The value. Setting it rounds to 34 significant digits.
    public var decimal: Decimal {
        get { storage }
        set { self = FEELNumber(newValue) }
    }

    /// Wraps a decimal, rounding it to 34 significant digits (half-even).
    public init(_ value: Decimal) {
        if !value.isNaN, let number = FEELNumber(parts: FEELDecimalDigits(value)) {
            self = number
        } else {
            storage = value
            parts = FEELDecimalDigits(value)
        }
    }

    public init(_ value: Int) {
        if let number = FEELNumber(parts: FEELDecimalDigits(value)) {
            self = number
        } else {
            self.init(Decimal(value))
        }
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
    /// Nil for anything else, or for a magnitude of 1e128 or more.
    public init?(_ text: String) {
        guard let parts = FEELNumber.parse(text), let number = FEELNumber(parts: parts) else { return nil }
        self = number
    }

    /// Nil when the magnitude is beyond what can be stored.
    init?(parts: FEELDecimalDigits) {
        guard let fitted = parts.fitted(), let value = fitted.makeDecimal() else { return nil }
        self.storage = value
        self.parts = fitted
    }

    // MARK: - Properties

    public var doubleValue: Double {
        Double(description) ?? .nan
    }

    public var isInteger: Bool {
        guard parts.exponent < 0 else { return true }
        let fractionDigits = -parts.exponent
        guard fractionDigits <= parts.digits.count else { return false }
        return parts.digits.suffix(fractionDigits).allSatisfy { $0 == 0 }
    }

    /// The value as an `Int` when it is an integer that fits.
    public var intValue: Int? {
        guard isInteger, !storage.isNaN else { return nil }
        return Int(description)
    }

    public var isZero: Bool { parts.isZero }
    public var isNegative: Bool { parts.negative }

    /// Plain decimal notation: no exponent, no trailing zeros ("2878.69354943277", "12", "0.5").
    public var description: String {
        if storage.isNaN { return "NaN" }
        let parts = self.parts.normalized
        guard !parts.isZero else { return "0" }
        let digits = String(parts.digits.map { Character(Unicode.Scalar($0 + 48)) })
        let sign = parts.negative ? "-" : ""
        if parts.exponent >= 0 {
            return sign + digits + String(repeating: "0", count: parts.exponent)
        }
        let fractionLength = -parts.exponent
        if fractionLength >= digits.count {
            return sign + "0." + String(repeating: "0", count: fractionLength - digits.count) + digits
        }
        let split = digits.index(digits.startIndex, offsetBy: digits.count - fractionLength)
        return sign + digits[..<split] + "." + digits[split...]
    }

    // MARK: - Hashable / Comparable

    public static func == (lhs: FEELNumber, rhs: FEELNumber) -> Bool {
        FEELDecimalDigits.compare(lhs.parts, rhs.parts) == 0
    }

    public func hash(into hasher: inout Hasher) {
        let normalized = parts.normalized
        hasher.combine(normalized.negative)
        hasher.combine(normalized.digits)
        hasher.combine(normalized.exponent)
    }

    public static func < (lhs: FEELNumber, rhs: FEELNumber) -> Bool {
        FEELDecimalDigits.compare(lhs.parts, rhs.parts) < 0
    }

    // MARK: - Arithmetic (nil when the result is not a number: overflow, division by zero)

    public static func add(_ a: FEELNumber, _ b: FEELNumber) -> FEELNumber? {
        FEELNumber(parts: FEELDecimalDigits.add(a.parts, b.parts, precision: precision))
    }

    public static func subtract(_ a: FEELNumber, _ b: FEELNumber) -> FEELNumber? {
        add(a, negate(b))
    }

    public static func multiply(_ a: FEELNumber, _ b: FEELNumber) -> FEELNumber? {
        FEELNumber(parts: FEELDecimalDigits.multiply(a.parts, b.parts))
    }

    public static func divide(_ a: FEELNumber, _ b: FEELNumber) -> FEELNumber? {
        guard let quotient = FEELDecimalDigits.divide(a.parts, b.parts, precision: precision) else { return nil }
        return FEELNumber(parts: quotient)
    }

    public static func negate(_ a: FEELNumber) -> FEELNumber {
        guard !a.isZero, !a.storage.isNaN else { return a }
        var copy = a
        copy.storage.negate()
        copy.parts.negative.toggle()
        return copy
    }

    /// `a ** b`: exact to 34 digits for integer exponents, including negative ones; through
    /// `Double` for other exponents. Nil when undefined or out of range.
    public static func power(_ base: FEELNumber, _ exponent: FEELNumber) -> FEELNumber? {
        if exponent.isInteger, let n = exponent.intValue, n.magnitude <= 1_000_000_000 {
            if n == 0 { return FEELNumber(1) }
            if base.isZero { return n > 0 ? FEELNumber(0) : nil }
            // Square-and-multiply with guard digits; round to 34 digits once at the end.
            // `result` and `factor` are powers of the base, so both lie on the same side of 1:
            // once either is beyond 1e±400 the final value is out of range (or zero).
            func outOfRange(_ value: FEELDecimalDigits) -> FEELNumber? {
                (value.adjustedExponent > 0) == (n > 0) ? nil : FEELNumber(0)
            }
            let working = precision + 6
            var result = FEELDecimalDigits(1)
            var factor = base.parts
            var remaining = n.magnitude
            while remaining > 0 {
                if remaining & 1 == 1 {
                    result = FEELDecimalDigits.multiply(result, factor).rounded(toPrecision: working)
                    if abs(result.adjustedExponent) > 400 { return outOfRange(result) }
                }
                remaining >>= 1
                if remaining > 0 {
                    factor = FEELDecimalDigits.multiply(factor, factor).rounded(toPrecision: working)
                    if abs(factor.adjustedExponent) > 400 { return outOfRange(factor) }
                }
            }
            if n > 0 { return FEELNumber(parts: result) }
            guard let inverse = FEELDecimalDigits.divide(FEELDecimalDigits(1), result, precision: precision) else { return nil }
            return FEELNumber(parts: inverse)
        }
        let value = Foundation.pow(base.doubleValue, exponent.doubleValue)
        return FEELNumber(value)
    }

    /// The square root to 34 digits (Newton's method from the `Double` estimate); nil for negative numbers.
    public func squareRoot() -> FEELNumber? {
        if isNegative { return nil }
        if isZero { return self }
        guard var x = FEELNumber(doubleValue.squareRoot()), !x.isZero else { return nil }
        let two = FEELNumber(2)
        for _ in 0..<8 {
            guard let quotient = FEELNumber.divide(self, x), let sum = FEELNumber.add(x, quotient),
                  let next = FEELNumber.divide(sum, two) else { return nil }
            if next == x { break }
            x = next
        }
        return x
    }

    /// Rounds to `scale` decimal places with the given mode (`scale` may be negative):
    /// `.bankers` half-even, `.plain` half away from zero, `.down` toward negative infinity,
    /// `.up` toward positive infinity.
    public func rounded(scale: Int, mode: NSDecimalNumber.RoundingMode) -> FEELNumber? {
        guard (-6111...6176).contains(scale) else { return nil }
        return FEELNumber(parts: parts.rounded(toScale: scale, mode: FEELDecimalDigits.Mode(mode)))
    }

    // MARK: - Parsing

    /// Parses FEEL/XSD number text exactly (no Double round trip).
    static func parse(_ text: String) -> FEELDecimalDigits? {
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
        return FEELDecimalDigits(negative: negative, digits: digits, exponent: exponent - fractionDigits)
    }

    private static func asciiDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.value >= 48, scalar.value <= 57 else { return nil }
        return UInt8(scalar.value - 48)
    }
}
