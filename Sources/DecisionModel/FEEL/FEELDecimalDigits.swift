import Foundation

/// Exact decimal arithmetic on digit arrays, used for every FEEL number operation.
///
/// Foundation's `Decimal` is only the storage: its own arithmetic traps (crashes) when an
/// intermediate exponent leaves -128...127 (e.g. multiplying two numbers below 1e-64) and
/// mis-rounds near its limits, so operations decompose values into sign, digits and exponent,
/// compute exactly here, round once (half-even by default), and compose a `Decimal` again.
struct FEELDecimalDigits: Sendable, Equatable {
    var negative: Bool
    /// Most significant first, no leading zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    static let zero = FEELDecimalDigits(negative: false, digits: [], exponent: 0)

    var isZero: Bool { digits.isEmpty }

    /// Exponent of the leading digit (`1234e-2` → 1).
    var adjustedExponent: Int { exponent + digits.count - 1 }

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        var trimmed = digits[...]
        while trimmed.first == 0 { trimmed = trimmed.dropFirst() }
        self.digits = Array(trimmed)
        self.negative = negative && !trimmed.isEmpty
        self.exponent = trimmed.isEmpty ? 0 : exponent
    }

    init(_ value: Decimal) {
        guard !value.isNaN, !value.isZero else {
            self = .zero
            return
        }
        let text = "\(value.significand)"
        self.init(negative: value < 0, digits: text.utf8.compactMap { $0 >= 48 && $0 <= 57 ? $0 - 48 : nil },
                  exponent: value.exponent)
    }

    init(_ value: Int) {
        let text = String(value.magnitude)
        self.init(negative: value < 0, digits: text.utf8.map { $0 - 48 }, exponent: 0)
    }

    // MARK: - Rounding and composing

    enum Mode: Sendable {
        case halfEven, halfUp, floor, ceiling, towardZero

        init(_ mode: NSDecimalNumber.RoundingMode) {
            switch mode {
            case .plain: self = .halfUp
            case .down: self = .floor
            case .up: self = .ceiling
            case .bankers: self = .halfEven
            @unknown default: self = .halfEven
            }
        }
    }

    /// Drops the last `count` digits (which may be more than there are), rounding by `mode`.
    func droppingDigits(_ count: Int, mode: Mode) -> FEELDecimalDigits {
        guard count > 0, !isZero else { return self }
        let keptCount = max(0, digits.count - count)
        var kept = Array(digits[0..<keptCount])
        let dropped = digits[keptCount...]
        let firstDropped: UInt8 = count > digits.count ? 0 : (dropped.first ?? 0)
        let restNonZero = count > digits.count ? dropped.contains { $0 != 0 } : dropped.dropFirst().contains { $0 != 0 }
        let anyNonZero = firstDropped != 0 || restNonZero
        let increment: Bool
        switch mode {
        case .halfEven:
            increment = firstDropped > 5 || (firstDropped == 5 && (restNonZero || (kept.last ?? 0) % 2 == 1))
        case .halfUp: increment = firstDropped >= 5
        case .floor: increment = negative && anyNonZero
        case .ceiling: increment = !negative && anyNonZero
        case .towardZero: increment = false
        }
        if increment {
            var index = kept.count - 1
            while index >= 0 {
                if kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                } else {
                    kept[index] += 1
                    break
                }
            }
            if index < 0 { kept.insert(1, at: 0) }
        }
        return FEELDecimalDigits(negative: negative, digits: kept, exponent: exponent + count)
    }

    /// Rounded to `precision` significant digits.
    func rounded(toPrecision precision: Int, mode: Mode = .halfEven) -> FEELDecimalDigits {
        digits.count > precision ? droppingDigits(digits.count - precision, mode: mode) : self
    }

    /// Rounded to `scale` decimal places (negative: to tens, hundreds, …).
    func rounded(toScale scale: Int, mode: Mode) -> FEELDecimalDigits {
        let count = -scale - exponent
        return count > 0 ? droppingDigits(count, mode: mode) : self
    }

    /// Trailing zeros moved into the exponent.
    var normalized: FEELDecimalDigits {
        var copy = self
        while copy.digits.count > 1, copy.digits.last == 0 {
            copy.digits.removeLast()
            copy.exponent += 1
        }
        return copy
    }

    /// Rounded to `precision` digits, without trailing zeros, and brought into the range a
    /// `Decimal` can store: nil at 1e128 and above; below about 1e-128 digits are lost and
    /// finally the value becomes zero.
    func fitted(precision: Int = FEELNumber.precision) -> FEELDecimalDigits? {
        var value = rounded(toPrecision: precision).normalized
        if value.isZero { return .zero }
        if value.exponent < -128 {
            value = value.droppingDigits(-128 - value.exponent, mode: .halfEven).normalized
            if value.isZero { return .zero }
        }
        return value.exponent <= 127 ? value : nil
    }

    /// The `Decimal` of fitted digits (at most 38 digits, exponent -128...127).
    func makeDecimal() -> Decimal? {
        guard !isZero else { return Decimal(0) }
        guard digits.count <= 38, (-128...127).contains(exponent) else { return nil }
        // Up to 19 digits per UInt64 chunk; Decimal arithmetic on such integers is exact and safe.
        var significand = Decimal(0)
        var index = 0
        while index < digits.count {
            let chunk = digits[index..<min(index + 18, digits.count)]
            var value: UInt64 = 0
            for digit in chunk { value = value * 10 + UInt64(digit) }
            if index > 0 {
                var scale = Decimal(1)
                for _ in 0..<chunk.count { scale *= 10 }
                significand = significand * scale + Decimal(value)
            } else {
                significand = Decimal(value)
            }
            index += chunk.count
        }
        let result = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
        return result.isNaN ? nil : result
    }

    /// A `Decimal` rounded to `precision` digits, nil when too large (see `fitted`).
    func decimal(precision: Int = FEELNumber.precision) -> Decimal? {
        fitted(precision: precision)?.makeDecimal()
    }

    // MARK: - Arithmetic (exact)

    static func compareMagnitudes(_ a: FEELDecimalDigits, _ b: FEELDecimalDigits) -> Int {
        if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
        if a.adjustedExponent != b.adjustedExponent { return a.adjustedExponent < b.adjustedExponent ? -1 : 1 }
        let length = max(a.digits.count, b.digits.count)
        for index in 0..<length {
            let x = index < a.digits.count ? a.digits[index] : 0
            let y = index < b.digits.count ? b.digits[index] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    static func compare(_ a: FEELDecimalDigits, _ b: FEELDecimalDigits) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let magnitude = compareMagnitudes(a, b)
        return a.negative ? -magnitude : magnitude
    }

    /// The digits of `value` shifted left by `shift` places (appending zeros).
    private static func shifted(_ value: FEELDecimalDigits, by shift: Int) -> [UInt8] {
        value.digits + Array(repeating: 0, count: shift)
    }

    /// Sum of non-negative integers given as digit arrays.
    private static func addDigits(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt8 = 0
        var i = a.count - 1, j = b.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let sum = (i >= 0 ? a[i] : 0) + (j >= 0 ? b[j] : 0) + carry
            result.append(sum % 10)
            carry = sum / 10
            i -= 1
            j -= 1
        }
        return result.reversed()
    }

    /// a - b for digit arrays with a >= b.
    private static func subtractDigits(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result = a
        var borrow: Int = 0
        var j = b.count - 1
        var i = a.count - 1
        while i >= 0 {
            var difference = Int(result[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            if difference < 0 {
                difference += 10
                borrow = 1
            } else {
                borrow = 0
            }
            result[i] = UInt8(difference)
            i -= 1
            j -= 1
        }
        return result
    }

    private static func compareDigits(_ a: ArraySlice<UInt8>, _ b: [UInt8]) -> Int {
        var a = a
        while a.first == 0 { a = a.dropFirst() }
        var bTrimmed = b[...]
        while bTrimmed.first == 0 { bTrimmed = bTrimmed.dropFirst() }
        if a.count != bTrimmed.count { return a.count < bTrimmed.count ? -1 : 1 }
        for (x, y) in zip(a, bTrimmed) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    /// Exact sum; operands whose magnitudes are more than `precision + 2` orders apart add
    /// the smaller one as a sticky digit, which rounds the same way.
    static func add(_ a: FEELDecimalDigits, _ b: FEELDecimalDigits, precision: Int) -> FEELDecimalDigits {
        if a.isZero { return b }
        if b.isZero { return a }
        var x = a, y = b
        let gap = precision + 3
        if x.adjustedExponent - y.adjustedExponent > gap {
            y = FEELDecimalDigits(negative: y.negative, digits: [1], exponent: x.exponent - gap)
        } else if y.adjustedExponent - x.adjustedExponent > gap {
            x = FEELDecimalDigits(negative: x.negative, digits: [1], exponent: y.exponent - gap)
        }
        let exponent = min(x.exponent, y.exponent)
        let xd = shifted(x, by: x.exponent - exponent), yd = shifted(y, by: y.exponent - exponent)
        if x.negative == y.negative {
            return FEELDecimalDigits(negative: x.negative, digits: addDigits(xd, yd), exponent: exponent)
        }
        switch compareDigits(xd[...], yd) {
        case 0: return .zero
        case 1: return FEELDecimalDigits(negative: x.negative, digits: subtractDigits(xd, yd), exponent: exponent)
        default: return FEELDecimalDigits(negative: y.negative, digits: subtractDigits(yd, xd), exponent: exponent)
        }
    }

    static func multiply(_ a: FEELDecimalDigits, _ b: FEELDecimalDigits) -> FEELDecimalDigits {
        if a.isZero || b.isZero { return .zero }
        var product = [Int](repeating: 0, count: a.digits.count + b.digits.count)
        for i in stride(from: a.digits.count - 1, through: 0, by: -1) {
            for j in stride(from: b.digits.count - 1, through: 0, by: -1) {
                product[i + j + 1] += Int(a.digits[i]) * Int(b.digits[j])
            }
        }
        for index in stride(from: product.count - 1, to: 0, by: -1) where product[index] >= 10 {
            product[index - 1] += product[index] / 10
            product[index] %= 10
        }
        return FEELDecimalDigits(negative: a.negative != b.negative, digits: product.map { UInt8($0) },
                                 exponent: a.exponent + b.exponent)
    }

    /// The quotient to `precision + 2` significant digits plus a sticky digit, so that
    /// rounding it to `precision` digits rounds the exact quotient correctly. Nil for b = 0.
    static func divide(_ a: FEELDecimalDigits, _ b: FEELDecimalDigits, precision: Int) -> FEELDecimalDigits? {
        if b.isZero { return nil }
        if a.isZero { return .zero }
        let wanted = precision + 2
        // Scale the dividend so the integer quotient has at least `wanted` digits.
        let shift = max(0, wanted + b.digits.count - a.digits.count)
        let dividend = a.digits + Array(repeating: 0, count: shift)
        var quotient: [UInt8] = []
        var remainder: [UInt8] = []
        for digit in dividend {
            remainder.append(digit)
            while remainder.first == 0 { remainder.removeFirst() }
            var count: UInt8 = 0
            while compareDigits(remainder[...], b.digits) >= 0 {
                remainder = subtractDigits(remainder, b.digits)
                while remainder.first == 0 { remainder.removeFirst() }
                count += 1
            }
            quotient.append(count)
        }
        var exponent = a.exponent - shift - b.exponent
        if !remainder.isEmpty {
            quotient.append(1)
            exponent -= 1
        }
        return FEELDecimalDigits(negative: a.negative != b.negative, digits: quotient, exponent: exponent)
    }
}
