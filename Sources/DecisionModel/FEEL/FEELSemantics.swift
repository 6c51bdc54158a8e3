import Foundation

/// A runtime problem in an operator or built-in function; the evaluator records it with the
/// offset of the failing part and uses `null` as the value.
struct FEELProblem: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

/// FEEL's operator semantics on values: equality, ordering, arithmetic (chapter 10.3.2).
enum FEELSemantics {
    // MARK: - Equality and order

    static func equals(_ a: FEELValue, _ b: FEELValue) -> Bool? {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        // Times and date-times are equal to the second (DMN 1.5, 10.3.2.3.4-5: fractions do not count).
        case (.time(let x), .time(let y)): return x.utcSecondOfDay == y.utcSecondOfDay
        case (.dateTime(let x), .dateTime(let y)): return x.epochSeconds == y.epochSeconds
        case (.duration(let x), .duration(let y)):
            return x.kind == y.kind ? x == y : nil
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            var unknown = false
            for (left, right) in zip(x, y) {
                switch equals(left, right) {
                case false?: return false
                case nil: unknown = true
                case true?: break
                }
            }
            return unknown ? nil : true
        case (.context(let x), .context(let y)):
            guard Set(x.keys) == Set(y.keys) else { return false }
            var unknown = false
            for (key, value) in x.entries {
                switch equals(value, y[key] ?? .null) {
                case false?: return false
                case nil: unknown = true
                case true?: break
                }
            }
            return unknown ? nil : true
        case (.function(let x), .function(let y)): return x == y
        case (.range(let x), .range(let y)): return x == y
        default: return nil
        }
    }

    static func compare(_ a: FEELValue, _ b: FEELValue) -> ComparisonResult? {
        func order<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult {
            x < y ? .orderedAscending : (y < x ? .orderedDescending : .orderedSame)
        }
        switch (a, b) {
        case (.number(let x), .number(let y)): return order(x, y)
        case (.string(let x), .string(let y)):
            if x == y { return .orderedSame }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? .orderedAscending : .orderedDescending
        case (.date(let x), .date(let y)): return order(x, y)
        case (.time(let x), .time(let y)): return order(x, y)
        case (.dateTime(let x), .dateTime(let y)): return order(x, y)
        case (.duration(let x), .duration(let y)):
            return x.kind == y.kind ? order(x, y) : nil
        default: return nil
        }
    }

    static func describePair(_ a: FEELValue, _ b: FEELValue) -> String {
        "\(a.typeName) and \(b.typeName)"
    }

    // MARK: - Arithmetic

    static func add(_ a: FEELValue, _ b: FEELValue) throws(FEELProblem) -> FEELValue {
        switch (a, b) {
        case (.null, _), (_, .null): return .null
        case (.number(let x), .number(let y)): return try number(FEELNumber.add(x, y))
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.duration(let x), .duration(let y)):
            guard x.kind == y.kind else { throw FEELProblem("cannot add \(describePair(a, b))") }
            return .duration(try combine(x, y, subtract: false))
        case (.date(let d), .duration(let dur)), (.duration(let dur), .date(let d)):
            return .date(try shift(d, by: dur))
        case (.dateTime(let dt), .duration(let dur)), (.duration(let dur), .dateTime(let dt)):
            return .dateTime(try shift(dt, by: dur))
        case (.time(let t), .duration(let dur)), (.duration(let dur), .time(let t)):
            return .time(try shift(t, by: dur))
        default:
            throw FEELProblem("cannot add \(describePair(a, b))")
        }
    }

    static func subtract(_ a: FEELValue, _ b: FEELValue) throws(FEELProblem) -> FEELValue {
        switch (a, b) {
        case (.null, _), (_, .null): return .null
        case (.number(let x), .number(let y)): return try number(FEELNumber.subtract(x, y))
        case (.duration(let x), .duration(let y)):
            guard x.kind == y.kind else { throw FEELProblem("cannot subtract \(b.typeName) from \(a.typeName)") }
            return .duration(try combine(x, y, subtract: true))
        case (.date(let d), .duration(let dur)): return .date(try shift(d, by: dur.negated))
        case (.dateTime(let dt), .duration(let dur)): return .dateTime(try shift(dt, by: dur.negated))
        case (.time(let t), .duration(let dur)): return .time(try shift(t, by: dur.negated))
        case (.date(let x), .date(let y)):
            return .duration(FEELDuration(seconds: (x.daysSinceEpoch - y.daysSinceEpoch) * 86_400))
        case (.dateTime(let x), .dateTime(let y)):
            guard x.isZoned == y.isZoned else { throw FEELProblem(mixedZones) }
            return .duration(try difference(x, y))
        // A date in a difference with a date and time is midnight UTC (DMN 1.5 table 59), so the other must be zoned.
        case (.dateTime(let x), .date(let y)):
            guard x.isZoned else { throw FEELProblem(mixedZones) }
            return .duration(try difference(x, utcMidnight(y)))
        case (.date(let x), .dateTime(let y)):
            guard y.isZoned else { throw FEELProblem(mixedZones) }
            return .duration(try difference(utcMidnight(x), y))
        case (.time(let x), .time(let y)):
            guard x.isZoned == y.isZoned else { throw FEELProblem(mixedZones) }
            let seconds = FEELNumber(x.utcSecondsUnwrapped - y.utcSecondsUnwrapped)
            guard let total = FEELNumber.add(seconds, nanos(x.nanosecond - y.nanosecond)) else {
                throw FEELProblem("duration out of range")
            }
            return .duration(FEELDuration(seconds: total))
        default:
            throw FEELProblem("cannot subtract \(b.typeName) from \(a.typeName)")
        }
    }

    static func multiply(_ a: FEELValue, _ b: FEELValue) throws(FEELProblem) -> FEELValue {
        switch (a, b) {
        case (.null, _), (_, .null): return .null
        case (.number(let x), .number(let y)): return try number(FEELNumber.multiply(x, y))
        case (.duration(let d), .number(let n)), (.number(let n), .duration(let d)):
            return .duration(try scale(d, by: n, divide: false))
        default:
            throw FEELProblem("cannot multiply \(describePair(a, b))")
        }
    }

    static func divide(_ a: FEELValue, _ b: FEELValue) throws(FEELProblem) -> FEELValue {
        switch (a, b) {
        case (.null, _), (_, .null): return .null
        case (.number(let x), .number(let y)):
            if y.isZero { throw FEELProblem("division by zero") }
            return try number(FEELNumber.divide(x, y))
        case (.duration(let d), .number(let n)):
            if n.isZero { throw FEELProblem("division by zero") }
            return .duration(try scale(d, by: n, divide: true))
        case (.duration(let x), .duration(let y)):
            guard x.kind == y.kind else { throw FEELProblem("cannot divide \(describePair(a, b))") }
            if y.isZero { throw FEELProblem("division by zero") }
            if x.kind == .yearsAndMonths {
                return try number(FEELNumber.divide(FEELNumber(x.months), FEELNumber(y.months)))
            }
            return try number(FEELNumber.divide(x.seconds, y.seconds))
        default:
            throw FEELProblem("cannot divide \(a.typeName) by \(b.typeName)")
        }
    }

    static func power(_ a: FEELValue, _ b: FEELValue) throws(FEELProblem) -> FEELValue {
        switch (a, b) {
        case (.null, _), (_, .null): return .null
        case (.number(let x), .number(let y)):
            guard let result = FEELNumber.power(x, y) else {
                throw FEELProblem(x.isZero && y.isNegative ? "division by zero" : "\(x) ** \(y) is not a number in range")
            }
            return .number(result)
        default:
            throw FEELProblem("cannot raise \(a.typeName) to the power of \(b.typeName)")
        }
    }

    static func negate(_ a: FEELValue) throws(FEELProblem) -> FEELValue {
        switch a {
        case .null: return .null
        case .number(let x): return .number(FEELNumber.negate(x))
        case .duration(let d): return .duration(d.negated)
        default: throw FEELProblem("cannot negate \(a.typeName)")
        }
    }

    // MARK: - Helpers

    private static func number(_ value: FEELNumber?) throws(FEELProblem) -> FEELValue {
        guard let value else { throw FEELProblem("number out of range") }
        return .number(value)
    }

    private static func nanos(_ count: Int) -> FEELNumber {
        FEELNumber(Decimal(count) / Decimal(1_000_000_000))
    }

    static func midnight(_ date: FEELDate) -> FEELDateTime {
        FEELDateTime(date: date, time: FEELTime.midnight)
    }

    private static let utcMidnightTime = FEELTime(hour: 0, minute: 0, second: 0, offsetSeconds: 0)!

    static func utcMidnight(_ date: FEELDate) -> FEELDateTime {
        FEELDateTime(date: date, time: utcMidnightTime)
    }

    static let mixedZones = "one value has a time zone and the other has none, so their difference is not defined"


    private static func combine(_ x: FEELDuration, _ y: FEELDuration, subtract: Bool) throws(FEELProblem) -> FEELDuration {
        if x.kind == .yearsAndMonths {
            let (value, overflow) = subtract ? x.months.subtractingReportingOverflow(y.months)
                                             : x.months.addingReportingOverflow(y.months)
            guard !overflow else { throw FEELProblem("duration out of range") }
            return FEELDuration(months: value)
        }
        guard let value = subtract ? FEELNumber.subtract(x.seconds, y.seconds) : FEELNumber.add(x.seconds, y.seconds) else {
            throw FEELProblem("duration out of range")
        }
        return FEELDuration(seconds: value)
    }

    private static func scale(_ d: FEELDuration, by n: FEELNumber, divide: Bool) throws(FEELProblem) -> FEELDuration {
        if d.kind == .yearsAndMonths {
            guard let product = divide ? FEELNumber.divide(FEELNumber(d.months), n) : FEELNumber.multiply(FEELNumber(d.months), n),
                  let months = product.rounded(scale: 0, mode: product.isNegative ? .up : .down)?.intValue else {
                throw FEELProblem("duration out of range")
            }
            return FEELDuration(months: months)
        }
        guard let seconds = divide ? FEELNumber.divide(d.seconds, n) : FEELNumber.multiply(d.seconds, n) else {
            throw FEELProblem("duration out of range")
        }
        return FEELDuration(seconds: seconds)
    }

    private static func difference(_ x: FEELDateTime, _ y: FEELDateTime) throws(FEELProblem) -> FEELDuration {
        let seconds = FEELNumber(x.epochSeconds - y.epochSeconds)
        guard let total = FEELNumber.add(seconds, nanos(x.time.nanosecond - y.time.nanosecond)) else {
            throw FEELProblem("duration out of range")
        }
        return FEELDuration(seconds: total)
    }

    static func shift(_ date: FEELDate, by duration: FEELDuration) throws(FEELProblem) -> FEELDate {
        if duration.kind == .yearsAndMonths {
            guard let result = date.adding(months: duration.months) else { throw FEELProblem("date out of range") }
            return result
        }
        return try shift(midnight(date), by: duration).date
    }

    static func shift(_ dateTime: FEELDateTime, by duration: FEELDuration) throws(FEELProblem) -> FEELDateTime {
        if duration.kind == .yearsAndMonths {
            guard let date = dateTime.date.adding(months: duration.months) else { throw FEELProblem("date out of range") }
            let moved = FEELDateTime(date: date, time: dateTime.time)
            if dateTime.time.zoneID != nil, let rezoned = moved.with(localSeconds: moved.localSeconds, nanosecond: moved.time.nanosecond) {
                return rezoned
            }
            return moved
        }
        guard let (seconds, nanos) = duration.wholeSecondsAndNanos else { throw FEELProblem("date out of range") }
        var totalNanos = dateTime.time.nanosecond + nanos
        var carry = 0
        if totalNanos >= 1_000_000_000 { totalNanos -= 1_000_000_000; carry = 1 }
        if totalNanos < 0 { totalNanos += 1_000_000_000; carry = -1 }
        let (local, overflow) = dateTime.localSeconds.addingReportingOverflow(seconds + carry)
        guard !overflow, let result = dateTime.with(localSeconds: local, nanosecond: totalNanos) else {
            throw FEELProblem("date out of range")
        }
        return result
    }

    static func shift(_ time: FEELTime, by duration: FEELDuration) throws(FEELProblem) -> FEELTime {
        guard duration.kind == .daysAndTime else {
            throw FEELProblem("cannot add a years and months duration to a time")
        }
        guard let (seconds, nanos) = duration.wholeSecondsAndNanos else { throw FEELProblem("time out of range") }
        var totalNanos = time.nanosecond + nanos
        var carry = 0
        if totalNanos >= 1_000_000_000 { totalNanos -= 1_000_000_000; carry = 1 }
        if totalNanos < 0 { totalNanos += 1_000_000_000; carry = -1 }
        guard let result = time.with(secondOfDay: time.secondOfDay + (seconds % 86_400) + carry, nanosecond: totalNanos) else {
            throw FEELProblem("time out of range")
        }
        return result
    }
}

